using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>What <see cref="EntraSigningKeys.FindAsync"/> found for a key id.</summary>
public abstract record SigningKeyLookup
{
    public sealed record Found(RSAParameters Key) : SigningKeyLookup;

    /// <summary>The tenant does not publish the key (after a refetch, or with one done too recently).</summary>
    public sealed record Unknown : SigningKeyLookup;

    /// <summary>No keys: the metadata could not be fetched; the next attempt is after <paramref name="RetryAfter"/>.</summary>
    public sealed record Unavailable(TimeSpan RetryAfter) : SigningKeyLookup;
}

/// <summary>
/// Each allowed tenant's published signing keys: OpenID Connect discovery at
/// <c>{Instance}/{tenant}/v2.0/.well-known/openid-configuration</c>, then its <c>jwks_uri</c>. Keys are kept for
/// <see cref="EntraOptions.MetadataRefreshMinutes"/>; a token signed with a key not among them (Entra rotates its
/// keys) makes one refetch, at most once per <see cref="UnknownKeyRefetchInterval"/> per tenant, so forged key ids
/// cannot make us hammer the identity provider. When a refresh fails the keys in hand stay in use; when there are none,
/// the tenant is not asked again for <see cref="FailureBackoff"/>. One fetch per tenant at a time; concurrent callers
/// wait for it. Keys come only from here, never from a token's header (jku, x5u, jwk are ignored).
/// </summary>
public sealed class EntraSigningKeys(IHttpClientFactory http, IOptions<EntraOptions> options, TimeProvider clock, ILogger<EntraSigningKeys> logger)
{
    public const string HttpClientName = "entra-metadata";

    /// <summary>The metadata and key documents are a few KB; more is refused.</summary>
    public const int MaxDocumentBytes = 512 * 1024;

    /// <summary>Keys smaller than this are ignored (RS256 with Entra uses 2048-bit keys).</summary>
    public const int MinKeyBits = 2048;

    public static readonly TimeSpan UnknownKeyRefetchInterval = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Guid, Tenant> _tenants = new();

    private TimeSpan Refresh => TimeSpan.FromMinutes(options.Value.MetadataRefreshMinutes);

