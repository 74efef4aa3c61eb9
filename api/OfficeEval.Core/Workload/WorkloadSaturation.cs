using System.Globalization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Workload;

/// <summary>
/// Workload saturation (工作饱满度): the effective working time the tasks need per person, as a share of the standard
/// working time of one person (工作量饱满度 = 岗位有效工作时间 / 平均正常工作时间).
/// </summary>
public static class WorkloadSaturation
{
    /// <summary>
    /// Computes saturation for <paramref name="staffCount"/> people sharing <paramref name="tasks"/>.
    /// <list type="bullet">
    /// <item>effective hours = Σ annual count × standard minutes × difficulty coefficient ÷ 60;</item>
    /// <item>per-capita hours = effective hours ÷ staff count;</item>
    /// <item>standard hours per person = working days per year × effective hours per day;</item>
    /// <item>saturation = per-capita hours ÷ standard hours × 100%.</item>
    /// </list>
    /// Figures are computed exactly and rounded once for reporting by <see cref="Score.Round"/> (two decimals);
    /// the band is chosen from the rounded saturation, so the percentage shown and its band always agree.
    /// Bad input or a bad policy never throws: every problem is reported and the figures are null.
    /// </summary>
    /// <param name="tasks">The tasks; an empty list means no workload (0%).</param>
    /// <param name="staffCount">People sharing the tasks (may be fractional for part-time posts), greater than 0.</param>
    /// <param name="policy">Working time and bands; <see cref="WorkloadPolicy.Default"/> when null.</param>
    public static WorkloadResult Calculate(IReadOnlyList<WorkloadTask> tasks, decimal staffCount, WorkloadPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        policy ??= WorkloadPolicy.Default;

        var problems = new List<EngineProblem>();
        problems.AddRange(ValidatePolicy(policy));
        for (var i = 0; i < tasks.Count; i++)
        {
            problems.AddRange(ValidateTask(tasks[i] ?? throw new ArgumentException("A task is null.", nameof(tasks)), i));
        }

        if (staffCount <= 0)
        {
            problems.Add(Problem("workload.staff_invalid", "staffCount",
                F($"人员数 {staffCount} 应大于 0。"),
                F($"The staff count {staffCount} must be greater than 0.")));
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        decimal totalMinutes = 0, saturation;
        var standardHours = policy.StandardHoursPerPerson;
        try
        {
            foreach (var task in tasks)
            {
                totalMinutes += task.AnnualCount * task.StandardMinutes * task.DifficultyCoefficient;
            }

            saturation = totalMinutes / 60m / staffCount / standardHours * 100m;
        }
        catch (OverflowException)
        {
            // Counts come from users' cells and may be absurdly large; decimal overflows rather than losing precision.
            problems.Add(Problem("workload.overflow", null,
                "工作量数值过大，无法计算饱满度，请检查年工作量和标准用时。",
                "The workload figures are too large to compute; check the annual counts and standard minutes."));
            return Invalid(problems);
        }

        var effectiveHours = totalMinutes / 60m;
        var perCapita = effectiveHours / staffCount;
        var roundedSaturation = Score.Round(saturation);
        var band = BandOf(roundedSaturation, policy.Bands);
        return new WorkloadResult(
            Score.Round(effectiveHours),
            Score.Round(perCapita),
            Score.Round(standardHours),
            roundedSaturation,
            band.Name,
            Explain(tasks.Count, staffCount, policy, effectiveHours, perCapita, roundedSaturation, band),
            []);
    }

    /// <summary>Returns the problems of <paramref name="policy"/>; an empty sequence when it can be used.</summary>
    public static IEnumerable<EngineProblem> ValidatePolicy(WorkloadPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.WorkingDaysPerYear is <= 0 or > 366)
        {
            yield return Problem("workload.policy_days", null,
                F($"年工作日数 {policy.WorkingDaysPerYear} 应大于 0 且不超过 366。"),
                F($"Working days per year {policy.WorkingDaysPerYear} must be above 0 and at most 366."));
        }

        if (policy.EffectiveHoursPerDay is <= 0 or > 24)
        {
            yield return Problem("workload.policy_hours", null,
                F($"每日有效工作小时数 {policy.EffectiveHoursPerDay} 应大于 0 且不超过 24。"),
                F($"Effective hours per day {policy.EffectiveHoursPerDay} must be above 0 and at most 24."));
        }

        if (policy.Bands is not { Count: > 0 } bands)
        {
            yield return Problem("workload.policy_bands_empty", null, "未设置饱满度等级。", "No saturation bands are set.");
            yield break;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var edges = new HashSet<decimal>();
        foreach (var band in bands)
        {
            if (band is null || string.IsNullOrWhiteSpace(band.Name) || !names.Add(band.Name.Trim()))
            {
                yield return Problem("workload.policy_band_name", null,
                    $"饱满度等级名称“{band?.Name}”为空或重复。", $"The saturation band name \"{band?.Name}\" is empty or repeated.");
            }
            else if (!edges.Add(band.LowerEdgePercent))
            {
                yield return Problem("workload.policy_band_edge", null,
                    F($"饱满度等级“{band.Name}”的下限 {band.LowerEdgePercent}% 与其他等级重复。"),
                    F($"The saturation band \"{band.Name}\" repeats the lower edge {band.LowerEdgePercent}%."));
            }
        }

        var lowest = bands.Where(b => b is not null).Select(b => b.LowerEdgePercent).DefaultIfEmpty(0m).Min();
        if (lowest > 0)
        {
            yield return Problem("workload.policy_band_gap", null,
                F($"最低饱满度等级的下限为 {lowest}%，低于该值的饱满度没有等级；最低等级应从 0% 起。"),
                F($"The lowest saturation band starts at {lowest}%, so lower saturations have no band; it must start at 0%."));
        }
    }

    private static IEnumerable<EngineProblem> ValidateTask(WorkloadTask task, int index)
    {
        var name = string.IsNullOrWhiteSpace(task.Name) ? F($"第 {index + 1} 项") : $"“{task.Name.Trim()}”";
        var nameEn = string.IsNullOrWhiteSpace(task.Name) ? F($"#{index + 1}") : $"\"{task.Name.Trim()}\"";
        if (string.IsNullOrWhiteSpace(task.Name))
        {
            yield return Problem("workload.task_name_missing", "name",
                $"工作任务{name}未填写名称。", $"Task {nameEn} has no name.");
        }

        if (task.AnnualCount < 0)
        {
            yield return Problem("workload.count_negative", "annualCount",
                F($"工作任务{name}的年工作量 {task.AnnualCount} 不能为负数。"),
                F($"Task {nameEn}: the annual count {task.AnnualCount} cannot be negative."));
        }

        if (task.StandardMinutes < 0)
        {
            yield return Problem("workload.minutes_negative", "standardMinutes",
                F($"工作任务{name}的标准用时 {task.StandardMinutes} 分钟不能为负数。"),
                F($"Task {nameEn}: the standard time {task.StandardMinutes} minutes cannot be negative."));
        }

        if (task.DifficultyCoefficient <= 0)
        {
            yield return Problem("workload.coefficient_invalid", "difficultyCoefficient",
                F($"工作任务{name}的难度系数 {task.DifficultyCoefficient} 应大于 0。"),
                F($"Task {nameEn}: the difficulty coefficient {task.DifficultyCoefficient} must be greater than 0."));
        }
    }

    private static SaturationBand BandOf(decimal saturation, IReadOnlyList<SaturationBand> bands) =>
        bands.Where(b => b.LowerEdgePercent <= saturation).MaxBy(b => b.LowerEdgePercent)!;

    private static string Explain(int taskCount, decimal staffCount, WorkloadPolicy policy, decimal effectiveHours, decimal perCapita, decimal saturation, SaturationBand band)
    {
        var upper = policy.Bands.Where(b => b.LowerEdgePercent > band.LowerEdgePercent).Select(b => (decimal?)b.LowerEdgePercent).Min();
        var range = upper is { } u
            ? band.LowerEdgePercent <= 0 ? F($"低于 {u:0.##}%") : F($"{band.LowerEdgePercent:0.##}%（含）至 {u:0.##}%")
            : F($"{band.LowerEdgePercent:0.##}% 及以上");
        var work = taskCount == 0
            ? "未填报工作任务，年有效工作时间为 0 小时"
            : F($"{taskCount} 项工作任务按“年工作量 × 标准用时 × 难度系数 ÷ 60”合计年有效工作时间 {Score.Round(effectiveHours):0.##} 小时");
        return F($"{work}，由 {staffCount:0.##} 人承担，人均 {Score.Round(perCapita):0.##} 小时；") +
            F($"标准工作时间为 {policy.WorkingDaysPerYear:0.##} 天 × {policy.EffectiveHoursPerDay:0.##} 小时 = {Score.Round(policy.StandardHoursPerPerson):0.##} 小时/人；") +
            F($"饱满度 = {Score.Round(perCapita):0.##} ÷ {Score.Round(policy.StandardHoursPerPerson):0.##} = {saturation:0.00}%，属于“{band.Name}”（{range}）。");
    }

    private static WorkloadResult Invalid(List<EngineProblem> problems) =>
        new(null, null, null, null, null, "输入有误，未计算饱满度：" + string.Join("；", problems.Select(p => p.MessageZh.TrimEnd('。'))) + "。", problems);

    private static EngineProblem Problem(string code, string? field, string zh, string en) => new(code, zh, en) { Field = field };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
