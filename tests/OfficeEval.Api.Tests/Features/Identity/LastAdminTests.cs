using System.Net;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Support.Accounts;

namespace OfficeEval.Api.Tests.Features.Identity;

/// <summary>There is always one enabled administrator: the last one can neither be disabled nor lose the Admin role.</summary>
public sealed class LastAdminTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task LastActiveAdmin_CannotDisableOrDemoteThemself_UntilAnotherAdminIsActive()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var self = (await admin.GetFromJsonAsync<UserBody>("/api/me"))!.Id;

        var disable = await admin.PostAsync($"/api/users/{self}/disable", null);
        var demote = await admin.PutAsJsonAsync($"/api/users/{self}", new { displayName = "编办管理员", roles = new[] { "Viewer" } });

        foreach (var response in new[] { disable, demote })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await Problem.ReadAsync(response);
            Assert.Equal("user.last_admin", problem.Code);
            Assert.NotEqual(problem.MessageZh, problem.MessageEn);
        }

        Assert.Empty(await AuditDetailsAsync(api, "user.changed", self));
        Assert.Empty(await AuditDetailsAsync(api, "user.roles_changed", self));

        // A second administrator who is disabled does not count.
        var second = await CreateAsync(api, "Admin");
        await admin.PostAsync($"/api/users/{second.Id}/disable", null);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/users/{self}/disable", null)).StatusCode);

        // Once enabled, the demo admin may step down to Viewer, and then no longer administers users.
        await admin.PostAsync($"/api/users/{second.Id}/enable", null);
        var stepDown = await admin.PutAsJsonAsync($"/api/users/{self}", new { displayName = "编办管理员", roles = new[] { "Viewer" } });
        Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);
        Assert.Equal(["Viewer"], (await stepDown.Content.ReadFromJsonAsync<UserBody>())!.Roles);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignInAsync(DemoUsers.Admin)).GetAsync("/api/users")).StatusCode);

        // The remaining administrator is now the last one.
        var (_, tokens) = await ActivateAsync(api, second);
        var secondAdmin = Client(api, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, (await secondAdmin.PostAsync($"/api/users/{second.Id}/disable", null)).StatusCode);
    }
}
