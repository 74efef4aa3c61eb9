using System.Globalization;

namespace OfficeEval.Core.Frameworks;

/// <summary>
/// Puts a unit's individual indicators (个性指标, “一部门一指标”) into the framework: they replace the children of the
/// framework's individual dimension, whose points they must add up to. The result is the framework as that unit is
/// evaluated on; its leaves are what the unit's workbook shows and the engine scores.
/// </summary>
public static class IndividualIndicators
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The framework's individual dimension, or null when it has none.</summary>
    public static IndicatorNode? DimensionOf(FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return framework.IndividualDimension is { } code
            ? framework.Dimensions.FirstOrDefault(d => d.Code == code)
            : framework.Dimensions.FirstOrDefault(d => d.Name.Trim() == "个性指标");
    }

    /// <summary>
    /// Returns <paramref name="framework"/> with <paramref name="indicators"/> as the children of its individual
    /// dimension (each marked <see cref="IndicatorNode.IsIndividual"/>), or the framework unchanged when the list is
    /// empty. Problems (no individual dimension, points not adding up, invalid leaves, duplicate codes) are returned
    /// and the framework is then unchanged.
    /// </summary>
    public static (FrameworkDefinition Framework, IReadOnlyList<EngineProblem> Problems) Apply(FrameworkDefinition framework, IReadOnlyList<IndicatorNode> indicators)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(indicators);
        if (indicators.Count == 0)
        {
            return (framework, []);
        }

        var dimension = DimensionOf(framework);
        if (dimension is null)
        {
            return (framework, [new EngineProblem("individual.no_dimension", "该指标体系没有“个性指标”一级指标，不能设置个性指标。",
                "The framework has no individual-indicator dimension (个性指标).")]);
        }

        var marked = indicators.Select(Mark).ToList();
        var replaced = dimension with { Children = marked };
        var result = framework with { Dimensions = [.. framework.Dimensions.Select(d => ReferenceEquals(d, dimension) ? replaced : d)] };

        var problems = new List<EngineProblem>();
        var sum = marked.Where(n => !n.IsLeaf || n.IsCounted).Sum(n => n.Points);
        if (sum != dimension.Points)
        {
            problems.Add(new EngineProblem("individual.points_mismatch",
                string.Create(Inv, $"个性指标分值合计 {sum} 分，应等于“{dimension.Name}”的 {dimension.Points} 分。"),
                string.Create(Inv, $"Individual indicators add up to {sum} points; they must add up to the {dimension.Points} points of \"{dimension.Name}\"."))
            { IndicatorCode = dimension.Code, Field = "points" });
        }

        // The dimension's own points mismatch is reported once, above, in the individual indicators' words.
        problems.AddRange(FrameworkValidator.Validate(result).Where(p => p.Code != "indicator.points_mismatch" || p.IndicatorCode != dimension.Code));
        return problems.Count == 0 ? (result, []) : (framework, problems);
    }

    private static IndicatorNode Mark(IndicatorNode node) =>
        node with { IsIndividual = true, Children = node.IsLeaf ? node.Children : [.. node.Children.Select(Mark)] };
}
