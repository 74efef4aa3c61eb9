using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity;

/// <summary>Sessions: tokens live for the idle timeout; a refresh token renews them until the password changes.</summary>
public sealed class SessionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Login_TokensExpireAfterTheIdleTimeout()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = DemoUsers.Reviewer, password = ApiFactory.DemoPassword });

        var tokens = (await response.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
        Assert.Equal(30 * 60, tokens.ExpiresIn);
    }

    [Fact]
    public async Task Refresh_ValidToken_GivesWorkingNewTokens()
    {
        var tokens = await Login(DemoUsers.Reviewer);

        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = (await response.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", renewed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("CfDJ8forged-refresh-token")]
    public async Task Refresh_ForgedOrMissingToken_Problem401(string refreshToken)
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.session_expired", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Refresh_AfterThePasswordChanged_Problem401()
    {
        var tokens = await Login(DemoUsers.Staff);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var change = await client.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = ApiFactory.DemoPassword, newPassword = "Changed#Pass2027" });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<ApiFactory.TokenResponse> Login(string email)
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = ApiFactory.DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
    }
}
