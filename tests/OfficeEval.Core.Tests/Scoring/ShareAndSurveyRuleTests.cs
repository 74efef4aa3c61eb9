using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class ShareAndSurveyRuleTests
{
    [Fact]
    public void ScoreLeaf_AgeShares_ScoresPointsTimesWeightedShares()
    {
        // 10 / 20 / 8 / 2 staff = 40: shares 0.25 / 0.5 / 0.2 / 0.05
        // Σ share × factor = 0.25 × 1 + 0.5 × 0.8 + 0.2 × 0.5 + 0.05 × 0 = 0.25 + 0.4 + 0.1 = 0.75 → 2 × 0.75 = 1.5
        var facts = new UnitFacts { AgeBands = new AgeBandCounts(10, 20, 8, 2) };

        var score = RuleScorer.ScoreLeaf("3.2", 2m, Rules.AgeShares(), null, facts);

        Assert.Equal(1.5m, score.Value);
        Assert.Empty(score.Problems);
        Assert.Equal("35岁及以下 10 人，占 25%，系数 1；36-50岁 20 人，占 50%，系数 0.8；51-60岁 8 人，占 20%，系数 0.5；60岁以上 2 人，占 5%，系数 0；加权比例 0.75，2 × 0.75 计 1.5 分。", score.Explanation);
    }

    [Fact]
    public void ScoreLeaf_AllStaffInBestBand_ScoresFullPoints()
    {
        Assert.Equal(2m, RuleScorer.ScoreLeaf("3.2", 2m, Rules.AgeShares(), null, new UnitFacts { AgeBands = new AgeBandCounts(7, 0, 0) }).Value);
    }

    [Fact]
    public void ScoreLeaf_SharesThatDoNotDivideEvenly_RoundOnce()
    {
        // 1 / 1 / 1 staff: (1 + 0.8 + 0.5) / 3 = 0.7666…; × 2 = 1.5333… → 1.53
        var facts = new UnitFacts { AgeBands = new AgeBandCounts(1, 1, 1) };

        Assert.Equal(1.53m, RuleScorer.ScoreLeaf("3.2", 2m, Rules.AgeShares(), null, facts).Value);
    }

    [Fact]
    public void ScoreLeaf_SharesFromAnswerCounts_MatchByLabel()
    {
        var rule = new ShareRule([new ShareFactor("专业干部", 1m), new ShareFactor("其他", 0.5m)]);
        var answer = new Answer("3.3") { Counts = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["专业干部"] = 3m, ["其他"] = 1m } };

        // 0.75 × 1 + 0.25 × 0.5 = 0.875 × 4 = 3.5
        Assert.Equal(3.5m, RuleScorer.ScoreLeaf("3.3", 4m, rule, answer).Value);
    }

    [Fact]
    public void ScoreLeaf_AgeSharesWithoutFacts_ReportsFactsMissing()
    {
        var score = RuleScorer.ScoreLeaf("3.2", 2m, Rules.AgeShares(), null, new UnitFacts());

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal(("facts.missing", "ageBands", "3.2"), (problem.Code, problem.Field, problem.IndicatorCode));
    }

    [Fact]
    public void ScoreLeaf_SharesWithNoStaff_ReportsSharesEmpty()
    {
        var score = RuleScorer.ScoreLeaf("3.2", 2m, Rules.AgeShares(), null, new UnitFacts { AgeBands = new AgeBandCounts(0, 0, 0) });

        Assert.Equal(0m, score.Value);
        Assert.Equal("answer.shares_empty", Assert.Single(score.Problems).Code);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1.5)]
    public void ScoreLeaf_AnswerCountInvalid_ReportsCountInvalid(double count)
    {
        var rule = new ShareRule([new ShareFactor("甲", 1m)]);
        var answer = new Answer("3.3") { Counts = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["甲"] = (decimal)count } };

        var problem = Assert.Single(RuleScorer.ScoreLeaf("3.3", 4m, rule, answer).Problems);

        Assert.Equal(("answer.count_invalid", "counts"), (problem.Code, problem.Field));
    }

    [Fact]
    public void ScoreLeaf_NegativeAgeBandCount_ReportsFactsInvalid()
    {
        var score = RuleScorer.ScoreLeaf("3.2", 2m, Rules.AgeShares(), null, new UnitFacts { AgeBands = new AgeBandCounts(5, -1, 0) });

        Assert.Equal("facts.invalid", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_SharesFromAnswerWithoutCounts_ReportsMissing()
    {
        var problem = Assert.Single(RuleScorer.ScoreLeaf("3.3", 4m, new ShareRule([new ShareFactor("甲", 1m)]), new Answer("3.3")).Problems);

        Assert.Equal(("answer.missing", "counts"), (problem.Code, problem.Field));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(0.92, 7.36)]
    [InlineData(0.33333, 2.67)]   // 2.66664 → 2.67
    [InlineData(0.000625, 0.01)]  // 0.005 → 0.01, half away from zero
    [InlineData(0, 0)]
    public void ScoreLeaf_Survey_ScoresPointsTimesFraction(double fraction, double expected)
    {
        var score = RuleScorer.ScoreLeaf("1.2.1", 8m, new SurveyRule("服务对象满意度"), null, surveyFraction: (decimal)fraction);

        Assert.Equal((decimal)expected, score.Value);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void ScoreLeaf_SurveyExplanation_NamesQuestionnaireAndFraction()
    {
        var score = RuleScorer.ScoreLeaf("1.2.1", 8m, new SurveyRule("服务对象满意度"), null, surveyFraction: 0.92m);

        Assert.Equal("问卷“服务对象满意度”得分比例 0.92，8 × 0.92 计 7.36 分。", score.Explanation);
    }

    [Fact]
    public void ScoreLeaf_SurveyWithoutResult_ReportsSurveyMissing()
    {
        var score = RuleScorer.ScoreLeaf("1.2.1", 8m, new SurveyRule(), null);

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal(("survey.missing", "survey"), (problem.Code, problem.Field));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void ScoreLeaf_SurveyFractionOutOfRange_ReportsFractionRange(double fraction)
    {
        var score = RuleScorer.ScoreLeaf("1.2.1", 8m, new SurveyRule(), null, surveyFraction: (decimal)fraction);

        Assert.Equal(0m, score.Value);
        Assert.Equal("survey.fraction_range", Assert.Single(score.Problems).Code);
    }
}
