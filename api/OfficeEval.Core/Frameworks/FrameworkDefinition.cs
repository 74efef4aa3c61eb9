namespace OfficeEval.Core.Frameworks;

/// <summary>
/// An indicator framework (指标体系): a tree of dimensions (一级指标) whose leaves carry scoring rules.
/// Immutable once published; a change makes a new <see cref="Version"/>. Treat instances (and their lists) as
/// immutable: the engine caches a compiled form per instance (see <see cref="CompiledFramework"/>).
/// </summary>
/// <param name="Code">Stable code of the framework, e.g. <c>GOV-2026</c>.</param>
/// <param name="Name">Chinese name shown to users.</param>
/// <param name="Version">Version label; a published version never changes.</param>
/// <param name="TotalPoints">Total points of the framework (100, 120, …): the dimensions' points add up to it.
/// Bonus and veto leaves are outside it.</param>
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
    /// <summary>
    /// Bonus pools (加分池): each bonus leaf names one; the pool's total is added to the unit's total up to its cap.
    /// </summary>
    public IReadOnlyList<BonusPool> BonusPools { get; init; } = [];

    /// <summary>
    /// Code of the first-level indicator that holds each unit's individual indicators (个性指标); when null, the
    /// dimension named 个性指标 is used. See <see cref="IndividualIndicators.Apply"/>.
    /// </summary>
    public string? IndividualDimension { get; init; }

    /// <summary>Every leaf of the tree, depth first, in display order (computed once per instance).</summary>
    public IEnumerable<LeafInfo> Leaves() => CompiledFramework.For(this).Leaves;
}

/// <summary>A bonus pool (加分池), e.g. 基层编制加分, capped at 0.5 points for the whole pool.</summary>
/// <param name="Code">Code the bonus leaves refer to.</param>
/// <param name="Name">Chinese name shown in results.</param>
/// <param name="Cap">Most points the pool can add to a unit's total (&gt; 0).</param>
public sealed record BonusPool(string Code, string Name, decimal Cap);

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

/// <summary>Names of the unit kinds.</summary>
public static class UnitKinds
{
    /// <summary>The Chinese name, e.g. 政府部门.</summary>
    public static string NameZh(UnitKind kind) => kind switch
    {
        UnitKind.Party => "党委部门",
        UnitKind.Government => "政府部门",
        UnitKind.MassOrganisation => "群团机关",
        UnitKind.PublicInstitution => "事业单位",
        UnitKind.Township => "乡镇（街道）",
        _ => kind.ToString(),
    };
}
