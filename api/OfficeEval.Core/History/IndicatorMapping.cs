using System.Globalization;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Core.History;

/// <summary>
/// How one framework version's indicators carry over to another's (指标对应关系): per old code, the new code it
/// became, or none when it was dropped. Only dimensions (一级指标) and leaves are mapped, a dimension to a dimension and
/// a leaf to a leaf; several old codes may map to one new code (merged indicators), never one old code to several.
/// An old code without a link has no known successor; a new code no link points to has no predecessor.
/// </summary>
/// <param name="Links">One link per old code.</param>
public sealed record IndicatorMapping(IReadOnlyList<IndicatorLink> Links)
{
    /// <summary>Longest note on a link, in characters.</summary>
    public const int MaxNoteLength = 500;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>True when the links were suggested by <see cref="Suggest"/> rather than confirmed by the office.</summary>
    public bool Suggested { get; init; }

    /// <summary>The links by old code (the first one when a code is repeated, which <see cref="Validate"/> refuses).</summary>
    public IReadOnlyDictionary<string, IndicatorLink> ByFromCode()
    {
        var byFrom = new Dictionary<string, IndicatorLink>(StringComparer.Ordinal);
        foreach (var link in Links ?? [])
        {
            if (link?.FromCode is { } code)
            {
                byFrom.TryAdd(code, link);
            }
        }

        return byFrom;
    }

    /// <summary>Every dimension and leaf of <paramref name="framework"/> mapped to itself: the same version on both sides.</summary>
    public static IndicatorMapping Identity(FrameworkDefinition framework) =>
        new([.. MappableNodes(framework).Select(n => new IndicatorLink(n.Node.Code, n.Node.Code))]);

    /// <summary>
    /// The mapping suggested when the office has stored none: an old dimension or leaf whose code is also a dimension
    /// or leaf (of the same kind) of <paramref name="to"/> maps to it; when the names differ too the link is marked
    /// <see cref="IndicatorLink.NeedsReview"/>. Every other old code stays unmapped.
    /// </summary>
    /// <param name="from">The earlier framework.</param>
    /// <param name="to">The later framework.</param>
    /// <param name="include">When given, only the old codes it accepts are considered.</param>
    public static IndicatorMapping Suggest(FrameworkDefinition from, FrameworkDefinition to, Func<string, bool>? include = null)
    {
        var targets = Index(to);
        var links = new List<IndicatorLink>();
        foreach (var (node, isDimension) in MappableNodes(from))
        {
            if ((include is null || include(node.Code))
                && targets.TryGetValue(node.Code, out var target) && target.IsDimension == isDimension)
            {
                links.Add(new IndicatorLink(node.Code, target.Node.Code) { NeedsReview = !SameName(node, target.Node) });
            }
        }

        return new IndicatorMapping(links) { Suggested = true };
    }

    /// <summary>This mapping with the links of <paramref name="other"/> for old codes this one does not mention.</summary>
    public IndicatorMapping With(IndicatorMapping other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = ByFromCode();
        var added = (other.Links ?? []).Where(l => l?.FromCode is { } code && !mine.ContainsKey(code)).ToList();
        return added.Count == 0 ? this : this with { Links = [.. Links ?? [], .. added] };
    }

    /// <summary>
    /// The mapping between one unit's two frameworks (its individual indicators in place): the office maps common
    /// frameworks, so the unit's own individual indicators (个性指标, <see cref="IndicatorNode.IsIndividual"/>) of the
    /// earlier campaign carry over by the suggestion rule alone (same code and kind; flagged when renamed), and every
    /// other code follows <paramref name="common"/>.
    /// </summary>
    public static IndicatorMapping ForUnit(IndicatorMapping common, FrameworkDefinition previousUnit, FrameworkDefinition currentUnit)
    {
        ArgumentNullException.ThrowIfNull(common);
        var individual = previousUnit.Leaves().Where(l => l.Node.IsIndividual).Select(l => l.Node.Code).ToHashSet(StringComparer.Ordinal);
        if (individual.Count == 0)
        {
            return common;
        }

        var own = Suggest(previousUnit, currentUnit, individual.Contains);
        return common with { Links = [.. own.Links, .. (common.Links ?? []).Where(l => l?.FromCode is { } code && !individual.Contains(code))] };
    }

