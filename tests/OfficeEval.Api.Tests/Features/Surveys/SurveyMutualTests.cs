using System.Net;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Surveys.SurveyApi;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>
/// Mutual evaluation (乡镇街道评县直部门): one link per respondent unit × evaluated unit, never a unit evaluating
/// itself; the respondent is told whom they evaluate, and their own identity appears nowhere in what comes back.
/// </summary>
public sealed class SurveyMutualTests(SurveyApiFactory api) : IClassFixture<SurveyApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateClient();

    [Fact]
    public async Task Issue_OneLinkPerPair_NeverASelfPair()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW", "ZF-JYJ", "XZ-CGJD");
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);
        var (fgw, jyj, cgjd) = (campaign["ZF-FGW"], campaign["ZF-JYJ"], campaign["XZ-CGJD"]);

        var batch = await IssueAsync(admin, campaign.Id, new { group = Townships, unitIds = new[] { fgw, jyj, cgjd }, respondentUnitIds = new[] { cgjd, fgw } });

        var pairs = batch["links"]!.AsArray().Select(l => (l!["unitCode"]!.GetValue<string>(), l["respondentUnitCode"]!.GetValue<string>())).ToList();
        Assert.Equal([("ZF-FGW", "XZ-CGJD"), ("ZF-JYJ", "XZ-CGJD"), ("ZF-JYJ", "ZF-FGW"), ("XZ-CGJD", "ZF-FGW")], pairs);
        Assert.True(batch["mutual"]!.GetValue<bool>());
        Assert.Equal(0L, await CountAsync(api, "SELECT count(*) FROM survey_tokens WHERE unit_id = respondent_unit_id"));

        var selfOnly = await admin.PostAsync(Url(campaign.Id, "/tokens"), Body(new { group = Townships, unitIds = new[] { cgjd }, respondentUnitIds = new[] { cgjd } }));
        Assert.Equal("respondentUnitIds", Assert.Single((await Problem.ReadAsync(selfOnly)).Errors!).Field);
        var noRespondents = await admin.PostAsync(Url(campaign.Id, "/tokens"), Body(new { group = Townships, unitIds = new[] { fgw }, count = 3 }));
        Assert.Equal(["respondentUnitIds", "count"], (await Problem.ReadAsync(noRespondents)).Errors!.Select(e => e.Field));
        var peopleWithUnits = await admin.PostAsync(Url(campaign.Id, "/tokens"), Body(new { group = People, unitIds = new[] { fgw }, count = 1, respondentUnitIds = new[] { cgjd } }));
        Assert.Equal("respondentUnitIds", Assert.Single((await Problem.ReadAsync(peopleWithUnits)).Errors!).Field);
    }

    [Fact]
    public async Task Answers_RespondentUnitAppearsInNoResultNorExport()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        // The respondents (a township and a mass organisation) are registered units outside this campaign.
        var campaign = await NewCampaignAsync(api, "ZF-FGW", "ZF-JYJ");
        var respondents = await WorkflowSetup.WithDb(api, db => Task.FromResult(db.Units.Where(u => u.Code == "XZ-CGJD" || u.Code == "QT-GQT").ToList()));
        await OpenAsync(admin, campaign.Id);
        var batch = await IssueAsync(admin, campaign.Id, new { group = Townships, unitIds = new[] { campaign["ZF-FGW"], campaign["ZF-JYJ"] }, respondentUnitIds = respondents.Select(r => r.Id) });
        var links = batch["links"]!.AsArray();
        Assert.Equal(4, links.Count);

        foreach (var link in links)
        {
            var code = link!["code"]!.GetValue<string>();
            var read = await GetPublicAsync(_anonymous, code, "198.51.100.60");
            var text = await read.Content.ReadAsStringAsync();
            var survey = JsonNode.Parse(text)!;
            Assert.True(survey["mutual"]!.GetValue<bool>());
            Assert.Equal(link["unitName"]!.GetValue<string>(), survey["unit"]!["name"]!.GetValue<string>());
            Assert.Equal(["Q1", "M1", "C1"], survey["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()));
            AssertNoRespondent(text, respondents);
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "198.51.100.60", Answer("Q1", 4), Answer("M1", 2))).StatusCode);
        }

        var results = await (await admin.GetAsync(Url(campaign.Id, "/results"))).Content.ReadAsStringAsync();
        var unitResults = await (await admin.GetAsync($"/api/campaigns/{campaign.Id}/units/{campaign["ZF-FGW"]}/survey/results")).Content.ReadAsStringAsync();
        var export = await admin.GetAsync(Url(campaign.Id, "/responses"));
        var exported = await export.Content.ReadAsStringAsync();

        var townships = JsonNode.Parse(results)!["groups"]![1]!;
        Assert.Equal((Townships, "Unit", 4, 4), (townships["group"]!.GetValue<string>(), townships["respondent"]!.GetValue<string>(),
            townships["issued"]!.GetValue<int>(), townships["responses"]!.GetValue<int>()));
        Assert.Equal(4, JsonNode.Parse(exported)!["responses"]!.AsArray().Count);
        foreach (var text in new[] { results, unitResults, exported })
        {
            AssertNoRespondent(text, respondents);
        }
    }

    private static void AssertNoRespondent(string text, IEnumerable<OfficeEval.Api.Features.Campaigns.Unit> respondents)
    {
        foreach (var unit in respondents)
        {
            Assert.DoesNotContain(unit.Code, text, StringComparison.Ordinal);
            Assert.DoesNotContain(unit.Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(unit.Id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
