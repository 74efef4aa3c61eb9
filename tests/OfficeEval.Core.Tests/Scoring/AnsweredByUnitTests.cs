using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

/// <summary>Which leaves the unit answers itself, and which take their score from elsewhere.</summary>
public sealed class AnsweredByUnitTests
{
    [Fact]
    public void SurveysMetricsAndAgeBands_AreNotAnsweredByTheUnit_EverythingElseIs()
    {
        Assert.False(RuleScorer.AnsweredByUnit(new SurveyRule()));
        Assert.False(RuleScorer.AnsweredByUnit(new MetricRule(UnitMetric.EstablishmentUseRate, new DeductionRule(1m))));
        Assert.False(RuleScorer.AnsweredByUnit(new ShareRule([new("35岁及以下", 1m)], ShareSource.AgeBands)));
        Assert.True(RuleScorer.AnsweredByUnit(new ShareRule([new("硕士", 1m)])));
        Assert.True(RuleScorer.AnsweredByUnit(new DeductionRule(1m)));
        Assert.True(RuleScorer.AnsweredByUnit(new VetoRule(default)));
        Assert.True(RuleScorer.AnsweredByUnit(null));
    }
}