    /// <summary>
    /// Checks the links against the two frameworks: every old code given once and a dimension or leaf of
    /// <paramref name="from"/>, every new code a dimension or leaf of <paramref name="to"/>, of the same kind, and
    /// notes within <see cref="MaxNoteLength"/>. Problems name the link as <c>links[i].fromCode</c>,
    /// <c>links[i].toCode</c> or <c>links[i].note</c>.
    /// </summary>
    public IReadOnlyList<EngineProblem> Validate(FrameworkDefinition from, FrameworkDefinition to)
    {
        var sources = Index(from);
        var targets = Index(to);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<EngineProblem>();
        var links = Links ?? [];
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            var at = string.Create(Inv, $"links[{i}]");
            if (link is null || string.IsNullOrWhiteSpace(link.FromCode))
            {
                problems.Add(Problem("mapping.from_missing", at + ".fromCode", $"第 {i + 1} 条对应关系缺少原指标编码。", $"Link {i + 1} has no old indicator code.", null));
                continue;
            }

            var code = link.FromCode;
            if (!seen.Add(code))
            {
                problems.Add(Problem("mapping.from_duplicate", at + ".fromCode", $"原指标 {code} 出现了不止一次：每个原指标只能对应一个新指标。",
                    $"Old indicator {code} is given more than once: each maps to one new indicator at most.", code));
                continue;
            }

            if (!sources.TryGetValue(code, out var source))
            {
                problems.Add(from.Dimensions.Any(d => Contains(d, code))
                    ? Problem("mapping.from_not_mappable", at + ".fromCode", $"原指标 {code} 是中间层级指标：只能对应一级指标和末级指标。",
                        $"Old indicator {code} is an inner indicator: only dimensions and leaves are mapped.", code)
                    : Problem("mapping.from_unknown", at + ".fromCode", $"原指标体系 {from.Code} {from.Version} 中没有指标 {code}。",
                        $"The old framework {from.Code} {from.Version} has no indicator {code}.", code));
            }

            if (link.Note is { Length: > MaxNoteLength })
            {
                problems.Add(Problem("mapping.note_too_long", at + ".note", $"指标 {code} 的说明不能超过 {MaxNoteLength} 字。",
                    $"The note on {code} is longer than {MaxNoteLength} characters.", code));
            }

            if (link.ToCode is not { } toCode)
            {
                continue;
            }

            if (!targets.TryGetValue(toCode, out var target))
            {
                problems.Add(to.Dimensions.Any(d => Contains(d, toCode))
                    ? Problem("mapping.to_not_mappable", at + ".toCode", $"新指标 {toCode} 是中间层级指标：只能对应一级指标和末级指标。",
                        $"New indicator {toCode} is an inner indicator: only dimensions and leaves are mapped.", code)
                    : Problem("mapping.to_unknown", at + ".toCode", $"新指标体系 {to.Code} {to.Version} 中没有指标 {toCode}。",
                        $"The new framework {to.Code} {to.Version} has no indicator {toCode}.", code));
                continue;
            }

            if (source is not null && source.IsDimension != target.IsDimension)
            {
                problems.Add(source.IsDimension
                    ? Problem("mapping.kind_mismatch", at + ".toCode", $"原指标 {code} 是一级指标，只能对应新指标体系的一级指标，{toCode} 不是。",
                        $"Old indicator {code} is a dimension and maps to a dimension only; {toCode} is not one.", code)
                    : Problem("mapping.kind_mismatch", at + ".toCode", $"原指标 {code} 是末级指标，只能对应新指标体系的末级指标，{toCode} 不是。",
                        $"Old indicator {code} is a leaf and maps to a leaf only; {toCode} is not one.", code));
            }
        }

        return problems;
    }

    /// <summary>
    /// Every dimension and leaf of <paramref name="framework"/> that a mapping may name, depth first in display order:
    /// each dimension (even one that is itself a leaf) before its leaves.
    /// </summary>
    public static IEnumerable<(IndicatorNode Node, bool IsDimension)> MappableNodes(FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        foreach (var dimension in framework.Dimensions ?? [])
        {
            yield return (dimension, true);
            if (!dimension.IsLeaf)
            {
                foreach (var leaf in dimension.Leaves())
                {
                    yield return (leaf, false);
                }
            }
        }
    }

    internal static Dictionary<string, MappableNode> Index(FrameworkDefinition framework)
    {
        var index = new Dictionary<string, MappableNode>(StringComparer.Ordinal);
        foreach (var (node, isDimension) in MappableNodes(framework))
        {
            if (node.Code is { } code)
            {
                index.TryAdd(code, new MappableNode(node, isDimension));
            }
        }

        return index;
    }

    internal static bool SameName(IndicatorNode a, IndicatorNode b) => string.Equals(a.Name?.Trim(), b.Name?.Trim(), StringComparison.Ordinal);

    private static bool Contains(IndicatorNode node, string code) =>
        node.Code == code || (node.Children ?? []).Any(c => Contains(c, code));

    private static EngineProblem Problem(string code, string field, string zh, string en, string? indicator) =>
        new(code, zh, en) { Field = field, IndicatorCode = indicator };
}

/// <summary>One old code and what it became.</summary>
/// <param name="FromCode">The dimension's or leaf's code in the earlier framework.</param>
/// <param name="ToCode">Its successor's code in the later framework; null when it was dropped (撤销).</param>
public sealed record IndicatorLink(string FromCode, string? ToCode)
{
    /// <summary>Why, in the office's words (e.g. 由2.1.1与2.1.2合并).</summary>
    public string? Note { get; init; }

    /// <summary>
    /// True for a suggested link between indicators of the same code but different names: probably the same
    /// indicator reworded, to be confirmed by the office. Comparisons through it are flagged.
    /// </summary>
    public bool NeedsReview { get; init; }
}

/// <summary>A dimension or leaf a mapping may name.</summary>
internal sealed record MappableNode(IndicatorNode Node, bool IsDimension);
