using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;

namespace OfficeEval.Api.Features.History;

/// <summary>How one old dimension or leaf carries over.</summary>
public enum MappingStatus
{
    /// <summary>To the new indicator named.</summary>
    Mapped,
    /// <summary>Suggested (same code, a different name): probably the same indicator reworded, to be confirmed.</summary>
    NeedsReview,
    /// <summary>Dropped (撤销): no successor, by the office's decision.</summary>
    Dropped,
    /// <summary>No link: no known successor; its results are not compared.</summary>
    Unmapped,
}

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
        var targets = new Dictionary<string, MappingNode>(StringComparer.Ordinal);
        foreach (var (node, isDimension) in IndicatorMapping.MappableNodes(to))
        {
            targets.TryAdd(node.Code, new MappingNode(node.Code, node.Name, isDimension, node.Points));
        }

        var links = mapping.ByFromCode();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var rows = IndicatorMapping.MappableNodes(from).Select(n =>
        {
            var link = links.GetValueOrDefault(n.Node.Code);
            var target = link?.ToCode is { } code ? targets.GetValueOrDefault(code) : null;
            if (target is not null && target.IsDimension == n.IsDimension)
            {
                reached.Add(target.Code);
            }

            var status = link is null ? MappingStatus.Unmapped
                : link.ToCode is null ? MappingStatus.Dropped
                : target is null || target.IsDimension != n.IsDimension ? MappingStatus.Unmapped
                : link.NeedsReview ? MappingStatus.NeedsReview
                : MappingStatus.Mapped;
            return new MappingRow(n.Node.Code, n.Node.Name, n.IsDimension, n.Node.Points, link?.ToCode, target?.Name, status) { Note = link?.Note };
        }).ToList();

        var problems = source == MappingSource.Stored
            ? mapping.Validate(from, to).Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { Field = p.Field, IndicatorCode = p.IndicatorCode, IsWarning = true }).ToList()
            : [];
        return new FrameworkMappingView(FrameworkRef.Of(fromRecord), FrameworkRef.Of(toRecord), source, rows,
            [.. targets.Values.Where(t => !reached.Contains(t.Code))], problems);
    }
}

/// <summary>A framework version, as the mapping names it.</summary>
public sealed record FrameworkRef(Guid Id, string Code, string Version, string Name, bool Published)
{
    internal static FrameworkRef Of(FrameworkRecord record) => new(record.Id, record.Code, record.Version, record.Name, record.IsPublished);
}

/// <summary>An old dimension or leaf and what it becomes.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>ToCode</c>: The successor's code; null when dropped or unmapped.</item>
/// <item><c>ToName</c>: The successor's name; null when dropped, unmapped, or the stored code no longer exists.</item>
/// </list>
/// </remarks>
public sealed record MappingRow(string FromCode, string FromName, bool IsDimension, decimal Points, string? ToCode, string? ToName, MappingStatus Status)
{
    public string? Note { get; init; }
}

/// <summary>A dimension or leaf of the new version.</summary>
public sealed record MappingNode(string Code, string Name, bool IsDimension, decimal Points);
