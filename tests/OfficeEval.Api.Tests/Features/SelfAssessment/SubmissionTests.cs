using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>Submit, 初审退回 with comments, resubmit, accept; every version kept and comparable.</summary>
public sealed class SubmissionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task SubmitReturnResubmitAccept_KeepsEveryVersionAndComparesThem()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);

        // Incomplete: refused, listing what is missing, nothing frozen.
        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);
        revision = Drafts.RevisionOf(await Drafts.PatchAsync(staff, campaignId, unitId, revision, new { indicatorCode = "1.1.1", option = "好" }));
        var refused = await Drafts.SendAsync(staff, HttpMethod.Post, Drafts.Url(campaignId, unitId, "/submit"), null, revision);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var incomplete = await Problem.ReadAsync(refused);
        Assert.Equal("submit.incomplete", incomplete.Code);
        Assert.Contains(incomplete.Errors!, e => e.Code == "submit.evidence_missing" && e.IndicatorCode == "1.1.1");
        Assert.Contains(incomplete.Errors!, e => e.Code == "submit.answer_missing" && e.IndicatorCode == "6.2");

        // Complete: submitted as version 1; the draft is locked.
        revision = await Drafts.FillCompletelyAsync(staff, campaignId, unitId);
        var submitted = await Drafts.SendAsync(staff, HttpMethod.Post, Drafts.Url(campaignId, unitId, "/submit"), null, revision);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        revision = Drafts.RevisionOf(submitted);
        var draft = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Submitted", draft["status"]!.GetValue<string>());
        Assert.Equal(100m, draft["versions"]![0]!["total"]!.GetValue<decimal>());
        var locked = await Drafts.PatchAsync(staff, campaignId, unitId, revision, new { indicatorCode = "1.1.1", option = "差" });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Equal("self_assessment.locked", (await Problem.ReadAsync(locked)).Code);

        // Staff cannot review themselves.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/accept"), new { })).StatusCode);

        // 初审退回 with comments on an indicator.
        var noComment = await reviewer.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/return"), new { comment = " " });
        Assert.Equal("comment", Assert.Single((await Problem.ReadAsync(noComment)).Errors!).Field);
        var returned = await reviewer.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/return"), new
        {
            comment = "佐证材料不充分",
            indicators = new[] { new { indicatorCode = "2.1.2", comment = "请补充职责调整的批复文件" } },
            version = 1,
        });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var (afterReturn, _) = await Drafts.GetAsync(staff, campaignId, unitId);
        Assert.Equal("Returned", afterReturn["status"]!.GetValue<string>());
        Assert.Equal("佐证材料不充分", afterReturn["returned"]!["comment"]!.GetValue<string>());
        Assert.Equal("2.1.2", afterReturn["returned"]!["indicators"]![0]!["indicatorCode"]!.GetValue<string>());

        // The unit corrects and resubmits: version 2.
        revision = Drafts.RevisionOf(await Drafts.PatchAsync(staff, campaignId, unitId, Drafts.RevisionOf(returned),
            new { indicatorCode = "2.1.2", number = 2m, selfScore = 3m, explanation = "已补充批复文件", evidence = new[] { "相关文件" } }));
        var resubmitted = await Drafts.SendAsync(staff, HttpMethod.Post, Drafts.Url(campaignId, unitId, "/submit"), null, revision);
        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);

        // Accepting what was returned is refused: the reviewer must look at version 2.
        var outdated = await reviewer.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/accept"), new { version = 1 });
        Assert.Equal("self_assessment.version_outdated", (await Problem.ReadAsync(outdated)).Code);
        var accepted = await reviewer.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/accept"), new { version = 2, comment = "同意" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var versions = (await staff.GetFromJsonAsync<JsonArray>(Drafts.Url(campaignId, unitId, "/versions")))!;
        Assert.Equal(["Returned", "Accepted"], versions.Select(v => v!["outcome"]!.GetValue<string>()).ToArray());
        var v1 = (await staff.GetFromJsonAsync<JsonObject>(Drafts.Url(campaignId, unitId, "/versions/1")))!;
        Assert.Equal(0m, v1["answers"]!.AsArray().Single(a => a!["indicatorCode"]!.GetValue<string>() == "2.1.2")!["number"]!.GetValue<decimal>());

        var comparison = (await staff.GetFromJsonAsync<JsonObject>(Drafts.Url(campaignId, unitId, "/versions/compare?from=1&to=2")))!;
        var change = Assert.Single(comparison["changes"]!.AsArray());
        Assert.Equal("2.1.2", change!["code"]!.GetValue<string>());
        Assert.Equal(["number", "selfScore", "explanation"], change["fields"]!.AsArray().Select(f => f!.GetValue<string>()).ToArray());
        Assert.Equal((5m, 3m), (change["fromScore"]!.GetValue<decimal>(), change["toScore"]!.GetValue<decimal>()));
        Assert.Equal((100m, 98m), (comparison["fromTotal"]!.GetValue<decimal>(), comparison["toTotal"]!.GetValue<decimal>()));

        var unknown = await staff.GetAsync(Drafts.Url(campaignId, unitId, "/versions/compare?from=7"));
        Assert.Equal("from", Assert.Single((await Problem.ReadAsync(unknown)).Errors!).Field);

        var actions = await api.Database.ScalarAsync<string>(
            $"SELECT string_agg(action, ',' ORDER BY seq) FROM audit_entries WHERE unit_id = '{unitId}' AND action NOT LIKE '%answers_changed'");
        Assert.Equal("self_assessment.submitted,self_assessment.returned,self_assessment.submitted,self_assessment.accepted", actions);
    }

    [Fact]
    public async Task Return_WhenNothingSubmitted_Is409()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaigns = (await admin.GetFromJsonAsync<JsonArray>("/api/campaigns"))!;
        var campaignId = campaigns[0]!["id"]!.GetValue<Guid>();
        var units = (await admin.GetFromJsonAsync<JsonArray>($"/api/campaigns/{campaignId}/units"))!;
        var unitId = units.Single(u => u!["code"]!.GetValue<string>() == "ZF-JYJ")!["id"]!.GetValue<Guid>();

        var response = await admin.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/return"), new { comment = "退回" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("self_assessment.not_submitted", (await Problem.ReadAsync(response)).Code);
    }
}
