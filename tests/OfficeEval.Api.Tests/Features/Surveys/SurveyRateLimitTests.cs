using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Surveys.SurveyApi;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>
/// Flooding the public API, with tiny limits (<see cref="TinyLimitsApiFactory"/>): an address trying unknown codes is
/// shut out of every public call; an open link takes a few answers per address and a few overall; tokens are not
/// limited per address.
/// </summary>
public sealed class SurveyRateLimitTests(TinyLimitsApiFactory api) : IClassFixture<TinyLimitsApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateClient();

    [Fact]
    public async Task FailedLookups_OverTheLimit_429WithRetryAfter_ForEveryCallFromThatAddressOnly()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var code = Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 1 }))[0];
        const string prober = "192.0.2.10";

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetPublicAsync(_anonymous, $"k{i}AAAAAAAAAAAAAAAAAAAAA", prober)).StatusCode);
        }

        var limited = await GetPublicAsync(_anonymous, "kZZZZZZZZZZZZZZZZZZZZZZ", prober);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate_limited", (await Problem.ReadAsync(limited)).Code);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        // Even a valid code is refused from that address, while others are served.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetPublicAsync(_anonymous, code, prober)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(_anonymous, code, prober, PersonAnswers(4, 3))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetPublicAsync(_anonymous, code, "192.0.2.11")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "192.0.2.11", PersonAnswers(4, 3))).StatusCode);
    }

    [Fact]
    public async Task Tokens_ManyFromOneAddress_NotLimited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var codes = Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"] }, count = 8 }));

        foreach (var code in codes)
        {
            // One office behind one NAT address: well above the open-link limits.
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "192.0.2.20", PersonAnswers(5, 3))).StatusCode);
        }
    }

    [Fact]
    public async Task OpenLink_PerAddressThenPerLinkLimit_429_OnlyWhatWasAllowedStored()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var link = await CreateOpenLinkAsync(admin, campaign.Id, campaign["ZF-FGW"]);
        var code = link["code"]!.GetValue<string>();
        Assert.Matches("^o[A-Za-z0-9_-]{16}$", code);
        Assert.EndsWith("/s/" + code, link["url"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetPublicAsync(_anonymous, code, "192.0.2.30")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "192.0.2.30", PersonAnswers(4, 3))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "192.0.2.30", PersonAnswers(4, 3))).StatusCode);
        var perAddress = await SubmitAsync(_anonymous, code, "192.0.2.30", PersonAnswers(4, 3));
        Assert.Equal(HttpStatusCode.TooManyRequests, perAddress.StatusCode);
        Assert.NotNull(perAddress.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "192.0.2.31", PersonAnswers(3, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "192.0.2.33", PersonAnswers(3, 2))).StatusCode);

        var perLink = await SubmitAsync(_anonymous, code, "192.0.2.32", PersonAnswers(2, 1));
        Assert.Equal(HttpStatusCode.TooManyRequests, perLink.StatusCode);
        Assert.Equal(4L, await CountAsync(api, $"SELECT count(*) FROM survey_responses r JOIN surveys s ON s.id = r.survey_id WHERE s.campaign_id = '{campaign.Id}'"));
    }

    [Fact]
    public async Task OpenLink_IPv6Neighbours_ShareTheirSlash64()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var code = (await CreateOpenLinkAsync(admin, campaign.Id, campaign["ZF-FGW"]))["code"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "2001:db8:9:9::1", PersonAnswers(3, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "2001:db8:9:9::2", PersonAnswers(3, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(_anonymous, code, "2001:db8:9:9:ffff::3", PersonAnswers(3, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "2001:db8:9:a::1", PersonAnswers(3, 2))).StatusCode);
    }

    [Fact]
    public async Task OpenLink_Disabled410_UnitGroupRefused_ListedWithState()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var link = await CreateOpenLinkAsync(admin, campaign.Id, campaign["ZF-FGW"]);
        var code = link["code"]!.GetValue<string>();

        var disabled = await admin.PostAsync(Url(campaign.Id, $"/open-links/{link["id"]}/disable"), null);
        Assert.NotNull((await disabled.Content.ReadFromJsonAsync<JsonObject>())!["disabledAt"]);

        Assert.Equal("survey.link_disabled", (await Problem.ReadAsync(await GetPublicAsync(_anonymous, code, "192.0.2.40"))).Code);
        var submit = await SubmitAsync(_anonymous, code, "192.0.2.40", PersonAnswers(4, 3));
        Assert.Equal((HttpStatusCode.Gone, "survey.link_disabled"), (submit.StatusCode, (await Problem.ReadAsync(submit)).Code));
        var forUnits = await admin.PostAsync(Url(campaign.Id, "/open-links"), Body(new { unitId = campaign["ZF-FGW"], group = Townships }));
        Assert.Equal("group", Assert.Single((await Problem.ReadAsync(forUnits)).Errors!).Field);
        var listed = Assert.Single((await admin.GetFromJsonAsync<JsonArray>(Url(campaign.Id, "/open-links")))!)!;
        Assert.Equal((code, "ZF-FGW"), (listed["code"]!.GetValue<string>(), listed["unitCode"]!.GetValue<string>()));
        Assert.NotNull(listed["disabledAt"]);
        Assert.Equal(1L, await CountAsync(api, $"SELECT count(*) FROM audit_entries WHERE action = 'survey.open_link_disabled' AND campaign_id = '{campaign.Id}'"));
    }

    private static async Task<JsonObject> CreateOpenLinkAsync(HttpClient admin, Guid campaignId, Guid unitId)
    {
        var response = await admin.PostAsync(Url(campaignId, "/open-links"), Body(new { unitId, group = People }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
