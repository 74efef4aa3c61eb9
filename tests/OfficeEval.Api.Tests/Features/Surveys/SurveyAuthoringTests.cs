using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Surveys;
using static OfficeEval.Api.Tests.Features.Surveys.SurveyApi;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>The office authors a questionnaire: saved with its ETag, refused field by field, frozen once opened, audited.</summary>
public sealed class SurveyAuthoringTests(SurveyApiFactory api) : IClassFixture<SurveyApiFactory>
{
    [Fact]
    public async Task Put_InvalidForm_422NamingEachField_ThenValidFormCreatedWithETag()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api);
        Assert.Equal("survey.not_found", (await Problem.ReadAsync(await admin.GetAsync(Url(campaign.Id)))).Code);

        var form = Form() with
        {
            Items =
            [
                new("Q1", "办事效率", SurveyScale.Likert5, [People], "9.9"),
                new("Q2", "服务态度", SurveyScale.ThreePoint, [People], "1.1.1"),
                new("Q3", "协同", SurveyScale.ThreePoint, ["不存在的群体"], "2.1.1"),
                new("M1", "协同配合", SurveyScale.ThreePoint, [Townships], "2.1.1"),
            ],
        };
        var refused = await PutAsync(admin, campaign.Id, form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await Problem.ReadAsync(refused);
        Assert.Equal("survey.invalid", problem.Code);
        var fields = problem.Errors!.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("items[0].indicatorCode", "survey.item_indicator"), fields);
        Assert.Contains(("items[1].indicatorCode", "survey.item_indicator"), fields);
        Assert.Contains(("items[2].groups[0]", "survey.item_group_unknown"), fields);
        Assert.Contains("不是本批次指标体系的末级指标", problem.Errors!.Single(e => e.Field == "items[0].indicatorCode").MessageZh, StringComparison.Ordinal);
        Assert.Contains("survey rule", problem.Errors!.Single(e => e.Field == "items[1].indicatorCode").MessageEn, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(api, $"SELECT count(*) FROM surveys WHERE campaign_id = '{campaign.Id}'"));

        var created = await PutAsync(admin, campaign.Id, Form());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var read = await admin.GetAsync(Url(campaign.Id));
        var body = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("Draft", 1, false), (body["status"]!.GetValue<string>(), body["revision"]!.GetValue<int>(), body["accepting"]!.GetValue<bool>()));
        Assert.Equal("Likert5", body["form"]!["items"]![0]!["scale"]!.GetValue<string>());
        Assert.Equal(5, body["form"]!["choices"]!["likert5"]!.AsArray().Count);
        Assert.Equal(0, body["counts"]!["responses"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_Existing_NeedsCurrentIfMatch_428Then412ThenSaved()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);
        var changed = Form() with { Title = "修改后的标题" };

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PutAsync(admin, campaign.Id, changed)).StatusCode);
        var stale = await PutAsync(admin, campaign.Id, changed, revision: 7);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"1\"", (await stale.Content.ReadFromJsonAsync<JsonObject>())!["currentETag"]!.GetValue<string>());
        var saved = await PutAsync(admin, campaign.Id, changed, revision: 1);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"2\"", saved.Headers.ETag!.Tag);
        Assert.Equal("修改后的标题", (await admin.GetFromJsonAsync<JsonObject>(Url(campaign.Id)))!["form"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_AfterOpening_409NotDraft_AndOpenCloseAudited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);

        var past = await admin.PostAsync(Url(campaign.Id, "/open"), Body(new { closesAt = DateTimeOffset.UtcNow.AddDays(-1) }));
        Assert.Equal("closesAt", Assert.Single((await Problem.ReadAsync(past)).Errors!).Field);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url(campaign.Id, "/open"), Body(new { closesAt = DateTimeOffset.UtcNow.AddDays(30) }))).StatusCode);
        var revision = int.Parse((await admin.GetAsync(Url(campaign.Id))).Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

        var frozen = await PutAsync(admin, campaign.Id, Form() with { Title = "开放后修改" }, revision);
        Assert.Equal(HttpStatusCode.Conflict, frozen.StatusCode);
        Assert.Equal("survey.not_draft", (await Problem.ReadAsync(frozen)).Code);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url(campaign.Id, "/close"), null)).StatusCode);
        Assert.Equal("survey.not_open", (await Problem.ReadAsync(await admin.PostAsync(Url(campaign.Id, "/close"), null))).Code);
        var actions = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?campaignId={campaign.Id}&limit=50"))!["items"]!.AsArray()
            .Select(e => e!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("survey.saved", actions);
        Assert.Contains("survey.opened", actions);
        Assert.Contains("survey.closed", actions);
    }

    [Fact]
    public async Task Delete_WithResponses_409_WithoutResponses_204AndLinksGone()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var anonymous = api.CreateClient();
        var answered = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, answered.Id);
        var code = Codes(await IssueAsync(admin, answered.Id, new { group = People, unitIds = new[] { answered["ZF-FGW"] }, count = 1 }))[0];
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(anonymous, code, "198.51.100.10", PersonAnswers(4, 3))).StatusCode);

        var refused = await admin.DeleteAsync(Url(answered.Id));
        Assert.Equal("survey.has_responses", (await Problem.ReadAsync(refused)).Code);

        var unanswered = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, unanswered.Id);
        var unused = Codes(await IssueAsync(admin, unanswered.Id, new { group = People, unitIds = new[] { unanswered["ZF-FGW"] }, count = 2 }))[0];
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Url(unanswered.Id))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Url(unanswered.Id))).StatusCode);
        Assert.Equal("survey.code_unknown", (await Problem.ReadAsync(await GetPublicAsync(anonymous, unused, "198.51.100.11"))).Code);
        Assert.Equal(1L, await CountAsync(api, $"SELECT count(*) FROM audit_entries WHERE action = 'survey.deleted' AND campaign_id = '{unanswered.Id}'"));
    }

    [Fact]
    public async Task Put_RemovingAGroupWithLinksIssued_422GroupInUse()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW", "XZ-CGJD");
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);
        await IssueAsync(admin, campaign.Id, new { group = Townships, unitIds = new[] { campaign["ZF-FGW"] }, respondentUnitIds = new[] { campaign["XZ-CGJD"] } });
        var withoutTownships = Form() with
        {
            Groups = [Form().Groups[0]],
            Items = [.. Form().Items.Where(i => i.Code != "M1").Select(i => i with { Groups = [.. i.Groups.Where(g => g == People)] })],
        };

        var refused = await PutAsync(admin, campaign.Id, withoutTownships, revision: 1);

        var problem = await Problem.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(("groups", "survey.group_in_use"), (Assert.Single(problem.Errors!).Field, problem.Errors![0].Code));
    }

    [Fact]
    public async Task Get_WithoutChoices_DefaultsApplied_AndUnknownCampaign404()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api);
        var json = System.Text.Json.JsonSerializer.SerializeToNode(Form(), Json)!.AsObject();
        json.Remove("choices");
        json.Remove("introduction");

        var created = await PutAsync(admin, campaign.Id, json);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var form = (await created.Content.ReadFromJsonAsync<JsonObject>())!["form"]!;
        Assert.Equal("非常满意", form["choices"]!["likert5"]![4]!.GetValue<string>());
        Assert.Equal("", form["introduction"]!.GetValue<string>());
        Assert.Equal("not_found", (await Problem.ReadAsync(await admin.GetAsync(Url(Guid.NewGuid())))).Code);
    }
}
