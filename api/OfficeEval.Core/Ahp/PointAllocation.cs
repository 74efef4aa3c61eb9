using System.Globalization;

namespace OfficeEval.Core.Ahp;

/// <summary>
/// Turns weights into points (分值) that are multiples of a step (0.5 or 0.1 points) and add up to the total exactly,
/// by the largest-remainder method (最大余数法): the total is cut into total ÷ step units; each criterion first gets
/// the whole units of weight × units; the units left over go one each to the largest remainders, ties to the larger
/// weight and then to the earlier criterion. No criterion gets less than its rounded-down share nor more than one
/// unit above it, so each differs from weight × total by less than one step.
/// </summary>
public static class PointAllocation
{
    /// <summary>The steps offered: whole, half and tenth points.</summary>
    public static IReadOnlyList<decimal> Steps { get; } = [1m, 0.5m, 0.1m];

    /// <summary>
    /// Distributes <paramref name="total"/> over <paramref name="weights"/> (each 0..1, summing to 1 as
    /// <see cref="AhpCalculator.Calculate"/> reports them) in multiples of <paramref name="step"/>; the result, in the
    /// weights' order, adds up to <paramref name="total"/> exactly. Problems (a step not offered, a total that is not a
    /// positive multiple of the step, weights that do not sum to 1) are returned instead, coded <c>ahp.points_*</c>.
    /// </summary>
    public static (IReadOnlyList<decimal> Points, IReadOnlyList<EngineProblem> Problems) Distribute(IReadOnlyList<decimal> weights, decimal total, decimal step)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var problems = new List<EngineProblem>();
        if (!Steps.Contains(step))
        {
            problems.Add(new EngineProblem("ahp.points_step",
                F($"分值取整单位 {step} 无效，应为 1、0.5 或 0.1。"), F($"The point step {step} is not offered; use 1, 0.5 or 0.1.")) { Field = "pointStep" });
        }
        else if (total <= 0 || total % step != 0 || total / step > 1_000_000)
        {
            problems.Add(new EngineProblem("ahp.points_total",
                F($"总分 {total} 应为大于 0 且是 {step} 的整数倍的数。"), F($"The total {total} must be greater than 0 and a multiple of {step}.")) { Field = "totalPoints" });
        }

        if (weights.Count == 0 || weights.Any(w => w < 0 || w > 1) || weights.Sum() != 1m)
        {
            problems.Add(new EngineProblem("ahp.points_weights",
                "权重应在 0 到 1 之间且合计为 1，才能折算分值。", "Weights must lie between 0 and 1 and add up to 1 to be turned into points.") { Field = "weights" });
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var units = (long)(total / step);
        var whole = new long[weights.Count];
        var remainders = new decimal[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = weights[i] * units;
            whole[i] = (long)decimal.Floor(exact);
            remainders[i] = exact - whole[i];
        }

        var left = units - whole.Sum();
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i]).ThenByDescending(i => weights[i]).ThenBy(i => i)
            .Take((int)left);
        foreach (var i in order)
        {
            whole[i]++;
        }

        return ([.. whole.Select(u => u * step)], []);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
