using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Review.ReviewRequests;

namespace OfficeEval.Api.Tests.Features.Results;

/// <summary>Campaign and unit results over HTTP, on the numbers of <see cref="ResultsScenario"/>.</summary>
public sealed class ResultsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task CampaignResults_KnownScenario_TotalsDeviationsRanksGradesAndBoards()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var results = await GetResultsAsync(admin, demo.Id);

        var expected = new (string Code, decimal Total, decimal Deviation, int Rank, string Grade, string? BeforeVeto, string Board)[]
        {
            ("DW-ZZB", 89.2m, 10.8m, 4, "B", null, "Yellow"),
            ("QT-GQT", 100m, 0m, 1, "B", "A", "Green"),
            ("SY-ZXZX", 60m, 40m, 5, "B", null, "Red"),
            ("XZ-CGJD", 55m, 45m, 6, "C", null, "Red"),
            ("ZF-FGW", 92m, 8m, 3, "A", null, "Green"),
            ("ZF-JYJ", 96m, 4m, 2, "A", null, "Yellow"),
        };
        Assert.Equal(expected.Select(e => e.Code), results.Units.Select(u => u.UnitCode));
        foreach (var e in expected)
        {
            var unit = results.Unit(e.Code);
            Assert.Equal((e.Code, e.Total, e.Total, 100m, e.Deviation, e.Rank, e.Grade, e.BeforeVeto, e.Board),
                (unit.UnitCode, unit.Total!.Value, unit.ScoreRate!.Value, unit.SelfTotal!.Value, unit.Deviation!.Value, unit.Rank!.Value, unit.Grade, unit.GradeBeforeVeto, unit.Board));
            Assert.Equal(("Accepted", "InProgress", true), (unit.Status, unit.ReviewStatus, unit.VerifiedVisible));
        }

        var dw = results.Unit("DW-ZZB");
        Assert.Equal((19.2m, 30m, 64m), (dw.Dimensions[0].Score, dw.Dimensions[0].MaxPoints, dw.Dimensions[0].ScoreRate));

        // (89.2 + 92 + 96 + 100 + 60 + 55) / 6 = 82.0333…; dimension 1: (19.2 + 30 + 26 + 30 + 0 + 0) / 6 = 17.5333….
        var statistics = results.Statistics!;
        Assert.Equal((6, 82.03m, 82.03m), (statistics.UnitCount, statistics.AverageTotal, statistics.AverageScoreRate));
        Assert.Equal((17.53m, 58.44m), (statistics.Dimensions[0].AverageScore, statistics.Dimensions[0].AverageScoreRate));
        Assert.Equal([3, 1, 0, 1, 1], statistics.Distribution.Select(b => b.Count));
        Assert.Null(results.FinalizedAt);
    }

    [Fact]
    public async Task CampaignResults_GradedUnits_ApplicationByGradePlaceAndBoard()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var results = (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/campaigns/{demo.Id}/results"))!["units"]!.AsArray();
        var detail = (await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/campaigns/{demo.Id}/units/{demo["XZ-CGJD"]}/results"))!;

        (string? Code, string Text) Application(string unit)
        {
            var node = results.Single(u => u!["unitCode"]!.GetValue<string>() == unit)!;
            return (node["applicationCode"]?.GetValue<string>(), node["application"]!.GetValue<string>());
        }

        // ZF-FGW A, green; DW-ZZB B, yellow; XZ-CGJD C, red.
        Assert.Equal("grade.best", Application("ZF-FGW").Code);
        Assert.Contains("评估等次为A的部门（单位），在机构编制事项审批和用编申请中予以优先考虑", Application("ZF-FGW").Text);
        Assert.Contains("列入绿榜", Application("ZF-FGW").Text);
        Assert.Equal("grade.middle", Application("DW-ZZB").Code);
        Assert.Contains("从严审核", Application("DW-ZZB").Text);
        Assert.Contains("列入黄榜", Application("DW-ZZB").Text);
        Assert.Equal("grade.lowest", Application("XZ-CGJD").Code);
        Assert.Contains("“退二进一”", Application("XZ-CGJD").Text);
        Assert.EndsWith("列入红榜的部门（单位），限期整改，跟踪问效。", Application("XZ-CGJD").Text);
        Assert.Equal(Application("XZ-CGJD"), (detail["applicationCode"]!.GetValue<string>(), detail["application"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CampaignResults_StaffBeforeTheReviewIsCompleted_NoApplicationUntilThen()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var url = $"/api/campaigns/{demo.Id}/units/{demo["ZF-FGW"]}/results";

        var before = (await staff.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/campaigns/{demo.Id}/results"))!["units"]![0]!;
        var detailBefore = (await staff.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(url))!;
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["ZF-FGW"], new Dictionary<string, decimal> { ["3.1"] = 0 }, ReviewStatus.Completed);
        var detailAfter = (await staff.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>(url))!;

        Assert.Equal("ZF-FGW", before["unitCode"]!.GetValue<string>());
        Assert.Null(before["application"]);
        Assert.Null(before["applicationCode"]);
        Assert.Null(detailBefore["application"]);
        Assert.Equal("grade.best", detailAfter["applicationCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task CampaignResults_UnitsWithoutSelfEvaluation_NotRankedGradedOrPlaced()
    {
        await WorkflowSetup.ResetAsync(api);
        var demo = await WorkflowSetup.DemoAsync(api);
        // DW-ZZB: 1.1.1 较好 6.4, 1.1.2 部分达成 4.2 → 95.6 computed (its self-scores do not count officially).
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo["DW-ZZB"], ResultsScenario.DwAnswers().Values, SelfAssessmentStatus.Drafting);
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo["SY-ZXZX"], WorkflowSetup.PerfectAnswers().Values, SelfAssessmentStatus.Submitted);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var results = await GetResultsAsync(admin, demo.Id);

        var (dw, sy) = (results.Unit("DW-ZZB"), results.Unit("SY-ZXZX"));
        Assert.Equal((95.6m, 100m, 4.4m, 2, "A", "Red"), (dw.Total!.Value, dw.SelfTotal!.Value, dw.Deviation!.Value, dw.Rank!.Value, dw.Grade, dw.Board));
        Assert.Equal((100m, 1, "A", "Green"), (sy.Total!.Value, sy.Rank!.Value, sy.Grade, sy.Board));
        Assert.All(results.Units.Where(u => u.UnitCode is not ("DW-ZZB" or "SY-ZXZX")), u =>
        {
            Assert.Equal("NotStarted", u.Status);
            Assert.Equal(100m, u.MaxTotal);
            Assert.True(u.Total is null && u.SelfTotal is null && u.Rank is null && u.Grade is null && u.Board is null && u.Deviation is null);
        });
        Assert.Equal(2, results.Statistics!.UnitCount);
    }

    [Fact]
    public async Task CampaignResults_VerifiedScoreOrAnswerChanges_Recomputed()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var before = (await GetResultsAsync(admin, demo.Id)).Unit("DW-ZZB");

        var verify = await WorkflowSetup.VerifyAsync(admin, demo.Id, demo["DW-ZZB"], "1.1.1", new { verifiedScore = 8 });
        var afterVerify = await GetResultsAsync(admin, demo.Id);
        var answers = ResultsScenario.DwAnswers();
        answers["1.1.2"] = new AnswerRecord { IndicatorCode = "1.1.2", Option = "达成", SelfScore = 7 };
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo["DW-ZZB"], answers.Values);
        var afterAnswer = await GetResultsAsync(admin, demo.Id);

        Assert.Equal((89.2m, 4, "B"), (before.Total!.Value, before.Rank!.Value, before.Grade));
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        // 1.1.1 verified 8 instead of 0: 97.2, ahead of ZF-JYJ's 96.
        var dw = afterVerify.Unit("DW-ZZB");
        Assert.Equal((97.2m, 2.8m, 2, "A"), (dw.Total!.Value, dw.Deviation!.Value, dw.Rank!.Value, dw.Grade));
        Assert.Equal(3, afterVerify.Unit("ZF-JYJ").Rank);
        // 1.1.2 now 达成 (7): 100, tied first with QT-GQT.
        dw = afterAnswer.Unit("DW-ZZB");
        Assert.Equal((100m, 0m, 1), (dw.Total!.Value, dw.Deviation!.Value, dw.Rank!.Value));
        Assert.Equal(1, afterAnswer.Unit("QT-GQT").Rank);
        Assert.Equal(3, afterAnswer.Unit("ZF-JYJ").Rank);
    }

    [Fact]
    public async Task CampaignResults_UnitStaff_SelfFiguresOnlyUntilTheirReviewIsCompleted()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var staff = await api.SignInAsync(DemoUsers.Staff);

        var during = await GetResultsAsync(staff, demo.Id);
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["ZF-FGW"], new Dictionary<string, decimal> { ["3.1"] = 0 }, ReviewStatus.Completed);
        var after = await GetResultsAsync(staff, demo.Id);

        var own = Assert.Single(during.Units);
        Assert.Equal(("ZF-FGW", 100m, false), (own.UnitCode, own.SelfTotal!.Value, own.VerifiedVisible));
        Assert.True(own.Total is null && own.ScoreRate is null && own.Rank is null && own.Grade is null && own.Board is null && own.Deviation is null);
        Assert.Empty(own.Dimensions);
        Assert.Null(during.Statistics);
        own = Assert.Single(after.Units);
        Assert.Equal((92m, 8m, 3, "A", "Green", true), (own.Total!.Value, own.Deviation!.Value, own.Rank!.Value, own.Grade, own.Board, own.VerifiedVisible));
        Assert.Null(after.Statistics);
    }

    [Theory]
    [InlineData(DemoUsers.Reviewer, 3)]
    [InlineData(DemoUsers.Viewer, 6)]
    public async Task CampaignResults_OfficeSide_VerifiedFiguresAndStatistics(string user, int units)
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var client = await api.SignInAsync(user);

        var results = await GetResultsAsync(client, demo.Id);

        Assert.Equal(units, results.Units.Count);
        Assert.All(results.Units, u => Assert.True(u.VerifiedVisible && u.Total is not null));
        Assert.Equal(6, results.Statistics!.UnitCount);
    }

    [Fact]
    public async Task UnitResults_Detail_LeavesSideBySideLargestDeviationsFirst()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var verify = await WorkflowSetup.VerifyAsync(admin, demo.Id, demo["DW-ZZB"], "1.1.1", new
        {
            verifiedScore = 0,
            comment = "年度重点工作无台账。",
            problems = new[] { new { description = "重点工作台账缺失", category = "职责履行", requirement = "建立台账" } },
        });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);

        var detail = await GetUnitAsync(admin, demo.Id, demo["DW-ZZB"]);

        Assert.Equal((100m, 89.2m, 10.8m, 4, 6), (detail.Self!.Total, detail.Official!.Total, detail.Deviation!.Value, detail.Rank!.Value, detail.RankedUnits));
        Assert.Equal(("B", "Yellow", "非经济", 3, 4), (detail.Grade!.Grade, detail.Board!.Board, detail.Board.Category, detail.Board.Rank, detail.Board.CategoryCount));
        Assert.Equal((30m, 19.2m, 64m), (detail.Self.Dimensions[0].Score, detail.Official.Dimensions[0].Score, detail.Official.Dimensions[0].ScoreRate));
        var first = detail.Leaf("1.1.1");
        Assert.Equal((8m, 6.4m, 8m, 8m, 0m, 0m, 8m), (first.Points, first.Computed!.Value, first.SelfScore!.Value, first.SelfValue!.Value, first.Verified!.Value, first.Official!.Value, first.Deviation!.Value));
        Assert.Contains("实地评估核定得分", first.Explanation);
        Assert.Equal("年度重点工作无台账。", first.Comment);
        Assert.Equal(new ProblemBody("重点工作台账缺失", "职责履行", "建立台账"), Assert.Single(first.Problems));
        var second = detail.Leaf("1.1.2");
        Assert.Equal((4.2m, 7m, (decimal?)null, 4.2m, 2.8m), (second.Computed!.Value, second.SelfScore!.Value, second.Verified, second.Official!.Value, second.Deviation!.Value));
        Assert.Equal(["1.1.1", "1.1.2"], detail.LargestDeviations.Select(l => l.Code));
        Assert.Equal(17, detail.Leaves.Count);
    }

    [Fact]
    public async Task UnitResults_VetoFound_GradeCappedWithReason()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var detail = await GetUnitAsync(admin, demo.Id, demo["QT-GQT"]);

        var veto = detail.Leaf("6.9");
        // No answer on a veto item means nothing was found by the unit.
        Assert.Equal(("Veto", false, true, true), (veto.Role, veto.SelfFinding, veto.VerifiedFinding, veto.OfficialFinding));
        Assert.Equal(("B", "A"), (detail.Grade!.Grade, detail.Grade.GradeBeforeVeto));
        Assert.Contains("一票否优", detail.Grade.Explanation);
        Assert.Equal((100m, false), (detail.Official!.Total, detail.Official.Vetoed));
    }

    [Fact]
    public async Task UnitResults_UnitStaff_VerifiedValuesOnlyOnceCompleted()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var unit = demo["ZF-FGW"];

        var during = await GetUnitAsync(staff, demo.Id, unit);
        await WorkflowSetup.SetReviewAsync(api, demo.Id, unit, new Dictionary<string, decimal> { ["3.1"] = 0 }, ReviewStatus.Completed);
        var after = await GetUnitAsync(staff, demo.Id, unit);
        var other = await staff.GetAsync($"/api/campaigns/{demo.Id}/units/{demo["DW-ZZB"]}/results");

        Assert.False(during.VerifiedVisible);
        Assert.Equal(100m, during.Self!.Total);
        Assert.True(during.Official is null && during.Deviation is null && during.Rank is null && during.Grade is null && during.Board is null);
        var leaf = during.Leaf("3.1");
        Assert.True(leaf.Verified is null && leaf.Official is null && leaf.Deviation is null);
        Assert.Empty(during.LargestDeviations);
        Assert.True(after.VerifiedVisible);
        leaf = after.Leaf("3.1");
        Assert.Equal((8m, 0m, 0m, 8m), (leaf.Computed!.Value, leaf.Verified!.Value, leaf.Official!.Value, leaf.Deviation!.Value));
        Assert.Equal((92m, 3, "Green"), (after.Official!.Total, after.Rank!.Value, after.Board!.Board));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task UnitResults_UnknownCampaignOrUnit_404()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/campaigns/{Guid.NewGuid()}/units/{demo["DW-ZZB"]}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/campaigns/{demo.Id}/units/{Guid.NewGuid()}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/campaigns/{Guid.NewGuid()}/results/finalize", null)).StatusCode);
    }

    [Fact]
    public async Task Finalize_NotEveryUnitFieldReviewed_409ListingThemAndNothingChanged()
    {
        var demo = await ResultsScenario.SetUpAsync(api, SelfAssessmentStatus.FieldReviewed, ReviewStatus.Completed);
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo["SY-ZXZX"], WorkflowSetup.PerfectAnswers().Values, SelfAssessmentStatus.Accepted);
        await WorkflowSetup.WithDb(api, db => db.SelfAssessments.Where(a => a.UnitId == demo["XZ-CGJD"]).ExecuteDeleteAsync());
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsync($"/api/campaigns/{demo.Id}/results/finalize", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("results.not_ready", problem.Code);
        Assert.Equal(["SY-ZXZX", "XZ-CGJD"], problem.Errors!.Select(e => e.Field));
        Assert.Contains("初审通过", problem.Errors![0].MessageZh);
        Assert.Contains("未开始", problem.Errors![1].MessageZh);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["Accepted", "NotStarted"], body.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("status").GetString()));
        Assert.Null(await WorkflowSetup.WithDb(api, db => Task.FromResult(db.Campaigns.Single(c => c.Id == demo.Id).FinalizedAt)));
        Assert.Equal(SelfAssessmentStatus.FieldReviewed, await WorkflowSetup.StatusAsync(api, demo.Id, demo["DW-ZZB"]));
    }

    [Fact]
    public async Task Finalize_EveryUnitFieldReviewed_FinalAuditedAndLocked()
    {
        var demo = await ResultsScenario.SetUpAsync(api, SelfAssessmentStatus.FieldReviewed, ReviewStatus.Completed);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var url = $"/api/campaigns/{demo.Id}/results/finalize";
        var auditStart = await api.Database.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM audit_entries");

        var byReviewer = await reviewer.PostAsync(url, null);
        var finalized = await admin.PostAsync(url, null);
        var again = await admin.PostAsync(url, null);
        var reviewUrl = WorkflowSetup.ReviewUrl(demo.Id, demo["DW-ZZB"]);
        var write = await SendAsync(admin, HttpMethod.Put, reviewUrl + "/items/1.1.1", new { verifiedScore = 8 }, "\"1\"");
        var reopen = await SendAsync(admin, HttpMethod.Post, reviewUrl + "/reopen", null, null);

        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, finalized.StatusCode);
        var results = (await finalized.Content.ReadFromJsonAsync<CampaignResultsBody>(Web))!;
        Assert.NotNull(results.FinalizedAt);
        Assert.All(results.Units, u => Assert.Equal("Final", u.Status));
        Assert.Equal(89.2m, results.Unit("DW-ZZB").Total);
        foreach (var unit in demo.Units.Values)
        {
            Assert.Equal(SelfAssessmentStatus.Final, await WorkflowSetup.StatusAsync(api, demo.Id, unit));
        }

        var audit = await api.Database.ScalarAsync<string>($"SELECT details FROM audit_entries WHERE action = 'results.finalized' AND seq > {auditStart}");
        using var details = JsonDocument.Parse(audit);
        var dw = details.RootElement.GetProperty("data").GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == "DW-ZZB");
        Assert.Equal((89.2m, "B", "Yellow"), (dw.GetProperty("total").GetDecimal(), dw.GetProperty("grade").GetString(), dw.GetProperty("board").GetString()));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("results.finalized", (await Problem.ReadAsync(again)).Code);
        Assert.Equal(HttpStatusCode.Conflict, write.StatusCode);
        Assert.Equal("review.not_open", (await Problem.ReadAsync(write)).Code);
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
        Assert.Equal("review.not_open", (await Problem.ReadAsync(reopen)).Code);
        Assert.NotNull((await GetResultsAsync(admin, demo.Id)).FinalizedAt);
    }

    private static async Task<CampaignResultsBody> GetResultsAsync(HttpClient client, Guid campaignId)
    {
        var response = await client.GetAsync($"/api/campaigns/{campaignId}/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CampaignResultsBody>(Web))!;
    }

    private static async Task<UnitDetailBody> GetUnitAsync(HttpClient client, Guid campaignId, Guid unitId)
    {
        var response = await client.GetAsync($"/api/campaigns/{campaignId}/units/{unitId}/results");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UnitDetailBody>(Web))!;
    }
}
