using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// Graph tokens from Microsoft.Identity.Client: one confidential client for the configured app registration, against
/// <c>{Instance}/{first allowed tenant}</c>, with a client secret or certificate. The application's token stays in
/// MSAL's in-memory cache until it nears expiry; on-behalf-of tokens are cached per incoming token in a bounded
/// memory cache (many users, each token short-lived), so a user's searches reuse one Graph token.
/// </summary>
public sealed class MsalGraphTokenSource : IGraphTokenSource, IDisposable
{
    /// <summary>The named HttpClient MSAL talks to the identity provider with.</summary>
    public const string HttpClientName = "OfficeEval.Graph.Token";

    private readonly IOptionsMonitor<GraphOptions> _options;
    private readonly IHttpClientFactory _http;
    private readonly ILogger<MsalGraphTokenSource> _logger;
    private readonly MemoryCache _userTokens = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });
    private readonly Lock _gate = new();
    private (string Key, IConfidentialClientApplication App)? _app;

    public MsalGraphTokenSource(IOptionsMonitor<GraphOptions> options, IHttpClientFactory http, ILogger<MsalGraphTokenSource> logger)
    {
        _options = options;
        _http = http;
        _logger = logger;
    }

    public Task<string> GetAppTokenAsync(CancellationToken cancellationToken) =>
        AcquireAsync(app => app.AcquireTokenForClient([_options.CurrentValue.Graph.Scope]).ExecuteAsync(cancellationToken));

    public Task<string> GetDelegatedTokenAsync(string userAssertion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userAssertion);
        return AcquireAsync(app => app.AcquireTokenOnBehalfOf([_options.CurrentValue.Graph.Scope], new UserAssertion(userAssertion)).ExecuteAsync(cancellationToken));
    }

    public void Dispose() => _userTokens.Dispose();

    private async Task<string> AcquireAsync(Func<IConfidentialClientApplication, Task<AuthenticationResult>> acquire)
    {
        try
        {
            return (await acquire(App())).AccessToken;
        }
        catch (MsalUiRequiredException e)
        {
            // The user (or an admin for them) has not consented to the Graph permissions, or must sign in again.
            throw new GraphException(e.StatusCode == 0 ? null : e.StatusCode, "consent_required", e.Message, transient: false, inner: e);
        }
        catch (MsalServiceException e)
        {
            var transient = e.StatusCode is 408 or 429 or >= 500 || e.ErrorCode is MsalError.RequestTimeout or MsalError.ServiceNotAvailable;
            _logger.LogWarning(e, "Graph token refused by the identity provider: {ErrorCode} (HTTP {Status})", e.ErrorCode, e.StatusCode);
            throw new GraphException(e.StatusCode == 0 ? null : e.StatusCode, "token_" + e.ErrorCode, e.Message, transient, e.Headers?.RetryAfter?.Delta, e);
        }
        catch (MsalClientException e)
        {
            var transient = e.ErrorCode is MsalError.RequestTimeout or MsalError.ServiceNotAvailable;
            throw new GraphException(null, "token_" + e.ErrorCode, e.Message, transient, inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new GraphException(null, "token_network_error", e.Message, transient: true, inner: e);
        }
    }

    /// <summary>The client for the current settings; built again when they change (a rotated secret), keeping nothing of the old.</summary>
    private IConfidentialClientApplication App()
    {
        var options = _options.CurrentValue;
        if (options.Missing() is { Count: > 0 } missing)
        {
            throw new GraphException(null, "graph_disabled", "Graph is not configured: set " + string.Join(", ", missing) + ".", transient: false);
        }

        var key = string.Join('\n', options.Instance, options.Tenant, options.ClientId, options.ClientSecret, options.CertificatePath,
            options.CertificatePassword, options.Graph.InstanceDiscovery.ToString());
        lock (_gate)
        {
            if (_app is { } current && current.Key == key)
            {
                return current.App;
            }

            var authority = $"{options.Instance.TrimEnd('/')}/{options.Tenant}/";
            var builder = ConfidentialClientApplicationBuilder.Create(options.ClientId)
                .WithAuthority(authority, validateAuthority: options.Graph.InstanceDiscovery)
                .WithInstanceDiscovery(options.Graph.InstanceDiscovery)
                .WithHttpClientFactory(new MsalHttpClients(_http))
                .WithLogging((level, message, _) => _logger.LogDebug("MSAL {Level}: {Message}", level, message), Microsoft.Identity.Client.LogLevel.Warning, enablePiiLogging: false);
            builder = string.IsNullOrWhiteSpace(options.CertificatePath)
                ? builder.WithClientSecret(options.ClientSecret)
                : builder.WithCertificate(LoadCertificate(options.CertificatePath, options.CertificatePassword), sendX5C: true);
            var app = builder.Build();
            KeepUserTokensIn(app.UserTokenCache);
            _app = (key, app);
            return app;
        }
    }

    /// <summary>
    /// On-behalf-of tokens go to the user token cache, one partition per incoming token (MSAL's suggested key). Kept in
    /// a size-limited memory cache until the Graph token's expiry, so memory stays bounded however many users search.
    /// </summary>
    private void KeepUserTokensIn(ITokenCache cache)
    {
        cache.SetBeforeAccess(args =>
        {
            if (args.SuggestedCacheKey is { } key && _userTokens.TryGetValue(key, out byte[]? bytes))
            {
                args.TokenCache.DeserializeMsalV3(bytes, shouldClearExistingCache: true);
            }
            else
            {
                args.TokenCache.DeserializeMsalV3(null, shouldClearExistingCache: true);
            }
        });
        cache.SetAfterAccess(args =>
        {
            if (!args.HasStateChanged || args.SuggestedCacheKey is not { } key)
            {
                return;
            }

            if (args.HasTokens)
            {
                var bytes = args.TokenCache.SerializeMsalV3();
                var expiry = args.SuggestedCacheExpiry ?? DateTimeOffset.UtcNow.AddHours(1);
                _userTokens.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, AbsoluteExpiration = expiry });
            }
            else
            {
                _userTokens.Remove(key);
            }
        });
    }

    private static X509Certificate2 LoadCertificate(string path, string password) =>
        path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password);

    /// <summary>MSAL's HTTP through the host's factory: pooled handlers, and a test can trust its own stub's certificate here.</summary>
    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
