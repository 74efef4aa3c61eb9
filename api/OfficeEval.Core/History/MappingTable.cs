using OfficeEval.Core.Frameworks;

namespace OfficeEval.Core.History;

/// <summary>
/// A mapping laid out for review: every old dimension and leaf with its successor and status, and the new dimensions
/// and leaves no link leads to — what the office reads on screen or in the mapping workbook before confirming it.
/// </summary>
public static class MappingTable
{
    /// <summary>Describes <paramref name="mapping"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static MappingDescription Describe(FrameworkDefinition from, FrameworkDefinition to, IndicatorMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var targets = new Dictionary<string, MappingNode>(StringComparer.Ordinal);
        foreach (var (node, isDimension) in IndicatorMapping.MappableNodes(to))
        {
            targets.TryAdd(node.Code, new MappingNode(node.Code, node.Name, isDimension, node.Points));
        }

        var links = mapping.ByFromCode();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<MappingRow>();
        foreach (var (node, isDimension) in IndicatorMapping.MappableNodes(from))
        {
            var link = links.GetValueOrDefault(node.Code);
            var target = link?.ToCode is { } code ? targets.GetValueOrDefault(code) : null;
            var fits = target is not null && target.IsDimension == isDimension;
            if (fits)
            {
                reached.Add(target!.Code);
            }

            var status = link is null ? MappingStatus.Unmapped
                : link.ToCode is null ? MappingStatus.Dropped
                : !fits ? MappingStatus.Unmapped
                : link.NeedsReview ? MappingStatus.NeedsReview
                : MappingStatus.Mapped;
            rows.Add(new MappingRow(node.Code, node.Name, isDimension, node.Points, link?.ToCode, target?.Name, status) { Note = link?.Note });
        }

        return new MappingDescription(rows, [.. targets.Values.Where(t => !reached.Contains(t.Code))]);
    }
}

/// <summary>How one old dimension or leaf carries over.</summary>
public enum MappingStatus
{
    /// <summary>To the new indicator named.</summary>
    Mapped,
    /// <summary>Suggested (same code, a different name): probably the same indicator reworded, to be confirmed.</summary>
    NeedsReview,
    /// <summary>Dropped (撤销): no successor, by the office's decision.</summary>
    Dropped,
    /// <summary>No link (or one to a code the new version lacks): no known successor; its results are not compared.</summary>
    Unmapped,
}

/// <summary>A mapping laid out for review.</summary>
/// <param name="Rows">Every dimension and leaf of the old version, in its order.</param>
/// <param name="NewWithoutPredecessor">The new version's dimensions and leaves no link leads to, in its order.</param>
public sealed record MappingDescription(IReadOnlyList<MappingRow> Rows, IReadOnlyList<MappingNode> NewWithoutPredecessor);

/// <summary>An old dimension or leaf and what it becomes.</summary>
/// <param name="FromCode">Its code.</param>
/// <param name="FromName">Its name.</param>
/// <param name="IsDimension">True for a dimension (一级指标).</param>
/// <param name="Points">Its points.</param>
/// <param name="ToCode">The successor's code as linked; null when dropped or unmapped.</param>
/// <param name="ToName">The successor's name; null when dropped, unmapped, or the linked code does not fit the new version.</param>
/// <param name="Status">How it carries over.</param>
public sealed record MappingRow(string FromCode, string FromName, bool IsDimension, decimal Points, string? ToCode, string? ToName, MappingStatus Status)
{
    /// <summary>The link's note.</summary>
    public string? Note { get; init; }
}

/// <summary>A dimension or leaf of the new version.</summary>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="IsDimension">True for a dimension (一级指标).</param>
/// <param name="Points">Its points.</param>
public sealed record MappingNode(string Code, string Name, bool IsDimension, decimal Points);
