using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.History;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.History;

public class ResultsComparerTests
{
    private static UnitComparison Stored() => ResultsComparer.Compare(Versions.ScoredPrevious, Versions.ScoredCurrent, Versions.Stored);

    [Fact]
    public void Versions_AreValidAndScoreAsDocumented()
    {
        Assert.Empty(FrameworkValidator.Validate(Versions.Previous));
        Assert.Empty(FrameworkValidator.Validate(Versions.Current));
        Assert.Equal((81m, 81m), (Versions.ScoredPrevious.Score.Total, Versions.ScoredPrevious.Score.ScoreRate));
        Assert.Equal((96m, 80m), (Versions.ScoredCurrent.Score.Total, Versions.ScoredCurrent.Score.ScoreRate));
    }

    [Fact]
    public void Compare_Totals_ChangeInScoreAndInRatePoints()
    {
        var comparison = Stored();

        Assert.Equal((81m, 100m, 81m), (comparison.PreviousTotal, comparison.PreviousMaxTotal, comparison.PreviousScoreRate));
        Assert.Equal((96m, 120m, 80m), (comparison.Total, comparison.MaxTotal, comparison.ScoreRate));
        // 15 points more, but out of 120: the rate fell by a point.
        Assert.Equal((15m, -1m), (comparison.TotalChange, comparison.ScoreRateChange));
        Assert.False(comparison.NeedsReview);
    }

    [Fact]
    public void Compare_OneToOne_PreviousScoreAndChange()
    {
        var leaf = Stored().Indicators.Single(i => i.Code == "1.1");

        Assert.Equal(ChangeStatus.Mapped, leaf.Status);
        Assert.Equal(["1.1"], leaf.PreviousCodes);
        Assert.Equal((8m, 10m, 80m), (leaf.PreviousScore, leaf.PreviousPoints, leaf.PreviousScoreRate));
        Assert.Equal((10m, 100m, 2m, 20m), (leaf.Score, leaf.ScoreRate, leaf.ScoreChange, leaf.ScoreRateChange));
    }

    [Fact]
    public void Compare_PointsChanged_RatesCompareFairly()
    {
        var leaf = Stored().Indicators.Single(i => i.Code == "1.2.1");

        // 12 of 20 (60%) then, 21 of 25 (84%) now: 9 points and 24 percentage points better.
        Assert.Equal((12m, 20m, 60m), (leaf.PreviousScore, leaf.PreviousPoints, leaf.PreviousScoreRate));
        Assert.Equal((21m, 25m, 84m), (leaf.Score, leaf.Points, leaf.ScoreRate));
        Assert.Equal((9m, 24m), (leaf.ScoreChange, leaf.ScoreRateChange));
    }

    [Fact]
    public void Compare_SeveralOldLeavesToOne_SummedWithTheirPoints()
    {
        var leaf = Stored().Indicators.Single(i => i.Code == "2.1.1");

        Assert.Equal(["2.1.1", "2.1.2"], leaf.PreviousCodes);
        // 25 + 30 of 30 + 30 then (91.67%), 48 of 60 now (80%).
        Assert.Equal((55m, 60m, 91.67m), (leaf.PreviousScore, leaf.PreviousPoints, leaf.PreviousScoreRate));
        Assert.Equal((48m, 80m, -7m, -11.67m), (leaf.Score, leaf.ScoreRate, leaf.ScoreChange, leaf.ScoreRateChange));
    }

    [Fact]
    public void Compare_NewLeaf_UnmappedWithNothingPrevious()
    {
        var comparison = Stored();

        foreach (var code in new[] { "1.3", "3.1" })
        {
            var leaf = comparison.Indicators.Single(i => i.Code == code);
            Assert.Equal(ChangeStatus.Unmapped, leaf.Status);
            Assert.Empty(leaf.PreviousCodes);
            Assert.Null(leaf.PreviousScore);
            Assert.Null(leaf.PreviousScoreRate);
            Assert.Null(leaf.ScoreChange);
            Assert.Null(leaf.ScoreRateChange);
        }

        Assert.Equal(5m, comparison.Indicators.Single(i => i.Code == "1.3").Score);
    }

    [Fact]
    public void Compare_EveryCurrentLeaf_OnceInFrameworkOrder()
    {
        Assert.Equal(["1.1", "1.2.1", "1.3", "2.1.1", "2.9", "3.1"], Stored().Indicators.Select(i => i.Code));
        Assert.Equal(["D1", "D1", "D1", "D2", "D2", "D3"], Stored().Indicators.Select(i => i.DimensionCode));
    }

    [Fact]
    public void Compare_ExplicitlyDropped_ListedAsDropped()
    {
        var dropped = Assert.Single(Stored().Dropped);

        Assert.Equal(("1.2.2", "人员结构", false, 10m, 6m, 60m, DroppedReason.Dropped),
            (dropped.Code, dropped.Name, dropped.IsDimension, dropped.Points, dropped.Score, dropped.ScoreRate, dropped.Reason));
    }

