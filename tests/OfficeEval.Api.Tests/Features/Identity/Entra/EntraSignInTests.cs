using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity.Entra;

/// <summary>
/// Signing in to the API with Entra access tokens from the stub identity provider, accounts created at the first
/// sign-in from the groups (AutoProvision), beside the local accounts.
/// </summary>
public sealed class EntraSignInTests(EntraApi api) : IClassFixture<EntraApi>
{
    [Fact]
    public async Task ValidToken_AdminGroup_ProvisionedAdminWithoutPassword_AdminEndpoint200()
    {
        var oid = Guid.NewGuid();
        var claims = api.Tokens.Claims(oid, EntraTest.AdminGroup, EntraTest.OtherGroup);
        var client = api.Client(api.Tokens.Issue(claims));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);

        var me = (await client.GetFromJsonAsync<MeBody>("/api/me"))!;
        Assert.Equal(["Admin"], me.Roles);
        Assert.Equal(claims["preferred_username"], me.Email);
        Assert.Equal("张 测试", me.DisplayName);
        Assert.Null(me.UnitId);
        Assert.False(me.MustChangePassword);
        Assert.Equal(oid, await api.Database.ScalarAsync<Guid>($"SELECT entra_object_id FROM users WHERE id = '{me.Id}'"));
        Assert.True(await api.Database.ScalarAsync<bool>($"SELECT password_hash IS NULL FROM users WHERE id = '{me.Id}'"));
        var created = Assert.Single(await Accounts.AuditDetailsAsync(api, "user.created", me.Id));
        Assert.Equal("entra", created.GetProperty("data").GetProperty("source").GetString());
        Assert.Equal([EntraTest.AdminGroup], created.GetProperty("data").GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(me.Id, await api.Database.ScalarAsync<Guid>($"SELECT actor_id FROM audit_entries WHERE action = 'user.created' AND target = 'user/{me.Id}'"));
    }

    [Fact]
    public async Task SameUserAgain_SameAccount()
    {
        var oid = Guid.NewGuid();

        var first = (await api.Client(api.Tokens.Issue(oid, EntraTest.ViewerGroup)).GetFromJsonAsync<MeBody>("/api/me"))!;
        var second = (await api.Client(api.Tokens.Issue(oid, EntraTest.ViewerGroup)).GetFromJsonAsync<MeBody>("/api/me"))!;

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE entra_object_id = '{oid}'"));
    }

    [Fact]
    public async Task Groups_GiveRoleAndUnit_UnitScopingAsForLocalStaff()
    {
        var (campaign, own, other) = await CampaignUnitsAsync();
        var client = api.Client(api.Tokens.Issue(Guid.NewGuid(), EntraTest.StaffGroup, EntraTest.FgwGroup));

        var me = (await client.GetFromJsonAsync<MeBody>("/api/me"))!;
        var ownDraft = await client.GetAsync($"/api/campaigns/{campaign}/units/{own}/self-assessment");
        var otherDraft = await client.GetAsync($"/api/campaigns/{campaign}/units/{other}/self-assessment");

        Assert.Equal(["UnitStaff"], me.Roles);
        Assert.Equal(own, me.UnitId);
        Assert.Equal(HttpStatusCode.OK, ownDraft.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherDraft.StatusCode);
        Assert.Equal("forbidden", (await Problem.ReadAsync(otherDraft)).Code);
    }

