using OfficeEval.Core.Ahp;

namespace OfficeEval.Core.Tests.Ahp;

public class PointAllocationTests
{
    [Fact]
    public void Distribute_SaatyWeightsOverHundredInHalves_LargestRemaindersTakeTheLeftoverUnits()
    {
        // 200 half-point units: 0.1571 → 31.42, 0.5936 → 118.72, 0.2493 → 49.86; floors 31 + 118 + 49 = 198,
        // the two units left go to the remainders 0.86 and 0.72 → 31, 119, 50 units = 15.5, 59.5, 25.
        var (points, problems) = PointAllocation.Distribute([0.1571m, 0.5936m, 0.2493m], 100m, 0.5m);

        Assert.Empty(problems);
        Assert.Equal([15.5m, 59.5m, 25m], points);
        Assert.Equal(100m, points.Sum());
    }

    [Fact]
    public void Distribute_TenthsOfTwenty_AddUpExactly()
    {
        // 200 tenth units: 0.3334 → 66.68, 0.3333 → 66.66 twice; floors 198; the two leftovers go to 0.68 then 0.66
        // (the earlier of the two equal ones).
        var (points, problems) = PointAllocation.Distribute([0.3334m, 0.3333m, 0.3333m], 20m, 0.1m);

        Assert.Empty(problems);
        Assert.Equal([6.7m, 6.7m, 6.6m], points);
        Assert.Equal(20m, points.Sum());
    }

    [Fact]
    public void Distribute_EqualRemainders_LargerWeightFirst()
    {
        // 10 whole units: 0.25 → 2.5, 0.75 → 7.5: equal remainders, one unit left, the larger weight takes it.
        var (points, _) = PointAllocation.Distribute([0.25m, 0.75m], 10m, 1m);

        Assert.Equal([2m, 8m], points);
    }

    [Theory]
    [InlineData(100, 0.25, "ahp.points_step", "pointStep")]
    [InlineData(100.3, 0.5, "ahp.points_total", "totalPoints")]
    [InlineData(0, 0.5, "ahp.points_total", "totalPoints")]
    public void Distribute_BadTotalOrStep_ReportsProblemWithField(double total, double step, string code, string field)
    {
        var (points, problems) = PointAllocation.Distribute([0.5m, 0.5m], (decimal)total, (decimal)step);

        Assert.Empty(points);
        var problem = Assert.Single(problems);
        Assert.Equal((code, field), (problem.Code, problem.Field));
    }

    [Fact]
    public void Distribute_WeightsNotSummingToOne_Refused()
    {
        var (points, problems) = PointAllocation.Distribute([0.5m, 0.4m], 100m, 0.5m);

        Assert.Empty(points);
        Assert.Equal("ahp.points_weights", Assert.Single(problems).Code);
    }
}
