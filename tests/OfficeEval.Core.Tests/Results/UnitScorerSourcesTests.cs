using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Results;

public class UnitScorerSourcesTests
{
    /// <summary>One dimension: 1.1 (10, 好/较好/一般/差), 1.2 (10, survey), 1.3 (0, veto 否优).</summary>
    private static readonly Core.Frameworks.FrameworkDefinition Framework = Build.Framework(20m,
        Build.Node("D1", 20m,
            Build.Leaf("1.1", 10m, Build.FourLevelScale()),
            Build.Leaf("1.2", 10m, new SurveyRule()),
            Build.Leaf("1.3", 0m, new VetoRule(VetoEffect.CapGrade))));

    private static UnitInput Input(decimal? self = 9m, Verification? verified = null) => new(WorkedExample.Answers(new Answer("1.1") { Option = "较好", SelfScore = self }))
    {
        Verified = verified is null ? new Dictionary<string, Verification>() : new Dictionary<string, Verification> { ["1.1"] = verified },
        SurveyFractions = new Dictionary<string, decimal> { ["1.2"] = 0.5m },
    };

    private static LeafScore First(UnitInput input, ScoringPolicy? policy = null) => UnitScorer.Score(Framework, input, policy).Leaves[0];

    [Fact]
    public void Score_DefaultPolicyWithoutVerification_UsesComputedNotSelfScore()
    {
        var leaf = First(Input(self: 10m));

        Assert.Equal((8m, ScoreSource.Computed, (decimal?)null), (leaf.Value, leaf.Source, leaf.Deviation));
    }

    [Fact]
    public void Score_DefaultPolicyWithVerification_UsesVerifiedAndReportsDeviation()
    {
        var leaf = First(Input(self: 9m, verified: new(Score: 7m)));

        Assert.Equal((7m, ScoreSource.Verified, 8m, (decimal?)7m, (decimal?)2m), (leaf.Value, leaf.Source, leaf.Computed, leaf.Verified, leaf.Deviation));
    }

