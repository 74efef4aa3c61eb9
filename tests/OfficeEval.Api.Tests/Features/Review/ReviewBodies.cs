using System.Net.Http.Json;
using System.Text.Json;

namespace OfficeEval.Api.Tests.Features.Review;

/// <summary>The review as the API returns it, and requests with or without If-Match.</summary>
public sealed record ReviewBody(Guid CampaignId, Guid UnitId, string Status, int Revision, string? Summary, List<ReviewItemBody> Items, string SelfAssessmentStatus, bool IsOpen)
{
    public ReviewItemBody Item(string code) => Items.Single(i => i.IndicatorCode == code);
}

public sealed record ReviewItemBody(
    string IndicatorCode,
    string Name,
    string DimensionCode,
    decimal Points,
    string Role,
    decimal? SelfScore,
    decimal? ComputedScore,
    decimal? VerifiedScore,
    bool? VerifiedFinding,
    string? Comment,
    List<ReviewProblemBody> Problems,
    bool? SelfFinding);

public sealed record ReviewProblemBody(string Description, string? Category, string? Requirement);

public static class ReviewRequests
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string json ? new StringContent(json, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task<ReviewBody> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ReviewBody>(Web))!;
}
