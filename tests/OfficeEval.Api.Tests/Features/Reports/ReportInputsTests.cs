using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Reports;
using OfficeEval.Api.Features.Results;
using OfficeEval.Api.Tests.Features.Results;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Documents.Reports;

namespace OfficeEval.Api.Tests.Features.Reports;

/// <summary>The report models as a batch builds them: from one campaign-wide scoring pass, without explanations.</summary>
public sealed class ReportInputsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Evaluation_FromAPassWithoutExplanations_ScoredAgainWithThemAndTheSameFigures()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        await using var scope = api.Services.CreateAsyncScope();
        var scoring = scope.ServiceProvider.GetRequiredService<CampaignScoring>();

        var batch = (await scoring.ScoreAsync(demo.Id, null, CancellationToken.None))!;
        var single = (await scoring.ScoreAsync(demo.Id, demo["DW-ZZB"], CancellationToken.None))!;
        var campaign = ReportInputs.Campaign(batch.Campaign, "市委编办");
        var unit = batch.Units.Single(u => u.Unit.Id == demo["DW-ZZB"]);
        var model = ReportInputs.Evaluation(campaign, batch, unit, new DateOnly(2026, 12, 20))!;
        var expected = single.Units.Single(u => u.Unit.Id == demo["DW-ZZB"]);

        Assert.Equal("", unit.Official!.Explanation);
        Assert.Equal(expected.Official!.Explanation, model.Official.Explanation);
        Assert.Equal(expected.Official.Leaves.Select(l => (l.Code, l.Value, l.Explanation)), model.Official.Leaves.Select(l => (l.Code, l.Value, l.Explanation)));
        Assert.Equal(expected.Self!.Leaves.Select(l => (l.Code, l.Value, l.Explanation)), model.Self.Leaves.Select(l => (l.Code, l.Value, l.Explanation)));
        Assert.All(model.Official.Leaves, l => Assert.NotEqual("", l.Explanation));
        Assert.Equal((4, 6, "B"), (model.Standing!.Rank, model.Standing.RankedUnits, model.Standing.Grade));
        Assert.Equal(EvaluationStage.ReviewInProgress, model.Stage);
        Assert.Equal(["A", "B", "C"], campaign.Grades);

        var summary = ReportInputs.Summary(campaign, batch, new DateOnly(2026, 12, 20));
        Assert.Equal(6, summary.Units.Count(u => u.Standing is not null));
        Assert.Equal(batch.Statistics, summary.Statistics);
    }
}
