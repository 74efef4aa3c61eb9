using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class NewRuleValidatorTests
{
    private static List<string> Codes(ScoringRule rule, decimal points = 5m)
    {
        var problems = RuleValidator.Validate("3.1", points, rule).ToList();
        Assert.All(problems, p => Assert.Equal("3.1", p.IndicatorCode));
        return [.. problems.Select(p => p.Code)];
    }

    public static TheoryData<ScoringRule, decimal> ValidRules => new()
    {
        { Rules.BudgetBands(), 5m },
        { Rules.SaturationBands(), 8m },
        { new LinearRule(new Anchor(60m, 0m), new Anchor(100m, 1m)), 5m },
        { new RatioRule(RatioDirection.Negative, 100m), 5m },
        { new ShortfallRule(20m, 0.1m, 1m), 1m },
        { new BonusRule(0.05m, "BASE"), 0.5m },
        { new VetoRule(VetoEffect.CapGrade), 0m },
        { new VetoRule(VetoEffect.CapGrade, "C"), 0m },
        { new VetoRule(VetoEffect.ZeroTotal), 0m },
        { Rules.AgeShares(), 2m },
        { new SurveyRule("满意度"), 8m },
        { new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(2.5m)), 5m },
    };

    [Theory]
    [MemberData(nameof(ValidRules))]
    public void Validate_WellFormedRule_HasNoProblems(ScoringRule rule, decimal points)
    {
        Assert.Empty(RuleValidator.Validate("3.1", points, rule));
    }

    [Fact]
    public void Validate_BandsTouchingWithBothEdgesInclusive_ReportsOverlap()
    {
        var rule = new BandsRule([new Band(null, null, 80m, true, 0.5m), new Band(80m, true, null, null, 1m)]);

        var problem = Assert.Single(RuleValidator.Validate("3.1", 5m, rule));

        Assert.Equal("rule.bands_overlap", problem.Code);
        Assert.Contains("值≤80", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("值≥80", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BandsTouchingWithBothEdgesExclusive_ReportsGapAtTheEdge()
    {
        var rule = new BandsRule([new Band(null, null, 80m, false, 0.5m), new Band(80m, false, null, null, 1m)]);

        Assert.Equal(["rule.bands_gap"], Codes(rule));
    }

    [Fact]
    public void Validate_BandsOverlappingRanges_ReportsOverlap()
    {
        var rule = new BandsRule([new Band(0m, true, 50m, false, 0.5m), new Band(40m, true, 100m, true, 1m)]);

        Assert.Equal(["rule.bands_overlap"], Codes(rule));
    }

    [Fact]
    public void Validate_TwoUnboundedBands_ReportsOverlap()
    {
        var rule = new BandsRule([new Band(null, null, 10m, false, 1m), new Band(null, null, 20m, false, 0.5m)]);

        Assert.Contains("rule.bands_overlap", Codes(rule));
    }

    [Fact]
    public void Validate_NumericGapInContiguousBands_ReportsGap()
    {
        var rule = new BandsRule([new Band(0m, true, 10m, false, 1m), new Band(20m, true, 30m, false, 0.5m)]);

        Assert.Equal(["rule.bands_gap"], Codes(rule));
    }

    [Fact]
    public void Validate_GapInNonContiguousBands_IsAllowed()
    {
        var rule = new BandsRule([new Band(0m, true, 10m, false, 1m), new Band(20m, true, 30m, false, 0.5m)], Contiguous: false);

        Assert.Empty(Codes(rule));
    }

    [Fact]
    public void Validate_BandsGivenOutOfOrder_AreCheckedInValueOrder()
    {
        var rule = new BandsRule([new Band(80m, true, null, null, 1m), new Band(null, null, 60m, false, 0m), new Band(60m, true, 80m, false, 0.6m)]);

        Assert.Empty(Codes(rule));
    }

    [Fact]
    public void Validate_EdgeWithoutInclusiveness_ReportsEdgeUnspecified()
    {
        var rule = new BandsRule([new Band(null, null, 60m, null, 0m), new Band(60m, true, null, null, 1m)]);

        Assert.Equal(["rule.band_edge_unspecified"], Codes(rule));
    }

    [Theory]
    [InlineData(10, 5, true, true)]   // from above to
    [InlineData(5, 5, true, false)]   // a point that excludes itself
    [InlineData(5, 5, false, false)]
    public void Validate_BandContainingNothing_ReportsBandEmpty(int from, int to, bool fromInclusive, bool toInclusive)
    {
        var rule = new BandsRule([new Band(from, fromInclusive, to, toInclusive, 1m)], Contiguous: false);

        Assert.Equal(["rule.band_empty"], Codes(rule));
    }

    [Fact]
    public void Validate_SinglePointBandInclusiveBothSides_IsAllowed()
    {
        var rule = new BandsRule([new Band(0m, true, 0m, true, 1m), new Band(0m, false, null, null, 0.5m)]);

        Assert.Empty(Codes(rule));
    }

    [Fact]
    public void Validate_PointBandAbovePoints_ReportsBandScoreAndNoFull()
    {
        var rule = new BandsRule([new Band(null, null, 0m, true, 6m), new Band(0m, false, null, null, 4m)], BandScoreKind.Points);

        var codes = Codes(rule);

        Assert.Equal(["rule.band_score", "rule.bands_no_full"], codes);
    }

    [Fact]
    public void Validate_FractionBandAboveOne_ReportsBandScore()
    {
        var rule = new BandsRule([new Band(null, null, 0m, true, 1.2m), new Band(0m, false, null, null, 1m)]);

        var problem = Assert.Single(RuleValidator.Validate("3.1", 5m, rule));

        Assert.Equal("rule.band_score", problem.Code);
        Assert.Contains("1.2", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BandsWithoutFullPoints_ReportsNoFull()
    {
        var rule = new BandsRule([new Band(null, null, null, null, 0.9m)]);

        Assert.Equal(["rule.bands_no_full"], Codes(rule));
    }

    [Fact]
    public void Validate_NoBands_ReportsBandsEmpty()
    {
        Assert.Equal(["rule.bands_empty"], Codes(new BandsRule([])));
    }

    [Fact]
    public void Validate_UndefinedEnumValue_ReportsEnumInvalidWithField()
    {
        var problem = Assert.Single(RuleValidator.Validate("3.1", 5m, new RatioRule((RatioDirection)7, 100m)));

        Assert.Equal(("rule.enum_invalid", "direction"), (problem.Code, problem.Field));
        Assert.Contains("7", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LinearAnchorsAtSameValue_ReportsLinearAnchors()
    {
        Assert.Equal(["rule.linear_anchors"], Codes(new LinearRule(new Anchor(5m, 0m), new Anchor(5m, 1m))));
    }

    [Fact]
    public void Validate_LinearFractionOutOfRange_ReportsLinearFraction()
    {
        Assert.Equal(["rule.linear_fraction"], Codes(new LinearRule(new Anchor(0m, -0.5m), new Anchor(5m, 1m))));
    }

    [Fact]
    public void Validate_LinearWithoutFullAnchor_ReportsNoFull()
    {
        Assert.Equal(["rule.linear_no_full"], Codes(new LinearRule(new Anchor(0m, 0m), new Anchor(5m, 0.9m))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void Validate_RatioTargetNotPositive_ReportsRatioTarget(int target)
    {
        Assert.Equal(["rule.ratio_target"], Codes(new RatioRule(RatioDirection.Positive, target)));
    }

    [Fact]
    public void Validate_ShortfallStepNotPositive_ReportsShortfallStep()
    {
        Assert.Equal(["rule.shortfall_step"], Codes(new ShortfallRule(20m, 0m)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5.01)]
    public void Validate_ShortfallCapOutOfRange_ReportsShortfallCap(double cap)
    {
        Assert.Equal(["rule.shortfall_cap"], Codes(new ShortfallRule(20m, 0.1m, (decimal)cap)));
    }

    [Fact]
    public void Validate_BonusLeafWithoutPoints_ReportsBonusPoints()
    {
        Assert.Equal(["rule.bonus_points"], Codes(new BonusRule(0.05m, "BASE"), points: 0m));
    }

    [Fact]
    public void Validate_BonusStepAboveCap_ReportsStepOverPoints()
    {
        Assert.Equal(["rule.bonus_step_over_points"], Codes(new BonusRule(1m, "BASE"), points: 0.5m));
    }

    [Fact]
    public void Validate_BonusWithoutPool_ReportsPoolMissing()
    {
        Assert.Equal(["rule.bonus_step", "rule.bonus_pool_missing"], Codes(new BonusRule(0m, " "), points: 0.5m));
    }

    [Fact]
    public void Validate_VetoWithPoints_ReportsVetoPoints()
    {
        var problem = Assert.Single(RuleValidator.Validate("3.1", 2m, new VetoRule(VetoEffect.CapGrade)));

        Assert.Equal("rule.veto_points", problem.Code);
        Assert.Contains("2", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxGradeOnZeroTotalVeto_ReportsVetoMaxGrade()
    {
        Assert.Equal(["rule.veto_max_grade"], Codes(new VetoRule(VetoEffect.ZeroTotal, "C"), points: 0m));
    }

    [Fact]
    public void Validate_SharesWithRepeatedLabelFactorOutOfRangeAndNoFull_ReportsEach()
    {
        var rule = new ShareRule([new ShareFactor("甲", 0.5m), new ShareFactor("甲", 1.5m)]);

        Assert.Equal(["rule.share_label", "rule.share_factor", "rule.shares_no_full"], Codes(rule));
    }

    [Fact]
    public void Validate_AgeSharesWithoutOrRepeatedBand_ReportsShareAgeBand()
    {
        var rule = new ShareRule([new ShareFactor("青年", 1m, AgeBand.UpTo35), new ShareFactor("也是青年", 0.5m, AgeBand.UpTo35), new ShareFactor("其他", 0m)], ShareSource.AgeBands);

        Assert.Equal(["rule.share_age_band", "rule.share_age_band"], Codes(rule));
    }

    [Fact]
    public void Validate_MetricScoredByScale_ReportsMetricScoringKind()
    {
        Assert.Equal(["rule.metric_scoring_kind"], Codes(new MetricRule(UnitMetric.Vacancies, Build())));

        static ScoringRule Build() => new QualitativeScaleRule([new ScaleOption("好", 1m)]);
    }

    [Fact]
    public void Validate_MetricWithInvalidInnerRule_ReportsInnerProblemOnTheLeaf()
    {
        Assert.Equal(["rule.deduction_cap"], Codes(new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(1m, 9m))));
    }

    [Fact]
    public void Validate_UndefinedMetric_ReportsMetricUnknown()
    {
        Assert.Equal(["rule.metric_unknown"], Codes(new MetricRule((UnitMetric)42, new DeductionRule(1m))));
    }
}
