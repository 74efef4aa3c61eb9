using System.Net;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity.Entra;

/// <summary>The identity provider rotates its signing keys while the API runs (its own instance: the keys change).</summary>
public sealed class EntraKeyRotationTests(EntraApi api) : IClassFixture<EntraApi>
{
    [Fact]
    public async Task KeysRotated_NewKeyAcceptedAfterARefetch_OldKeyRefused()
    {
        var oid = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.Client(api.Tokens.Issue(oid, EntraTest.ViewerGroup)).GetAsync("/api/me")).StatusCode);
        using var next = new SigningKey("rotated-" + Guid.NewGuid().ToString("N")[..6]);
        api.Idp.Publish(next);

        var signedWithNew = await api.Client(api.Tokens.Issue(api.Tokens.Claims(oid, EntraTest.ViewerGroup), next)).GetAsync("/api/me");
        var signedWithOld = await api.Client(api.Tokens.Issue(oid, EntraTest.ViewerGroup)).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, signedWithNew.StatusCode);
        Assert.Equal(2, api.Idp.KeyRequests);
        Assert.Equal(HttpStatusCode.Unauthorized, signedWithOld.StatusCode);
        Assert.Equal("entra.key_unknown", (await Problem.ReadAsync(signedWithOld)).Code);
    }
}
