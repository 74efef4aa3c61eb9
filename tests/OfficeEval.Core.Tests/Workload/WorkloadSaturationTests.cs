using OfficeEval.Core.Workload;

namespace OfficeEval.Core.Tests.Workload;

public class WorkloadSaturationTests
{
    /// <summary>One person doing one task of one item taking <paramref name="hours"/> hours, coefficient 1.</summary>
    private static WorkloadResult OnePersonHours(decimal hours) =>
        WorkloadSaturation.Calculate([new WorkloadTask("审批", 1m, hours * 60m)], 1m);

    [Fact]
    public void Calculate_WorkedExample_MatchesHandCalculation()
    {
        // By hand, 2 people:
        //   审批 1200 × 60 min × 1.0 = 72,000 min
        //   督查  300 × 120 min × 1.2 = 43,200 min
        //   调研   50 × 600 min × 1.5 = 45,000 min
        //   total 160,200 min ÷ 60 = 2,670 h; per capita 2,670 ÷ 2 = 1,335 h
        //   standard 250 d × 6.5 h = 1,625 h; saturation 1,335 ÷ 1,625 = 0.8215384… → 82.15% → 饱满 (80–90%)
        var result = WorkloadSaturation.Calculate(
            [new WorkloadTask("审批", 1200m, 60m), new WorkloadTask("督查", 300m, 120m, 1.2m), new WorkloadTask("调研", 50m, 600m, 1.5m)],
            2m);

        Assert.Empty(result.Problems);
        Assert.Equal(2670m, result.EffectiveHours);
        Assert.Equal(1335m, result.PerCapitaHours);
        Assert.Equal(1625m, result.StandardHoursPerPerson);
        Assert.Equal(82.15m, result.SaturationPercent);
        Assert.Equal("饱满", result.Band);
        Assert.Contains("2670", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("1335 ÷ 1625 = 82.15%", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("“饱满”（80%（含）至 90%）", result.Explanation, StringComparison.Ordinal);
    }

    public static TheoryData<decimal, decimal, string> BandEdges => new()
    {
        // hours per person → saturation of 1,625 h → band
        { 1462.5m, 90m, "很饱满" },       // exactly 90%
        { 1462.3375m, 89.99m, "饱满" },   // just under 90%
        { 1300m, 80m, "饱满" },           // exactly 80%
        { 1299.8375m, 79.99m, "基本饱满" },
        { 1056.25m, 65m, "基本饱满" },     // exactly 65%
        { 1056.0875m, 64.99m, "不饱满" },
        { 0m, 0m, "不饱满" },
        { 2031.25m, 125m, "很饱满" },      // over 100% stays in the top band
    };

    [Theory]
    [MemberData(nameof(BandEdges))]
    public void Calculate_AtBandEdge_LowerEdgeIsInclusive(decimal hours, decimal expectedPercent, string expectedBand)
    {
        var result = OnePersonHours(hours);

        Assert.Empty(result.Problems);
        Assert.Equal(expectedPercent, result.SaturationPercent);
        Assert.Equal(expectedBand, result.Band);
    }

    [Fact]
    public void Calculate_SaturationRoundingUpToEdge_BandFollowsShownPercentage()
    {
        // 1,462.435 h ÷ 1,625 h = 89.996% → shown as 90.00%, so the band must be 很饱满, not 饱满.
        var result = OnePersonHours(1462.435m);

        Assert.Equal(90.00m, result.SaturationPercent);
        Assert.Equal("很饱满", result.Band);
    }

    [Fact]
    public void Calculate_NoTasks_ZeroSaturationUnderLoaded()
    {
        var result = WorkloadSaturation.Calculate([], 3m);

        Assert.Empty(result.Problems);
        Assert.Equal(0m, result.EffectiveHours);
        Assert.Equal(0m, result.PerCapitaHours);
        Assert.Equal(0m, result.SaturationPercent);
        Assert.Equal("不饱满", result.Band);
        Assert.Contains("未填报工作任务", result.Explanation, StringComparison.Ordinal);
        Assert.Contains("低于 65%", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_CustomPolicy_UsesItsDaysHoursAndBands()
    {
        // 240 d × 7 h = 1,680 h; 1,260 h ÷ 1,680 h = 75% → 达标 (≥70%) under the custom bands.
        var policy = new WorkloadPolicy
        {
            WorkingDaysPerYear = 240m,
            EffectiveHoursPerDay = 7m,
            Bands = [new SaturationBand("不达标", 0m), new SaturationBand("达标", 70m)],
        };

        var result = WorkloadSaturation.Calculate([new WorkloadTask("值班", 1260m, 60m)], 1m, policy);

        Assert.Empty(result.Problems);
        Assert.Equal(1680m, result.StandardHoursPerPerson);
        Assert.Equal(75m, result.SaturationPercent);
        Assert.Equal("达标", result.Band);
        Assert.Contains("70% 及以上", result.Explanation, StringComparison.Ordinal);
    }

    public static TheoryData<WorkloadTask, string, string> BadTasks => new()
    {
        { new WorkloadTask("信访", -1m, 30m), "workload.count_negative", "annualCount" },
        { new WorkloadTask("信访", 10m, -30m), "workload.minutes_negative", "standardMinutes" },
        { new WorkloadTask("信访", 10m, 30m, 0m), "workload.coefficient_invalid", "difficultyCoefficient" },
        { new WorkloadTask("信访", 10m, 30m, -0.5m), "workload.coefficient_invalid", "difficultyCoefficient" },
    };

    [Theory]
    [MemberData(nameof(BadTasks))]
    public void Calculate_BadTask_ReportsCodeNamingTaskAndNoFigures(WorkloadTask task, string code, string field)
    {
        var result = WorkloadSaturation.Calculate([new WorkloadTask("审批", 100m, 60m), task], 2m);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(field, problem.Field);
        Assert.Contains("“信访”", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("\"信访\"", problem.MessageEn, StringComparison.Ordinal);
        Assert.Null(result.SaturationPercent);
        Assert.Null(result.EffectiveHours);
        Assert.Null(result.Band);
        Assert.StartsWith("输入有误", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Calculate_StaffNotPositive_ReportsStaffInvalid(int staff)
    {
        var result = WorkloadSaturation.Calculate([new WorkloadTask("审批", 100m, 60m)], staff);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("workload.staff_invalid", problem.Code);
        Assert.Null(result.SaturationPercent);
        Assert.Equal($"输入有误，未计算饱满度：人员数 {staff} 应大于 0。", result.Explanation);
    }

    [Fact]
    public void Calculate_SeveralBadTasks_ReportsEachByNameOrPosition()
    {
        var result = WorkloadSaturation.Calculate(
            [new WorkloadTask("审批", -5m, 60m), new WorkloadTask(" ", 10m, 30m, 0m)],
            1m);

        Assert.Equal(["workload.count_negative", "workload.task_name_missing", "workload.coefficient_invalid"], result.Problems.Select(p => p.Code));
        Assert.Contains("“审批”", result.Problems[0].MessageZh, StringComparison.Ordinal);
        Assert.Contains("第 2 项", result.Problems[1].MessageZh, StringComparison.Ordinal);
        Assert.Contains("第 2 项", result.Problems[2].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_HugeFigures_ReportsOverflowInsteadOfThrowing()
    {
        var result = WorkloadSaturation.Calculate([new WorkloadTask("审批", 1e27m, 1e6m)], 1m);

        Assert.Equal("workload.overflow", Assert.Single(result.Problems).Code);
        Assert.Null(result.SaturationPercent);
    }

    public static TheoryData<WorkloadPolicy, string> BadPolicies => new()
    {
        { new WorkloadPolicy { WorkingDaysPerYear = 0m }, "workload.policy_days" },
        { new WorkloadPolicy { EffectiveHoursPerDay = 25m }, "workload.policy_hours" },
        { new WorkloadPolicy { Bands = [] }, "workload.policy_bands_empty" },
        { new WorkloadPolicy { Bands = [new SaturationBand("饱满", 80m), new SaturationBand("不饱满", 10m)] }, "workload.policy_band_gap" },
        { new WorkloadPolicy { Bands = [new SaturationBand("饱满", 80m), new SaturationBand("饱满", 0m)] }, "workload.policy_band_name" },
        { new WorkloadPolicy { Bands = [new SaturationBand("饱满", 0m), new SaturationBand("不饱满", 0m)] }, "workload.policy_band_edge" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Calculate_BadPolicy_ReportsPolicyCode(WorkloadPolicy policy, string code)
    {
        var result = WorkloadSaturation.Calculate([new WorkloadTask("审批", 100m, 60m)], 1m, policy);

        Assert.Equal(code, Assert.Single(result.Problems).Code);
        Assert.Null(result.SaturationPercent);
    }

    [Fact]
    public void ValidatePolicy_Default_HasNoProblems()
    {
        Assert.Empty(WorkloadSaturation.ValidatePolicy(WorkloadPolicy.Default));
        Assert.Equal(1625m, WorkloadPolicy.Default.StandardHoursPerPerson);
        Assert.Equal([90m, 80m, 65m, 0m], WorkloadPolicy.DefaultBands.Select(b => b.LowerEdgePercent));
    }
}
