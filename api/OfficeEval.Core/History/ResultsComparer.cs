using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.History;

/// <summary>A unit's scores together with the framework it was scored on (its individual indicators in place).</summary>
/// <param name="Framework">The framework, for names and the tree.</param>
/// <param name="Score">The unit's official scores on it.</param>
public sealed record ScoredUnit(FrameworkDefinition Framework, UnitScore Score);

/// <summary>
/// Compares a unit's results in two campaigns through an <see cref="IndicatorMapping"/> from the previous framework
/// to the current one. Per current leaf: the previous score of the leaves that map to it (summed, with their points,
/// when several were merged into it), or unmapped when none does. Previous leaves whose link is missing, dropped or
/// names a code the current framework lacks are listed as dropped. Dimensions the same way, by their own links.
/// Pure: the same inputs give the same comparison.
/// </summary>
public static class ResultsComparer
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="previous"/> through <paramref name="mapping"/>.</summary>
    public static UnitComparison Compare(ScoredUnit previous, ScoredUnit current, IndicatorMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(mapping);
        var links = mapping.ByFromCode();
        var dropped = new List<DroppedIndicator>();

        var dimensions = CompareDimensions(previous, current, links, dropped);
        var indicators = CompareLeaves(previous, current, links, dropped);

        var (before, now) = (previous.Score, current.Score);
        return new UnitComparison(before.Total, before.MaxTotal, before.ScoreRate, now.Total, now.MaxTotal, now.ScoreRate, dimensions, indicators, dropped);
    }

    private static List<DimensionChange> CompareDimensions(ScoredUnit previous, ScoredUnit current, IReadOnlyDictionary<string, IndicatorLink> links, List<DroppedIndicator> dropped)
    {
        var currentCodes = new HashSet<string>(current.Score.Dimensions.Select(d => d.Code), StringComparer.Ordinal);
        var predecessors = new Dictionary<string, List<(DimensionScore Score, IndicatorLink Link)>>(StringComparer.Ordinal);
        foreach (var dimension in previous.Score.Dimensions)
        {
            var link = links.GetValueOrDefault(dimension.Code);
            if (link?.ToCode is { } to && currentCodes.Contains(to))
            {
                Add(predecessors, to, (dimension, link));
                continue;
            }

            dropped.Add(new DroppedIndicator(dimension.Code, dimension.Name, true, dimension.MaxPoints, dimension.Score, ReasonOf(link)));
        }

        return [.. current.Score.Dimensions.Select(d =>
        {
            if (!predecessors.TryGetValue(d.Code, out var from))
            {
                return new DimensionChange(d.Code, d.Name, d.Score, d.MaxPoints, d.ScoreRate, ChangeStatus.Unmapped, []);
            }

            var (score, max) = (from.Sum(f => f.Score.Score), from.Sum(f => f.Score.MaxPoints));
            return new DimensionChange(d.Code, d.Name, d.Score, d.MaxPoints, d.ScoreRate, ChangeStatus.Mapped, [.. from.Select(f => f.Score.Code)])
            {
                PreviousScore = score,
                PreviousMaxPoints = max,
                PreviousScoreRate = Score.Rate(score, max),
                NeedsReview = from.Any(f => f.Link.NeedsReview),
            };
        })];
    }

    private static List<IndicatorChange> CompareLeaves(ScoredUnit previous, ScoredUnit current, IReadOnlyDictionary<string, IndicatorLink> links, List<DroppedIndicator> dropped)
    {
        var currentLeaves = current.Framework.Leaves().ToList();
        var currentCodes = new HashSet<string>(currentLeaves.Select(l => l.Node.Code), StringComparer.Ordinal);
        var previousScores = ByCode(previous.Score.Leaves);
        var predecessors = new Dictionary<string, List<(LeafInfo Leaf, LeafScore? Score, IndicatorLink Link)>>(StringComparer.Ordinal);
        foreach (var leaf in previous.Framework.Leaves())
        {
            var code = leaf.Node.Code;
            var score = previousScores.GetValueOrDefault(code);
            var link = links.GetValueOrDefault(code);
            if (link?.ToCode is { } to && currentCodes.Contains(to))
            {
                Add(predecessors, to, (leaf, score, link));
                continue;
            }

            // A dimension that is itself a leaf is listed once, as a dimension.
            if (!ReferenceEquals(leaf.Node, leaf.Dimension))
            {
                dropped.Add(new DroppedIndicator(code, leaf.Node.Name, false, leaf.Node.Points, score?.Value ?? 0m, ReasonOf(link)));
            }
        }

        var currentScores = ByCode(current.Score.Leaves);
        return [.. currentLeaves.Select(info =>
        {
            var node = info.Node;
            var score = currentScores.GetValueOrDefault(node.Code);
            var role = score?.Role ?? (node.Rule is null ? LeafRole.Regular : RuleScorer.RoleOf(node.Rule.Kind));
            var value = score?.Value ?? 0m;
            if (!predecessors.TryGetValue(node.Code, out var from))
            {
                return new IndicatorChange(node.Code, node.Name, info.Dimension.Code, role, node.Points, value, ChangeStatus.Unmapped, [])
                {
                    Finding = role == LeafRole.Veto ? score?.Finding : null,
                };
            }

            return new IndicatorChange(node.Code, node.Name, info.Dimension.Code, role, node.Points, value, ChangeStatus.Mapped, [.. from.Select(f => f.Leaf.Node.Code)])
            {
                PreviousScore = from.Sum(f => f.Score?.Value ?? 0m),
                PreviousPoints = from.Sum(f => f.Leaf.Node.Points),
                Finding = role == LeafRole.Veto ? score?.Finding : null,
                PreviousFinding = role == LeafRole.Veto ? PreviousFinding(from.Select(f => f.Score)) : null,
                NeedsReview = from.Any(f => f.Link.NeedsReview),
            };
        })];
    }

    /// <summary>Found when any predecessor found it; not found when one said no and none said yes; null when none judged.</summary>
    private static bool? PreviousFinding(IEnumerable<LeafScore?> scores)
    {
        bool? finding = null;
        foreach (var score in scores)
        {
            if (score?.Finding is { } found)
            {
                finding = (finding ?? false) || found;
            }
        }

        return finding;
    }

    private static DroppedReason ReasonOf(IndicatorLink? link) =>
        link is not null && link.ToCode is null ? DroppedReason.Dropped : DroppedReason.NoSuccessor;

    private static Dictionary<string, LeafScore> ByCode(IReadOnlyList<LeafScore> leaves)
    {
        var byCode = new Dictionary<string, LeafScore>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            byCode.TryAdd(leaf.Code, leaf);
        }

        return byCode;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