    [Fact]
    public async Task Groups_Changed_RolesAndUnitSyncedAtNextSignIn_AuditedWithTheUserAsActor()
    {
        var oid = Guid.NewGuid();
        var staff = (await api.Client(api.Tokens.Issue(oid, EntraTest.StaffGroup, EntraTest.FgwGroup)).GetFromJsonAsync<MeBody>("/api/me"))!;

        var reviewerClient = api.Client(api.Tokens.Issue(oid, EntraTest.ReviewerGroup, EntraTest.ViewerGroup));
        var reviewer = (await reviewerClient.GetFromJsonAsync<MeBody>("/api/me"))!;
        await reviewerClient.GetFromJsonAsync<MeBody>("/api/me");

        Assert.Equal(staff.Id, reviewer.Id);
        Assert.Equal(["Reviewer", "Viewer"], reviewer.Roles);
        Assert.Null(reviewer.UnitId);
        var change = Assert.Single(await Accounts.AuditDetailsAsync(api, "user.roles_changed", staff.Id));
        Assert.Equal(["UnitStaff"], change.GetProperty("before").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(staff.UnitId, change.GetProperty("before").GetProperty("unitId").GetGuid());
        Assert.Equal(["Reviewer", "Viewer"], change.GetProperty("after").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(JsonValueKind.Null, change.GetProperty("after").GetProperty("unitId").ValueKind);
        Assert.Equal(staff.Id, await api.Database.ScalarAsync<Guid>($"SELECT actor_id FROM audit_entries WHERE action = 'user.roles_changed' AND target = 'user/{staff.Id}'"));
    }

    [Fact]
    public async Task Viewer_AdminEndpoint_403Forbidden_OfficeEndpoint200()
    {
        var client = api.Client(api.Tokens.Issue(Guid.NewGuid(), EntraTest.ViewerGroup));

        var users = await client.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Equal("forbidden", (await Problem.ReadAsync(users)).Code);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/frameworks")).StatusCode);
    }

    [Theory]
    [InlineData(EntraTest.StaffGroup)]
    [InlineData(EntraTest.StaffGroup, EntraTest.FgwGroup, EntraTest.CgjdGroup)]
    public async Task UnitStaff_GroupsGiveNotExactlyOneUnit_403NoUnit(params string[] groups)
    {
        var response = await api.Client(api.Tokens.Issue(Guid.NewGuid(), groups)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("entra.no_unit", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task NoMappedRole_NoAccount_403NoRole_NothingCreated()
    {
        var oid = Guid.NewGuid();

        var response = await api.Client(api.Tokens.Issue(oid, EntraTest.OtherGroup, EntraTest.FgwGroup)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("entra.no_role", problem.Code);
        Assert.Contains("角色", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("role", problem.MessageEn, StringComparison.Ordinal);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE entra_object_id = '{oid}'"));
    }

    [Fact]
    public async Task ExistingAccount_GroupsGiveNoRoleAnyMore_RolesRemovedAnd403NoRole()
    {
        var oid = Guid.NewGuid();
        var me = (await api.Client(api.Tokens.Issue(oid, EntraTest.AdminGroup)).GetFromJsonAsync<MeBody>("/api/me"))!;

        var response = await api.Client(api.Tokens.Issue(oid, EntraTest.OtherGroup)).GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("entra.no_role", (await Problem.ReadAsync(response)).Code);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM user_roles WHERE user_id = '{me.Id}'"));
        Assert.Single(await Accounts.AuditDetailsAsync(api, "user.roles_changed", me.Id));
    }

    [Fact]
    public async Task Provision_LocalAccountHasTheEmail_403AccountConflict_NotLinked()
    {
        var claims = api.Tokens.Claims(Guid.NewGuid(), EntraTest.AdminGroup);
        claims["preferred_username"] = DemoUsers.Viewer;

        var response = await api.Client(api.Tokens.Issue(claims)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("entra.account_conflict", (await Problem.ReadAsync(response)).Code);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE entra_object_id IS NOT NULL AND email = 'viewer@demo.local'"));
    }

    [Fact]
    public async Task Provision_NoUsableEmail_403EmailUnusable()
    {
        var claims = api.Tokens.Claims(Guid.NewGuid(), EntraTest.ViewerGroup);
        claims.Remove("preferred_username");

        var response = await api.Client(api.Tokens.Issue(claims)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("entra.email_unusable", (await Problem.ReadAsync(response)).Code);
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "expired", "entra.expired" },
        { "not_yet_valid", "entra.not_yet_valid" },
        { "wrong_audience", "entra.audience" },
        { "wrong_issuer", "entra.issuer" },
        { "v1_issuer", "entra.issuer" },
        { "tenant_not_allowed", "entra.tenant" },
        { "alg_none", "entra.algorithm" },
        { "hs256_with_public_key", "entra.algorithm" },
        { "tampered_payload", "entra.signature" },
        { "unknown_key", "entra.key_unknown" },
        { "no_scope", "entra.scope" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task RefusedToken_401WithReasonAndBearerChallenge(string kind, string code)
    {
        var oid = Guid.NewGuid();
        var claims = api.Tokens.Claims(oid, EntraTest.AdminGroup);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var stranger = new SigningKey("stranger");
        var token = kind switch
        {
            "expired" => api.Tokens.Issue(With(claims, "exp", now - 600)),
            "not_yet_valid" => api.Tokens.Issue(With(claims, "nbf", now + 600)),
            "wrong_audience" => api.Tokens.Issue(With(claims, "aud", "api://someone-else")),
            "wrong_issuer" => api.Tokens.Issue(With(claims, "iss", $"https://login.microsoftonline.com/{EntraTest.Tenant}/v2.0")),
            "v1_issuer" => api.Tokens.Issue(With(claims, "iss", $"https://sts.windows.net/{EntraTest.Tenant}/")),
            "tenant_not_allowed" => api.Tokens.Issue(api.Tokens.InTenant(claims, EntraTest.ForeignTenant)),
            "alg_none" => TestJwt.Unsigned(api.Idp.Key.Kid, claims),
            "hs256_with_public_key" => TestJwt.Hs256(api.Idp.Key.Rsa.ExportSubjectPublicKeyInfo(), api.Idp.Key.Kid, claims),
            "tampered_payload" => TestJwt.WithPayload(api.Tokens.Issue(api.Tokens.Claims(oid, EntraTest.ViewerGroup)), claims),
            "unknown_key" => api.Tokens.Issue(claims, stranger),
            "no_scope" => api.Tokens.Issue(With(claims, "scp", "User.Read")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var client = api.Client(token);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var response = await client.GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        Assert.Equal(problem.MessageEn, problem.Title);
        Assert.False(string.IsNullOrEmpty(problem.MessageZh));
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal($"error=\"invalid_token\", error_description=\"{problem.MessageEn}\"", challenge.Parameter);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE entra_object_id = '{oid}'"));
    }

    [Fact]
    public async Task ExpiredWithinClockSkew_Accepted()
    {
        var claims = api.Tokens.Claims(Guid.NewGuid(), EntraTest.ViewerGroup);
        claims["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30;

        Assert.Equal(HttpStatusCode.OK, (await api.Client(api.Tokens.Issue(claims)).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task JwtShapedGarbage_401FromTheEntraScheme_OtherGarbageFromTheLocalOne()
    {
        var jwtShaped = await api.Client($"{TestJwt.Segment(new { alg = "RS256" })}.not-json.x").GetAsync("/api/me");
        var local = await api.Client("CfDJ8forged-token").GetAsync("/api/me");

        Assert.Equal("entra.malformed", (await Problem.ReadAsync(jwtShaped)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, local.StatusCode);
        Assert.Equal("auth.required", (await Problem.ReadAsync(local)).Code);
    }

    [Fact]
    public async Task MetadataDown_503RetryAfter_NeverA500()
    {
        api.Idp.Down = true;
        try
        {
            // The second tenant's keys were never fetched by this instance.
            var claims = api.Tokens.InTenant(api.Tokens.Claims(Guid.NewGuid(), EntraTest.AdminGroup), EntraTest.SecondTenant);

            var response = await api.Client(api.Tokens.Issue(claims)).GetAsync("/api/users");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("entra.metadata_unavailable", (await Problem.ReadAsync(response)).Code);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
        }
        finally
        {
            api.Idp.Down = false;
        }
    }

    [Fact]
    public async Task SignIn_AuditedOncePerToken_RefusalOncePerTokenWithReason()
    {
        var oid = Guid.NewGuid();
        var token = api.Tokens.Issue(oid, EntraTest.ViewerGroup);
        var client = api.Client(token);
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/api/frameworks");
        }

        var me = (await client.GetFromJsonAsync<MeBody>("/api/me"))!;
        Assert.Single(await Accounts.AuditDetailsAsync(api, "auth.sign_in", me.Id));
        await api.Client(api.Tokens.Issue(oid, EntraTest.ViewerGroup)).GetAsync("/api/frameworks");
        var signIns = await Accounts.AuditDetailsAsync(api, "auth.sign_in", me.Id);
        Assert.Equal(2, signIns.Count);
        Assert.All(signIns, s => Assert.Equal("entra", s.GetProperty("data").GetProperty("method").GetString()));

        var expired = api.Tokens.Claims(oid, EntraTest.ViewerGroup);
        expired["exp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600;
        var expiredClient = api.Client(api.Tokens.Issue(expired));
        await expiredClient.GetAsync("/api/frameworks");
        await expiredClient.GetAsync("/api/frameworks");

        var refused = Assert.Single(await FailedSignInsAsync($"entra/{oid}"));
        Assert.Equal("entra.expired", refused.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(expired["preferred_username"], await api.Database.ScalarAsync<string>($"SELECT actor_name FROM audit_entries WHERE target = 'entra/{oid}'"));
    }

    [Fact]
    public async Task LocalAccounts_StillSignIn_AndTheirTokensWork()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/users")).StatusCode);
        var me = (await admin.GetFromJsonAsync<MeBody>("/api/me"))!;
        Assert.Equal(DemoUsers.Admin, me.Email);
    }

    [Fact]
    public async Task IncomingToken_KeptForLaterCode_ItemAndSavedToken()
    {
        var token = api.Tokens.Issue(Guid.NewGuid(), EntraTest.ViewerGroup);

        var entra = await api.Client(token).GetFromJsonAsync<TokenEcho>("/test/entra-token");
        var local = await (await api.SignInAsync(DemoUsers.Viewer)).GetFromJsonAsync<TokenEcho>("/test/entra-token");

        Assert.Equal(new TokenEcho(true, token, token), entra);
        Assert.Equal(new TokenEcho(true, null, null), local);
    }

    [Fact]
    public async Task AuthConfig_Anonymous_ClientIdAuthorityAndScopes()
    {
        var config = await api.CreateClient().GetFromJsonAsync<JsonElement>("/api/auth/config");

        var entra = config.GetProperty("entra");
        Assert.True(entra.GetProperty("enabled").GetBoolean());
        Assert.Equal(EntraTest.ClientId, entra.GetProperty("clientId").GetString());
        // Two tenants are allowed: MSAL signs in through "organizations".
        Assert.Equal($"{api.Idp.Instance}/organizations", entra.GetProperty("authority").GetString());
        Assert.Equal([$"api://{EntraTest.ClientId}/access_as_user"], entra.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain("secret", config.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> claims, string name, object? value)
    {
        claims[name] = value;
        return claims;
    }

    private async Task<(Guid Campaign, Guid Own, Guid Other)> CampaignUnitsAsync() =>
        (await api.Database.ScalarAsync<Guid>("SELECT id FROM campaigns ORDER BY created_at LIMIT 1"),
            await api.Database.ScalarAsync<Guid>("SELECT id FROM units WHERE code = 'ZF-FGW'"),
            await api.Database.ScalarAsync<Guid>("SELECT id FROM units WHERE code = 'XZ-CGJD'"));

    private async Task<List<JsonElement>> FailedSignInsAsync(string target)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT details FROM audit_entries WHERE action = 'auth.sign_in_failed' AND target = @t ORDER BY seq", connection);
        command.Parameters.AddWithValue("t", target);
        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<JsonElement>();
        while (await reader.ReadAsync())
        {
            details.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return details;
    }

    private sealed record MeBody(Guid Id, string Email, string DisplayName, List<string> Roles, Guid? UnitId, bool MustChangePassword);

    private sealed record TokenEcho(bool Authenticated, string? Item, string? Saved);
}
