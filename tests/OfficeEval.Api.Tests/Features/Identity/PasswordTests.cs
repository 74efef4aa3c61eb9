using System.Net;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity;

/// <summary>The password policy (8+ characters, 3 of 4 classes) and changing the initial password.</summary>
public sealed class PasswordTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("Ab1!", "password.too_short")]
    [InlineData("abcdefgh12", "password.too_simple")]
    [InlineData("ABCDEFGH!!", "password.too_simple")]
    [InlineData("Reviewer#2026x", "password.contains_account")]
    public async Task ChangePassword_WeakNewPassword_RefusedNamingTheRule(string newPassword, string rule)
    {
        var client = await api.SignInAsync(DemoUsers.Reviewer);

        var response = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = ApiFactory.DemoPassword, newPassword });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("password.policy", problem.Code);
        Assert.Contains(problem.Errors!, e => e.Code == rule && e.Field == "newPassword" && e.MessageZh != e.MessageEn);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Refused()
    {
        var client = await api.SignInAsync(DemoUsers.Reviewer);

        var response = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "Wrong#Pass2026", newPassword = "Fresh#Pass2027" });

        Assert.Equal("password.current_wrong", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task ChangePassword_ThreeClassesEnough_ClearsTheForcedChangeAndTheNewPasswordSignsIn()
    {
        var account = await Accounts.CreateAsync(api, "Viewer");
        var tokens = await Accounts.LoginAsync(api, account.Email, account.InitialPassword);

        var response = await Accounts.Client(api, tokens.AccessToken).PostAsJsonAsync("/api/auth/change-password", new { currentPassword = account.InitialPassword, newPassword = "lower-and-123" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = (await response.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
        Assert.False((await Accounts.Client(api, renewed.AccessToken).GetFromJsonAsync<MeBody>("/api/me"))!.MustChangePassword);
        var again = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "lower-and-123" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var old = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.InitialPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_Succeeded_AuditedWithoutThePasswords()
    {
        var account = await Accounts.CreateAsync(api, "Viewer");

        await Accounts.ActivateAsync(api, account);

        var details = Assert.Single(await Accounts.AuditDetailsAsync(api, "auth.password_changed", account.Id));
        Assert.True(details.GetProperty("data").GetProperty("initialPassword").GetBoolean());
        Assert.DoesNotContain(account.InitialPassword, details.GetRawText());
        Assert.DoesNotContain("Activated", details.GetRawText());
    }

    [Fact]
    public async Task ChangePassword_Anonymous_Problem401()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "x", newPassword = "y" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed record MeBody(bool MustChangePassword);
}
