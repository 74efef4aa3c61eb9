using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// The indicator part of a unit's report: each dimension a level-2 heading (（一）), each inner indicator a level-3
/// heading (1.), and each leaf — level 3 under a dimension, level 4 (（1）) under an indicator — inside its content
/// control with its heading and whatever <c>content</c> writes.
/// </summary>
internal static class IndicatorSections
{
    public static void Write(ReportDocument document, FrameworkDefinition framework, Action<IndicatorNode> content)
    {
        var d = 0;
        foreach (var dimension in framework.Dimensions)
        {
            d++;
            document.Heading(2, $"（{ReportText.Chinese(d)}）{dimension.Name}（{ReportText.N(dimension.Points)}分）");
            if (dimension.IsLeaf)
            {
                Leaf(document, dimension, 3, "1.", content);
                continue;
            }

            var n = 0;
            foreach (var child in dimension.Children)
            {
                n++;
                if (child.IsLeaf)
                {
                    Leaf(document, child, 3, $"{n}.", content);
                    continue;
                }

                document.Heading(3, $"{n}.{child.Name}（{ReportText.N(child.Points)}分）");
                var m = 0;
                foreach (var leaf in child.Leaves())
                {
                    m++;
                    Leaf(document, leaf, 4, $"（{m}）", content);
                }
            }
        }
    }

    /// <summary>The leaf's heading text after its number: name, code and points (or its role).</summary>
    public static string Label(IndicatorNode leaf)
    {
        var role = leaf.Rule is null ? LeafRole.Regular : RuleScorer.RoleOf(leaf.Rule.Kind);
        var points = role switch
        {
            LeafRole.Regular => ReportText.N(leaf.Points) + "分",
            LeafRole.Bonus => "加分项，最高" + ReportText.N(leaf.Points) + "分",
            LeafRole.Veto => "否决项",
        };
        return $"{leaf.Name}（{leaf.Code}，{points}）";
    }

    private static void Leaf(ReportDocument document, IndicatorNode leaf, int level, string number, Action<IndicatorNode> content)
    {
        using (document.Indicator(leaf.Code, leaf.Name))
        {
            document.Heading(level, number + Label(leaf));
            content(leaf);
        }
    }
}