    [Fact]
    public void Compare_VetoItem_FindingsComparedNotScores()
    {
        var veto = Stored().Indicators.Single(i => i.Code == "2.9");

        Assert.Equal(LeafRole.Veto, veto.Role);
        Assert.Equal(ChangeStatus.Mapped, veto.Status);
        Assert.Equal((true, false), (veto.Finding, veto.PreviousFinding));
        Assert.Null(veto.ScoreRate);
        Assert.Null(veto.ScoreChange);
        Assert.Null(veto.ScoreRateChange);
    }

    [Fact]
    public void Compare_Dimensions_RatesBeforeAndAfterForTheRadar()
    {
        var dimensions = Stored().Dimensions;

        Assert.Equal(["D1", "D2", "D3"], dimensions.Select(d => d.Code));
        Assert.Equal((65m, 90m, 25m), (dimensions[0].PreviousScoreRate, dimensions[0].ScoreRate, dimensions[0].ScoreRateChange));
        Assert.Equal((91.67m, 80m, -11.67m), (dimensions[1].PreviousScoreRate, dimensions[1].ScoreRate, dimensions[1].ScoreRateChange));
        Assert.Equal((ChangeStatus.Unmapped, null, 60m, null), (dimensions[2].Status, dimensions[2].PreviousScoreRate, dimensions[2].ScoreRate, dimensions[2].ScoreRateChange));
    }

    [Fact]
    public void Compare_MergedDimensions_PreviousRateOverTheirCombinedPoints()
    {
        var mapping = Versions.Stored with { Links = [.. Versions.Stored.Links.Where(l => l.FromCode != "D2"), new IndicatorLink("D2", "D1")] };

        var comparison = ResultsComparer.Compare(Versions.ScoredPrevious, Versions.ScoredCurrent, mapping);

        var d1 = comparison.Dimensions[0];
        Assert.Equal(["D1", "D2"], d1.PreviousCodes);
        // (26 + 55) of (40 + 60).
        Assert.Equal((81m, 100m, 81m), (d1.PreviousScore, d1.PreviousMaxPoints, d1.PreviousScoreRate));
        Assert.Equal(ChangeStatus.Unmapped, comparison.Dimensions[1].Status);
    }

    [Fact]
    public void Compare_DimensionDroppedOrNotCarriedOver_ListedWithItsReason()
    {
        var mapping = Versions.Stored with { Links = [.. Versions.Stored.Links.Where(l => l.FromCode is not "D1" and not "D2"), new IndicatorLink("D1", null)] };

        var comparison = ResultsComparer.Compare(Versions.ScoredPrevious, Versions.ScoredCurrent, mapping);

        Assert.Equal([("D1", true, DroppedReason.Dropped), ("D2", true, DroppedReason.NoSuccessor), ("1.2.2", false, DroppedReason.Dropped)],
            comparison.Dropped.Select(d => (d.Code, d.IsDimension, d.Reason)));
        Assert.All(comparison.Dimensions, d => Assert.Equal(ChangeStatus.Unmapped, d.Status));
        // Leaves are compared by their own links, whatever their dimensions' fate.
        Assert.Equal(ChangeStatus.Mapped, comparison.Indicators[0].Status);
    }

    [Fact]
    public void Compare_LinkToACodeTheCurrentFrameworkLacks_NoSuccessor()
    {
        var mapping = Versions.Stored with { Links = [.. Versions.Stored.Links.Where(l => l.FromCode != "1.1"), new IndicatorLink("1.1", "9.9")] };

        var comparison = ResultsComparer.Compare(Versions.ScoredPrevious, Versions.ScoredCurrent, mapping);

        Assert.Contains(comparison.Dropped, d => d is { Code: "1.1", Reason: DroppedReason.NoSuccessor });
        Assert.Equal(ChangeStatus.Unmapped, comparison.Indicators.Single(i => i.Code == "1.1").Status);
    }

    [Fact]
    public void Compare_SuggestedMapping_RenamedLinksFlaggedAndTheRestNotCarriedOver()
    {
        var mapping = IndicatorMapping.Suggest(Versions.Previous, Versions.Current);

        var comparison = ResultsComparer.Compare(Versions.ScoredPrevious, Versions.ScoredCurrent, mapping);

        Assert.True(comparison.NeedsReview);
        Assert.Equal(["1.1", "2.1.1"], comparison.Indicators.Where(i => i.NeedsReview).Select(i => i.Code));
        // Same code, same name: compared, not flagged.
        Assert.False(comparison.Indicators.Single(i => i.Code == "1.2.1").NeedsReview);
        Assert.Equal(25m, comparison.Indicators.Single(i => i.Code == "2.1.1").PreviousScore);
        Assert.Equal([("1.2.2", DroppedReason.NoSuccessor), ("2.1.2", DroppedReason.NoSuccessor)], comparison.Dropped.Select(d => (d.Code, d.Reason)));
        Assert.All(comparison.Dimensions.Take(2), d => Assert.False(d.NeedsReview));
    }

