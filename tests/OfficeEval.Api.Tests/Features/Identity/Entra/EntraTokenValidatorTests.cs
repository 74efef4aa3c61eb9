using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Identity.Entra;
using OfficeEval.Api.Tests.Features.Audit;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity.Entra;

/// <summary>
/// The token validator as the API registers it, against the stub identity provider on loopback, with a clock the
/// test moves. Each test has its own provider and validator (so its own key cache).
/// </summary>
public sealed class EntraTokenValidatorTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private StubIdentityProvider _idp = null!;
    private ServiceProvider _services = null!;
    private EntraTokens _tokens = null!;

    private IEntraTokenValidator Validator => _services.GetRequiredService<IEntraTokenValidator>();

    public async Task InitializeAsync()
    {
        _idp = await StubIdentityProvider.StartAsync();
        _tokens = new EntraTokens(_idp, _clock);
        var settings = EntraTest.Settings(_idp.Instance);
        settings["OfficeEval:Entra:Audiences:0"] = "api://eval.example.test/" + EntraTest.ClientId;
        settings["OfficeEval:Entra:ClockSkewSeconds"] = "120";
        settings["OfficeEval:Entra:MetadataRefreshMinutes"] = "60";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddEntraSignIn(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task Validate_EntraAccessToken_IdentityFromItsClaims()
    {
        var oid = Guid.NewGuid();
        var claims = _tokens.Claims(oid, EntraTest.AdminGroup, EntraTest.OtherGroup);
        claims["roles"] = new[] { "Task.Read" };

        var result = await Validator.ValidateAsync(_tokens.Issue(claims), default);

        var identity = Assert.IsType<EntraIdentity>(result.Identity);
        Assert.Equal(oid, identity.ObjectId);
        Assert.Equal(EntraTest.Tenant, identity.TenantId);
        Assert.Equal(claims["preferred_username"], identity.Username);
        Assert.Equal("张 测试", identity.Name);
        Assert.Equal([EntraTest.AdminGroup, EntraTest.OtherGroup], identity.Groups);
        Assert.Equal(["access_as_user"], identity.Scopes);
        Assert.Equal(["Task.Read"], identity.AppRoles);
        Assert.Equal(claims["uti"], identity.TokenId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((long)claims["exp"]!), identity.ExpiresAt);
        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("api://" + EntraTest.ClientId)]
    [InlineData("api://eval.example.test/" + EntraTest.ClientId)]
    public async Task Validate_OtherAcceptedAudience_Valid(string audience)
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["aud"] = audience;

        Assert.True((await Validator.ValidateAsync(_tokens.Issue(claims), default)).Succeeded);
    }

    [Fact]
    public async Task Validate_AudienceArrayHoldingOurs_Valid()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["aud"] = new[] { "https://graph.microsoft.com", EntraTest.ClientId };

        Assert.True((await Validator.ValidateAsync(_tokens.Issue(claims), default)).Succeeded);
    }

    [Theory]
    [InlineData("00000003-0000-0000-c000-000000000000")] // Microsoft Graph's token
    [InlineData("api://" + EntraTest.ClientId + "/")]
    [InlineData("8D7C6B5A-4F3E-4D2C-9B1A-0E9F8D7C6B04")] // audiences are exact strings
    public async Task Validate_WrongAudience_Refused(string audience)
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["aud"] = audience;

        await AssertRefused(EntraErrors.Audience, _tokens.Issue(claims));
    }

    [Fact]
    public async Task Validate_MissingAudience_Refused()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims.Remove("aud");

        await AssertRefused(EntraErrors.Audience, _tokens.Issue(claims));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/{tid}/v2.0")] // another instance
    [InlineData("https://sts.windows.net/{tid}/")] // a v1.0 token's issuer
    [InlineData("{instance}/{other}/v2.0")] // another tenant's issuer with this tid
    [InlineData("{instance}/{tid}/v2.0/")]
    [InlineData("")]
    public async Task Validate_WrongIssuer_Refused(string issuer)
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["iss"] = issuer.Replace("{tid}", EntraTest.Tenant.ToString(), StringComparison.Ordinal)
            .Replace("{other}", EntraTest.SecondTenant.ToString(), StringComparison.Ordinal)
            .Replace("{instance}", _idp.Instance, StringComparison.Ordinal);

        await AssertRefused(EntraErrors.Issuer, _tokens.Issue(claims));
    }

    [Fact]
    public async Task Validate_TenantNotAllowed_RefusedWithoutFetchingItsMetadata()
    {
        var claims = _tokens.InTenant(_tokens.Claims(Guid.NewGuid()), EntraTest.ForeignTenant);

        await AssertRefused(EntraErrors.Tenant, _tokens.Issue(claims));
        Assert.Equal(0, _idp.MetadataRequests);
    }

    [Fact]
    public async Task Validate_SecondAllowedTenant_Valid()
    {
        var claims = _tokens.InTenant(_tokens.Claims(Guid.NewGuid()), EntraTest.SecondTenant);

        var result = await Validator.ValidateAsync(_tokens.Issue(claims), default);

        Assert.Equal(EntraTest.SecondTenant, result.Identity?.TenantId);
    }

    [Theory]
    [InlineData(-121, true)]
    [InlineData(-3600, true)]
    [InlineData(-119, false)] // expired a little, within the clock skew
    [InlineData(-1, false)]
    public async Task Validate_Expiry_RefusedPastTheClockSkewOnly(int expiresInSeconds, bool refused)
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["exp"] = _clock.GetUtcNow().ToUnixTimeSeconds() + expiresInSeconds;
        claims["nbf"] = claims["iat"] = _clock.GetUtcNow().ToUnixTimeSeconds() - 7200;

        var result = await Validator.ValidateAsync(_tokens.Issue(claims), default);

        Assert.Equal(refused ? EntraErrors.Expired : null, result.Error);
    }

    [Theory]
    [InlineData(121, true)]
    [InlineData(3600, true)]
    [InlineData(119, false)] // a clock a little behind the issuer's
    public async Task Validate_NotBefore_RefusedPastTheClockSkewOnly(int validInSeconds, bool refused)
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["nbf"] = _clock.GetUtcNow().ToUnixTimeSeconds() + validInSeconds;

        var result = await Validator.ValidateAsync(_tokens.Issue(claims), default);

        Assert.Equal(refused ? EntraErrors.NotYetValid : null, result.Error);
    }

    [Fact]
    public async Task Validate_NoExpiry_Refused()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims.Remove("exp");

        await AssertRefused(EntraErrors.Malformed, _tokens.Issue(claims));
    }

    [Fact]
    public async Task Validate_AlgNone_RefusedWithoutFetchingKeys()
    {
        await AssertRefused(EntraErrors.Algorithm, TestJwt.Unsigned(_idp.Key.Kid, _tokens.Claims(Guid.NewGuid())));
        Assert.Equal(0, _idp.MetadataRequests);
    }

    [Fact]
    public async Task Validate_Hs256SignedWithThePublicKey_Refused()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        var publicKey = _idp.Key.Rsa.ExportParameters(false);
        // Every form a naive validator might take as the HMAC secret: the key's DER, its PEM text, its modulus.
        byte[][] secrets =
        [
            _idp.Key.Rsa.ExportSubjectPublicKeyInfo(),
            _idp.Key.Rsa.ExportRSAPublicKey(),
            Encoding.ASCII.GetBytes(_idp.Key.Rsa.ExportSubjectPublicKeyInfoPem()),
            publicKey.Modulus!,
        ];

        foreach (var secret in secrets)
        {
            await AssertRefused(EntraErrors.Algorithm, TestJwt.Hs256(secret, _idp.Key.Kid, claims));
        }
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("rs256")]
    public async Task Validate_OtherAlgorithmInHeader_Refused(string algorithm)
    {
        var token = TestJwt.Rs256(_idp.Key, _tokens.Claims(Guid.NewGuid()), new Dictionary<string, object?> { ["alg"] = algorithm });

        await AssertRefused(EntraErrors.Algorithm, token);
    }

    [Fact]
    public async Task Validate_TamperedPayload_Refused()
    {
        var claims = _tokens.Claims(Guid.NewGuid(), EntraTest.ViewerGroup);
        var token = _tokens.Issue(claims);
        claims["groups"] = new[] { EntraTest.AdminGroup };

        await AssertRefused(EntraErrors.Signature, TestJwt.WithPayload(token, claims));
    }

    [Fact]
    public async Task Validate_TamperedSignature_Refused()
    {
        var token = _tokens.Issue(Guid.NewGuid());
        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        await AssertRefused(EntraErrors.Signature, flipped);
    }

    [Fact]
    public async Task Validate_SignedWithAnotherKeyUnderAPublishedKid_Refused()
    {
        using var forger = new SigningKey(_idp.Key.Kid);

        await AssertRefused(EntraErrors.Signature, TestJwt.Rs256(forger, _tokens.Claims(Guid.NewGuid())));
    }

    [Fact]
    public async Task Validate_HeaderPointsAtTheForgersKey_KeyIgnored()
    {
        using var forger = new SigningKey("forged");
        var parameters = forger.Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["kid"] = forger.Kid,
            ["n"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent),
        };
        var header = new Dictionary<string, object?>
        {
            ["jku"] = $"{_idp.Instance}/forger/keys",
            ["x5u"] = $"{_idp.Instance}/forger/cert",
            ["jwk"] = jwk,
        };

        await AssertRefused(EntraErrors.KeyUnknown, TestJwt.Rs256(forger, _tokens.Claims(Guid.NewGuid()), header));
        // The forger's key under a published kid: still the tenant's key that counts.
        header["kid"] = _idp.Key.Kid;
        await AssertRefused(EntraErrors.Signature, TestJwt.Rs256(forger, _tokens.Claims(Guid.NewGuid()), header));
    }

    [Fact]
    public async Task Validate_NoKid_Refused()
    {
        var token = TestJwt.Rs256(_idp.Key, _tokens.Claims(Guid.NewGuid()), new Dictionary<string, object?> { ["kid"] = null });

        await AssertRefused(EntraErrors.KeyUnknown, token);
    }

    [Fact]
    public async Task Validate_CriticalHeaderExtension_Refused()
    {
        var token = TestJwt.Rs256(_idp.Key, _tokens.Claims(Guid.NewGuid()), new Dictionary<string, object?> { ["crit"] = new[] { "exp" } });

        await AssertRefused(EntraErrors.Malformed, token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("User.Read")]
    [InlineData("access_as_users")]
    public async Task Validate_WithoutTheApiScope_Refused(string? scope)
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["scp"] = scope;

        await AssertRefused(EntraErrors.Scope, _tokens.Issue(claims));
    }

    [Fact]
    public async Task Validate_ScopeAmongOthers_Valid()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["scp"] = "User.Read access_as_user";

        Assert.True((await Validator.ValidateAsync(_tokens.Issue(claims), default)).Succeeded);
    }

    [Theory]
    [InlineData("oid", null)]
    [InlineData("oid", "not-a-guid")]
    [InlineData("tid", null)]
    [InlineData("exp", "tomorrow")]
    [InlineData("nbf", "yesterday")]
    public async Task Validate_ClaimMissingOrWrongType_Malformed(string claim, string? value)
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims[claim] = value;

        await AssertRefused(EntraErrors.Malformed, _tokens.Issue(claims));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.e30.")]
    [InlineData("e30.!!!.")]
    [InlineData("W10.e30.")] // the header is an array, not an object
    [InlineData("bm90IGpzb24.e30.")] // "not json"
    [InlineData("e30=.e30.")] // padding is not base64url
    public async Task Validate_NotACompactJwt_Malformed(string token) =>
        await AssertRefused(EntraErrors.Malformed, token);

    [Fact]
    public async Task Validate_DuplicateClaim_Malformed()
    {
        var token = _tokens.Issue(Guid.NewGuid());
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var duplicated = payload.Replace("\"aud\":", "\"aud\":\"someone-else\",\"aud\":", StringComparison.Ordinal);

        await AssertRefused(EntraErrors.Malformed, $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(duplicated))}.{parts[2]}");
    }

    [Fact]
    public async Task Validate_OverLongToken_Malformed()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims["padding"] = new string('x', CompactJwt.MaxLength);

        await AssertRefused(EntraErrors.Malformed, _tokens.Issue(claims));
    }

    [Fact]
    public async Task Validate_GroupOverage_GroupsUnknown()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims.Remove("groups");
        claims["_claim_names"] = new Dictionary<string, string> { ["groups"] = "src1" };

        var result = await Validator.ValidateAsync(_tokens.Issue(claims), default);

        Assert.True(result.Succeeded);
        Assert.Null(result.Identity!.Groups);
    }

    [Fact]
    public async Task Validate_NoGroupsClaim_NoGroups()
    {
        var claims = _tokens.Claims(Guid.NewGuid());
        claims.Remove("groups");

        Assert.Equal([], (await Validator.ValidateAsync(_tokens.Issue(claims), default)).Identity!.Groups);
    }

    [Fact]
    public async Task Validate_ManyTokens_KeysFetchedOnceUntilTheRefreshTime()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Validator.ValidateAsync(_tokens.Issue(Guid.NewGuid()), default)).Succeeded);
        }

        Assert.Equal((1, 1), (_idp.MetadataRequests, _idp.KeyRequests));

        _clock.Advance(TimeSpan.FromMinutes(61));
        Assert.True((await Validator.ValidateAsync(_tokens.Issue(Guid.NewGuid()), default)).Succeeded);
        Assert.Equal((2, 2), (_idp.MetadataRequests, _idp.KeyRequests));
    }

    [Fact]
    public async Task Validate_ConcurrentFirstTokens_OneFetch()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Validator.ValidateAsync(_tokens.Issue(Guid.NewGuid()), default)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, _idp.MetadataRequests);
    }

    [Fact]
    public async Task Validate_KeyRotation_NewKeyAfterOneRefetch_OldKeyRefused()
    {
        var oldToken = _tokens.Issue(Guid.NewGuid());
        Assert.True((await Validator.ValidateAsync(oldToken, default)).Succeeded);
        using var next = new SigningKey("rotated");
        _idp.Publish(next);

        var newToken = _tokens.Issue(_tokens.Claims(Guid.NewGuid()), next);

        Assert.True((await Validator.ValidateAsync(newToken, default)).Succeeded);
        Assert.Equal(2, _idp.KeyRequests);
        await AssertRefused(EntraErrors.KeyUnknown, oldToken);
        Assert.Equal(2, _idp.KeyRequests);
    }

    [Fact]
    public async Task Validate_UnknownKids_AtMostOneRefetchPerFiveMinutes()
    {
        Assert.True((await Validator.ValidateAsync(_tokens.Issue(Guid.NewGuid()), default)).Succeeded);
        using var stranger = new SigningKey("never-published");

        await AssertRefused(EntraErrors.KeyUnknown, _tokens.Issue(_tokens.Claims(Guid.NewGuid()), stranger));
        Assert.Equal(2, _idp.KeyRequests);
        for (var i = 0; i < 3; i++)
        {
            using var another = new SigningKey($"never-published-{i}");
            await AssertRefused(EntraErrors.KeyUnknown, _tokens.Issue(_tokens.Claims(Guid.NewGuid()), another));
        }

        Assert.Equal(2, _idp.KeyRequests);
        // Known keys keep working meanwhile, without fetching.
        Assert.True((await Validator.ValidateAsync(_tokens.Issue(Guid.NewGuid()), default)).Succeeded);

        _clock.Advance(EntraSigningKeys.UnknownKeyRefetchInterval);
        await AssertRefused(EntraErrors.KeyUnknown, _tokens.Issue(_tokens.Claims(Guid.NewGuid()), stranger));
        Assert.Equal(3, _idp.KeyRequests);
    }

    [Fact]
    public async Task Validate_MetadataDown_UnavailableWithRetryAfter_NotAskedAgainMeanwhile_ThenValid()
    {
        _idp.Down = true;
        var token = _tokens.Issue(Guid.NewGuid());

        var first = await Validator.ValidateAsync(token, default);
        var second = await Validator.ValidateAsync(token, default);

        Assert.Equal(EntraErrors.MetadataUnavailable, first.Error);
        Assert.Equal(EntraSigningKeys.FailureBackoff, first.RetryAfter);
        Assert.Equal(EntraErrors.MetadataUnavailable, second.Error);
        Assert.Equal(1, _idp.MetadataRequests);

        _idp.Down = false;
        _clock.Advance(EntraSigningKeys.FailureBackoff);
        Assert.True((await Validator.ValidateAsync(token, default)).Succeeded);
    }

    [Fact]
    public async Task Validate_RefreshFails_KeysInHandStillUsed()
    {
        Assert.True((await Validator.ValidateAsync(_tokens.Issue(Guid.NewGuid()), default)).Succeeded);
        _idp.Down = true;
        _clock.Advance(TimeSpan.FromMinutes(61));

        var result = await Validator.ValidateAsync(_tokens.Issue(Guid.NewGuid()), default);

        Assert.True(result.Succeeded);
        Assert.Equal(2, _idp.MetadataRequests);
    }

    [Fact]
    public async Task Validate_RefusedToken_SaysWhatItClaimed()
    {
        var oid = Guid.NewGuid();
        var claims = _tokens.Claims(oid);
        claims["aud"] = "someone-else";

        var result = await Validator.ValidateAsync(_tokens.Issue(claims), default);

        Assert.Equal(new EntraClaimsSeen((string)claims["preferred_username"]!, oid.ToString(), EntraTest.Tenant.ToString()), result.Seen);
    }

    private async Task AssertRefused(EntraError expected, string token)
    {
        var result = await Validator.ValidateAsync(token, default);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
    }
}
