using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class BonusVetoRuleTests
{
    /// <summary>基层编制: +0.05 per post added, at most 0.5 (the leaf's points).</summary>
    private static readonly BonusRule PerPostAdded = new(0.05m, "BASE");

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0.05)]
    [InlineData(9, 0.45)]
    [InlineData(10, 0.5)]     // exactly the cap
    [InlineData(11, 0.5)]     // capped at the leaf's points
    [InlineData(100000, 0.5)]
    public void ScoreLeaf_Bonus_AddsPerOccurrenceUpToLeafPoints(int count, double expected)
    {
        var score = Rules.Score(PerPostAdded, count, points: 0.5m);

        Assert.Equal((decimal)expected, score.Value);
        Assert.Equal(LeafRole.Bonus, score.Role);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void ScoreLeaf_BonusWithoutAnswer_AddsNothingWithoutProblem()
    {
        var score = RuleScorer.ScoreLeaf("9.1", 0.5m, PerPostAdded, null);

        Assert.Equal(0m, score.Value);
        Assert.Empty(score.Problems);
        Assert.Equal("未申报加分事项，加 0 分。", score.Explanation);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2.5)]
    public void ScoreLeaf_BonusCountInvalid_ReportsCountInvalid(double count)
    {
        var score = Rules.Score(PerPostAdded, (decimal)count, points: 0.5m);

        Assert.Equal(0m, score.Value);
        Assert.Equal("answer.count_invalid", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_BonusHugeCount_CapsWithoutOverflow()
    {
        Assert.Equal(0.5m, Rules.Score(PerPostAdded, decimal.MaxValue, points: 0.5m).Value);
    }

    [Fact]
    public void ScoreLeaf_BonusExplanation_NamesCountStepAndCap()
    {
        Assert.Equal("发生 3 次，每次加 0.05 分，计 0.15 分，计入加分项。", Rules.Score(PerPostAdded, 3m, points: 0.5m).Explanation);
        Assert.Contains("本项最多加 0.5 分", Rules.Score(PerPostAdded, 30m, points: 0.5m).Explanation, StringComparison.Ordinal);
    }

    public static TheoryData<bool?, decimal?, bool> VetoAnswers => new()
    {
        { true, null, true },
        { false, null, false },
        { null, 1m, true },
        { null, 3m, true },
        { null, 0m, false },
        { false, 2m, false },  // an explicit finding wins over a count
    };

    [Theory]
    [MemberData(nameof(VetoAnswers))]
    public void ScoreLeaf_Veto_ReadsFindingOrCountAboveZero(bool? finding, decimal? count, bool expected)
    {
        var score = RuleScorer.ScoreLeaf("4.1", 0m, new VetoRule(VetoEffect.CapGrade), new Answer("4.1") { Finding = finding, Number = count });

        Assert.Equal(expected, score.Finding);
        Assert.Equal(0m, score.Value);
        Assert.Equal(LeafRole.Veto, score.Role);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void ScoreLeaf_VetoWithoutAnswer_IsNoFindingWithoutProblem()
    {
        var score = RuleScorer.ScoreLeaf("4.1", 0m, new VetoRule(VetoEffect.ZeroTotal), null);

        Assert.False(score.Finding);
        Assert.Empty(score.Problems);
        Assert.Equal("未填报，视为未发现否决情形。", score.Explanation);
    }

    [Fact]
    public void ScoreLeaf_VetoWithFractionalCount_ReportsCountInvalidAndNoFinding()
    {
        var score = RuleScorer.ScoreLeaf("4.1", 0m, new VetoRule(VetoEffect.CapGrade), new Answer("4.1") { Number = 0.5m });

        Assert.False(score.Finding);
        Assert.Equal("answer.count_invalid", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_VetoExplanation_SaysWhatTheFindingDoes()
    {
        static string Explain(VetoRule rule) => RuleScorer.ScoreLeaf("4.1", 0m, rule, new Answer("4.1") { Finding = true }).Explanation;

        Assert.Equal("发现否决情形：一票否优，不得评为最高等次。", Explain(new VetoRule(VetoEffect.CapGrade)));
        Assert.Equal("发现否决情形：一票否优，等次最高为“C”。", Explain(new VetoRule(VetoEffect.CapGrade, "C")));
        Assert.Equal("发现否决情形：一票否决，总分计 0 分，评为最低等次。", Explain(new VetoRule(VetoEffect.ZeroTotal)));
    }
}
