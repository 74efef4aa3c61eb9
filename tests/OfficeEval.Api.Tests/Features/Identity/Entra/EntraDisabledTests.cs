using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Identity.Entra;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity.Entra;

/// <summary>Entra sign-in configured but not enabled (the default): authentication is exactly the local one.</summary>
public sealed class EntraDisabledTests(EntraDisabledTests.Api api) : IClassFixture<EntraDisabledTests.Api>
{
    public sealed class Api : EntraApi
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["OfficeEval:Entra:Enabled"] = "false" };
    }

    [Fact]
    public async Task EntraToken_TreatedAsAnyUnknownToken_IdentityProviderNeverAsked()
    {
        var response = await api.Client(api.Tokens.Issue(Guid.NewGuid(), EntraTest.AdminGroup)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.required", (await Problem.ReadAsync(response)).Code);
        Assert.DoesNotContain(response.Headers.WwwAuthenticate, h => h.Parameter?.Contains("invalid_token", StringComparison.Ordinal) == true);
        Assert.Equal((0, 0), (api.Idp.MetadataRequests, api.Idp.KeyRequests));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE entra_object_id IS NOT NULL"));
    }

    [Fact]
    public async Task Schemes_OnlyTheLocalBearer()
    {
        var schemes = api.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal(IdentityConstants.BearerScheme, (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        Assert.Equal(IdentityConstants.BearerScheme, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        Assert.Null(await schemes.GetSchemeAsync(EntraSetup.Scheme));
        Assert.Null(await schemes.GetSchemeAsync(EntraSetup.SelectorScheme));
        Assert.Null(api.Services.GetService<IEntraTokenValidator>());
    }

    [Fact]
    public async Task LocalSignIn_Works()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task AuthConfig_Disabled_NothingElse()
    {
        var config = await api.CreateClient().GetFromJsonAsync<JsonElement>("/api/auth/config");

        var entra = config.GetProperty("entra");
        Assert.False(entra.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, entra.GetProperty("clientId").ValueKind);
        Assert.Equal(JsonValueKind.Null, entra.GetProperty("authority").ValueKind);
        Assert.Empty(entra.GetProperty("scopes").EnumerateArray());
    }
}
