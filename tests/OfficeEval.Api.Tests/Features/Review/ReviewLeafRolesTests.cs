using System.Net;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using static OfficeEval.Api.Tests.Features.Review.ReviewRequests;

namespace OfficeEval.Api.Tests.Features.Review;

/// <summary>
/// Veto items take a verified finding and bonus leaves a score up to their cap: DW-ZZB gets a bonus leaf (6.8, 1 point
/// in a declared pool) and a veto item (6.9) among its individual indicators.
/// </summary>
public sealed class ReviewLeafRolesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static List<IndicatorNode> WithBonusAndVeto =>
    [
        new("6.1", "部门个性指标完成情况", 5m, [], new QualitativeScaleRule([new("达成", 1m), new("部分达成", 0.6m), new("未达成", 0m)])),
        new("6.8", "编制资源向基层倾斜", 1m, [], new BonusRule(0.5m, "JC")),
        new("6.9", "违反机构编制纪律造成严重后果", 0m, [], new VetoRule(VetoEffect.CapGrade)),
    ];

    [Fact]
    public async Task PutItem_VetoItem_TakesAFindingNotAScore()
    {
        var (demo, unit) = await SetUpAsync(selfFinding: true);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);

        var blank = await ReadAsync(await reviewer.GetAsync(url));
        var score = await SendAsync(reviewer, HttpMethod.Put, url + "/items/6.9", new { verifiedScore = 0 }, "\"0\"");
        var finding = await SendAsync(reviewer, HttpMethod.Put, url + "/items/6.9", new { verifiedFinding = false, comment = "经核实，未发现违纪情形。" }, "\"0\"");

        Assert.Equal(("Veto", 0m, true), (blank.Item("6.9").Role, blank.Item("6.9").Points, blank.Item("6.9").SelfFinding));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, score.StatusCode);
        var error = Assert.Single((await Problem.ReadAsync(score)).Errors!);
        Assert.Equal(("review.score_not_applicable", "verifiedScore"), (error.Code, error.Field));
        Assert.Equal(HttpStatusCode.OK, finding.StatusCode);
        Assert.False((await ReadAsync(finding)).Item("6.9").VerifiedFinding);
    }

    [Fact]
    public async Task PutItem_BonusLeaf_ScoreUpToItsCap()
    {
        var (demo, unit) = await SetUpAsync(selfFinding: false);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);

        var over = await SendAsync(reviewer, HttpMethod.Put, url + "/items/6.8", new { verifiedScore = 1.5m }, "\"0\"");
        var capped = await SendAsync(reviewer, HttpMethod.Put, url + "/items/6.8", new { verifiedScore = 1m }, "\"0\"");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        var error = Assert.Single((await Problem.ReadAsync(over)).Errors!);
        Assert.Equal(("review.score_range", "verifiedScore", "6.8"), (error.Code, error.Field, error.IndicatorCode));
        Assert.Contains("加分上限", error.MessageZh);
        Assert.Contains("cap", error.MessageEn);
        Assert.Equal(HttpStatusCode.OK, capped.StatusCode);
        var item = (await ReadAsync(capped)).Item("6.8");
        Assert.Equal(("Bonus", 1m), (item.Role, item.VerifiedScore));
    }

    private async Task<(DemoCampaign Demo, Guid Unit)> SetUpAsync(bool selfFinding)
    {
        await WorkflowSetup.ResetAsync(api);
        var demo = await WorkflowSetup.DemoAsync(api);
        var unit = demo["DW-ZZB"];
        await WorkflowSetup.SetFrameworkAsync(api, demo.Id, BuiltInFrameworks.Common2026 with { BonusPools = [new BonusPool("JC", "基层编制加分", 1m)] });
        await WorkflowSetup.SetIndividualIndicatorsAsync(api, demo.Id, unit, WithBonusAndVeto);
        var answers = WorkflowSetup.PerfectAnswers();
        answers["6.9"] = new AnswerRecord { IndicatorCode = "6.9", Finding = selfFinding };
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, unit, answers.Values);
        return (demo, unit);
    }
}
