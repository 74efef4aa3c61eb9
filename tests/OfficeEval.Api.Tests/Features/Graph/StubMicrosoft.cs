using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using OfficeEval.Api.Tests.Support;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>
/// Microsoft at the process edge, on loopback: an identity provider's token endpoint (HTTPS, with a certificate made
/// here and trusted only by the API's MSAL client) and a Graph that keeps uploaded files, upload sessions and mails
/// the way Graph answers them. Every request to either is recorded; a test adds faults to answer chosen requests
/// otherwise (a 429 with Retry-After, a 503, a 403).
/// </summary>
public sealed class StubMicrosoft : IAsyncDisposable
{
    public const string Tenant = "11111111-2222-3333-4444-555555555555";
    public const string ClientId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    public const string ClientSecret = "stub-secret~0123456789";
    public const string DriveId = "b!stub-drive";
    public const string WebRoot = "https://contoso.sharepoint.com/sites/bianban/Shared%20Documents";

    private readonly WebApplication _identity;
    private readonly WebApplication _graph;
    private readonly ConcurrentQueue<FaultRule> _faults = new();
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new();
    private int _tokens;

    private StubMicrosoft(X509Certificate2 certificate, WebApplication identity, WebApplication graph)
    {
        Certificate = certificate;
        _identity = identity;
        _graph = graph;
    }

