using System.Net;
using System.Text.Json;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Review.ReviewRequests;

namespace OfficeEval.Api.Tests.Features.Review;

/// <summary>
/// The field review over HTTP: reviewers of the unit's group verify leaves with If-Match, summarise and complete;
/// every refusal names why. The demo reviewer's group has DW-ZZB, ZF-FGW and ZF-JYJ; the demo staff user is ZF-FGW's.
/// </summary>
public sealed class ReviewTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Review_VerifySummariseComplete_UnitFieldReviewedAndEveryChangeAudited()
    {
        var (demo, unit) = await AcceptedAsync("DW-ZZB");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);

        var initial = await reviewer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, initial.StatusCode);
        Assert.Equal("\"0\"", initial.Headers.ETag!.Tag);
        var blank = await ReadAsync(initial);
        Assert.Equal(("NotStarted", 0, true, "Accepted"), (blank.Status, blank.Revision, blank.IsOpen, blank.SelfAssessmentStatus));
        Assert.Equal(17, blank.Items.Count);
        var leaf = blank.Item("1.1.1");
        Assert.Equal(("主责主业履行情况", "1", 8m, "Regular", 8m), (leaf.Name, leaf.DimensionCode, leaf.Points, leaf.Role, leaf.ComputedScore));
        Assert.Null(leaf.VerifiedScore);

        var first = await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new
        {
            verifiedScore = 6,
            comment = "  重点工作台账不完整。 ",
            problems = new[] { new { description = "年度重点工作台账缺少第四季度记录", category = "职责履行", requirement = "补齐台账并建立按月更新制度" } },
        }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"1\"", first.Headers.ETag!.Tag);
        var afterFirst = await ReadAsync(first);
        Assert.Equal(("InProgress", 1), (afterFirst.Status, afterFirst.Revision));
        var verified = afterFirst.Item("1.1.1");
        Assert.Equal((6m, "重点工作台账不完整。"), (verified.VerifiedScore, verified.Comment));
        Assert.Equal(new ReviewProblemBody("年度重点工作台账缺少第四季度记录", "职责履行", "补齐台账并建立按月更新制度"), Assert.Single(verified.Problems));

        var second = await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 5.5m, comment = "台账不完整", problems = Array.Empty<object>() }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var summary = await SendAsync(reviewer, HttpMethod.Put, url + "/summary", new { summary = "该单位职责履行总体到位，台账管理需加强。" }, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal("该单位职责履行总体到位，台账管理需加强。", (await ReadAsync(summary)).Summary);

        var complete = await SendAsync(reviewer, HttpMethod.Post, url + "/complete", null, "\"3\"");

        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        var done = await ReadAsync(complete);
        Assert.Equal(("Completed", 4, false, "FieldReviewed"), (done.Status, done.Revision, done.IsOpen, done.SelfAssessmentStatus));
        Assert.Equal(SelfAssessmentStatus.FieldReviewed, await WorkflowSetup.StatusAsync(api, demo.Id, unit));
        Assert.Equal(5.5m, done.Item("1.1.1").VerifiedScore);

        var changes = await AuditDetailsAsync("review.changed", $"review/{demo.Id}/{unit}/1.1.1");
        Assert.Equal(2, changes.Count);
        Assert.False(changes[0].RootElement.TryGetProperty("before", out _));
        Assert.Equal(6m, changes[0].RootElement.GetProperty("after").GetProperty("verifiedScore").GetDecimal());
        Assert.Equal(6m, changes[1].RootElement.GetProperty("before").GetProperty("verifiedScore").GetDecimal());
        Assert.Equal(5.5m, changes[1].RootElement.GetProperty("after").GetProperty("verifiedScore").GetDecimal());
        var completed = Assert.Single(await AuditDetailsAsync("review.completed", $"review/{demo.Id}/{unit}"));
        // 100 with full marks everywhere but 1.1.1, verified at 5.5 of 8.
        Assert.Equal(97.5m, completed.RootElement.GetProperty("data").GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task PutItem_EmptyItem_RemovesTheVerification()
    {
        var (demo, unit) = await AcceptedAsync("DW-ZZB");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);
        await SendAsync(reviewer, HttpMethod.Put, url + "/items/2.1.2", new { verifiedScore = 3 }, "\"0\"");

        var cleared = await SendAsync(reviewer, HttpMethod.Put, url + "/items/2.1.2", new { verifiedScore = (decimal?)null, comment = " " }, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var item = (await ReadAsync(cleared)).Item("2.1.2");
        Assert.Equal(((decimal?)null, (string?)null), (item.VerifiedScore, item.Comment));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM review_items WHERE unit_id = '{unit}'"));
    }

    [Fact]
    public async Task PutItem_WithoutIfMatch_428AndNothingSaved()
    {
        var (demo, unit) = await AcceptedAsync("DW-ZZB");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);

        var response = await SendAsync(reviewer, HttpMethod.Put, WorkflowSetup.ReviewUrl(demo.Id, unit) + "/items/1.1.1", new { verifiedScore = 6 }, null);
        var wildcard = await SendAsync(reviewer, HttpMethod.Put, WorkflowSetup.ReviewUrl(demo.Id, unit) + "/items/1.1.1", new { verifiedScore = 6 }, "*");

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("precondition.required", problem.Code);
        Assert.Contains("If-Match", problem.MessageZh);
        Assert.Equal(HttpStatusCode.PreconditionRequired, wildcard.StatusCode);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM reviews WHERE unit_id = '{unit}'"));
    }

    [Fact]
    public async Task PutItem_StaleRevision_412WithCurrentReviewAndNothingChanged()
    {
        var (demo, unit) = await AcceptedAsync("ZF-JYJ");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Put, url + "/items/3.1", new { verifiedScore = 4 }, "\"0\"")).StatusCode);

        // The reviewer still holds revision 0 and writes over the office's change.
        var stale = await SendAsync(reviewer, HttpMethod.Put, url + "/items/3.1", new { verifiedScore = 7 }, "\"0\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("precondition.failed", (await Problem.ReadAsync(stale)).Code);
        using var body = JsonDocument.Parse(await stale.Content.ReadAsStringAsync());
        var current = body.RootElement.GetProperty("current").Deserialize<ReviewBody>(Web)!;
        Assert.Equal((1, 4m), (current.Revision, current.Item("3.1").VerifiedScore));
        var now = await ReadAsync(await reviewer.GetAsync(url));
        Assert.Equal((1, 4m), (now.Revision, now.Item("3.1").VerifiedScore));

        var retried = await SendAsync(reviewer, HttpMethod.Put, url + "/items/3.1", new { verifiedScore = 7 }, "\"2\", \"1\"");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(7m, (await ReadAsync(retried)).Item("3.1").VerifiedScore);
    }

    [Fact]
    public async Task PutItem_ConcurrentWritesOnOneRevision_OneWinsTheOthers412()
    {
        var (demo, unit) = await AcceptedAsync("ZF-JYJ");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit) + "/items/3.1";

        // First writes race to create the review, then writes race on revision 1.
        var creating = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => SendAsync(reviewer, HttpMethod.Put, url, new { verifiedScore = i }, "\"0\"")));
        var updating = await Task.WhenAll(Enumerable.Range(5, 4).Select(i => SendAsync(reviewer, HttpMethod.Put, url, new { verifiedScore = i }, "\"1\"")));

        foreach (var round in new[] { creating, updating })
        {
            Assert.Single(round, r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(round.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        }

        var winner = await ReadAsync(updating.Single(r => r.StatusCode == HttpStatusCode.OK));
        var stored = await ReadAsync(await reviewer.GetAsync(WorkflowSetup.ReviewUrl(demo.Id, unit)));
        Assert.Equal((2, winner.Item("3.1").VerifiedScore), (stored.Revision, stored.Item("3.1").VerifiedScore));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SelfAssessmentStatus.Drafting)]
    [InlineData(SelfAssessmentStatus.Submitted)]
    [InlineData(SelfAssessmentStatus.Returned)]
    [InlineData(SelfAssessmentStatus.FieldReviewed)]
    [InlineData(SelfAssessmentStatus.Final)]
    public async Task Changes_SelfAssessmentNotAccepted_409NotOpen(SelfAssessmentStatus? status)
    {
        await WorkflowSetup.ResetAsync(api);
        var demo = await WorkflowSetup.DemoAsync(api);
        var unit = demo["DW-ZZB"];
        if (status is { } s)
        {
            await WorkflowSetup.SetAssessmentAsync(api, demo.Id, unit, WorkflowSetup.PerfectAnswers().Values, s);
        }

        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);

        var item = await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 6 }, "\"0\"");
        var summary = await SendAsync(reviewer, HttpMethod.Put, url + "/summary", new { summary = "意见" }, "\"0\"");
        var complete = await SendAsync(reviewer, HttpMethod.Post, url + "/complete", null, "\"0\"");

        foreach (var response in new[] { item, summary, complete })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await Problem.ReadAsync(response);
            Assert.Equal("review.not_open", problem.Code);
            Assert.False(string.IsNullOrEmpty(problem.MessageEn));
        }

        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM reviews WHERE unit_id = '{unit}'"));
        Assert.False((await ReadAsync(await reviewer.GetAsync(url))).IsOpen);
    }

    [Fact]
    public async Task PutItem_AfterCompletion_409NotOpenUntilReopened()
    {
        var (demo, unit) = await AcceptedAsync("DW-ZZB");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);
        await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 6 }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(reviewer, HttpMethod.Post, url + "/complete", null, "\"1\"")).StatusCode);

        var late = await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 7 }, "\"2\"");
        var reviewerReopens = await SendAsync(reviewer, HttpMethod.Post, url + "/reopen", null, null);
        var staleReopen = await SendAsync(admin, HttpMethod.Post, url + "/reopen", null, "\"1\"");
        var reopened = await SendAsync(admin, HttpMethod.Post, url + "/reopen", null, null);
        var again = await SendAsync(admin, HttpMethod.Post, url + "/reopen", null, null);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("review.not_open", (await Problem.ReadAsync(late)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, reviewerReopens.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleReopen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var open = await ReadAsync(reopened);
        Assert.Equal(("InProgress", 3, true, "Accepted"), (open.Status, open.Revision, open.IsOpen, open.SelfAssessmentStatus));
        Assert.Equal(SelfAssessmentStatus.Accepted, await WorkflowSetup.StatusAsync(api, demo.Id, unit));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("review.not_completed", (await Problem.ReadAsync(again)).Code);
        Assert.Single(await AuditDetailsAsync("review.reopened", $"review/{demo.Id}/{unit}"));

        var afterReopen = await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 7 }, "\"3\"");
        Assert.Equal(HttpStatusCode.OK, afterReopen.StatusCode);
        Assert.Equal(7m, (await ReadAsync(afterReopen)).Item("1.1.1").VerifiedScore);
    }

    [Theory]
    [InlineData("9.9", """{"verifiedScore":1}""", "indicatorCode", "review.indicator_unknown")]
    [InlineData("1.1", """{"verifiedScore":1}""", "indicatorCode", "review.indicator_unknown")]
    [InlineData("6.2", """{"verifiedScore":1}""", "indicatorCode", "review.indicator_unknown")]
    [InlineData("1.1.1", """{"verifiedScore":8.5}""", "verifiedScore", "review.score_range")]
    [InlineData("1.1.1", """{"verifiedScore":-1}""", "verifiedScore", "review.score_range")]
    [InlineData("1.1.1", """{"verifiedScore":7.125}""", "verifiedScore", "review.score_decimals")]
    [InlineData("1.1.1", """{"verifiedFinding":true}""", "verifiedFinding", "review.finding_not_applicable")]
    [InlineData("1.1.1", """{"problems":[{"description":"  "}]}""", "problems[0].description", "review.problem_description_missing")]
    [InlineData("1.1.1", """{"problems":[{"description":"台账缺失"},{"description":"未公示","category":"CATEGORY_TOO_LONG"}]}""", "problems[1].category", "review.text_too_long")]
    [InlineData("1.1.1", """{"comment":"COMMENT_TOO_LONG"}""", "comment", "review.text_too_long")]
    public async Task PutItem_InvalidItem_422NamingTheFieldAndNothingSaved(string code, string json, string field, string errorCode)
    {
        var (demo, unit) = await AcceptedAsync("DW-ZZB");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        json = json.Replace("CATEGORY_TOO_LONG", new string('类', 101)).Replace("COMMENT_TOO_LONG", new string('意', 4001));

        var response = await SendAsync(reviewer, HttpMethod.Put, WorkflowSetup.ReviewUrl(demo.Id, unit) + "/items/" + code, json, "\"0\"");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("review.invalid", problem.Code);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal((errorCode, field, code), (error.Code, error.Field, error.IndicatorCode));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM reviews WHERE unit_id = '{unit}'"));
    }

    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("""{"problems":[{}, null]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"verifiedScore":"八分"}""", HttpStatusCode.BadRequest)]
    public async Task PutItem_MalformedBody_ProblemNotServerError(string json, HttpStatusCode expected)
    {
        var (demo, unit) = await AcceptedAsync("DW-ZZB");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);

        var response = await SendAsync(reviewer, HttpMethod.Put, WorkflowSetup.ReviewUrl(demo.Id, unit) + "/items/1.1.1", json, "\"0\"");

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await Problem.ReadAsync(response)).Code));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM reviews WHERE unit_id = '{unit}'"));
    }

    [Fact]
    public async Task PutItem_SummaryTooLong_422NamingSummary()
    {
        var (demo, unit) = await AcceptedAsync("DW-ZZB");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);

        var response = await SendAsync(reviewer, HttpMethod.Put, WorkflowSetup.ReviewUrl(demo.Id, unit) + "/summary", new { summary = new string('评', 4001) }, "\"0\"");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("summary", Assert.Single((await Problem.ReadAsync(response)).Errors!).Field);
    }

    [Fact]
    public async Task PutItem_UnitsOwnIndividualIndicator_CheckedAgainstItsPoints()
    {
        var (demo, unit) = await AcceptedAsync("ZF-FGW");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);

        var tooHigh = await SendAsync(reviewer, HttpMethod.Put, url + "/items/6.2", new { verifiedScore = 2.5m }, "\"0\"");
        var ok = await SendAsync(reviewer, HttpMethod.Put, url + "/items/6.2", new { verifiedScore = 1.5m }, "\"0\"");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooHigh.StatusCode);
        Assert.Contains("0 至 2 分", Assert.Single((await Problem.ReadAsync(tooHigh)).Errors!).MessageZh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var review = await ReadAsync(ok);
        Assert.Equal(18, review.Items.Count);
        Assert.Equal((2m, 1.5m), (review.Item("6.2").Points, review.Item("6.2").VerifiedScore));
    }

    [Fact]
    public async Task Review_ReviewerOutsideTheUnitsGroup_Forbidden()
    {
        // QT-GQT is not in the demo reviewer's group.
        var (demo, unit) = await AcceptedAsync("QT-GQT");
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);

        var read = await reviewer.GetAsync(url);
        var write = await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 6 }, "\"0\"");
        var complete = await SendAsync(reviewer, HttpMethod.Post, url + "/complete", null, "\"0\"");

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("forbidden", (await Problem.ReadAsync(write)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, complete.StatusCode);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM reviews WHERE unit_id = '{unit}'"));
    }

    [Fact]
    public async Task Review_ViewerReadsButCannotWrite()
    {
        var (demo, unit) = await AcceptedAsync("QT-GQT");
        var viewer = await api.SignInAsync(DemoUsers.Viewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(viewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 6 }, "\"0\"")).StatusCode);
    }

    [Fact]
    public async Task Review_UnitStaff_SeeItOnlyOnceCompletedAndNeverWrite()
    {
        var (demo, unit) = await AcceptedAsync("ZF-FGW");
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var url = WorkflowSetup.ReviewUrl(demo.Id, unit);
        await SendAsync(reviewer, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 6, comment = "台账不全" }, "\"0\"");

        var before = await staff.GetAsync(url);
        var write = await SendAsync(staff, HttpMethod.Put, url + "/items/1.1.1", new { verifiedScore = 8 }, "\"1\"");
        await SendAsync(reviewer, HttpMethod.Post, url + "/complete", null, "\"1\"");
        var after = await staff.GetAsync(url);
        var otherUnit = await staff.GetAsync(WorkflowSetup.ReviewUrl(demo.Id, demo["DW-ZZB"]));

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal("review.not_visible", (await Problem.ReadAsync(before)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var review = await ReadAsync(after);
        Assert.Equal(("Completed", 6m, "台账不全"), (review.Status, review.Item("1.1.1").VerifiedScore, review.Item("1.1.1").Comment));
        Assert.Equal(HttpStatusCode.Forbidden, otherUnit.StatusCode);
    }

    [Fact]
    public async Task Review_UnknownCampaignOrUnit_404()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var campaign = await admin.GetAsync(WorkflowSetup.ReviewUrl(Guid.NewGuid(), demo["DW-ZZB"]));
        var unit = await SendAsync(admin, HttpMethod.Put, WorkflowSetup.ReviewUrl(demo.Id, Guid.NewGuid()) + "/items/1.1.1", new { verifiedScore = 1 }, "\"0\"");

        Assert.Equal(HttpStatusCode.NotFound, campaign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unit.StatusCode);
        Assert.Equal("not_found", (await Problem.ReadAsync(unit)).Code);
    }

    // Audit entries are never removed; each test reads those written after it started (xunit makes one instance per test).
    private long _auditStart;

    private async Task<(DemoCampaign Demo, Guid Unit)> AcceptedAsync(string code)
    {
        await WorkflowSetup.ResetAsync(api);
        _auditStart = await api.Database.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM audit_entries");
        var demo = await WorkflowSetup.DemoAsync(api);
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo[code], WorkflowSetup.PerfectAnswers(code == "ZF-FGW").Values);
        return (demo, demo[code]);
    }

    private async Task<List<JsonDocument>> AuditDetailsAsync(string action, string target)
    {
        var documents = new List<JsonDocument>();
        await WorkflowSetup.WithDb(api, async db =>
        {
            var details = db.AuditEntries.Where(e => e.Action == action && e.Target == target && e.Seq > _auditStart).OrderBy(e => e.Seq).Select(e => e.Details);
            foreach (var text in await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(details))
            {
                documents.Add(JsonDocument.Parse(text));
            }
        });
        return documents;
    }
}
