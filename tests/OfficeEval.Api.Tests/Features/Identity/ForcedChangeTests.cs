using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity;

/// <summary>
/// The forced change of an initial password: until it is changed, only who-am-I, change-password, refresh and
/// anonymous endpoints answer; everything else is 403 auth.password_change_required.
/// </summary>
public sealed class ForcedChangeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Required = "auth.password_change_required";

    [Fact]
    public async Task PendingUser_SignedInEndpoint_Problem403PasswordChangeRequired()
    {
        var account = await Accounts.CreateAsync(api, "Viewer");
        var tokens = await Accounts.LoginAsync(api, account.Email, account.InitialPassword);
        var client = Accounts.Client(api, tokens.AccessToken);

        var response = await client.GetAsync("/api/campaigns");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(Required, problem.Code);
        Assert.Equal("请先修改初始密码，然后才能继续使用。", problem.Title);
        Assert.Equal("Change your initial password before you continue.", problem.MessageEn);
    }

    [Fact]
    public async Task PendingUser_EnglishClient_TitleInEnglish()
    {
        var account = await Accounts.CreateAsync(api, "Reviewer");
        var client = Accounts.Client(api, (await Accounts.LoginAsync(api, account.Email, account.InitialPassword)).AccessToken);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var response = await client.GetAsync("/api/campaigns");

        Assert.Equal("Change your initial password before you continue.", (await Problem.ReadAsync(response)).Title);
    }

    [Fact]
    public async Task PendingAdmin_AdminEndpoint_Problem403PasswordChangeRequired()
    {
        var account = await Accounts.CreateAsync(api, "Admin");
        var client = Accounts.Client(api, (await Accounts.LoginAsync(api, account.Email, account.InitialPassword)).AccessToken);

        var response = await client.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Required, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task PendingStaff_OwnUnitEndpoint_Problem403PasswordChangeRequired()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = (await admin.GetFromJsonAsync<List<IdBody>>("/api/campaigns"))![0];
        var unit = (await admin.GetFromJsonAsync<List<IdBody>>($"/api/campaigns/{campaign.Id}/units"))![0];
        var account = await Accounts.CreateAsync(api, "UnitStaff", unit.Id);
        var client = Accounts.Client(api, (await Accounts.LoginAsync(api, account.Email, account.InitialPassword)).AccessToken);

        var pending = await client.GetAsync($"/api/campaigns/{campaign.Id}/units/{unit.Id}/self-assessment/workbook");
        Assert.Equal(HttpStatusCode.Forbidden, pending.StatusCode);
        Assert.Equal(Required, (await Problem.ReadAsync(pending)).Code);

        var (_, tokens) = await Accounts.ActivateAsync(api, account);
        var changed = await Accounts.Client(api, tokens.AccessToken).GetAsync($"/api/campaigns/{campaign.Id}/units/{unit.Id}/self-assessment/workbook");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task PendingUser_MeAndRefresh_Answer_AndTheRefreshedTokenIsStillPending()
    {
        var account = await Accounts.CreateAsync(api, "Viewer");
        var tokens = await Accounts.LoginAsync(api, account.Email, account.InitialPassword);

        var me = await Accounts.Client(api, tokens.AccessToken).GetFromJsonAsync<MeBody>("/api/me");
        var refresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });

        Assert.True(me!.MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = (await refresh.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
        var response = await Accounts.Client(api, refreshed.AccessToken).GetAsync("/api/campaigns");
        Assert.Equal(Required, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task ChangePassword_ReturnsWorkingTokens_OldRefreshRefused_OldAccessTokenStillPending()
    {
        var account = await Accounts.CreateAsync(api, "Viewer");
        var old = await Accounts.LoginAsync(api, account.Email, account.InitialPassword);

        var change = await Accounts.Client(api, old.AccessToken).PostAsJsonAsync("/api/auth/change-password", new { currentPassword = account.InitialPassword, newPassword = "Brand#New2027" });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var fresh = (await change.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
        Assert.Equal("Bearer", fresh.TokenType);
        Assert.False(string.IsNullOrEmpty(fresh.RefreshToken));
        var client = Accounts.Client(api, fresh.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/campaigns")).StatusCode);
        Assert.False((await client.GetFromJsonAsync<MeBody>("/api/me"))!.MustChangePassword);

        var oldRefresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = old.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, oldRefresh.StatusCode);
        var oldAccess = await Accounts.Client(api, old.AccessToken).GetAsync("/api/campaigns");
        Assert.Equal(Required, (await Problem.ReadAsync(oldAccess)).Code);

        var freshRefresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = fresh.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, freshRefresh.StatusCode);
    }

    [Fact]
    public async Task PendingUser_WeakNewPassword_RefusedAndStillPending()
    {
        var account = await Accounts.CreateAsync(api, "Viewer");
        var tokens = await Accounts.LoginAsync(api, account.Email, account.InitialPassword);
        var client = Accounts.Client(api, tokens.AccessToken);

        var response = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = account.InitialPassword, newPassword = "short" });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal("password.policy", problem.Code);
        Assert.Equal(["password.too_short", "password.too_simple"], problem.Errors!.Select(e => e.Code).Order(StringComparer.Ordinal));
        Assert.True((await client.GetFromJsonAsync<MeBody>("/api/me"))!.MustChangePassword);
        var again = await Accounts.LoginAsync(api, account.Email, account.InitialPassword);
        Assert.Equal(Required, (await Problem.ReadAsync(await Accounts.Client(api, again.AccessToken).GetAsync("/api/campaigns"))).Code);
    }

    [Fact]
    public async Task EveryAccessPolicyAndTheFallback_HoldThePasswordChangeGate()
    {
        var policies = api.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        foreach (var name in Access.All)
        {
            var policy = await policies.GetPolicyAsync(name);
            Assert.Contains(policy!.Requirements, r => r is PasswordChangedRequirement);
        }

        Assert.Contains((await policies.GetFallbackPolicyAsync())!.Requirements, r => r is PasswordChangedRequirement);
    }

    [Fact]
    public void AllowPendingPasswordChange_OnlyWhoAmIAndChangePassword()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var allowed = endpoints
            .Where(e => e.Metadata.GetMetadata<AllowPendingPasswordChangeAttribute>() is not null)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["ChangePassword", "GetMe"], allowed);
    }

    private sealed record MeBody(bool MustChangePassword);

    private sealed record IdBody(Guid Id);
}

/// <summary>A host with the demo users' forced change on, as OfficeEval:DemoMustChangePassword is by default.</summary>
public sealed class ForcedDemoApi : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OfficeEval:DemoMustChangePassword"] = "true" };
}

public sealed class ForcedDemoTests(ForcedDemoApi api) : IClassFixture<ForcedDemoApi>
{
    [Fact]
    public async Task DemoUser_ByDefault_MustChangeTheInitialPasswordFirst()
    {
        var client = await api.SignInAsync(DemoUsers.Staff);

        Assert.True((await client.GetFromJsonAsync<MeBody>("/api/me"))!.MustChangePassword);
        var response = await client.GetAsync("/api/campaigns");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auth.password_change_required", (await Problem.ReadAsync(response)).Code);
    }

    private sealed record MeBody(bool MustChangePassword);
}
