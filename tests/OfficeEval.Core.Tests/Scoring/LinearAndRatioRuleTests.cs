using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class LinearAndRatioRuleTests
{
    private static readonly LinearRule SixtyToHundred = new(new Anchor(60m, 0m), new Anchor(100m, 1m));

    [Theory]
    [InlineData(-1000, 0)]  // clamped below
    [InlineData(59.99, 0)]
    [InlineData(60, 0)]     // at the low anchor
    [InlineData(70, 2.5)]   // (70 − 60) / 40 × 10
    [InlineData(99, 9.75)]
    [InlineData(100, 10)]   // at the high anchor
    [InlineData(250, 10)]   // clamped above
    public void ScoreLeaf_LinearBetweenAnchors_InterpolatesAndClamps(double value, double expected)
    {
        Assert.Equal((decimal)expected, Rules.Score(SixtyToHundred, (decimal)value).Value);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(5, 8.75)]   // decreasing: 0 → 1, 20 → 0.5; 1 − 5/20 × 0.5 = 0.875
    [InlineData(20, 5)]
    [InlineData(40, 5)]
    public void ScoreLeaf_DecreasingAnchorsGivenInEitherOrder_ScoreTheSame(double value, double expected)
    {
        var forward = new LinearRule(new Anchor(0m, 1m), new Anchor(20m, 0.5m));
        var backward = new LinearRule(new Anchor(20m, 0.5m), new Anchor(0m, 1m));

        Assert.Equal((decimal)expected, Rules.Score(forward, (decimal)value).Value);
        Assert.Equal((decimal)expected, Rules.Score(backward, (decimal)value).Value);
    }

    [Fact]
    public void ScoreLeaf_LinearThirds_RoundsToTwoDecimals()
    {
        // (70 − 60) / 30 × 7 = 2.333… → 2.33
        var rule = new LinearRule(new Anchor(60m, 0m), new Anchor(90m, 1m));

        Assert.Equal(2.33m, Rules.Score(rule, 70m, points: 7m).Value);
    }

    [Fact]
    public void ScoreLeaf_LinearExplanation_NamesAnchorsAndFraction()
    {
        var score = Rules.Score(SixtyToHundred, 70m);

        Assert.Equal("数值 70，在锚点 60（0）与 100（1）之间线性折算，得分比例 0.25，计 2.5 分。", score.Explanation);
        Assert.Contains("不低于锚点 100", Rules.Score(SixtyToHundred, 120m).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_LinearHugeValue_ClampsWithoutOverflow()
    {
        Assert.Equal(10m, Rules.Score(SixtyToHundred, decimal.MaxValue).Value);
        Assert.Equal(0m, Rules.Score(SixtyToHundred, decimal.MinValue).Value);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(50, 5)]
    [InlineData(99.99, 10)]   // 9.999 → 10.00
    [InlineData(99.94, 9.99)] // 9.994 → 9.99
    [InlineData(100, 10)]
    [InlineData(180, 10)]     // capped at full points
    public void ScoreLeaf_PositiveRatio_ScoresActualOverTargetCapped(double actual, double expected)
    {
        Assert.Equal((decimal)expected, Rules.Score(new RatioRule(RatioDirection.Positive, 100m), (decimal)actual).Value);
    }

    [Theory]
    [InlineData(0, 10)]      // nothing spent: full points
    [InlineData(80, 10)]
    [InlineData(100, 10)]
    [InlineData(125, 8)]     // 100 / 125 × 10
    [InlineData(300, 3.33)]
    public void ScoreLeaf_NegativeRatio_ScoresTargetOverActualCapped(double actual, double expected)
    {
        Assert.Equal((decimal)expected, Rules.Score(new RatioRule(RatioDirection.Negative, 100m), (decimal)actual).Value);
    }

    [Theory]
    [InlineData(RatioDirection.Positive)]
    [InlineData(RatioDirection.Negative)]
    public void ScoreLeaf_NegativeActual_ReportsValueNegative(RatioDirection direction)
    {
        var score = Rules.Score(new RatioRule(direction, 100m), -1m);

        Assert.Equal(0m, score.Value);
        Assert.Equal("answer.value_negative", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_RatioWithZeroTarget_ReportsRuleProblemInsteadOfDividing()
    {
        var score = Rules.Score(new RatioRule(RatioDirection.Negative, 0m), 5m);

        Assert.Equal(0m, score.Value);
        Assert.Equal("rule.ratio_target", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_RatioExplanation_ShowsTheDivision()
    {
        Assert.Equal("反向指标：目标值 100 ÷ 实际值 125 = 0.8，计 8 分。", Rules.Score(new RatioRule(RatioDirection.Negative, 100m), 125m).Explanation);
        Assert.Equal("正向指标：实际值 50 ÷ 目标值 100 = 0.5，计 5 分。", Rules.Score(new RatioRule(RatioDirection.Positive, 100m), 50m).Explanation);
    }
}
