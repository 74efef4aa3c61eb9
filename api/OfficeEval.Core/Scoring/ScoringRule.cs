using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// A leaf's machine scoring rule, described as data so it can be stored as JSON and authored in Excel.
/// Every kind is handled by an exhaustive switch in <see cref="RuleScorer"/> and <see cref="RuleValidator"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(QualitativeScaleRule), "qualitative")]
[JsonDerivedType(typeof(DeductionRule), "deduction")]
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
/// </summary>
/// <param name="PerOccurrence">Points deducted per occurrence (&gt; 0).</param>
/// <param name="Cap">Maximum total deduction; null means the leaf's points.</param>
public sealed record DeductionRule(decimal PerOccurrence, decimal? Cap = null) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Deduction;
}
