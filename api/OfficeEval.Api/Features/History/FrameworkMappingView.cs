using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;

namespace OfficeEval.Api.Features.History;

/// <summary>
/// The mapping from one framework version to another as the office reviews it: every old dimension and leaf with what
/// it becomes, the new ones nothing maps to, and, for a stored mapping, whatever no longer fits the frameworks.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Source</c>: Stored, or Suggested when nothing is stored (same code and kind carry over; renamed ones need review).</item>
/// <item><c>Links</c>: Every dimension and leaf of the old version, in its order.</item>
/// <item><c>NewWithoutPredecessor</c>: The new version's dimensions and leaves no link leads to, in its order.</item>
/// <item><c>Problems</c>: Stored links that no longer fit (a draft changed since): they are ignored by comparisons.</item>
/// </list>
/// </remarks>
public sealed record FrameworkMappingView(
    FrameworkRef From,
    FrameworkRef To,
    MappingSource Source,
    IReadOnlyList<MappingRow> Links,
    IReadOnlyList<MappingNode> NewWithoutPredecessor,
    IReadOnlyList<ProblemItem> Problems)
{
    internal static FrameworkMappingView Of(FrameworkRecord fromRecord, FrameworkDefinition from, FrameworkRecord toRecord, FrameworkDefinition to,
        IndicatorMapping mapping, MappingSource source)
    {
        var table = MappingTable.Describe(from, to, mapping);
        var problems = source == MappingSource.Stored
            ? mapping.Validate(from, to).Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { Field = p.Field, IndicatorCode = p.IndicatorCode, IsWarning = true }).ToList()
            : [];
        return new FrameworkMappingView(FrameworkRef.Of(fromRecord), FrameworkRef.Of(toRecord), source, table.Rows, table.NewWithoutPredecessor, problems);
    }
}

/// <summary>A framework version, as the mapping names it.</summary>
public sealed record FrameworkRef(Guid Id, string Code, string Version, string Name, bool Published)
{
    internal static FrameworkRef Of(FrameworkRecord record) => new(record.Id, record.Code, record.Version, record.Name, record.IsPublished);
}
