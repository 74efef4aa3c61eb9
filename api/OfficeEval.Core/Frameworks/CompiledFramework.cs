using System.Runtime.CompilerServices;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Frameworks;

/// <summary>
/// A framework flattened once for scoring: leaves in display order with their dimension, role and bonus pool, and an
/// index by code. Scoring thousands of units walks these arrays instead of the tree. One instance is cached per
/// <see cref="FrameworkDefinition"/> instance, so <see cref="For"/> is cheap after the first call.
/// </summary>
public sealed class CompiledFramework
{
    private static readonly ConditionalWeakTable<FrameworkDefinition, CompiledFramework> Cache = [];

    private CompiledFramework(FrameworkDefinition definition)
    {
        Definition = definition;
        var dimensions = definition.Dimensions ?? [];
        var pools = definition.BonusPools ?? [];
        var poolIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < pools.Count; p++)
        {
            if (pools[p]?.Code is { } code)
            {
                poolIndex.TryAdd(code, p);
            }
        }

        var infos = new List<LeafInfo>();
        var leaves = new List<CompiledLeaf>();
        LeafIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var dims = new CompiledDimension[dimensions.Count];
        for (var d = 0; d < dimensions.Count; d++)
        {
            var dimension = dimensions[d];
            var first = infos.Count;
            Walk(dimension, [dimension], infos);
            for (var i = first; i < infos.Count; i++)
            {
                var node = infos[i].Node;
                var role = node.Rule is null ? LeafRole.Regular : RuleScorer.RoleOf(node.Rule.Kind);
                var pool = node.Rule is BonusRule bonus && bonus.Pool is { } name && poolIndex.TryGetValue(name, out var found) ? found : -1;
                var indexed = node.Code is { } code && LeafIndex.TryAdd(code, leaves.Count);
                leaves.Add(new CompiledLeaf(node, role, d, pool, indexed));
            }

            dims[d] = new CompiledDimension(dimension, first, infos.Count - first);
        }

        Leaves = infos;
        LeafArray = [.. leaves];
        Dimensions = dims;
        Pools = [.. pools];
    }

    /// <summary>The framework this was compiled from.</summary>
    public FrameworkDefinition Definition { get; }

    /// <summary>Every leaf, depth first, in display order.</summary>
    public IReadOnlyList<LeafInfo> Leaves { get; }

    internal CompiledLeaf[] LeafArray { get; }

    internal CompiledDimension[] Dimensions { get; }

    internal BonusPool[] Pools { get; }

    internal Dictionary<string, int> LeafIndex { get; }

    /// <summary>The compiled form of <paramref name="framework"/>, built on first use and cached per instance.</summary>
    public static CompiledFramework For(FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return Cache.GetValue(framework, static f => new CompiledFramework(f));
    }

    /// <summary>True when <paramref name="code"/> is a leaf of the framework.</summary>
    public bool IsLeaf(string code) => LeafIndex.ContainsKey(code);

    /// <summary>The leaf with <paramref name="code"/> (the first, should a code repeat), or null when there is none; a dictionary lookup.</summary>
    public LeafInfo? FindLeaf(string code) => LeafIndex.TryGetValue(code, out var index) ? Leaves[index] : null;

    private static void Walk(IndicatorNode node, IndicatorNode[] path, List<LeafInfo> leaves)
    {
        var children = node.Children ?? [];
        if (children.Count == 0)
        {
            leaves.Add(new LeafInfo(node, path));
            return;
        }

        foreach (var child in children)
        {
            Walk(child, [.. path, child], leaves);
        }
    }
}

/// <summary>A leaf as the scorer reads it.</summary>
/// <param name="Node">The leaf.</param>
/// <param name="Role">Regular, bonus or veto.</param>
/// <param name="Dimension">Index of its dimension.</param>
/// <param name="Pool">Index of its bonus pool; −1 when none or unknown.</param>
/// <param name="Indexed">
/// True when <see cref="CompiledFramework.LeafIndex"/> maps the leaf's code to this leaf, i.e. it is the first leaf
/// with that code; false for a repeated code (which the validator reports) and a missing one.
/// </param>
internal sealed record CompiledLeaf(IndicatorNode Node, LeafRole Role, int Dimension, int Pool, bool Indexed);

/// <summary>A dimension and the range of its leaves in <see cref="CompiledFramework.LeafArray"/>.</summary>
internal sealed record CompiledDimension(IndicatorNode Node, int FirstLeaf, int LeafCount);
