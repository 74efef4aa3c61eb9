using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class BandsRuleTests
{
    public static TheoryData<decimal, decimal> BudgetEdges => new()
    {
        { -5m, 5m },       // unbounded below
        { 0m, 5m },        // 值≤0 includes 0
        { 0.001m, 4m },    // 0<值 excludes 0
        { 10m, 4m },       // 值≤10 includes 10
        { 10.001m, 3m },   // 10<值 excludes 10
        { 19.999m, 3m },   // 值<20 excludes 20
        { 20m, 2m },       // 20≤值 includes 20
        { 30m, 2m },       // 值≤30 includes 30
        { 30.001m, 0m },   // 值>30
        { 1_000_000m, 0m },
    };

    [Theory]
    [MemberData(nameof(BudgetEdges))]
    public void ScoreLeaf_PointBandsAtEveryEdge_UsesTheBandThatIncludesTheEdge(decimal value, decimal expected)
    {
        var score = Rules.Score(Rules.BudgetBands(), value, points: 5m);

        Assert.Equal(expected, score.Value);
        Assert.Empty(score.Problems);
    }

    [Theory]
    [InlineData(100, 8)]
    [InlineData(90, 8)]      // ≥90 inclusive
    [InlineData(89.99, 7.2)] // 80 ≤ v < 90
    [InlineData(80, 7.2)]
    [InlineData(79.99, 5.6)]
    [InlineData(65, 5.6)]
    [InlineData(64.99, 3.2)]
    [InlineData(0, 3.2)]
    public void ScoreLeaf_FractionBandsAtEdges_ScoresFractionOfPoints(double value, double expected)
    {
        Assert.Equal((decimal)expected, Rules.Score(Rules.SaturationBands(), (decimal)value, points: 8m).Value);
    }

    [Fact]
    public void ScoreLeaf_ValueInGapOfNonContiguousBands_ScoresZeroAndReportsOutOfBands()
    {
        var rule = new BandsRule([new Band(0m, true, 10m, false, 1m), new Band(20m, true, 30m, true, 0.5m)], Contiguous: false);

        var score = Rules.Score(rule, 15m);

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal("answer.value_out_of_bands", problem.Code);
        Assert.Equal("number", problem.Field);
        Assert.Contains("15", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("0≤值<10", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_ValueBelowLowestBoundedBand_ReportsOutOfBands()
    {
        var score = Rules.Score(new BandsRule([new Band(0m, true, 100m, true, 1m)]), -0.5m);

        Assert.Equal("answer.value_out_of_bands", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_MissingNumber_ReportsMissing()
    {
        var score = Rules.Score(Rules.BudgetBands(), null, points: 5m);

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal(("answer.missing", "number"), (problem.Code, problem.Field));
        Assert.Equal("未填写数值，得 0 分。", score.Explanation);
    }

    [Fact]
    public void ScoreLeaf_FractionBandMidpoint_RoundsAwayFromZero()
    {
        // 7 × 0.335 = 2.345 → 2.35
        var rule = new BandsRule([new Band(null, null, 50m, false, 0.335m), new Band(50m, true, null, null, 1m)]);

        Assert.Equal(2.35m, Rules.Score(rule, 10m, points: 7m).Value);
    }

    [Fact]
    public void ScoreLeaf_PointBandAbovePoints_IsClampedToPoints()
    {
        var rule = new BandsRule([new Band(null, null, null, null, 9m)], BandScoreKind.Points);

        Assert.Equal(5m, Rules.Score(rule, 1m, points: 5m).Value);
    }

    [Fact]
    public void ScoreLeaf_BandExplanation_NamesValueIntervalAndScore()
    {
        Assert.Equal("数值 15，落在区间 10<值<20，计 3 分。", Rules.Score(Rules.BudgetBands(), 15m, points: 5m).Explanation);
        Assert.Equal("数值 85，落在区间 80≤值<90，得分比例 0.9，计 7.2 分。", Rules.Score(Rules.SaturationBands(), 85m, points: 8m).Explanation);
        Assert.Contains("值≥90", Rules.Score(Rules.SaturationBands(), 95m, points: 8m).Explanation, StringComparison.Ordinal);
        Assert.Contains("值≤0", Rules.Score(Rules.BudgetBands(), -1m, points: 5m).Explanation, StringComparison.Ordinal);
    }
}
