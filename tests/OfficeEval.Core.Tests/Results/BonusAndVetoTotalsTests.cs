using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Results;

public class BonusAndVetoTotalsTests
{
    /// <summary>
    /// <code>
    /// D1 (10) ─ 1.1 (10, scale) ─ a (1, bonus 0.4 each, pool A) ─ b (1, bonus 0.4 each, pool B)
    /// D2 (0)  ─ c (2, bonus 1 each, pool B)
    /// D3 (0)  ─ v (0, veto, zero total) ─ w (0, veto, cap at C)
    /// pool A cap 0.5, pool B cap 1.5
    /// </code>
    /// </summary>
    private static readonly FrameworkDefinition Framework = Build.Framework(10m,
        Build.Node("D1", 10m,
            Build.Leaf("1.1", 10m, Build.FourLevelScale()),
            Build.Leaf("a", 1m, new BonusRule(0.4m, "A")),
            Build.Leaf("b", 1m, new BonusRule(0.4m, "B"))),
        Build.Node("D2", 0m, Build.Leaf("c", 2m, new BonusRule(1m, "B"))),
        Build.Node("D3", 0m,
            Build.Leaf("v", 0m, new VetoRule(VetoEffect.ZeroTotal)),
            Build.Leaf("w", 0m, new VetoRule(VetoEffect.CapGrade, "C")))) with
    {
        BonusPools = [new BonusPool("A", "创新", 0.5m), new BonusPool("B", "基层", 1.5m)],
    };

    private static UnitScore Score(decimal a, decimal b, decimal c, bool v = false, bool w = false) => UnitScorer.Score(Framework, new Dictionary<string, Answer>
    {
        ["1.1"] = new("1.1") { Option = "一般" },
        ["a"] = new("a") { Number = a },
        ["b"] = new("b") { Number = b },
        ["c"] = new("c") { Number = c },
        ["v"] = new("v") { Finding = v },
        ["w"] = new("w") { Finding = w },
    });

    [Fact]
    public void Framework_IsValid()
    {
        Assert.Empty(FrameworkValidator.Validate(Framework));
    }

    [Fact]
    public void Score_BonusLeaves_StayOutOfDimensionSubtotals()
    {
        var result = Score(1m, 1m, 1m);

        Assert.Equal([6m, 0m, 0m], result.Dimensions.Select(d => d.Score));
        Assert.Equal(60m, result.Dimensions[0].ScoreRate);
        Assert.Equal(6m, result.BaseTotal);
    }

    [Fact]
    public void Score_EachPool_IsCappedOnItsOwn()
    {
        // A: 2 × 0.4 = 0.8 → cap 0.5; B: b 1 × 0.4 + c 1 × 1 = 1.4 → under 1.5
        var result = Score(2m, 1m, 1m);

        Assert.Equal([("A", 0.8m, 0.5m), ("B", 1.4m, 1.4m)], result.BonusPools.Select(p => (p.Code, p.Claimed, p.Awarded)));
        Assert.Equal(1.9m, result.Bonus);
        Assert.Equal(7.9m, result.Total);
        Assert.Equal(79m, result.ScoreRate);
    }

    [Fact]
    public void Score_BonusAboveFullPoints_GivesRateAboveHundred()
    {
        // 1.1 好 = 10; A 0.5; B: b 0.8 (2 × 0.4) + c 2 (leaf cap) = 2.8 → 1.5 → total 12
        var result = UnitScorer.Score(Framework, new Dictionary<string, Answer>
        {
            ["1.1"] = new("1.1") { Option = "好" },
            ["a"] = new("a") { Number = 5m },
            ["b"] = new("b") { Number = 2m },
            ["c"] = new("c") { Number = 9m },
        });

        Assert.Equal((12m, 120m), (result.Total, result.ScoreRate));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Score_ZeroTotalVeto_ZeroesTotalButKeepsTheBreakdown()
    {
        var result = Score(1m, 1m, 1m, v: true);

        Assert.True(result.Vetoed);
        Assert.Equal((0m, 0m, 0m, 6m), (result.Total, result.ScoreRate, result.Bonus, result.BaseTotal));
        Assert.Equal(6m, result.Dimensions[0].Score);
    }

    [Fact]
    public void Score_CapGradeVeto_LeavesTheTotalAndRecordsTheCap()
    {
        var result = Score(0m, 0m, 0m, w: true);

        Assert.False(result.Vetoed);
        Assert.Equal(6m, result.Total);
        Assert.Equal(new VetoFinding("w", "指标w", VetoEffect.CapGrade, "C"), Assert.Single(result.Vetoes));
    }

    [Fact]
    public void Score_BonusLeafWithUndeclaredPool_IsReportedAndNotAdded()
    {
        var framework = Framework with { BonusPools = [new BonusPool("A", "创新", 0.5m)] };

        var result = UnitScorer.Score(framework, new Dictionary<string, Answer> { ["1.1"] = new("1.1") { Option = "好" }, ["b"] = new("b") { Number = 1m } });

        Assert.Equal(10m, result.Total);
        Assert.Contains(result.Problems, p => p.Code == "rule.bonus_pool_unknown" && p.IndicatorCode == "b");
        Assert.Contains(result.Problems, p => p.Code == "rule.bonus_pool_unknown" && p.IndicatorCode == "c");
    }

    [Fact]
    public void Score_NoBonusOrVetoAnswers_AreNotProblems()
    {
        var result = UnitScorer.Score(Framework, new Dictionary<string, Answer> { ["1.1"] = new("1.1") { Option = "好" } });

        Assert.Empty(result.Problems);
        Assert.Equal((10m, 0m), (result.Total, result.Bonus));
        Assert.Empty(result.Vetoes);
    }
}
