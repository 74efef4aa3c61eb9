using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// Validates Entra ID v2.0 access tokens with the BCL's RSA: RS256 only; the key named by <c>kid</c> from the tenant's
/// published keys (<see cref="EntraSigningKeys"/>), never from the token; issuer <c>{Instance}/{tid}/v2.0</c> with
/// <c>tid</c> allowed (v1.0 tokens, issuer <c>https://sts.windows.net/{tid}/</c>, are refused: the API's registration
/// asks for v2.0 tokens); audience the client id, <c>api://{ClientId}</c> or a configured one; <c>exp</c> and
/// <c>nbf</c> within the clock skew; <c>oid</c> present; the delegated scope <see cref="EntraOptions.Scope"/> granted.
/// The tenant is checked before any key is fetched, so a token cannot make us fetch another tenant's metadata.
/// </summary>
public sealed class EntraTokenValidator(IOptions<EntraOptions> options, EntraSigningKeys keys, TimeProvider clock) : IEntraTokenValidator
{
    public async Task<EntraValidationResult> ValidateAsync(string jwt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!CompactJwt.TryParse(jwt, out var token))
        {
            return EntraValidationResult.Refused(EntraErrors.Malformed);
        }

        var payload = token.Payload;
        var seen = new EntraClaimsSeen(Username(payload), token.PayloadString("oid"), token.PayloadString("tid"));
        EntraValidationResult Refused(EntraError error) => EntraValidationResult.Refused(error, seen);

        // Only RS256. "none", HS256 (a public key used as an HMAC secret) and everything else are refused before any
        // key is looked at; a header's jku, x5u, jwk or x5c are never followed.
        if (token.HeaderString("alg") != "RS256")
        {
            return Refused(EntraErrors.Algorithm);
        }

        // Critical header extensions must be understood (RFC 7515 §4.1.11); none are.
        if (token.Header.TryGetProperty("crit", out _))
        {
            return Refused(EntraErrors.Malformed);
        }

        if (!Guid.TryParse(seen.TenantId, out var tenantId))
        {
            return Refused(EntraErrors.Malformed);
        }

        if (!settings.TenantIds().Contains(tenantId))
        {
            return Refused(EntraErrors.Tenant);
        }

        if (token.HeaderString("kid") is not { Length: > 0 } keyId)
        {
            return Refused(EntraErrors.KeyUnknown);
        }

        switch (await keys.FindAsync(tenantId, keyId, cancellationToken))
        {
            case SigningKeyLookup.Unavailable unavailable:
                return EntraValidationResult.Refused(EntraErrors.MetadataUnavailable, seen, unavailable.RetryAfter);
            case SigningKeyLookup.Found found when !Verify(token, found.Key):
                return Refused(EntraErrors.Signature);
            case SigningKeyLookup.Found:
                break;
            default:
                return Refused(EntraErrors.KeyUnknown);
        }

        if (token.PayloadString("iss") != settings.IssuerOf(seen.TenantId!))
        {
            return Refused(EntraErrors.Issuer);
        }

        var audiences = settings.AcceptedAudiences().ToHashSet(StringComparer.Ordinal);
        if (!Strings(payload, "aud").Any(audiences.Contains))
        {
            return Refused(EntraErrors.Audience);
        }

        var now = clock.GetUtcNow();
        var skew = TimeSpan.FromSeconds(settings.ClockSkewSeconds);
        if (Time(payload, "exp") is not { } expires || (payload.TryGetProperty("nbf", out _) && Time(payload, "nbf") is null))
        {
            return Refused(EntraErrors.Malformed);
        }

        if (now >= expires + skew)
        {
            return Refused(EntraErrors.Expired);
        }

        if (Time(payload, "nbf") is { } notBefore && now + skew < notBefore)
        {
            return Refused(EntraErrors.NotYetValid);
        }

        if (!Guid.TryParse(seen.ObjectId, out var objectId))
        {
            return Refused(EntraErrors.Malformed);
        }

        var scopes = (token.PayloadString("scp") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains(EntraOptions.Scope, StringComparer.Ordinal))
        {
            return Refused(EntraErrors.Scope);
        }

        return EntraValidationResult.Valid(new EntraIdentity(
            objectId,
            tenantId,
            seen.Username,
            token.PayloadString("name"),
            Groups(payload),
            scopes,
            Strings(payload, "roles"),
            token.PayloadString("uti") ?? token.PayloadString("jti"),
            expires));
    }

    private static bool Verify(CompactJwt token, RSAParameters key)
    {
        try
        {
            // One RSA object per check: the cached parameters are shared, RSA instances are not thread-safe.
            using var rsa = RSA.Create(key);
            return rsa.VerifyData(Encoding.ASCII.GetBytes(token.SigningInput), token.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string? Username(JsonElement payload) =>
        CompactJwt.StringOf(payload, "preferred_username") ?? CompactJwt.StringOf(payload, "upn") ?? CompactJwt.StringOf(payload, "email");

    /// <summary>
    /// The groups claim. Absent means no groups; with too many groups Entra leaves it out and says so
    /// (<c>_claim_names.groups</c> or <c>hasgroups</c>): then the groups are unknown (null).
    /// </summary>
    private static List<string>? Groups(JsonElement payload)
    {
        var overage = (payload.TryGetProperty("_claim_names", out var names) && names.ValueKind == JsonValueKind.Object && names.TryGetProperty("groups", out _))
            || (payload.TryGetProperty("hasgroups", out var has) && has.ValueKind == JsonValueKind.True);
        return overage && !payload.TryGetProperty("groups", out _) ? null : Strings(payload, "groups");
    }

    /// <summary>A claim that is a string or an array of strings (aud may be either).</summary>
    private static List<string> Strings(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            _ => [],
        };
    }

    /// <summary>A NumericDate claim (seconds since 1970, possibly fractional), or null when missing or not one.</summary>
    private static DateTimeOffset? Time(JsonElement payload, string name)
    {
        const double max = 253402300799; // 9999-12-31T23:59:59Z
        return payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var seconds) && seconds is >= 0 and <= max
            ? DateTimeOffset.UnixEpoch.AddSeconds(seconds)
            : null;
    }
}
