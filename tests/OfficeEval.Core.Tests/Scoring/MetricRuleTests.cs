using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class MetricRuleTests
{
    private static readonly UnitFacts Facts = new()
    {
        ApprovedEstablishment = 50,
        ActualStaff = 53,
        ApprovedLeadershipPosts = 7,
        ActualLeadershipPosts = 8,
        BusinessDivisionStaff = 30,
        TotalStaff = 48,
        PeerValue = 120m,
        PeerValues = [150m, 120m, 90m, 200m],
    };

    public static TheoryData<UnitMetric, decimal> Expected => new()
    {
        { UnitMetric.EstablishmentUseRate, 106m },       // 53 / 50 × 100
        { UnitMetric.Vacancies, 0m },                    // max(0, 50 − 53)
        { UnitMetric.OverEstablishment, 3m },            // 53 − 50
        { UnitMetric.LeadershipPostsOverQuota, 1m },     // 8 − 7
        { UnitMetric.BusinessDivisionStaffShare, 62.5m },// 30 / 48 × 100
        { UnitMetric.PeerRankHighFirst, 3m },            // 150 and 200 are higher; the tie at 120 shares the rank
        { UnitMetric.PeerRankLowFirst, 2m },             // only 90 is lower
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Compute_EveryMetric_GivesTheDocumentedValue(UnitMetric metric, decimal expected)
    {
        var value = UnitMetrics.Compute(metric, Facts);

        Assert.Equal(expected, value.Value);
        Assert.Empty(value.Problems);
        Assert.StartsWith(UnitMetrics.NameZh(metric), value.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_UnderEstablishment_CountsVacancies()
    {
        var value = UnitMetrics.Compute(UnitMetric.Vacancies, new UnitFacts { ApprovedEstablishment = 50, ActualStaff = 46 });

        Assert.Equal(4m, value.Value);
        Assert.Equal("空编数 = 核定编制 50 − 实有人数 46 = 4", value.Explanation);
    }

    [Fact]
    public void Compute_UseRateExplanation_ShowsTheFormula()
    {
        Assert.Equal("编制使用率 = 实有人数 53 ÷ 核定编制 50 × 100% = 106%", UnitMetrics.Compute(UnitMetric.EstablishmentUseRate, Facts).Explanation);
    }

    [Fact]
    public void Compute_MissingFacts_ReportsEachMissingField()
    {
        var value = UnitMetrics.Compute(UnitMetric.EstablishmentUseRate, new UnitFacts());

        Assert.Null(value.Value);
        Assert.Equal(["actualStaff", "approvedEstablishment"], value.Problems.Select(p => p.Field));
        Assert.All(value.Problems, p => Assert.Equal("facts.missing", p.Code));
    }

    [Fact]
    public void Compute_ZeroApprovedEstablishment_ReportsFactsInvalidInsteadOfDividing()
    {
        var value = UnitMetrics.Compute(UnitMetric.EstablishmentUseRate, new UnitFacts { ApprovedEstablishment = 0, ActualStaff = 3 });

        Assert.Null(value.Value);
        var problem = Assert.Single(value.Problems);
        Assert.Equal(("facts.invalid", "approvedEstablishment"), (problem.Code, problem.Field));
        Assert.Contains("核定编制 0 无效，应不小于 1", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BusinessStaffAboveTotal_ReportsFactsInvalid()
    {
        var value = UnitMetrics.Compute(UnitMetric.BusinessDivisionStaffShare, new UnitFacts { BusinessDivisionStaff = 50, TotalStaff = 40 });

        Assert.Equal("facts.invalid", Assert.Single(value.Problems).Code);
    }

    [Fact]
    public void Compute_NoFactsAtAll_ReportsFactsMissing()
    {
        Assert.Equal("facts.missing", Assert.Single(UnitMetrics.Compute(UnitMetric.Vacancies, null).Problems).Code);
    }

    [Fact]
    public void Compute_PeerRankWithoutPeers_IsFirst()
    {
        Assert.Equal(1m, UnitMetrics.Compute(UnitMetric.PeerRankLowFirst, new UnitFacts { PeerValue = 3m }).Value);
    }

    [Fact]
    public void ScoreLeaf_OverEstablishmentAsDeduction_DeductsPerPerson()
    {
        // 超编进人: 3 over × 2.5 = 7.5 > 5 → 0 (扣完为止)
        var rule = new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(2.5m));

        var score = RuleScorer.ScoreLeaf("4.1.1", 5m, rule, null, Facts);

        Assert.Equal(0m, score.Value);
        Assert.Equal("超编人数 = 实有人数 53 − 核定编制 50 = 3；发生 3 次，每次扣 2.5 分，共扣 5 分（扣完为止），得 0 分。", score.Explanation);
    }

    [Fact]
    public void ScoreLeaf_BusinessShareAsShortfall_DeductsPerPointBelowTarget()
    {
        // 62.5% against 65%: 2.5 points × 0.1 = 0.25 → 2.5 − 0.25 = 2.25
        var rule = new MetricRule(UnitMetric.BusinessDivisionStaffShare, new ShortfallRule(65m, 0.1m));

        Assert.Equal(2.25m, RuleScorer.ScoreLeaf("3.23", 2.5m, rule, null, Facts).Value);
    }

    [Theory]
    [InlineData(95, 5)]   // 95 ≤ v ≤ 100 → 1
    [InlineData(100, 5)]
    [InlineData(101, 2.5)] // > 100 → 0.5
    [InlineData(80, 2.5)]  // < 95 → 0.5
    public void ScoreLeaf_UseRateThroughBands_ScoresTheBand(int actualStaff, double expected)
    {
        var rule = new MetricRule(UnitMetric.EstablishmentUseRate, new BandsRule(
        [
            new Band(null, null, 95m, false, 0.5m),
            new Band(95m, true, 100m, true, 1m),
            new Band(100m, false, null, null, 0.5m),
        ]));

        var score = RuleScorer.ScoreLeaf("4.1.2", 5m, rule, null, new UnitFacts { ApprovedEstablishment = 100, ActualStaff = actualStaff });

        Assert.Equal((decimal)expected, score.Value);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 1.8)]
    [InlineData(11, 1)]
    [InlineData(30, 1)]
    public void ScoreLeaf_PeerRankThroughLinear_LosesPerPlace(int ahead, double expected)
    {
        // rank 1 → 2 points, −0.1 per place down to rank 11 and beyond → 1
        var rule = new MetricRule(UnitMetric.PeerRankLowFirst, new LinearRule(new Anchor(1m, 1m), new Anchor(11m, 0.5m)));
        var peers = Enumerable.Repeat(1m, ahead - 1).Concat(Enumerable.Repeat(99m, 5)).ToList();

        var score = RuleScorer.ScoreLeaf("3.1", 2m, rule, null, new UnitFacts { PeerValue = 50m, PeerValues = peers });

        Assert.Equal((decimal)expected, score.Value);
    }

    [Fact]
    public void ScoreLeaf_MetricWithMissingFacts_ScoresZeroAndReportsOnTheLeaf()
    {
        var score = RuleScorer.ScoreLeaf("4.2.1", 6m, new MetricRule(UnitMetric.LeadershipPostsOverQuota, new DeductionRule(2m)), null, new UnitFacts { ApprovedLeadershipPosts = 5 });

        Assert.Equal(0m, score.Value);
        var problem = Assert.Single(score.Problems);
        Assert.Equal(("facts.missing", "actualLeadershipPosts", "4.2.1"), (problem.Code, problem.Field, problem.IndicatorCode));
        Assert.Contains("实配领导职数", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreLeaf_MetricScoredByNonNumericRule_ReportsMetricScoringKind()
    {
        var score = RuleScorer.ScoreLeaf("4.1", 5m, new MetricRule(UnitMetric.Vacancies, new QualitativeScaleRule([new ScaleOption("好", 1m)])), null, Facts);

        Assert.Equal(0m, score.Value);
        Assert.Equal("rule.metric_scoring_kind", Assert.Single(score.Problems).Code);
    }

    [Fact]
    public void ScoreLeaf_UndefinedMetric_ReportsMetricUnknown()
    {
        var score = RuleScorer.ScoreLeaf("4.1", 5m, new MetricRule((UnitMetric)99, new DeductionRule(1m)), null, Facts);

        Assert.Equal(0m, score.Value);
        Assert.Equal("rule.metric_unknown", Assert.Single(score.Problems).Code);
    }
}
