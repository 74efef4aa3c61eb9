using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class ShortfallRuleTests
{
    /// <summary>研究生以上占比 ≥20%, 每低1%扣0.1分, on 1 point.</summary>
    private static readonly ShortfallRule PerPercentBelow20 = new(20m, 0.1m);

    [Theory]
    [InlineData(35, 1)]      // above target
    [InlineData(20, 1)]      // at target: no shortfall
    [InlineData(19.99, 1)]   // 0.01 × 0.1 = 0.001 → 1.00
    [InlineData(19.95, 1)]   // 0.005 deducted → 0.995 → 1.00 (half away from zero)
    [InlineData(19.9, 0.99)]
    [InlineData(17.5, 0.75)] // 2.5 points pro rata
    [InlineData(15, 0.5)]
    [InlineData(10, 0)]      // exactly used up
    [InlineData(0, 0)]       // floored at zero (扣完为止)
    public void ScoreLeaf_BelowTarget_DeductsPerPercentagePointProRata(double value, double expected)
    {
        Assert.Equal((decimal)expected, Rules.Score(PerPercentBelow20, (decimal)value, points: 1m).Value);
    }

    [Theory]
    [InlineData(19.99, 1)]  // less than one whole point: nothing
    [InlineData(19, 0.9)]   // one whole point
    [InlineData(17.5, 0.8)] // 2.5 → 2 whole points
    public void ScoreLeaf_WholePointsOnly_CountsWholePercentagePoints(double value, double expected)
    {
        var rule = PerPercentBelow20 with { WholePoints = true };

        Assert.Equal((decimal)expected, Rules.Score(rule, (decimal)value, points: 1m).Value);
    }

    [Theory]
    [InlineData(95, 2.6)]   // 2 below → 0.4, under the cap
    [InlineData(89.5, 1.5)] // 7.5 below → exactly the cap
    [InlineData(80, 1.5)]   // 17 below → 3.4, capped at 1.5
    public void ScoreLeaf_Cap_LimitsTheDeduction(double value, double expected)
    {
        var rule = new ShortfallRule(97m, 0.2m, Cap: 1.5m);

        Assert.Equal((decimal)expected, Rules.Score(rule, (decimal)value, points: 3m).Value);
    }

    [Theory]
    [InlineData(100, 5)]    // 在职人员控制率 ≤100% earns 5
    [InlineData(101, 4.5)]  // −0.5 per point over
    [InlineData(104.2, 2.9)]
    [InlineData(120, 0)]
    public void ScoreLeaf_AboveDirection_DeductsPerPointOverTarget(double value, double expected)
    {
        var rule = new ShortfallRule(100m, 0.5m, Direction: ShortfallDirection.Above);

        Assert.Equal((decimal)expected, Rules.Score(rule, (decimal)value, points: 5m).Value);
    }

    [Fact]
    public void ScoreLeaf_HugeNegativeValue_FloorsAtZeroWithoutOverflow()
    {
        Assert.Equal(0m, Rules.Score(PerPercentBelow20, decimal.MinValue, points: 1m).Value);
        Assert.Equal(0m, Rules.Score(new ShortfallRule(0m, 0.5m, Direction: ShortfallDirection.Above), decimal.MaxValue, points: 1m).Value);
    }

    [Fact]
    public void ScoreLeaf_ShortfallExplanation_NamesGapStepAndScore()
    {
        var score = Rules.Score(PerPercentBelow20, 17.5m, points: 1m);

        Assert.Equal("数值 17.5%，低于目标 20% 共 2.5 个百分点，每个百分点扣 0.1 分，共扣 0.25 分，得 0.75 分。", score.Explanation);
        Assert.Contains("扣完为止", Rules.Score(PerPercentBelow20, 0m, points: 1m).Explanation, StringComparison.Ordinal);
        Assert.Contains("扣分上限 1.5 分", Rules.Score(new ShortfallRule(97m, 0.2m, 1.5m), 80m, points: 3m).Explanation, StringComparison.Ordinal);
        Assert.Contains("按整百分点计 2 个", Rules.Score(PerPercentBelow20 with { WholePoints = true }, 17.5m, points: 1m).Explanation, StringComparison.Ordinal);
        Assert.Equal("数值 20%，不低于目标 20%，得满分 1 分。", Rules.Score(PerPercentBelow20, 20m, points: 1m).Explanation);
    }

    [Fact]
    public void ScoreLeaf_MissingValue_ReportsMissing()
    {
        Assert.Equal("answer.missing", Assert.Single(Rules.Score(PerPercentBelow20, null, points: 1m).Problems).Code);
    }
}
