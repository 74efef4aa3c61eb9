using System.Net;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Support.Accounts;

namespace OfficeEval.Api.Tests.Features.Identity.Entra;

/// <summary>
/// Entra sign-in without AutoProvision or group roles: a work account signs in only as the local account an
/// administrator linked it to, with the roles administrators set.
/// </summary>
public sealed class EntraLinkTests(EntraLinkedOnlyApi api) : IClassFixture<EntraLinkedOnlyApi>
{
    [Fact]
    public async Task NotLinked_403NoAccount_NothingCreated()
    {
        var oid = Guid.NewGuid();

        var response = await api.Client(api.Tokens.Issue(oid, EntraTest.AdminGroup)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("entra.no_account", (await Problem.ReadAsync(response)).Code);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE entra_object_id = '{oid}'"));
    }

    [Fact]
    public async Task Linked_SignsInAsTheAccount_WithItsOwnRoles_NoPasswordChangeGate()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Reviewer");
        var oid = Guid.NewGuid();

        var linked = await admin.PutAsJsonAsync($"/api/users/{account.Id}/entra", new { objectId = oid.ToString() });

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(oid, (await linked.Content.ReadFromJsonAsync<LinkedBody>())!.EntraObjectId);
        // The groups say Admin, but without GroupRoles the roles are the administrator's.
        var client = api.Client(api.Tokens.Issue(oid, EntraTest.AdminGroup));
        var me = (await client.GetFromJsonAsync<MeBody>("/api/me"))!;
        Assert.Equal(account.Id, me.Id);
        Assert.Equal(["Reviewer"], me.Roles);
        // The local account still has its initial password to change; the work account has none to change here.
        Assert.False(me.MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/frameworks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
        var audit = Assert.Single(await AuditDetailsAsync(api, "user.changed", account.Id));
        Assert.Equal(oid, audit.GetProperty("after").GetProperty("entraObjectId").GetGuid());
    }

    [Fact]
    public async Task Link_ObjectIdOfAnotherAccount_409_InvalidId_400()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var first = await CreateAsync(api, "Viewer");
        var second = await CreateAsync(api, "Viewer");
        var oid = Guid.NewGuid();
        await admin.PutAsJsonAsync($"/api/users/{first.Id}/entra", new { objectId = oid.ToString() });

        var taken = await admin.PutAsJsonAsync($"/api/users/{second.Id}/entra", new { objectId = oid.ToString() });
        var invalid = await admin.PutAsJsonAsync($"/api/users/{second.Id}/entra", new { objectId = "someone@contoso.example" });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("user.entra_taken", (await Problem.ReadAsync(taken)).Code);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("objectId", Assert.Single((await Problem.ReadAsync(invalid)).Errors!).Field);
        Assert.Empty(await AuditDetailsAsync(api, "user.changed", second.Id));
    }

    [Fact]
    public async Task Unlinked_NextRequest403NoAccount()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        var oid = Guid.NewGuid();
        await admin.PutAsJsonAsync($"/api/users/{account.Id}/entra", new { objectId = oid.ToString() });
        var client = api.Client(api.Tokens.Issue(oid));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        var unlinked = await admin.PutAsJsonAsync($"/api/users/{account.Id}/entra", new { objectId = (string?)null });
        var response = await client.GetAsync("/api/me");

        Assert.Null((await unlinked.Content.ReadFromJsonAsync<LinkedBody>())!.EntraObjectId);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("entra.no_account", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task DisabledAccount_401AuthDisabled_AuditedWithTheAccount()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        var oid = Guid.NewGuid();
        await admin.PutAsJsonAsync($"/api/users/{account.Id}/entra", new { objectId = oid.ToString() });
        await admin.PostAsync($"/api/users/{account.Id}/disable", null);

        var response = await api.Client(api.Tokens.Issue(oid)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("auth.disabled", problem.Code);
        Assert.Equal("该账号已停用，请联系管理员。", problem.Title);
        Assert.Equal("invalid_token", Assert.Single(response.Headers.WwwAuthenticate).Parameter?.Split('"')[1]);
        var failed = Assert.Single(await AuditDetailsAsync(api, "auth.sign_in_failed", account.Id));
        Assert.Equal("auth.disabled", failed.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Link_NotAnAdmin_403()
    {
        var viewer = await api.SignInAsync(DemoUsers.Viewer);

        var response = await viewer.PutAsJsonAsync($"/api/users/{Guid.NewGuid()}/entra", new { objectId = Guid.NewGuid().ToString() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private sealed record MeBody(Guid Id, string Email, List<string> Roles, bool MustChangePassword);

    private sealed record LinkedBody(Guid Id, Guid? EntraObjectId);
}
