using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>
/// The identity provider refusing the app's credential (a secret expired or revoked): deliveries fail at once, saying
/// why, instead of retrying something no retry can cure. A fixture of its own, so that no token is cached yet.
/// </summary>
public sealed class GraphTokenFailureTests(GraphApi api) : IClassFixture<GraphApi>
{
    [Fact]
    public async Task Delivery_CredentialRefused_FailedAtOnceWithTheIdentityProvidersError()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        api.Stub.Fault(r => r.Server == "identity" && r.Form.GetValueOrDefault("grant_type") == "client_credentials", -1,
            _ => Microsoft.AspNetCore.Http.Results.Json(new { error = "invalid_client", error_description = "AADSTS7000222: The provided client secret keys are expired." }, statusCode: 401));
        var demo = await WorkflowSetup.DemoAsync(api);
        await WorkflowSetup.WithDb(api, async db =>
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == demo.Id);
            campaign.Deadlines = [new("单位自评", new DateOnly(2026, 1, 10)) { Code = Api.Features.Campaigns.CampaignStages.SelfAssessment }];
            await db.SaveChangesAsync();
        });

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{demo.Id}/reminders", new { stage = "self_assessment" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = Assert.Single((await response.Content.ReadFromJsonAsync<Body>())!.Deliveries);
        var failed = Assert.Single(await GraphApi.WaitForEndAsync(admin, [queued.Id]));
        Assert.Equal(("Failed", 1), (failed.Status, failed.Attempts));
        Assert.Contains("invalid_client", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("AADSTS7000222", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(api.Stub.GraphRequests);
    }

    private sealed record Body(List<DeliveryView> Deliveries);
}
