namespace OfficeEval.Core.Surveys;

/// <summary>A unit's survey, aggregated.</summary>
/// <param name="Indicators">One entry per indicator linked to an item, in the order the items first name them.</param>
/// <param name="Groups">Participation per respondent group, in definition order.</param>
/// <param name="ValidAnswers">Answers counted.</param>
/// <param name="InvalidAnswers">Answers set aside (unknown item or group, out of scale, wrong group, repeated).</param>
/// <param name="Problems">Definition problems, or invalid answers (one problem per kind and item, with counts) and indicator problems.</param>
public sealed record SurveyResult(
    IReadOnlyList<IndicatorSatisfaction> Indicators,
    IReadOnlyList<GroupParticipation> Groups,
    int ValidAnswers,
    int InvalidAnswers,
    IReadOnlyList<EngineProblem> Problems)
{
    /// <summary>The computed fractions by indicator code (indicators without one are left out), ready for scoring.</summary>
    public IReadOnlyDictionary<string, decimal> FractionsByIndicator()
    {
        var fractions = new Dictionary<string, decimal>(Indicators.Count, StringComparer.Ordinal);
        for (var i = 0; i < Indicators.Count; i++)
        {
            if (Indicators[i] is { Fraction: { } fraction } indicator)
            {
                fractions.Add(indicator.IndicatorCode, fraction);
            }
        }

        return fractions;
    }
}
