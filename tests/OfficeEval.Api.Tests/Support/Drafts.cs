using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Features.Demo;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Tests.Support;

/// <summary>Helpers for the self-assessment draft endpoints: the staff's unit, answers, If-Match requests.</summary>
public static class Drafts
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The demo framework as the staff's unit (市发展和改革委员会) sees it, with its two individual indicators.</summary>
    public static FrameworkDefinition StaffFramework { get; } =
        IndividualIndicators.Apply(BuiltInFrameworks.Common2026, DemoSeeder.DemoIndividualIndicators).Framework;

    public static async Task<(Guid CampaignId, Guid UnitId)> StaffUnit(HttpClient staff)
    {
        var me = (await staff.GetFromJsonAsync<JsonObject>("/api/me"))!;
        var campaigns = (await staff.GetFromJsonAsync<JsonArray>("/api/campaigns"))!;
        return (campaigns[0]!["id"]!.GetValue<Guid>(), me["unitId"]!.GetValue<Guid>());
    }

    public static string Url(Guid campaignId, Guid unitId, string path = "") =>
        $"/api/campaigns/{campaignId}/units/{unitId}/self-assessment{path}";

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, int? revision)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (revision is { } r)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{r}\""));
        }

        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid campaignId, Guid unitId, int? revision, params object[] answers) =>
        SendAsync(client, HttpMethod.Patch, Url(campaignId, unitId, "/answers"), new { answers }, revision);

    public static async Task<(JsonObject Draft, int Revision)> GetAsync(HttpClient client, Guid campaignId, Guid unitId)
    {
        var response = await client.GetAsync(Url(campaignId, unitId));
        response.EnsureSuccessStatusCode();
        return ((await response.Content.ReadFromJsonAsync<JsonObject>())!, RevisionOf(response));
    }

    public static int RevisionOf(HttpResponseMessage response) => int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A full, valid answer for every leaf of the staff's framework: evidence all provided, self-score full.</summary>
    public static object[] CompleteAnswers() =>
        [.. StaffFramework.Leaves().Select(l => Complete(l.Node))];

    public static object Complete(IndicatorNode node) => node.Rule switch
    {
        QualitativeScaleRule scale => new { indicatorCode = node.Code, option = scale.Options[0].Label, selfScore = node.Points, evidence = node.EvidenceChecklist },
        VetoRule => new { indicatorCode = node.Code, finding = false, evidence = node.EvidenceChecklist },
        _ => new { indicatorCode = node.Code, number = 0m, selfScore = node.Points, evidence = node.EvidenceChecklist },
    };

    public static async Task<int> FillCompletelyAsync(HttpClient client, Guid campaignId, Guid unitId)
    {
        var (_, revision) = await GetAsync(client, campaignId, unitId);
        var response = await PatchAsync(client, campaignId, unitId, revision, CompleteAnswers());
        response.EnsureSuccessStatusCode();
        return RevisionOf(response);
    }
}
