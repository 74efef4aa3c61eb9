using System.Globalization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Frameworks;

/// <summary>Checks a framework's structure: unique codes, points adding up, leaves with rules that fit their points.</summary>
public static class FrameworkValidator
{
    /// <summary>Returns every problem found; an empty list means the framework is valid.</summary>
    public static IReadOnlyList<EngineProblem> Validate(FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var problems = new List<EngineProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        if (framework.Dimensions.Count == 0)
        {
            problems.Add(new EngineProblem("framework.empty", "指标体系没有任何一级指标。", "The framework has no dimensions."));
        }

        var dimensionSum = framework.Dimensions.Sum(d => d.Points);
        if (framework.Dimensions.Count > 0 && dimensionSum != framework.TotalPoints)
        {
            problems.Add(new EngineProblem(
                "framework.total_mismatch",
                string.Create(CultureInfo.InvariantCulture, $"一级指标分值合计 {dimensionSum} 分，与总分 {framework.TotalPoints} 分不一致。"),
                string.Create(CultureInfo.InvariantCulture, $"Dimension points add up to {dimensionSum}, but the framework total is {framework.TotalPoints}.")));
        }

        foreach (var dimension in framework.Dimensions)
        {
            Check(dimension, seen, problems);
        }

        return problems;
    }

    private static void Check(IndicatorNode node, HashSet<string> seen, List<EngineProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(node.Code))
        {
            problems.Add(new EngineProblem("indicator.code_missing", $"指标“{node.Name}”缺少编码。", $"Indicator \"{node.Name}\" has no code."));
        }
        else if (!seen.Add(node.Code))
        {
            problems.Add(new EngineProblem("indicator.code_duplicate", $"指标编码 {node.Code} 重复。", $"Indicator code {node.Code} is used more than once.") { IndicatorCode = node.Code });
        }

        if (node.Points < 0)
        {
            problems.Add(new EngineProblem("indicator.points_negative", $"指标 {node.Code} 的分值不能为负数。", $"Indicator {node.Code} has negative points.") { IndicatorCode = node.Code });
        }

        if (node.IsLeaf)
        {
            if (node.Rule is null)
            {
                problems.Add(new EngineProblem("indicator.rule_missing", $"末级指标 {node.Code} 未设置评分规则。", $"Leaf {node.Code} has no scoring rule.") { IndicatorCode = node.Code });
            }
            else
            {
                problems.AddRange(RuleValidator.Validate(node.Code, node.Points, node.Rule));
            }

            return;
        }

        if (node.Rule is not null)
        {
            problems.Add(new EngineProblem("indicator.rule_on_inner", $"指标 {node.Code} 有下级指标，不能设置评分规则。", $"Indicator {node.Code} has children and cannot carry a scoring rule.") { IndicatorCode = node.Code });
        }

        var childSum = node.Children.Sum(c => c.Points);
        if (childSum != node.Points)
        {
            problems.Add(new EngineProblem(
                "indicator.points_mismatch",
                string.Create(CultureInfo.InvariantCulture, $"指标 {node.Code} 分值 {node.Points} 分，下级指标合计 {childSum} 分。"),
                string.Create(CultureInfo.InvariantCulture, $"Indicator {node.Code} has {node.Points} points but its children add up to {childSum}."))
            { IndicatorCode = node.Code });
        }

        foreach (var child in node.Children)
        {
            Check(child, seen, problems);
        }
    }
}
