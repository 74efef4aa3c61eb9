namespace OfficeEval.Core.Surveys;

/// <summary>The satisfaction an indicator's items measure.</summary>
/// <param name="IndicatorCode">The indicator.</param>
/// <param name="Fraction">
/// Σ weight × group mean ÷ Σ weight over the groups used, 0…1, four decimals; null when no group could be used.
/// </param>
/// <param name="Groups">Each group asked about the indicator, in definition order.</param>
/// <param name="Explanation">How the fraction was reached, in Chinese; the empty string when aggregated with
/// <c>explain: false</c> (see <see cref="SurveyAggregator.Aggregate"/>).</param>
public sealed record IndicatorSatisfaction(string IndicatorCode, decimal? Fraction, IReadOnlyList<GroupSatisfaction> Groups, string Explanation);
