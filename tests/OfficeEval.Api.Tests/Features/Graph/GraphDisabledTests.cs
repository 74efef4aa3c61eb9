using System.Net;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>Without the Entra configuration (the default), every Graph endpoint says so, naming what to set.</summary>
public sealed class GraphDisabledTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Endpoints_GraphNotConfigured_503NamingTheMissingSettings()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var demo = await WorkflowSetup.DemoAsync(api);

        var responses = new[]
        {
            await admin.PostAsJsonAsync($"/api/campaigns/{demo.Id}/publish", new { }),
            await admin.PostAsJsonAsync($"/api/campaigns/{demo.Id}/reminders", new { stage = "self_assessment" }),
            await admin.GetAsync("/api/graph/deliveries"),
            await admin.PostAsync($"/api/graph/deliveries/{Guid.NewGuid()}/retry", null),
            await admin.GetAsync("/api/graph/people?q=zhang"),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var problem = await Problem.ReadAsync(response);
            Assert.Equal("graph.disabled", problem.Code);
            Assert.Contains("OfficeEval:Entra:Enabled", problem.MessageEn, StringComparison.Ordinal);
        }

        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM graph_deliveries"));
    }
}
