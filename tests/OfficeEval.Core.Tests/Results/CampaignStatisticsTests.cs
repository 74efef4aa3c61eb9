using OfficeEval.Core.Results;

namespace OfficeEval.Core.Tests.Results;

public class CampaignStatisticsTests
{
    private static UnitScore Unit(decimal d1, decimal d2, decimal? total = null) =>
        new(total ?? (d1 + d2), 100m, Core.Scoring.Score.Rate(total ?? (d1 + d2), 100m),
            [new DimensionScore("D1", "履职", d1, 40m, Core.Scoring.Score.Rate(d1, 40m)), new DimensionScore("D2", "编制", d2, 60m, Core.Scoring.Score.Rate(d2, 60m))],
            [], []);

    [Fact]
    public void Compute_ThreeUnits_AveragesOverallAndPerDimension()
    {
        // totals 90, 80, 71 → average 80.333… → 80.33; rates the same (of 100)
        // D1: 36, 30, 31 → 32.333… → 32.33; rates 90, 75, 77.5 → 80.833… → 80.83
        // D2: 54, 50, 40 → 48; rates 90, 83.333…, 66.666… → 80
        var summary = CampaignStatistics.Compute([Unit(36m, 54m), Unit(30m, 50m), Unit(31m, 40m)]);

        Assert.Equal((3, 80.33m, 80.33m), (summary.UnitCount, summary.AverageTotal, summary.AverageScoreRate));
        Assert.Equal(
            [("D1", 3, 32.33m, 80.83m), ("D2", 3, 48m, 80m)],
            summary.Dimensions.Select(d => (d.Code, d.UnitCount, d.AverageScore, d.AverageScoreRate)));
    }

    [Fact]
    public void Compute_DefaultBands_CountLowerEdgesInclusive()
    {
        var summary = CampaignStatistics.Compute(
            [Unit(0m, 0m, 100m), Unit(0m, 0m, 90m), Unit(0m, 0m, 89.99m), Unit(0m, 0m, 80m), Unit(0m, 0m, 70m), Unit(0m, 0m, 69.99m), Unit(0m, 0m, 60m), Unit(0m, 0m, 59.99m), Unit(0m, 0m, 0m)]);

        Assert.Equal(
            [("90%及以上", 90m, (decimal?)null, 2), ("80%（含）至90%", 80m, 90m, 2), ("70%（含）至80%", 70m, 80m, 1), ("60%（含）至70%", 60m, 70m, 2), ("60%以下", null, 60m, 2)],
            summary.Distribution.Select(b => (b.Label, b.MinRate, b.MaxRate, b.Count)));
    }

    [Fact]
    public void Compute_CustomEdgesInAnyOrder_AreSortedAndDeduplicated()
    {
        var summary = CampaignStatistics.Compute([Unit(0m, 0m, 95m), Unit(0m, 0m, 85m), Unit(0m, 0m, 50m)], [75m, 90m, 75m]);

        Assert.Equal([("90%及以上", 1), ("75%（含）至90%", 1), ("75%以下", 1)], summary.Distribution.Select(b => (b.Label, b.Count)));
    }

    [Fact]
    public void Compute_NoEdges_IsOneBand()
    {
        Assert.Equal(("全部", 2), (Assert.Single(CampaignStatistics.Compute([Unit(1m, 1m), Unit(2m, 2m)], []).Distribution) is var b ? (b.Label, b.Count) : default));
    }

    [Fact]
    public void Compute_NoUnits_IsAllZero()
    {
        var summary = CampaignStatistics.Compute([]);

        Assert.Equal((0, 0m, 0m), (summary.UnitCount, summary.AverageTotal, summary.AverageScoreRate));
        Assert.Empty(summary.Dimensions);
        Assert.All(summary.Distribution, b => Assert.Equal(0, b.Count));
    }

    [Fact]
    public void Compute_VetoedUnit_CountsWithItsZero()
    {
        var vetoed = Unit(36m, 54m, 0m) with { Vetoed = true };

        var summary = CampaignStatistics.Compute([Unit(36m, 54m), vetoed]);

        Assert.Equal(45m, summary.AverageTotal);
        Assert.Equal(1, summary.Distribution[^1].Count);
    }

    [Fact]
    public void Compute_ScoredUnits_UsesTheEngineResults()
    {
        var framework = Support.Build.Sample();
        var units = new[] { "好", "较好", "差" }.Select(option => UnitScorer.Score(framework, new Dictionary<string, Core.Scoring.Answer>
        {
            ["1.1"] = new("1.1") { Option = option },
            ["1.2.1"] = new("1.2.1") { Number = 0m },
            ["1.2.2"] = new("1.2.2") { Option = option },
            ["2.1.1"] = new("2.1.1") { Number = 0m },
            ["2.1.2"] = new("2.1.2") { Option = option },
        })).ToList();

        var summary = CampaignStatistics.Compute(units);

        // totals: 100; 20 + 30 + 0.8 × 50 = 90; 20 + 30 = 50 → average 80
        Assert.Equal([100m, 90m, 50m], units.Select(u => u.Total));
        Assert.Equal(80m, summary.AverageTotal);
        Assert.Equal([2, 0, 0, 0, 1], summary.Distribution.Select(b => b.Count));
    }
}
