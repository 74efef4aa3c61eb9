using System.Net.Http.Json;
using System.Text.Json;

namespace OfficeEval.Api.Tests.Support;

/// <summary>The problem-details body the API returns for every error.</summary>
public sealed record Problem(int Status, string Title, string Code, string MessageZh, string MessageEn, List<ProblemError>? Errors)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<Problem>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }
}

public sealed record ProblemError(string Code, string MessageZh, string MessageEn, string? Sheet, string? Cell, string? IndicatorCode, string? Field, bool IsWarning = false);
