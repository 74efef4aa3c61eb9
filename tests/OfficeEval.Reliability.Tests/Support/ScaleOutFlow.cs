using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Features.Demo;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>What the scale-out tests do through the API: tokens, the staff's self-evaluation, campaigns, report jobs.</summary>
public static class ScaleOutFlow
{
    public sealed record Tokens(string AccessToken, string RefreshToken);

    public static async Task<Tokens> LoginAsync(ApiProcess instance, string email)
    {
        using var client = instance.Client();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiProcess.DemoPassword });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Sign-in on {instance.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new Tokens(body["accessToken"]!.GetValue<string>(), body["refreshToken"]!.GetValue<string>());
    }

    /// <summary>POST /api/auth/refresh on <paramref name="instance"/>: the new tokens, or null with the status when refused.</summary>
    public static async Task<(HttpStatusCode Status, Tokens? Tokens)> RefreshAsync(ApiProcess instance, string refreshToken)
    {
        using var client = instance.Client();
        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (response.StatusCode, new Tokens(body["accessToken"]!.GetValue<string>(), body["refreshToken"]!.GetValue<string>()));
    }

    public static async Task<HttpStatusCode> MeStatusAsync(ApiProcess instance, string accessToken)
    {
        using var client = instance.Client(accessToken);
        using var response = await client.GetAsync("/api/me");
        return response.StatusCode;
    }

    /// <summary>The demo campaign (2026) and its published framework.</summary>
    public static async Task<(Guid CampaignId, Guid FrameworkId)> DemoCampaignAsync(HttpClient admin)
    {
        var campaigns = (await admin.GetFromJsonAsync<JsonArray>("/api/campaigns"))!;
        var demo = campaigns.Single(c => c!["year"]!.GetValue<int>() == 2026)!["id"]!.GetValue<Guid>();
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/campaigns/{demo}"))!;
        return (demo, detail["framework"]!["id"]!.GetValue<Guid>());
    }

    public static async Task<Guid> StaffUnitAsync(HttpClient staff) =>
        (await staff.GetFromJsonAsync<JsonObject>("/api/me"))!["unitId"]!.GetValue<Guid>();

    /// <summary>A campaign made by the admin API (on the demo's framework) holding one unit, with no individual indicators.</summary>
    public static async Task<Guid> CreateCampaignAsync(HttpClient admin, int year, Guid frameworkId, Guid unitId)
    {
        var created = await admin.PostAsJsonAsync("/api/campaigns", new { year, name = $"{year}年度扩展测试批次", frameworkId });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Campaign {year}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var campaign = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var unit = await admin.PutAsJsonAsync($"/api/campaigns/{campaign}/units/{unitId}", new { approvedEstablishment = 30, approvedLeadershipPosts = 4 });
        Assert.True(unit.IsSuccessStatusCode, $"Unit in campaign {year}: {(int)unit.StatusCode} {await unit.Content.ReadAsStringAsync()}");
        return campaign;
    }

    public static string DraftUrl(Guid campaignId, Guid unitId, string path = "") => $"/api/campaigns/{campaignId}/units/{unitId}/self-assessment{path}";

    public static async Task<(JsonObject Draft, int Revision)> GetDraftAsync(HttpClient client, Guid campaignId, Guid unitId)
    {
        using var response = await client.GetAsync(DraftUrl(campaignId, unitId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonObject>())!, RevisionOf(response));
    }

    /// <summary>A request with If-Match: "<paramref name="revision"/>".</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, int revision)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        return await client.SendAsync(request);
    }

    public static int RevisionOf(HttpResponseMessage response) => int.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);

    /// <summary>The demo framework as the staff's unit sees it in the demo campaign, with the demo's individual indicators.</summary>
    public static FrameworkDefinition DemoStaffFramework { get; } =
        IndividualIndicators.Apply(BuiltInFrameworks.Common2026, DemoSeeder.DemoIndividualIndicators).Framework;

    /// <summary>A full, valid answer for every leaf: best option or a count of zero, full self-score, all evidence.</summary>
    public static object[] CompleteAnswers(FrameworkDefinition framework) =>
        [.. framework.Leaves().Select(l => Complete(l.Node))];

    private static object Complete(IndicatorNode node) => node.Rule switch
    {
        QualitativeScaleRule scale => new { indicatorCode = node.Code, option = scale.Options[0].Label, selfScore = node.Points, evidence = node.EvidenceChecklist },
        VetoRule => new { indicatorCode = node.Code, finding = false, evidence = node.EvidenceChecklist },
        _ => new { indicatorCode = node.Code, number = 0m, selfScore = node.Points, evidence = node.EvidenceChecklist },
    };

    /// <summary>Polls the job (on the instances in turn) until it has ended; fails with its last state after <paramref name="seconds"/>.</summary>
    public static async Task<JsonObject> WaitForJobEndAsync(IReadOnlyList<HttpClient> admins, Guid jobId, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        for (var i = 0; ; i++)
        {
            var job = (await admins[i % admins.Count].GetFromJsonAsync<JsonObject>($"/api/report-jobs/{jobId}"))!;
            if (job["status"]!.GetValue<string>() is "Succeeded" or "Failed" or "Cancelled")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Report job {jobId} did not end within {seconds} s: {job.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
