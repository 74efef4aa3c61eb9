using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Reliability.Tests.Support;

namespace OfficeEval.Reliability.Tests;

/// <summary>The harness itself: an API process starts on a fresh database, is killed, and starts again on the same data.</summary>
public sealed class HarnessTests
{
    [Fact]
    public async Task An_instance_killed_with_SIGKILL_starts_again_on_the_same_data()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = ApiProcess.Create("api", database.ConnectionString, database.FilesFolder);
        await api.StartAsync();
        using (var admin = await api.SignedInAsync("admin@demo.local"))
        {
            var campaigns = (await admin.GetFromJsonAsync<JsonArray>("/api/campaigns"))!;
            Assert.NotEmpty(campaigns);
        }

        var firstPid = api.ProcessId;
        api.Kill();
        Assert.False(api.IsRunning);
        using (var refused = api.Client(timeout: TimeSpan.FromSeconds(5)))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetAsync("/health/live"));
        }

        await api.StartAsync();
        Assert.NotEqual(firstPid, api.ProcessId);
        Assert.Equal(2, api.Starts);
        using var again = await api.SignedInAsync("admin@demo.local");
        var response = await again.GetAsync("/api/campaigns");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