    [Fact]
    public void Score_NegativeDeviation_IsSelfBelowVerified()
    {
        var leaf = First(Input(self: 6.5m, verified: new(Score: 8m)));

        Assert.Equal(-1.5m, leaf.Deviation);
        Assert.Contains("偏差 -1.5 分", leaf.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_VerifiedWithoutSelfScore_HasNoDeviation()
    {
        var leaf = First(Input(self: null, verified: new(Score: 7m)));

        Assert.Null(leaf.Deviation);
        Assert.StartsWith("采用实地评估核定得分 7 分。按规则计算：", leaf.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_VerifiedWithMoreDecimals_IsRoundedOnce()
    {
        Assert.Equal(7.35m, First(Input(verified: new(Score: 7.345m))).Value);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(10.5)]
    public void Score_VerifiedOutOfRange_IsReportedAndNotUsed(double verified)
    {
        var result = UnitScorer.Score(Framework, Input(verified: new(Score: (decimal)verified)));

        Assert.Equal((8m, ScoreSource.Computed, (decimal?)null), (result.Leaves[0].Value, result.Leaves[0].Source, result.Leaves[0].Verified));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("verified.score_range", "1.1", "verified"), (problem.Code, problem.IndicatorCode, problem.Field));
    }

    [Fact]
    public void Score_SelfScoreFirstPolicy_UsesValidSelfScore()
    {
        var policy = new ScoringPolicy([ScoreSource.SelfScore, ScoreSource.Computed]);

        var leaf = First(Input(self: 9.5m, verified: new(Score: 7m)), policy);

        Assert.Equal((9.5m, ScoreSource.SelfScore), (leaf.Value, leaf.Source));
        Assert.StartsWith("采用自评得分 9.5 分。", leaf.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_SelfScoreOutOfRange_FallsBackAndIsReported()
    {
        var result = UnitScorer.Score(Framework, Input(self: 12m), new ScoringPolicy([ScoreSource.SelfScore]));

        Assert.Equal((8m, ScoreSource.Computed), (result.Leaves[0].Value, result.Leaves[0].Source));
        Assert.Equal("answer.self_score_range", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Score_PolicyWithoutComputed_ImpliesComputedLast()
    {
        var leaf = First(Input(self: null), new ScoringPolicy([ScoreSource.Verified, ScoreSource.SelfScore]));

        Assert.Equal((8m, ScoreSource.Computed), (leaf.Value, leaf.Source));
    }

    [Fact]
    public void Score_ComputedBeforeVerified_IgnoresVerification()
    {
        var leaf = First(Input(verified: new(Score: 7m)), new ScoringPolicy([ScoreSource.Computed, ScoreSource.Verified]));

        Assert.Equal((8m, ScoreSource.Computed, (decimal?)7m), (leaf.Value, leaf.Source, leaf.Verified));
    }

    [Fact]
    public void Score_SurveyFraction_FeedsTheLinkedLeaf()
    {
        Assert.Equal(5m, UnitScorer.Score(Framework, Input()).Leaves[1].Value);
    }

    [Fact]
    public void Score_VerifiedFindingOnScoredLeaf_IsReported()
    {
        var result = UnitScorer.Score(Framework, Input(verified: new(Finding: true)));

        Assert.Equal("verified.finding_not_applicable", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Score_VerifiedScoreOnVetoLeaf_IsReported()
    {
        var input = Input() with { Verified = new Dictionary<string, Verification> { ["1.3"] = new(Score: 1m) } };

        var problem = Assert.Single(UnitScorer.Score(Framework, input).Problems);

        Assert.Equal(("verified.score_not_applicable", "1.3"), (problem.Code, problem.IndicatorCode));
    }

    [Fact]
    public void Score_VerifiedFindingOnVetoLeafWithoutAnswer_IsAFinding()
    {
        var input = Input() with { Verified = new Dictionary<string, Verification> { ["1.3"] = new(Finding: true) } };

        var result = UnitScorer.Score(Framework, input);

        Assert.Equal("1.3", Assert.Single(result.Vetoes).Code);
        Assert.Equal(ScoreSource.Verified, result.Leaves[2].Source);
    }

    [Fact]
    public void Score_InputsForCodesOutsideTheFramework_AreReportedInCodeOrder()
    {
        var input = Input() with
        {
            Verified = new Dictionary<string, Verification> { ["9.9"] = new(Score: 1m), ["8.8"] = new(Score: 1m) },
            SurveyFractions = new Dictionary<string, decimal> { ["1.2"] = 0.5m, ["1.1"] = 0.5m, ["7.7"] = 0.5m },
        };

        var result = UnitScorer.Score(Framework, input);

        Assert.Equal(
            [("verified.indicator_unknown", "8.8"), ("verified.indicator_unknown", "9.9"), ("survey.indicator_unknown", "7.7"), ("survey.not_linked", "1.1")],
            result.Problems.Select(p => (p.Code, p.IndicatorCode)));
        Assert.Equal(8m, result.Leaves[0].Value);
    }

    [Fact]
    public void Score_MissingSurveyResult_IsReportedOnTheLeaf()
    {
        var result = UnitScorer.Score(Framework, Input() with { SurveyFractions = new Dictionary<string, decimal>() });

        Assert.Equal(("survey.missing", "1.2"), (Assert.Single(result.Problems).Code, result.Problems[0].IndicatorCode));
    }

    [Fact]
    public void Score_ConvenienceOverload_EqualsRichInputWithAnswersOnly()
    {
        var answers = WorkedExample.Answers(new Answer("1.1") { Option = "一般" });

        var simple = UnitScorer.Score(Framework, answers);
        var rich = UnitScorer.Score(Core.Frameworks.CompiledFramework.For(Framework), new UnitInput(answers));

        Assert.Equal(simple.Total, rich.Total);
        Assert.Equal(simple.Leaves.Select(l => (l.Code, l.Value, l.Explanation, l.Source)), rich.Leaves.Select(l => (l.Code, l.Value, l.Explanation, l.Source)));
        Assert.Equal(simple.Problems, rich.Problems);
    }
}
