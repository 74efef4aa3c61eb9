using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// Linear between two anchors, clamped: at <see cref="From"/>'s value the leaf earns its fraction, at
/// <see cref="To"/>'s value its fraction, in between on the straight line, beyond either anchor that anchor's
/// fraction (e.g. 60 → 0, 100 → 1). The value is the answer's <see cref="Answer.Number"/> or a metric.
/// </summary>
/// <param name="From">First anchor.</param>
/// <param name="To">Second anchor; its value must differ from the first's.</param>
public sealed record LinearRule(Anchor From, Anchor To) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Linear;
}

/// <summary>An anchor of a <see cref="LinearRule"/>.</summary>
/// <param name="Value">The value.</param>
/// <param name="Fraction">The fraction of the points earned at that value, 0..1.</param>
public sealed record Anchor(decimal Value, decimal Fraction);

/// <summary>
/// Ratio to a target, capped at full points: positive indicators (正向指标) score points × actual ÷ target,
/// negative indicators (反向指标, smaller is better) score points × target ÷ actual. A negative actual is invalid;
/// an actual of 0 scores 0 on a positive indicator and full points on a negative one.
/// </summary>
/// <param name="Direction">Positive or negative.</param>
/// <param name="Target">The target value (&gt; 0).</param>
public sealed record RatioRule(RatioDirection Direction, decimal Target) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Ratio;
}

/// <summary>Which way a <see cref="RatioRule"/> reads.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RatioDirection>))]
public enum RatioDirection
{
    /// <summary>正向: actual ÷ target.</summary>
    Positive,
    /// <summary>反向: target ÷ actual.</summary>
    Negative,
}

/// <summary>
/// Shortfall per percentage point (“每低1%扣0.1分”): full points when the value (a percentage, e.g. 18.5 for 18.5%)
/// reaches <see cref="Target"/>; otherwise <see cref="PerPoint"/> is deducted for each percentage point of the gap,
/// up to <see cref="Cap"/> (default: the leaf's points, 扣完为止). With <see cref="Direction"/> = <c>Above</c> the
/// gap is the excess over the target (“每超1个百分点扣0.5分”). The gap counts pro rata (a gap of 2.5 points deducts
/// 2.5 × step) unless <see cref="WholePoints"/> is set, in which case only whole points of gap count.
/// </summary>
/// <param name="Target">Target percentage.</param>
/// <param name="PerPoint">Points deducted per percentage point of gap (&gt; 0).</param>
/// <param name="Cap">Maximum deduction; null means the leaf's points.</param>
/// <param name="Direction">Whether falling below (default) or rising above the target is penalised.</param>
/// <param name="WholePoints">True to count only whole percentage points of the gap.</param>
public sealed record ShortfallRule(decimal Target, decimal PerPoint, decimal? Cap = null, ShortfallDirection Direction = ShortfallDirection.Below, bool WholePoints = false) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Shortfall;
}

/// <summary>Which side of the target a <see cref="ShortfallRule"/> penalises.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShortfallDirection>))]
public enum ShortfallDirection
{
    /// <summary>每低: values below the target lose points.</summary>
    Below,
    /// <summary>每超: values above the target lose points.</summary>
    Above,
}