    [Fact]
    public void Compare_SameFrameworkThroughIdentity_NothingChangesOrDrops()
    {
        var unit = Versions.ScoredCurrent;

        var comparison = ResultsComparer.Compare(unit, unit, IndicatorMapping.Identity(Versions.Current));

        Assert.Empty(comparison.Dropped);
        Assert.All(comparison.Indicators, i => Assert.Equal(ChangeStatus.Mapped, i.Status));
        Assert.All(comparison.Indicators.Where(i => i.Role != LeafRole.Veto), i => Assert.Equal((0m, 0m), (i.ScoreChange, i.ScoreRateChange)));
        Assert.All(comparison.Dimensions, d => Assert.Equal(0m, d.ScoreRateChange));
        Assert.Equal(0m, comparison.ScoreRateChange);
    }

    [Fact]
    public void Compare_LinkOrder_DoesNotChangeTheComparison()
    {
        var reversed = Versions.Stored with { Links = [.. Versions.Stored.Links.Reverse()] };

        var a = Stored();
        var b = ResultsComparer.Compare(Versions.ScoredPrevious, Versions.ScoredCurrent, reversed);

        Assert.Equal(a.Indicators.Select(i => (i.Code, i.PreviousScore, string.Join(",", i.PreviousCodes))),
            b.Indicators.Select(i => (i.Code, i.PreviousScore, string.Join(",", i.PreviousCodes))));
        Assert.Equal(a.Dimensions.Select(d => d.PreviousScoreRate), b.Dimensions.Select(d => d.PreviousScoreRate));
    }

    private static FrameworkDefinition WithIndividual(FrameworkDefinition framework, params IndicatorNode[] own) =>
        framework with { Dimensions = [.. framework.Dimensions, new IndicatorNode("D9", "个性指标", 0m, [.. own.Select(n => n with { IsIndividual = true })])] };

    private static IndicatorNode Bonus(string code, string name) => new(code, name, 1m, [], new BonusRule(1m, "P"));

    [Fact]
    public void ForUnit_IndividualIndicatorsSameCodeAndName_CarriedOverWhateverTheOfficeMapped()
    {
        var previous = WithIndividual(Versions.Previous, Bonus("9.1", "招商引资"), Bonus("9.2", "项目建设"));
        var current = WithIndividual(Versions.Current, Bonus("9.1", "招商引资"), Bonus("9.2", "重点项目建设"));
        // The office's mapping of the common frameworks says nothing of 9.2 and drops 9.1 (the template's own 9.1).
        var common = Versions.Stored with { Links = [.. Versions.Stored.Links, new IndicatorLink("D9", "D9"), new IndicatorLink("9.1", null)] };

        var mapping = IndicatorMapping.ForUnit(common, previous, current).ByFromCode();

        Assert.Equal(("9.1", false), (mapping["9.1"].ToCode, mapping["9.1"].NeedsReview));
        Assert.Equal(("9.2", true), (mapping["9.2"].ToCode, mapping["9.2"].NeedsReview));
        // Every other code as the office stored it.
        Assert.Null(mapping["1.2.2"].ToCode);
        Assert.Equal("2.1.1", mapping["2.1.2"].ToCode);
        Assert.Equal("D9", mapping["D9"].ToCode);
    }

    [Fact]
    public void ForUnit_IndividualIndicatorGoneNow_NotCarriedOverByTheCommonMapping()
    {
        var previous = WithIndividual(Versions.Previous, Bonus("9.1", "招商引资"));
        var current = WithIndividual(Versions.Current, Bonus("9.3", "营商环境"));
        var common = Versions.Stored with { Links = [.. Versions.Stored.Links, new IndicatorLink("9.1", "9.1")] };

        var comparison = ResultsComparer.Compare(
            new ScoredUnit(previous, UnitScorer.Score(previous, new Dictionary<string, Answer>())),
            new ScoredUnit(current, UnitScorer.Score(current, new Dictionary<string, Answer>())),
            IndicatorMapping.ForUnit(common, previous, current));

        Assert.Contains(comparison.Dropped, d => d is { Code: "9.1", Reason: DroppedReason.NoSuccessor });
        Assert.Equal(ChangeStatus.Unmapped, comparison.Indicators.Single(i => i.Code == "9.3").Status);
    }

    [Fact]
    public void ForUnit_NoIndividualIndicators_TheCommonMappingItself()
    {
        var common = Versions.Stored;

        Assert.Same(common, IndicatorMapping.ForUnit(common, Versions.Previous, Versions.Current));
    }

    [Fact]
    public void With_OtherLinks_AddedOnlyForCodesNotMentioned()
    {
        var mapping = Versions.Stored.With(IndicatorMapping.Suggest(Versions.Previous, Versions.Current));

        Assert.Equal(Versions.Stored.Links.Count, mapping.Links.Count);
        Assert.Null(mapping.ByFromCode()["1.2.2"].ToCode);
    }
}
