using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Frameworks;

/// <summary>Framework exports and deletions leave their audit entries.</summary>
public sealed class FrameworkAuditTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ExportAndDeleteDraft_AreAudited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var common = (await admin.GetFromJsonAsync<JsonArray>("/api/frameworks"))!
            .Single(f => f!["code"]!.GetValue<string>() == "COMMON")!["id"]!.GetValue<Guid>();

        var workbook = await admin.GetByteArrayAsync($"/api/frameworks/{common}/workbook");
        var copy = await admin.PostAsJsonAsync($"/api/frameworks/{common}/versions", new { version = "2099.1" });
        var draftId = (await copy.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var deleted = await admin.DeleteAsync($"/api/frameworks/{draftId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(workbook.Length, await api.Database.ScalarAsync<int>(
            $"SELECT (details::jsonb->'data'->>'bytes')::int FROM audit_entries WHERE action = 'export' AND target = 'framework/{common}/workbook'"));
        Assert.Equal("2099.1", await api.Database.ScalarAsync<string>(
            $"SELECT details::jsonb->'before'->>'version' FROM audit_entries WHERE action = 'framework.deleted' AND target = 'framework/{draftId}'"));
    }
}
