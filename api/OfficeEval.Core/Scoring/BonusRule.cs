using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// Bonus (加分) per occurrence: <see cref="PerOccurrence"/> for each counted occurrence (the answer's
/// <see cref="Answer.Number"/>), up to the leaf's points, which are the per-leaf cap (e.g. “每增加1名加0.05分，最多加0.5分”
/// is a leaf of 0.5 points). A bonus leaf does not count in its parent's points nor in dimension subtotals: its score
/// goes to the bonus pool named <see cref="Pool"/>, whose own cap is set on the framework, and the pool's total is
/// added to the unit's total. No answer means no bonus claimed, which is not a problem.
/// </summary>
/// <param name="PerOccurrence">Points added per occurrence (&gt; 0).</param>
/// <param name="Pool">Code of a bonus pool declared in the framework's bonus pools.</param>
public sealed record BonusRule(decimal PerOccurrence, string Pool) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Bonus;
}

/// <summary>
/// Veto item (一票否优 / 一票否决): a finding, answered as <see cref="Answer.Finding"/> (yes/no) or as a count
/// (<see cref="Answer.Number"/> &gt; 0 is a finding); a reviewer's verification overrides the unit's answer.
/// A veto leaf has 0 points and scores nothing; its effect is applied to the unit: <see cref="VetoEffect.CapGrade"/>
/// caps the grade (否优: by default the unit cannot receive the best grade; <see cref="MaxGrade"/> names another cap),
/// <see cref="VetoEffect.ZeroTotal"/> zeroes the total (否决) and puts the unit in the lowest grade.
/// No answer means nothing was found, which is not a problem: findings are recorded by exception.
/// </summary>
/// <param name="Effect">What a finding does.</param>
/// <param name="MaxGrade">For <see cref="VetoEffect.CapGrade"/>: the best grade label still allowed; null for “one below the best”.</param>
public sealed record VetoRule(VetoEffect Effect, string? MaxGrade = null) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Veto;
}

/// <summary>What a veto finding does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VetoEffect>))]
public enum VetoEffect
{
    /// <summary>一票否优: the grade is capped (applied after grading).</summary>
    CapGrade,
    /// <summary>一票否决: the total is zeroed and the unit gets the lowest grade.</summary>
    ZeroTotal,
}