    /// <summary>The key the identity provider signs users' access tokens with, published in its JWK set.</summary>
    public SigningKey SigningKey { get; } = new("graph-stub-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The identity provider's certificate: self-signed for 127.0.0.1, made for this run.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>OfficeEval:Entra:Instance: the identity provider's root.</summary>
    public string Instance => _identity.Urls.First();

    /// <summary>OfficeEval:Entra:Graph:BaseUrl.</summary>
    public string GraphBaseUrl => _graph.Urls.First() + "/v1.0";

    /// <summary>Every request to the token endpoint and to Graph, in arrival order.</summary>
    public ConcurrentQueue<Recorded> Requests { get; } = new();

    /// <summary>Files Graph holds, by their path under the drive's root (decoded).</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>The people <c>GET /users</c> answers with, whatever the filter.</summary>
    public List<object> People { get; } = [new { id = "u-1", displayName = "O'Brien 张", mail = "obrien@contoso.cn", userPrincipalName = "obrien@contoso.cn" }];

    public static async Task<StubMicrosoft> StartAsync()
    {
        var certificate = SelfSigned();
        StubMicrosoft? stub = null;
        var identity = Host(builder => builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate))),
            context => stub!.TokenAsync(context));
        var graph = Host(builder => builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0)), context => stub!.GraphAsync(context));
        stub = new StubMicrosoft(certificate, identity, graph);
        await identity.StartAsync();
        await graph.StartAsync();
        return stub;
    }

    /// <summary>Answers the next <paramref name="times"/> requests that <paramref name="match"/> with <paramref name="respond"/> (-1: all).</summary>
    public void Fault(Func<Recorded, bool> match, int times, Func<Recorded, IResult> respond) => _faults.Enqueue(new FaultRule(match, respond) { Left = times });

    public void ClearFaults() => _faults.Clear();

    /// <summary>Forgets the Graph requests recorded so far; token requests stay (as does the API's token cache they filled).</summary>
    public void ForgetGraphRequests()
    {
        var kept = Requests.Where(r => r.Server == "identity").ToList();
        Requests.Clear();
        foreach (var request in kept)
        {
            Requests.Enqueue(request);
        }
    }

    public IReadOnlyList<Recorded> TokenRequests => [.. Requests.Where(r => r.Server == "identity")];

    public IReadOnlyList<Recorded> GraphRequests => [.. Requests.Where(r => r.Server == "graph")];

    /// <summary>When set, the next chunk an upload session receives is kept but its answer is a 503, as when an answer is lost on the way.</summary>
    public bool LoseNextChunkAnswer { get; set; }

    /// <summary>The connection dropped without an answer.</summary>
    public static IResult Abort() => new AbortResult();

    /// <summary>Graph's error body.</summary>
    public static IResult GraphError(int status, string code, string message, string? retryAfter = null) => new GraphErrorResult(status, code, message, retryAfter);

    public async ValueTask DisposeAsync()
    {
        await _identity.StopAsync();
        await _graph.StopAsync();
        await _identity.DisposeAsync();
        await _graph.DisposeAsync();
        Certificate.Dispose();
        SigningKey.Dispose();
    }

    /// <summary>An access token for the API (v2.0, delegated), as Entra issues it when the add-in signs a user in.</summary>
    public string IssueUserToken(Guid objectId, params string[] groups)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return TestJwt.Rs256(SigningKey, new Dictionary<string, object?>
        {
            ["aud"] = ClientId,
            ["iss"] = $"{Instance}/{Tenant}/v2.0",
            ["iat"] = now - 60,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
            ["name"] = "Entra 用户",
            ["oid"] = objectId.ToString(),
            ["preferred_username"] = $"entra-{objectId.ToString("N")[..12]}@contoso.cn",
            ["scp"] = "access_as_user",
            ["groups"] = groups,
            ["tid"] = Tenant,
            ["uti"] = Guid.NewGuid().ToString("N"),
            ["ver"] = "2.0",
        });
    }

    private static WebApplication Host(Action<WebApplicationBuilder> configure, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configure(builder);
        var app = builder.Build();
        app.Run(handler);
        return app;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=stub-identity-provider", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(2));
        // Through PKCS#12 so that the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private async Task<Recorded> RecordAsync(HttpContext context, string server)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var recorded = new Recorded(
            server, context.Request.Method, context.Request.Path.Value ?? "", context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray(), DateTimeOffset.UtcNow);
        Requests.Enqueue(recorded);
        return recorded;
    }

    private async Task TokenAsync(HttpContext context)
    {
        var request = await RecordAsync(context, "identity");
        if (await FaultedAsync(context, request))
        {
            return;
        }

        if (context.Request.Method == "GET" && context.Request.Path == $"/{Tenant}/v2.0/.well-known/openid-configuration")
        {
            await HttpResults.Json(new { issuer = $"{Instance}/{Tenant}/v2.0", jwks_uri = $"{Instance}/{Tenant}/discovery/v2.0/keys" }).ExecuteAsync(context);
            return;
        }

        if (context.Request.Method == "GET" && context.Request.Path == $"/{Tenant}/discovery/v2.0/keys")
        {
            var key = SigningKey.Rsa.ExportParameters(false);
            await HttpResults.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = SigningKey.Kid, n = Base64Url(key.Modulus!), e = Base64Url(key.Exponent!) } } })
                .ExecuteAsync(context);
            return;
        }

        var form = request.Form;
        if (context.Request.Method != "POST" || context.Request.Path != $"/{Tenant}/oauth2/v2.0/token")
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            await HttpResults.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401).ExecuteAsync(context);
            return;
        }

        var prefix = form.GetValueOrDefault("grant_type") switch
        {
            "client_credentials" => "app-token",
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => "obo-token",
            _ => null,
        };
        if (prefix is null)
        {
            await HttpResults.Json(new { error = "unsupported_grant_type" }, statusCode: 400).ExecuteAsync(context);
            return;
        }

        var n = Interlocked.Increment(ref _tokens);
        await HttpResults.Json(new { token_type = "Bearer", access_token = $"{prefix}-{n}", expires_in = 3600, ext_expires_in = 3600 }).ExecuteAsync(context);
    }

    private async Task GraphAsync(HttpContext context)
    {
        var request = await RecordAsync(context, "graph");
        if (await FaultedAsync(context, request))
        {
            return;
        }

        var path = request.Path;
        var itemPrefix = $"/v1.0/drives/{DriveId}/root:/";
        IResult result;
        if (path.StartsWith("/upload/", StringComparison.Ordinal))
        {
            result = Session(request, path["/upload/".Length..]);
        }
        else if (path.StartsWith(itemPrefix, StringComparison.Ordinal) && path.EndsWith(":/content", StringComparison.Ordinal) && request.Method == "PUT")
        {
            var item = path[itemPrefix.Length..^":/content".Length];
            Files[item] = request.Body;
            result = HttpResults.Json(DriveItem(item, request.Body.Length), statusCode: 201);
        }
        else if (path.StartsWith(itemPrefix, StringComparison.Ordinal) && path.EndsWith(":/createUploadSession", StringComparison.Ordinal) && request.Method == "POST")
        {
            var id = Guid.NewGuid().ToString("N");
            _sessions[id] = new UploadSession(path[itemPrefix.Length..^":/createUploadSession".Length]);
            result = HttpResults.Json(new
            {
                uploadUrl = $"{_graph.Urls.First()}/upload/{id}?tempauth=stub",
                expirationDateTime = DateTimeOffset.UtcNow.AddHours(1),
                nextExpectedRanges = new[] { "0-" },
            });
        }
        else if (path.StartsWith("/v1.0/users/", StringComparison.Ordinal) && path.EndsWith("/sendMail", StringComparison.Ordinal) && request.Method == "POST")
        {
            result = HttpResults.StatusCode(202);
        }
        else if (path == "/v1.0/users" && request.Method == "GET")
        {
            result = HttpResults.Json(new { value = People });
        }
        else
        {
            result = GraphError(404, "itemNotFound", $"No stub for {request.Method} {path}.");
        }

        await result.ExecuteAsync(context);
    }

    /// <summary>Graph's upload session: ranges in order; a range already received is 416; the last one creates the file.</summary>
    private IResult Session(Recorded request, string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            return GraphError(404, "itemNotFound", "The upload session does not exist.");
        }

        lock (session)
        {
            switch (request.Method)
            {
                case "GET":
                    return HttpResults.Json(new { nextExpectedRanges = new[] { $"{session.Received.Length}-" } });
                case "DELETE":
                    _sessions.TryRemove(id, out _);
                    return HttpResults.StatusCode(204);
                case "PUT":
                    var range = System.Net.Http.Headers.ContentRangeHeaderValue.Parse(request.Headers["Content-Range"]);
                    if (range.From != session.Received.Length)
                    {
                        return GraphError(416, "invalidRange", $"Expected the range starting at {session.Received.Length}.");
                    }

                    session.Received.Write(request.Body);
                    if (LoseNextChunkAnswer)
                    {
                        LoseNextChunkAnswer = false;
                        return GraphError(503, "serviceNotAvailable", "The answer was lost.");
                    }

                    if (session.Received.Length < range.Length)
                    {
                        return HttpResults.Json(new { nextExpectedRanges = new[] { $"{session.Received.Length}-" } }, statusCode: 202);
                    }

                    Files[session.Item] = session.Received.ToArray();
                    _sessions.TryRemove(id, out _);
                    return HttpResults.Json(DriveItem(session.Item, session.Received.Length), statusCode: 201);
                default:
                    return GraphError(405, "methodNotAllowed", request.Method);
            }
        }
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static object DriveItem(string item, long size) => new
    {
        id = "item-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(item)))[..12],
        name = item.Split('/')[^1],
        webUrl = WebRoot + "/" + string.Join('/', item.Split('/').Select(Uri.EscapeDataString)),
        size,
    };

    private async Task<bool> FaultedAsync(HttpContext context, Recorded request)
    {
        foreach (var fault in _faults)
        {
            if (fault.Left != 0 && fault.Match(request))
            {
                if (fault.Left > 0)
                {
                    fault.Left--;
                }

                await fault.Respond(request).ExecuteAsync(context);
                return true;
            }
        }

        return false;
    }

    /// <summary>One request as received: the raw target is the path and query exactly as sent.</summary>
    public sealed record Recorded(string Server, string Method, string Path, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public IReadOnlyDictionary<string, string> Form => Body.Length == 0 ? new Dictionary<string, string>()
            : Text.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));

        public string? Authorization => Headers.GetValueOrDefault("Authorization");

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Server} {Method} {RawTarget} ({Body.Length} bytes)");
    }

    private sealed class FaultRule(Func<Recorded, bool> match, Func<Recorded, IResult> respond)
    {
        public Func<Recorded, bool> Match { get; } = match;

        public Func<Recorded, IResult> Respond { get; } = respond;

        public int Left { get; set; }
    }

    private sealed class UploadSession(string item)
    {
        public string Item { get; } = item;

        public MemoryStream Received { get; } = new();
    }

    private sealed class AbortResult : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Abort();
            return Task.CompletedTask;
        }
    }

    private sealed class GraphErrorResult(int status, string code, string message, string? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return HttpResults.Json(new { error = new { code, message } }, statusCode: status).ExecuteAsync(context);
        }
    }
}
