using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// A leaf's machine scoring rule, described as data so it can be stored as JSON and authored in Excel.
/// Every kind is handled by an exhaustive switch in <see cref="RuleScorer"/> and <see cref="RuleValidator"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(QualitativeScaleRule), "qualitative")]
[JsonDerivedType(typeof(DeductionRule), "deduction")]
[JsonDerivedType(typeof(BandsRule), "bands")]
[JsonDerivedType(typeof(LinearRule), "linear")]
[JsonDerivedType(typeof(RatioRule), "ratio")]
[JsonDerivedType(typeof(ShortfallRule), "shortfall")]
[JsonDerivedType(typeof(BonusRule), "bonus")]
[JsonDerivedType(typeof(VetoRule), "veto")]
[JsonDerivedType(typeof(ShareRule), "shares")]
[JsonDerivedType(typeof(SurveyRule), "survey")]
[JsonDerivedType(typeof(MetricRule), "metric")]
public abstract record ScoringRule
{
    /// <summary>The rule's kind; switches over it are exhaustive, so a new kind fails the build until handled.</summary>
    [JsonIgnore]
    public abstract RuleKind Kind { get; }
}

/// <summary>The kinds of scoring rule.</summary>
public enum RuleKind
{
    /// <summary>Named options, each a fraction of the points.</summary>
    Qualitative,
    /// <summary>Points deducted per occurrence.</summary>
    Deduction,
    /// <summary>A value scored by the interval it falls in.</summary>
    Bands,
    /// <summary>A value scored linearly between two anchors, clamped.</summary>
    Linear,
    /// <summary>Actual ÷ target (positive) or target ÷ actual (negative), capped at full points.</summary>
    Ratio,
    /// <summary>Points deducted per percentage point below (or above) a target.</summary>
    Shortfall,
    /// <summary>加分: points added per occurrence into a bonus pool; outside the dimension subtotals.</summary>
    Bonus,
    /// <summary>一票否优 / 一票否决: a finding that caps the grade or zeroes the total.</summary>
    Veto,
    /// <summary>Points × Σ share × factor over counted groups (e.g. age bands).</summary>
    Shares,
    /// <summary>Points × the fraction a linked questionnaire produced.</summary>
    Survey,
    /// <summary>A named metric of the unit's data tables, scored by a numeric rule.</summary>
    Metric,
}

/// <summary>
/// Qualitative scale: the unit picks one named option, worth a fraction of the leaf's points
/// (e.g. 好/较好/一般/差 → 1/0.8/0.6/0).
/// </summary>
/// <param name="Options">The options in display order.</param>
public sealed record QualitativeScaleRule(IReadOnlyList<ScaleOption> Options) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Qualitative;
}

/// <summary>One option of a qualitative scale.</summary>
/// <param name="Label">The text the unit picks, e.g. 较好.</param>
/// <param name="Fraction">Share of the points it earns, 0..1.</param>
public sealed record ScaleOption(string Label, decimal Fraction);

/// <summary>
/// Deduction per occurrence (扣分): full points minus <see cref="PerOccurrence"/> for each counted occurrence,
/// never below zero (扣完为止); with <see cref="Cap"/>, at most that much is deducted.
/// The count is the answer's <see cref="Answer.Number"/>, or a metric when wrapped in a <see cref="MetricRule"/>.
/// </summary>
/// <param name="PerOccurrence">Points deducted per occurrence (&gt; 0).</param>
/// <param name="Cap">Maximum total deduction; null means the leaf's points.</param>
public sealed record DeductionRule(decimal PerOccurrence, decimal? Cap = null) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Deduction;
}
