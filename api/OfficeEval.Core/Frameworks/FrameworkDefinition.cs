namespace OfficeEval.Core.Frameworks;

/// <summary>
/// An indicator framework (指标体系): a tree of dimensions (一级指标) whose leaves carry scoring rules.
/// Immutable once published; a change makes a new <see cref="Version"/>.
/// </summary>
/// <param name="Code">Stable code of the framework, e.g. <c>GOV-2026</c>.</param>
/// <param name="Name">Chinese name shown to users.</param>
/// <param name="Version">Version label; a published version never changes.</param>
/// <param name="TotalPoints">Total points of the framework (100, 120, …): the dimensions' points add up to it.</param>
/// <param name="ApplicableKinds">Unit kinds the framework is meant for; empty means every kind.</param>
/// <param name="Dimensions">First-level indicators, in display order.</param>
public sealed record FrameworkDefinition(
    string Code,
    string Name,
    string Version,
    decimal TotalPoints,
    IReadOnlyList<UnitKind> ApplicableKinds,
    IReadOnlyList<IndicatorNode> Dimensions)
{
    /// <summary>Every leaf of the tree, depth first, in display order.</summary>
    public IEnumerable<LeafInfo> Leaves()
    {
        foreach (var dimension in Dimensions)
        {
            foreach (var leaf in Walk(dimension, [dimension]))
            {
                yield return leaf;
            }
        }
    }

    private static IEnumerable<LeafInfo> Walk(IndicatorNode node, IReadOnlyList<IndicatorNode> path)
    {
        if (node.IsLeaf)
        {
            yield return new LeafInfo(node, path);
            yield break;
        }

        foreach (var child in node.Children)
        {
            foreach (var leaf in Walk(child, [.. path, child]))
            {
                yield return leaf;
            }
        }
    }
}

/// <summary>A leaf together with its path from the dimension (first element) down to the leaf itself (last).</summary>
/// <param name="Node">The leaf.</param>
/// <param name="Path">Dimension → … → leaf.</param>
public sealed record LeafInfo(IndicatorNode Node, IReadOnlyList<IndicatorNode> Path)
{
    /// <summary>The first-level indicator the leaf belongs to.</summary>
    public IndicatorNode Dimension => Path[0];
}

/// <summary>Kinds of evaluated unit (单位类型).</summary>
public enum UnitKind
{
    /// <summary>党委部门</summary>
    Party,
    /// <summary>政府部门</summary>
    Government,
    /// <summary>群团机关</summary>
    MassOrganisation,
    /// <summary>事业单位</summary>
    PublicInstitution,
    /// <summary>乡镇（街道）</summary>
    Township,
}
