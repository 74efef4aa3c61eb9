namespace OfficeEval.Core.Surveys;

/// <summary>How many of a group returned the questionnaire.</summary>
/// <param name="Group">The group.</param>
/// <param name="Respondents">Questionnaires returned by the group (valid or not).</param>
/// <param name="ExpectedSampleSize">Questionnaires sent out.</param>
/// <param name="ResponseRatePercent">Respondents ÷ expected × 100, two decimals (may exceed 100); null when the expected size is 0.</param>
public sealed record GroupParticipation(string Group, int Respondents, int ExpectedSampleSize, decimal? ResponseRatePercent);
