using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>Drafts saved by entry with the ETag protocol; validation with the submission checklist.</summary>
public sealed class DraftTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Save_WithCurrentETag_StoresAnswerBumpsRevisionAndAudits()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);

        var saved = await Drafts.PatchAsync(staff, campaignId, unitId, revision,
            new { indicatorCode = "1.1.1", option = " 较好 ", selfScore = 6.4m, explanation = "按时完成", evidence = new[] { "重点工作台账" } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(revision + 1, Drafts.RevisionOf(saved));
        var draft = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Drafting", draft["status"]!.GetValue<string>());
        var answer = draft["answers"]!.AsArray().Single(a => a!["indicatorCode"]!.GetValue<string>() == "1.1.1")!;
        Assert.Equal("较好", answer["option"]!.GetValue<string>());
        Assert.Equal("重点工作台账", answer["evidence"]![0]!.GetValue<string>());
        var audited = await api.Database.ScalarAsync<string>(
            $"SELECT details FROM audit_entries WHERE action = 'self_assessment.answers_changed' AND unit_id = '{unitId}' ORDER BY seq DESC LIMIT 1");
        Assert.Contains("\"1.1.1\"", audited);
        Assert.Contains("较好", audited);
    }

    [Fact]
    public async Task Save_WithoutIfMatch_Is428AndWithStaleETag_Is412WithTheCurrentDraft()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);
        (await Drafts.PatchAsync(staff, campaignId, unitId, revision, new { indicatorCode = "1.1.2", option = "达成" })).EnsureSuccessStatusCode();

        var missing = await Drafts.PatchAsync(staff, campaignId, unitId, null, new { indicatorCode = "1.1.2", option = "未达成" });
        var stale = await Drafts.PatchAsync(staff, campaignId, unitId, revision, new { indicatorCode = "1.1.2", option = "未达成" });

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal("precondition.required", (await Problem.ReadAsync(missing)).Code);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var body = (await stale.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("precondition.failed", body["code"]!.GetValue<string>());
        Assert.Equal($"\"{revision + 1}\"", body["currentETag"]!.GetValue<string>());
        var current = body["current"]!["answers"]!.AsArray().Single(a => a!["indicatorCode"]!.GetValue<string>() == "1.1.2")!;
        Assert.Equal("达成", current["option"]!.GetValue<string>());
    }

    [Fact]
    public async Task Save_InvalidEntries_Is422NamingEachFieldAndStoresNothing()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);

        var response = await Drafts.PatchAsync(staff, campaignId, unitId, revision,
            new { indicatorCode = "1.2.1", option = "很好" },
            new { indicatorCode = "9.9" },
            new { indicatorCode = "2.1.2", number = 1m, selfScore = 7m },
            new { indicatorCode = "3.1", finding = true, evidence = new[] { "不存在的材料" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("answers.invalid", problem.Code);
        Assert.Equal(
            ["answers[0].option", "answers[1].indicatorCode", "answers[2].selfScore", "answers[3].evidence", "answers[3].finding"],
            problem.Errors!.Select(e => e.Field!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(problem.Errors!, e => Assert.False(string.IsNullOrEmpty(e.MessageZh) || string.IsNullOrEmpty(e.MessageEn)));
        Assert.Equal(revision, (await Drafts.GetAsync(staff, campaignId, unitId)).Revision);
    }

    [Fact]
    public async Task Save_EmptyAnswer_ClearsTheLeaf()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);
        var saved = await Drafts.PatchAsync(staff, campaignId, unitId, revision, new { indicatorCode = "3.2", number = 2m });
        saved.EnsureSuccessStatusCode();

        var cleared = await Drafts.PatchAsync(staff, campaignId, unitId, Drafts.RevisionOf(saved), new { indicatorCode = "3.2" });

        var draft = (await cleared.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.DoesNotContain(draft["answers"]!.AsArray(), a => a!["indicatorCode"]!.GetValue<string>() == "3.2");
    }

    [Fact]
    public async Task Validate_OverlaysUnsavedAnswers_ScoresAndListsTheSubmissionChecklist()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var before = (await Drafts.GetAsync(staff, campaignId, unitId)).Revision;

        var response = await staff.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/validate"),
            new { answers = new object[] { new { indicatorCode = "3.2", number = 4m } } });

        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(body["readyToSubmit"]!.GetValue<bool>());
        var leaf = body["leaves"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "3.2")!;
        Assert.Equal(5m, leaf["score"]!.GetValue<decimal>());
        var codes = body["problems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("submit.answer_missing", codes);
        Assert.Contains("submit.evidence_missing", codes);
        Assert.Equal(before, (await Drafts.GetAsync(staff, campaignId, unitId)).Revision);
    }

    [Fact]
    public async Task Validate_CompleteDraft_IsReadyToSubmit()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);

        var response = await staff.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/validate"), new { answers = Drafts.CompleteAnswers() });

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["readyToSubmit"]!.GetValue<bool>(), body.ToJsonString());
        Assert.Equal(100m, body["total"]!.GetValue<decimal>());
    }
}