    public async Task<SigningKeyLookup> FindAsync(Guid tenantId, string keyId, CancellationToken cancellationToken)
    {
        var tenant = _tenants.GetOrAdd(tenantId, static _ => new Tenant());
        if (Settled(tenant.Keys, keyId, clock.GetUtcNow()) is { } answer)
        {
            return answer;
        }

        await tenant.Gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched while this one waited.
            var before = tenant.Keys;
            if (Settled(before, keyId, clock.GetUtcNow()) is { } settled)
            {
                return settled;
            }

            var fresh = before.Keys is not null && clock.GetUtcNow() < before.FetchedAt + Refresh;
            var fetched = await FetchAsync(tenantId, cancellationToken);
            var now = clock.GetUtcNow();
            tenant.Keys = fetched is null
                ? before with { RetryAt = now + FailureBackoff }
                : new KeySet(fetched, now, fresh ? now : before.UnknownKeyFetchAt, DateTimeOffset.MinValue);
            var keys = tenant.Keys;
            return keys.Keys is null ? new SigningKeyLookup.Unavailable(FailureBackoff)
                : keys.Keys.TryGetValue(keyId, out var key) ? new SigningKeyLookup.Found(key)
                : new SigningKeyLookup.Unknown();
        }
        finally
        {
            tenant.Gate.Release();
        }
    }

    /// <summary>The answer without fetching, or null when a fetch is due.</summary>
    private SigningKeyLookup? Settled(KeySet set, string keyId, DateTimeOffset now)
    {
        var waiting = now < set.RetryAt;
        if (set.Keys is null)
        {
            return waiting ? new SigningKeyLookup.Unavailable(set.RetryAt - now) : null;
        }

        var fresh = now < set.FetchedAt + Refresh;
        if (set.Keys.TryGetValue(keyId, out var key))
        {
            // Stale keys are used while the identity provider cannot be reached.
            return fresh || waiting ? new SigningKeyLookup.Found(key) : null;
        }

        return waiting || (fresh && now < set.UnknownKeyFetchAt + UnknownKeyRefetchInterval) ? new SigningKeyLookup.Unknown() : null;
    }

    private async Task<FrozenDictionary<string, RSAParameters>?> FetchAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var metadata = options.Value.MetadataAddressOf(tenantId);
        try
        {
            var client = http.CreateClient(HttpClientName);
            using var discovery = await GetJsonAsync(client, metadata, cancellationToken);
            if (CompactJwt.StringOf(discovery.RootElement, "jwks_uri") is not { } jwks
                || !Uri.TryCreate(jwks, UriKind.Absolute, out var jwksUri)
                || !(jwksUri.Scheme == Uri.UriSchemeHttps || string.Equals(jwksUri.GetLeftPart(UriPartial.Authority), metadata.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)))
            {
                logger.LogWarning("Entra metadata of tenant {Tenant} at {Address} has no usable jwks_uri.", tenantId, metadata);
                return null;
            }

            using var keySet = await GetJsonAsync(client, jwksUri, cancellationToken);
            var keys = ParseKeys(keySet.RootElement);
            if (keys.Count == 0)
            {
                logger.LogWarning("Entra signing keys of tenant {Tenant} at {Address} hold no RS256 key of {Bits} bits or more.", tenantId, jwksUri, MinKeyBits);
                return null;
            }

            logger.LogInformation("Fetched {Count} Entra signing keys of tenant {Tenant}.", keys.Count, tenantId);
            return keys;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A timeout surfaces as a cancellation the caller did not ask for.
            logger.LogWarning("Entra signing keys of tenant {Tenant} cannot be fetched from {Address}: {Error}", tenantId, metadata, e.Message);
            return null;
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, Uri address, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(address, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{address} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
    }

    /// <summary>The RSA signature keys of a JWK set (RFC 7517), by key id; other keys are skipped.</summary>
    public static FrozenDictionary<string, RSAParameters> ParseKeys(JsonElement set)
    {
        var keys = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        if (set.ValueKind != JsonValueKind.Object || !set.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return keys.ToFrozenDictionary(StringComparer.Ordinal);
        }

        foreach (var key in list.EnumerateArray())
        {
            var kid = CompactJwt.StringOf(key, "kid");
            if (string.IsNullOrEmpty(kid) || keys.ContainsKey(kid)
                || CompactJwt.StringOf(key, "kty") != "RSA"
                || CompactJwt.StringOf(key, "use") is not (null or "sig")
                || CompactJwt.StringOf(key, "alg") is not (null or "RS256")
                || !TryUnsigned(CompactJwt.StringOf(key, "n"), out var modulus)
                || !TryUnsigned(CompactJwt.StringOf(key, "e"), out var exponent)
                || modulus.Length * 8 < MinKeyBits || exponent.Length is 0 or > 8)
            {
                continue;
            }

            keys[kid] = new RSAParameters { Modulus = modulus, Exponent = exponent };
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A base64url big-endian unsigned integer, without leading zero bytes.</summary>
    private static bool TryUnsigned(string? value, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            var raw = System.Buffers.Text.Base64Url.DecodeFromChars(value);
            var start = 0;
            while (start < raw.Length && raw[start] == 0)
            {
                start++;
            }

            bytes = raw[start..];
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A tenant's keys as last fetched (null before the first success) and when to ask again.</summary>
    private sealed record KeySet(FrozenDictionary<string, RSAParameters>? Keys, DateTimeOffset FetchedAt, DateTimeOffset UnknownKeyFetchAt, DateTimeOffset RetryAt);

    private sealed class Tenant
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        private KeySet _keys = new(null, DateTimeOffset.MinValue, DateTimeOffset.MinValue, DateTimeOffset.MinValue);

        /// <summary>Replaced whole under <see cref="Gate"/>; read without it.</summary>
        public KeySet Keys
        {
            get => Volatile.Read(ref _keys);
            set => Volatile.Write(ref _keys, value);
        }
    }
}
