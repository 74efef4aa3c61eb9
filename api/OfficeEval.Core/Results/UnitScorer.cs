using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>Aggregates a unit's answers into leaf scores, dimension subtotals and score rates, and the total.</summary>
public static class UnitScorer
{
    /// <summary>Scores every leaf of <paramref name="framework"/> from <paramref name="answers"/> (keyed by leaf code).</summary>
    public static UnitScore Score(FrameworkDefinition framework, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(answers);

        var leaves = new List<LeafScore>();
        var dimensions = new List<DimensionScore>(framework.Dimensions.Count);
        foreach (var dimension in framework.Dimensions)
        {
            var subtotal = 0m;
            foreach (var node in dimension.Leaves())
            {
                var leafScore = node.Rule is null
                    ? new LeafScore(node.Code, node.Points, 0, null, "未设置评分规则。", [])
                    : RuleScorer.ScoreLeaf(node.Code, node.Points, node.Rule, answers.GetValueOrDefault(node.Code));
                leaves.Add(leafScore);
                subtotal += leafScore.Value;
            }

            dimensions.Add(new DimensionScore(dimension.Code, dimension.Name, subtotal, dimension.Points, Scoring.Score.Rate(subtotal, dimension.Points)));
        }

        var leafCodes = leaves.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        // Ordered so the result does not depend on the order the answers were added in.
        var unknown = answers.Keys.Where(code => !leafCodes.Contains(code)).Order(StringComparer.Ordinal)
            .Select(code => new EngineProblem("answer.indicator_unknown", $"指标编码 {code} 不在本指标体系中。", $"Indicator code {code} is not in this framework.") { IndicatorCode = code });

        var total = dimensions.Sum(d => d.Score);
        return new UnitScore(
            total,
            framework.TotalPoints,
            Scoring.Score.Rate(total, framework.TotalPoints),
            dimensions,
            leaves,
            [.. leaves.SelectMany(l => l.Problems), .. unknown]);
    }
}

/// <summary>A unit's scores.</summary>
/// <param name="Total">Sum of the dimension subtotals.</param>
/// <param name="MaxTotal">The framework's total points.</param>
/// <param name="ScoreRate">得分率 in percent.</param>
/// <param name="Dimensions">Per first-level indicator.</param>
/// <param name="Leaves">Per leaf, in framework order.</param>
/// <param name="Problems">Every problem with the answers.</param>
public sealed record UnitScore(decimal Total, decimal MaxTotal, decimal ScoreRate, IReadOnlyList<DimensionScore> Dimensions, IReadOnlyList<LeafScore> Leaves, IReadOnlyList<EngineProblem> Problems);

/// <summary>A first-level indicator's subtotal.</summary>
/// <param name="Code">Dimension code.</param>
/// <param name="Name">Dimension name.</param>
/// <param name="Score">Sum of its leaves' scores.</param>
/// <param name="MaxPoints">Its points.</param>
/// <param name="ScoreRate">得分率 in percent.</param>
public sealed record DimensionScore(string Code, string Name, decimal Score, decimal MaxPoints, decimal ScoreRate);
