using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// Proportional shares: points × Σ shareᵢ × factorᵢ, where shareᵢ = countᵢ ÷ Σ counts of the listed groups
/// (e.g. staff aged ≤35 / 36–50 / 51–60 with factors 1 / 0.8 / 0.5). The counts come from the answer's
/// <see cref="Answer.Counts"/> keyed by label, or with <see cref="ShareSource.AgeBands"/> from the unit's
/// <see cref="UnitFacts.AgeBands"/>, each factor naming its <see cref="ShareFactor.AgeBand"/>.
/// </summary>
/// <param name="Factors">The groups and their factors.</param>
/// <param name="Source">Where the counts come from.</param>
public sealed record ShareRule(IReadOnlyList<ShareFactor> Factors, ShareSource Source = ShareSource.Answer) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Shares;
}

/// <summary>One group of a <see cref="ShareRule"/>.</summary>
/// <param name="Label">The group's label, e.g. 35岁及以下; the key of its count in <see cref="Answer.Counts"/>.</param>
/// <param name="Factor">What a full share of this group is worth, 0..1.</param>
/// <param name="AgeBand">With <see cref="ShareSource.AgeBands"/>: the age band counted.</param>
public sealed record ShareFactor(string Label, decimal Factor, AgeBand? AgeBand = null);

/// <summary>Where a <see cref="ShareRule"/>'s counts come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShareSource>))]
public enum ShareSource
{
    /// <summary>The answer's counts, by label.</summary>
    Answer,
    /// <summary>The unit's age band counts (<see cref="UnitFacts.AgeBands"/>).</summary>
    AgeBands,
}

/// <summary>
/// Survey-linked: points × the fraction (0..1) the linked questionnaire produced for this indicator, supplied to the
/// engine by the survey aggregation (e.g. 满意度 0.92 on 8 points → 7.36).
/// </summary>
/// <param name="Questionnaire">Optional name of the questionnaire, shown in explanations.</param>
public sealed record SurveyRule(string? Questionnaire = null) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Survey;
}

/// <summary>
/// A metric derived from the unit's data tables (<see cref="UnitFacts"/>), named by <see cref="Metric"/> and scored
/// by <see cref="Scoring"/>, which must be a numeric rule: bands, linear, ratio, shortfall or deduction
/// (e.g. 超编人数 scored −2.5 per person). Metrics are computed in code; there are no user-supplied expressions.
/// </summary>
/// <param name="Metric">The metric.</param>
/// <param name="Scoring">The numeric rule applied to the metric's value.</param>
public sealed record MetricRule(UnitMetric Metric, ScoringRule Scoring) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Metric;
}
