using System.Text.Json.Serialization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Frameworks;

/// <summary>
/// One node of the indicator tree: a dimension (一级), an inner indicator (二级) or a leaf (三级, or a level-2 leaf).
/// A node is a leaf when it has no children; a leaf must carry a <see cref="Rule"/>. Bonus leaves (加分项) and veto
/// leaves (否决项) may sit anywhere in the tree; their points do not count in their parent's (see <see cref="IsCounted"/>).
/// </summary>
/// <param name="Code">Code unique within the framework, e.g. <c>2.1.3</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Points">Points (分值). Inner nodes' points equal the sum of their counted children's. A bonus leaf's
/// points are its cap; a veto leaf has 0 points.</param>
/// <param name="Children">Child indicators; empty for a leaf.</param>
/// <param name="Rule">The machine scoring rule of a leaf; null for inner nodes.</param>
public sealed record IndicatorNode(string Code, string Name, decimal Points, IReadOnlyList<IndicatorNode> Children, ScoringRule? Rule = null)
{
    /// <summary>Optional English name.</summary>
    public string? NameEn { get; init; }

    /// <summary>评估要点: what the leaf checks.</summary>
    public IReadOnlyList<string> EvaluationPoints { get; init; } = [];

    /// <summary>评分标准: the scoring standard as text shown to staff and reviewers.</summary>
    public string ScoringStandard { get; init; } = "";

    /// <summary>佐证材料: the evidence a unit is expected to attach.</summary>
    public IReadOnlyList<string> EvidenceChecklist { get; init; } = [];

    /// <summary>True for an individual indicator (个性指标) added per unit; false for a common one (共性指标).</summary>
    public bool IsIndividual { get; init; }

    /// <summary>True when the node has no children.</summary>
    public bool IsLeaf => Children is null || Children.Count == 0;

    /// <summary>
    /// True for a leaf whose points count towards its parent, its dimension and the framework total: every leaf but
    /// bonus leaves (their points are their cap, outside the total) and veto leaves (0 points).
    /// </summary>
    [JsonIgnore]
    public bool IsCounted => IsLeaf && (Rule is null || RuleScorer.RoleOf(Rule.Kind) == LeafRole.Regular);

    /// <summary>The leaves under this node (the node itself when it is a leaf), depth first, in display order.</summary>
    public IEnumerable<IndicatorNode> Leaves() => IsLeaf ? [this] : Children.SelectMany(c => c.Leaves());
}
