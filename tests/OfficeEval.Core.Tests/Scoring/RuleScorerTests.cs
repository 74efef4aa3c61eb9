using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Scoring;

public class RuleScorerTests
{
    private static LeafScore Pick(string? option, decimal points = 10m, ScoringRule? rule = null) =>
        RuleScorer.ScoreLeaf("1.1", points, rule ?? Build.FourLevelScale(), new Answer("1.1") { Option = option });

    private static LeafScore Count(decimal? count, decimal points = 10m, decimal perOccurrence = 2m, decimal? cap = null) =>
        RuleScorer.ScoreLeaf("2.1", points, new DeductionRule(perOccurrence, cap), new Answer("2.1") { Number = count });

    public static TheoryData<string, decimal> EveryOption => new()
    {
        { "好", 10m },
        { "较好", 8m },
        { "一般", 6m },
        { "差", 0m },
    };

    [Theory]
    [MemberData(nameof(EveryOption))]
    public void ScoreLeaf_QualitativeOption_ScoresFractionOfPoints(string option, decimal expected)
    {
        var score = Pick(option);

        Assert.Equal(expected, score.Value);
        Assert.Equal(10m, score.Points);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void ScoreLeaf_UnknownOption_ScoresZeroAndReportsOptionUnknown()
    {
        var score = Pick("优秀");

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal("answer.option_unknown", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
        Assert.Equal("option", problem.Field);
        Assert.Contains("优秀", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("较好", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_NullAnswer_ScoresZeroAndReportsMissing()
    {
        var score = RuleScorer.ScoreLeaf("1.1", 10m, Build.FourLevelScale(), null);

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal("answer.missing", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
        Assert.Equal("option", problem.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ScoreLeaf_BlankOption_ReportsMissing(string? option)
    {
        var score = Pick(option);

        Assert.Equal(0m, score.Value);
        Assert.Equal("answer.missing", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_DeductionWithoutNumber_ReportsMissingNumber()
    {
        var score = Count(null);

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal("answer.missing", problem.Code);
        Assert.Equal("number", problem.Field);
    }

    [Theory]
    [InlineData(" 较好")]
    [InlineData("较好  ")]
    [InlineData("\t较好 \n")]
    public void ScoreLeaf_OptionWithSurroundingSpaces_IsMatched(string option)
    {
        var score = Pick(option);

        Assert.Equal(8m, score.Value);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void ScoreLeaf_RuleLabelWithTrailingSpace_MatchesTrimmedAnswer()
    {
        var rule = Build.Scale(("完成 ", 1m), ("未完成", 0m));

        Assert.Equal(10m, Pick("完成", rule: rule).Value);
    }

    [Fact]
    public void ScoreLeaf_ZeroOccurrences_ScoresFullPoints()
    {
        var score = Count(0m);

        Assert.Equal(10m, score.Value);
        Assert.Empty(score.Problems);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(3, 4)]
    [InlineData(5, 0)]
    public void ScoreLeaf_SomeOccurrences_DeductsPerOccurrence(int occurrences, int expected)
    {
        Assert.Equal(expected, Count(occurrences).Value);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(1000)]
    public void ScoreLeaf_DeductionBeyondPoints_FloorsAtZero(int occurrences)
    {
        var score = Count(occurrences);

        Assert.Equal(0m, score.Value);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void ScoreLeaf_HugeCount_FloorsAtZeroWithoutOverflow()
    {
        // A count cell can hold 1E+28 or more; count × per-occurrence must not overflow decimal.
        var score = Count(decimal.MaxValue);

        Assert.Equal(0m, score.Value);
    }

    [Theory]
    [InlineData(2, 6)]   // 4 deducted, under the cap
    [InlineData(3, 5)]   // 6 deducted, capped at 5
    [InlineData(50, 5)]  // 100 deducted, capped at 5
    public void ScoreLeaf_DeductionWithCap_DeductsAtMostCap(int occurrences, int expected)
    {
        Assert.Equal(expected, Count(occurrences, cap: 5m).Value);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1.5)]
    [InlineData(0.001)]
    public void ScoreLeaf_NegativeOrFractionalCount_ReportsCountInvalid(double count)
    {
        var score = Count((decimal)count);

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal("answer.count_invalid", problem.Code);
        Assert.Equal("2.1", problem.IndicatorCode);
        Assert.Equal("number", problem.Field);
    }

    [Fact]
    public void ScoreLeaf_WholeCountWithDecimalScale_IsAccepted()
    {
        // 2.0 typed or read from a cell is still a whole number.
        Assert.Equal(6m, Count(2.0m).Value);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(10.01)]
    [InlineData(11)]
    public void ScoreLeaf_SelfScoreOutOfRange_ReportsSelfScoreRange(double selfScore)
    {
        var answer = new Answer("1.1") { Option = "好", SelfScore = (decimal)selfScore };

        var score = RuleScorer.ScoreLeaf("1.1", 10m, Build.FourLevelScale(), answer);

        Assert.Equal(10m, score.Value);
        Assert.Equal((decimal)selfScore, score.SelfScore);
        var problem = Assert.Single(score.Problems);
        Assert.Equal("answer.self_score_range", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
        Assert.Equal("selfScore", problem.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7.5)]
    [InlineData(10)]
    public void ScoreLeaf_SelfScoreInRange_IsKeptWithoutProblem(double selfScore)
    {
        var answer = new Answer("1.1") { Option = "一般", SelfScore = (decimal)selfScore };

        var score = RuleScorer.ScoreLeaf("1.1", 10m, Build.FourLevelScale(), answer);

        Assert.Equal((decimal)selfScore, score.SelfScore);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void ScoreLeaf_SevenPointsTimesPointSix_IsExact()
    {
        var rule = Build.Scale(("满分", 1m), ("部分", 0.6m));

        Assert.Equal(4.2m, Pick("部分", 7m, rule).Value);
    }

    [Fact]
    public void ScoreLeaf_ThirdOfPoints_RoundsToTwoDecimals()
    {
        // 7 × 0.333 = 2.331 → 2.33
        var rule = Build.Scale(("满分", 1m), ("三分之一", 0.333m));

        Assert.Equal(2.33m, Pick("三分之一", 7m, rule).Value);
    }

    [Fact]
    public void ScoreLeaf_QualitativeMidpoint_RoundsAwayFromZero()
    {
        // 7 × 0.335 = 2.345: away from zero gives 2.35 (banker's rounding would give 2.34).
        var rule = Build.Scale(("满分", 1m), ("部分", 0.335m));

        Assert.Equal(2.35m, Pick("部分", 7m, rule).Value);
    }

    [Fact]
    public void ScoreLeaf_DeductionMidpoint_RoundsAwayFromZero()
    {
        // 10 − 1 × 0.335 = 9.665: away from zero gives 9.67 (banker's rounding would give 9.66).
        Assert.Equal(9.67m, Count(1m, perOccurrence: 0.335m).Value);
    }

    [Fact]
    public void ScoreLeaf_QualitativeExplanation_NamesOptionAndScore()
    {
        var score = Pick("较好");

        Assert.Contains("较好", score.Explanation, StringComparison.Ordinal);
        Assert.Contains("0.8", score.Explanation, StringComparison.Ordinal);
        Assert.Contains("计 8 分", score.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_UnknownOptionExplanation_NamesTheOption()
    {
        Assert.Contains("“优秀”无效", Pick("优秀").Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_DeductionExplanation_NamesCountDeductionAndScore()
    {
        var score = Count(3m);

        Assert.Equal("发生 3 次，每次扣 2 分，共扣 6 分，得 4 分。", score.Explanation);
    }

    [Fact]
    public void ScoreLeaf_HugeCountWithCap_DeductsCapAndExplainsIt()
    {
        var score = Count(decimal.MaxValue, cap: 5m);

        Assert.Equal(5m, score.Value);
        Assert.Contains("扣分上限 5 分", score.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_ScoreWithTrailingZeroScale_IsExplainedWithoutTrailingZeros()
    {
        // 2.0 × 4.0 deducted from 20.0 is 12.00 as a decimal; the text says 12.
        var score = RuleScorer.ScoreLeaf("2.1", 20.0m, new DeductionRule(4m), new Answer("2.1") { Number = 2.0m });

        Assert.EndsWith("得 12 分。", score.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_CappedDeductionExplanation_MentionsCap()
    {
        var score = Count(4m, cap: 5m);

        Assert.Contains("共扣 5 分", score.Explanation, StringComparison.Ordinal);
        Assert.Contains("扣分上限 5 分", score.Explanation, StringComparison.Ordinal);
        Assert.Contains("得 5 分", score.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_UncappedDeductionRunsOut_ExplainsFloorNotCap()
    {
        var score = RuleScorer.ScoreLeaf("4.2.1", 6m, new DeductionRule(2m), new Answer("4.2.1") { Number = 4m });

        Assert.Equal(0m, score.Value);
        Assert.Contains("扣完为止", score.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("扣分上限", score.Explanation, StringComparison.Ordinal);
    }
}
