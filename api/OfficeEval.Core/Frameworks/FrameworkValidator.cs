using System.Globalization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Frameworks;

/// <summary>
/// Checks a framework's structure: codes and names present and unique, points adding up (bonus and veto leaves
/// excluded), every leaf with a rule that fits its points, bonus pools declared and referenced correctly.
/// </summary>
public static class FrameworkValidator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Returns every problem found; an empty list means the framework is valid.</summary>
    public static IReadOnlyList<EngineProblem> Validate(FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var problems = new List<EngineProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dimensions = framework.Dimensions ?? [];

        if (string.IsNullOrWhiteSpace(framework.Code))
        {
            problems.Add(new EngineProblem("framework.code_missing", "指标体系缺少编码。", "The framework has no code."));
        }

        if (dimensions.Count == 0)
        {
            problems.Add(new EngineProblem("framework.empty", "指标体系没有任何一级指标。", "The framework has no dimensions."));
        }

        foreach (var kind in framework.ApplicableKinds ?? [])
        {
            if (!Enum.IsDefined(kind))
            {
                problems.Add(new EngineProblem("framework.unit_kind_invalid",
                    string.Create(Inv, $"适用单位类型 {(int)kind} 无效。"), string.Create(Inv, $"Applicable unit kind {(int)kind} is not defined.")));
            }
        }

        var dimensionSum = dimensions.Where(d => !d.IsLeaf || d.IsCounted).Sum(d => d.Points);
        if (dimensions.Count > 0 && dimensionSum != framework.TotalPoints)
        {
            problems.Add(new EngineProblem(
                "framework.total_mismatch",
                string.Create(Inv, $"一级指标分值合计 {dimensionSum} 分，与总分 {framework.TotalPoints} 分不一致。"),
                string.Create(Inv, $"Dimension points add up to {dimensionSum}, but the framework total is {framework.TotalPoints}.")));
        }

        var pools = CheckPools(framework.BonusPools ?? [], problems);
        foreach (var dimension in dimensions)
        {
            Check(dimension, seen, pools, problems);
        }

        return problems;
    }

    private static HashSet<string> CheckPools(IReadOnlyList<BonusPool> pools, List<EngineProblem> problems)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            if (pool is null || string.IsNullOrWhiteSpace(pool.Code) || !codes.Add(pool.Code))
            {
                problems.Add(new EngineProblem("framework.bonus_pool_code",
                    $"加分池编码“{pool?.Code}”为空或重复。", $"Bonus pool code \"{pool?.Code}\" is empty or repeated.") { Field = "bonusPools" });
                continue;
            }

            if (pool.Cap <= 0)
            {
                problems.Add(new EngineProblem("framework.bonus_pool_cap",
                    string.Create(Inv, $"加分池 {pool.Code} 的上限 {pool.Cap} 分应大于 0。"),
                    string.Create(Inv, $"Bonus pool {pool.Code}: its cap {pool.Cap} must be greater than 0.")) { Field = "bonusPools" });
            }
        }

        return codes;
    }

    private static void Check(IndicatorNode node, HashSet<string> seen, HashSet<string> pools, List<EngineProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(node.Code))
        {
            problems.Add(new EngineProblem("indicator.code_missing", $"指标“{node.Name}”缺少编码。", $"Indicator \"{node.Name}\" has no code."));
        }
        else if (!seen.Add(node.Code))
        {
            problems.Add(new EngineProblem("indicator.code_duplicate", $"指标编码 {node.Code} 重复。", $"Indicator code {node.Code} is used more than once.") { IndicatorCode = node.Code });
        }

        if (string.IsNullOrWhiteSpace(node.Name))
        {
            problems.Add(new EngineProblem("indicator.name_missing", $"指标 {node.Code} 缺少名称。", $"Indicator {node.Code} has no name.") { IndicatorCode = node.Code });
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
                return;
            }

            problems.AddRange(RuleValidator.Validate(node.Code, node.Points, node.Rule));
            if (node.Rule is BonusRule { Pool: { } pool } && !string.IsNullOrWhiteSpace(pool) && !pools.Contains(pool))
            {
                problems.Add(new EngineProblem("rule.bonus_pool_unknown",
                    $"加分指标 {node.Code} 的加分池 {pool} 未在指标体系中定义。", $"Bonus leaf {node.Code} names bonus pool {pool}, which the framework does not declare.")
                { IndicatorCode = node.Code });
            }

            return;
        }

        if (node.Rule is not null)
        {
            problems.Add(new EngineProblem("indicator.rule_on_inner", $"指标 {node.Code} 有下级指标，不能设置评分规则。", $"Indicator {node.Code} has children and cannot carry a scoring rule.") { IndicatorCode = node.Code });
        }

        // Bonus leaves (their points are a cap) and veto leaves (0 points) are outside the parent's points.
        var childSum = node.Children.Where(c => !c.IsLeaf || c.IsCounted).Sum(c => c.Points);
        if (childSum != node.Points)
        {
            problems.Add(new EngineProblem(
                "indicator.points_mismatch",
                string.Create(Inv, $"指标 {node.Code} 分值 {node.Points} 分，下级指标合计 {childSum} 分（不含加分项和否决项）。"),
                string.Create(Inv, $"Indicator {node.Code} has {node.Points} points but its children add up to {childSum} (bonus and veto leaves excluded)."))
            { IndicatorCode = node.Code });
        }

        foreach (var child in node.Children)
        {
            Check(child, seen, pools, problems);
        }
    }
}
