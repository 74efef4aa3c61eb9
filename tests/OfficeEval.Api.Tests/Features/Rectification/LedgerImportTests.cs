using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Features.Surveys;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Surveys;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerApi;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// Imports into the ledger: problems of completed field reviews, initial-review return comments per indicator, and
/// questionnaire indicators below the satisfaction threshold. Importing again creates nothing twice; a finding added
/// since is added alone. Each test runs on a campaign of its own (the questionnaire test framework: 1.2.1 by survey).
/// </summary>
public sealed class LedgerImportTests(SurveyApiFactory api) : IClassFixture<SurveyApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateClient();

    [Fact]
    public async Task Import_AllSources_CreatesEachFindingOnceAndTwiceNothingTwice()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await SurveyApi.NewCampaignAsync(api, "ZF-FGW", "ZF-JYJ");
        var (fgw, jyj) = (campaign["ZF-FGW"], campaign["ZF-JYJ"]);
        await ReviewAsync(campaign.Id, fgw, ReviewStatus.Completed,
            ("1.1.1", new ReviewProblem("未建立重点工作台账") { Category = "编制使用", Requirement = "一个月内建立台账" }),
            ("1.1.1", new ReviewProblem("职责边界不清") { Category = "人员问题" }),
            ("2.1.2", new ReviewProblem("内设机构设置不规范") { Category = "Structure", Requirement = "按三定规定调整" }));
        await ReviewAsync(campaign.Id, jyj, ReviewStatus.InProgress, ("1.1.1", new ReviewProblem("仍在核实的问题")));
        await ReturnedAsync(campaign.Id, jyj, ("1.1.2", "缺少会议纪要"), ("3.1", "机构设置说明不完整"));
        var percent = await LowSatisfactionAsync(admin, campaign.Id, fgw);

        var first = await ImportAsync(admin, campaign.Id, new { sources = new[] { "FieldReview", "InitialReview", "Survey" }, deadline = "2027-06-30" });
        var second = await ImportAsync(admin, campaign.Id, new { sources = new[] { "FieldReview", "InitialReview", "Survey" }, deadline = "2027-09-30" });

        Assert.Equal((6, 0), (first["created"]!.GetValue<int>(), first["skipped"]!.GetValue<int>()));
        Assert.Equal([("FieldReview", 3, 0), ("InitialReview", 2, 0), ("Survey", 1, 0)], Counts(first));
        Assert.Equal((0, 6), (second["created"]!.GetValue<int>(), second["skipped"]!.GetValue<int>()));
        Assert.Equal([("FieldReview", 0, 3), ("InitialReview", 0, 2), ("Survey", 0, 1)], Counts(second));

        var items = await WorkflowSetup.WithDb(api, db => db.RectificationItems.AsNoTracking().Where(i => i.CampaignId == campaign.Id).ToListAsync());
        Assert.Equal(6, items.Count);
        Assert.All(items, i => Assert.Equal((RectificationStatus.Open, new DateOnly(2027, 6, 30)), (i.Status, i.Deadline)));
        var field = items.Where(i => i.Source == ProblemSource.FieldReview).OrderBy(i => i.Description, StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            (fgw, "2.1.2", ProblemCategory.Structure, "内设机构设置不规范", "按三定规定调整"),
            (fgw, "1.1.1", ProblemCategory.Staffing, "未建立重点工作台账", "一个月内建立台账"),
            (fgw, "1.1.1", ProblemCategory.Other, "职责边界不清", RectificationImport.FieldReviewRequirement),
        ], field.Select(i => (i.UnitId, i.IndicatorCode!, i.Category, i.Description, i.Requirement)));
        var initial = items.Where(i => i.Source == ProblemSource.InitialReview).OrderBy(i => i.IndicatorCode, StringComparer.Ordinal).ToList();
        Assert.Equal([(jyj, "1.1.2", "缺少会议纪要", "v1:1.1.2"), (jyj, "3.1", "机构设置说明不完整", "v1:3.1")],
            initial.Select(i => (i.UnitId, i.IndicatorCode!, i.Description, i.SourceRef!)));
        var survey = Assert.Single(items, i => i.Source == ProblemSource.Survey);
        Assert.Equal((fgw, "1.2.1", ProblemCategory.DutyPerformance), (survey.UnitId, survey.IndicatorCode!, survey.Category));
        Assert.EndsWith($"服务对象满意度偏低（{percent}%）", survey.Description, StringComparison.Ordinal);

        var audit = await AuditAsync(api, survey.Id);
        Assert.Equal("rectification.imported", Assert.Single(audit).Action);
        var history = (await ReadAsync(await admin.GetAsync(ItemUrl(campaign.Id, fgw, survey.Id))))["history"]!.AsArray().Single()!;
        Assert.Equal(("imported", "由问卷调查导入"), (history["action"]!.GetValue<string>(), history["note"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Import_AfterAnotherReviewProblem_AddsOnlyTheNewOne()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await SurveyApi.NewCampaignAsync(api, "ZF-FGW", "DW-ZZB");
        await ReviewAsync(campaign.Id, campaign["ZF-FGW"], ReviewStatus.Completed, ("1.1.1", new ReviewProblem("台账不全")));
        await ImportAsync(admin, campaign.Id, new { sources = new[] { "FieldReview" }, deadline = "2027-06-30" });

        await ReviewAsync(campaign.Id, campaign["ZF-FGW"], ReviewStatus.Completed, ("1.1.1", new ReviewProblem("台账不全")), ("3.2", new ReviewProblem("超职数配备")));
        await ReviewAsync(campaign.Id, campaign["DW-ZZB"], ReviewStatus.Completed, ("1.1.1", new ReviewProblem("台账不全")));
        var again = await ImportAsync(admin, campaign.Id, new { sources = new[] { "FieldReview" }, deadline = "2027-06-30" });

        Assert.Equal((2, 1), (again["created"]!.GetValue<int>(), again["skipped"]!.GetValue<int>()));
        var count = await WorkflowSetup.WithDb(api, db => db.RectificationItems.CountAsync(i => i.CampaignId == campaign.Id));
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Import_SurveyThreshold_OnlyIndicatorsBelowIt()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await SurveyApi.NewCampaignAsync(api, "ZF-FGW");
        await LowSatisfactionAsync(admin, campaign.Id, campaign["ZF-FGW"]);

        var strict = await ImportAsync(admin, campaign.Id, new { sources = new[] { "Survey" }, deadline = "2027-06-30", threshold = 0.1m });
        var usual = await ImportAsync(admin, campaign.Id, new { sources = new[] { "Survey" }, deadline = "2027-06-30" });

        Assert.Equal(0, strict["created"]!.GetValue<int>());
        Assert.Equal(1, usual["created"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_BadRequest_422NamingEachFieldAndNothingCreated()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await SurveyApi.NewCampaignAsync(api, "ZF-FGW");
        await ReviewAsync(campaign.Id, campaign["ZF-FGW"], ReviewStatus.Completed, ("1.1.1", new ReviewProblem("台账不全")));

        var empty = await Problem.ReadAsync(await admin.PostAsJsonAsync(CampaignUrl(campaign.Id, "/import"), new { }));
        var wrong = await Problem.ReadAsync(await admin.PostAsJsonAsync(CampaignUrl(campaign.Id, "/import"),
            new { sources = new[] { "FieldReview", "Manual", "Gossip" }, deadline = "2027-13-01", threshold = 1.5m }));

        Assert.Equal(["deadline", "sources"], empty.Errors!.Select(e => e.Field!).Order());
        Assert.Equal(["deadline", "sources[1]", "sources[2]", "threshold"], wrong.Errors!.Select(e => e.Field!).Order());
        Assert.Equal(0, await WorkflowSetup.WithDb(api, db => db.RectificationItems.CountAsync(i => i.CampaignId == campaign.Id)));
        var forbidden = await (await api.SignInAsync(DemoUsers.Reviewer)).PostAsJsonAsync(CampaignUrl(campaign.Id, "/import"), new { sources = new[] { "FieldReview" }, deadline = "2027-06-30" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static async Task<JsonObject> ImportAsync(HttpClient admin, Guid campaignId, object body) =>
        await ReadAsync(await admin.PostAsJsonAsync(CampaignUrl(campaignId, "/import"), body));

    private static List<(string, int, int)> Counts(JsonObject result) =>
        [.. result["sources"]!.AsArray().Select(s => (s!["source"]!.GetValue<string>(), s["created"]!.GetValue<int>(), s["skipped"]!.GetValue<int>()))];

    /// <summary>Stores the unit's review with problems on leaves (several on one leaf allowed), replacing any.</summary>
    private Task ReviewAsync(Guid campaignId, Guid unitId, ReviewStatus status, params (string Code, ReviewProblem Problem)[] problems) => WorkflowSetup.WithDb(api, async db =>
    {
        await db.Reviews.Where(r => r.CampaignId == campaignId && r.UnitId == unitId).ExecuteDeleteAsync();
        db.Reviews.Add(new ReviewRecord
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Status = status,
            Revision = 1,
            UpdatedAt = DateTimeOffset.UtcNow,
            CompletedAt = status == ReviewStatus.Completed ? DateTimeOffset.UtcNow : null,
            Items = [.. problems.GroupBy(p => p.Code).Select(g => new ReviewItem
            {
                CampaignId = campaignId,
                UnitId = unitId,
                IndicatorCode = g.Key,
                VerifiedScore = 1,
                Problems = [.. g.Select(p => p.Problem)],
            })],
        });
        await db.SaveChangesAsync();
    });

    /// <summary>A self-evaluation returned once with comments on indicators (version 1), and resubmitted (version 2, pending).</summary>
    private Task ReturnedAsync(Guid campaignId, Guid unitId, params (string Code, string Comment)[] comments) => WorkflowSetup.WithDb(api, async db =>
    {
        var id = Guid.CreateVersion7();
        var record = new SelfAssessmentRecord { Id = id, CampaignId = campaignId, UnitId = unitId, Status = SelfAssessmentStatus.Submitted, Revision = 3, UpdatedAt = DateTimeOffset.UtcNow };
        record.Versions.Add(new SelfAssessmentVersion
        {
            SelfAssessmentId = id,
            Number = 1,
            Revision = 1,
            SubmittedAt = DateTimeOffset.UtcNow,
            Outcome = VersionOutcome.Returned,
            Comment = "请补充材料",
            IndicatorComments = [.. comments.Select(c => new IndicatorComment(c.Code, c.Comment))],
        });
        record.Versions.Add(new SelfAssessmentVersion { SelfAssessmentId = id, Number = 2, Revision = 2, SubmittedAt = DateTimeOffset.UtcNow, Outcome = VersionOutcome.Pending });
        db.SelfAssessments.Add(record);
        await db.SaveChangesAsync();
    });

    /// <summary>
    /// Opens the questionnaire and has three people give the unit low marks; returns the satisfaction of 1.2.1 as the
    /// engine computes it from the same answers, in percent as the item states it.
    /// </summary>
    private async Task<string> LowSatisfactionAsync(HttpClient admin, Guid campaignId, Guid unitId)
    {
        await SurveyApi.OpenAsync(admin, campaignId);
        foreach (var code in SurveyApi.Codes(await SurveyApi.IssueAsync(admin, campaignId, new { group = SurveyApi.People, unitIds = new[] { unitId }, count = 3 })))
        {
            Assert.Equal(HttpStatusCode.Created, (await SurveyApi.SubmitAsync(_anonymous, code, "198.51.100.120", SurveyApi.PersonAnswers(2, 1))).StatusCode);
        }

        var response = new SurveyResponse(SurveyApi.People, [new ItemAnswer(SurveyForm.EngineCode(SurveyApi.Form().Items[0], SurveyApi.People), 2), new ItemAnswer("Q2", 1)]);
        var fraction = SurveyAggregator.Create(SurveyApi.Form().ToDefinition()).Aggregate([response, response, response]).FractionsByIndicator()["1.2.1"];
        Assert.True(fraction is > 0.1m and < 0.6m, $"The answers give {fraction}, meant to be low but above 0.1.");
        return Math.Round(fraction * 100m, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
    }
}
