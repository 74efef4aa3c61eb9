namespace OfficeEval.Core.Surveys;

/// <summary>One group's answers on one indicator.</summary>
/// <param name="Group">The group.</param>
/// <param name="Respondents">Respondents with at least one valid answer on the indicator's items (n, compared with the minimum).</param>
/// <param name="Answers">Valid answers on the indicator's items.</param>
/// <param name="Mean">Mean fraction of those answers (after reverse coding), four decimals; null without answers.</param>
/// <param name="Weight">The group's configured weight.</param>
/// <param name="EffectiveWeight">Its weight after renormalisation over the groups used, four decimals; null when not used.</param>
/// <param name="ResponseRatePercent">The group's response rate (see <see cref="GroupParticipation"/>).</param>
/// <param name="BelowMinimum">True when <paramref name="Respondents"/> is under the group's minimum.</param>
/// <param name="Use">Whether and how the group counted.</param>
public sealed record GroupSatisfaction(
    string Group,
    int Respondents,
    int Answers,
    decimal? Mean,
    decimal Weight,
    decimal? EffectiveWeight,
    decimal? ResponseRatePercent,
    bool BelowMinimum,
    GroupUse Use);
