using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// A reply received in full: the status line, the ETag and the whole body. A write is acknowledged only by a 2xx
/// reply; a request that failed on the way (refused, reset, the body cut off) has no reply at all.
/// </summary>
public sealed class CrashReply(HttpStatusCode status, EntityTagHeaderValue? etag, byte[] bytes)
{
    private JsonNode? json;

    public HttpStatusCode Status { get; } = status;

    public bool Ok => (int)Status is >= 200 and < 300;

    public byte[] Bytes { get; } = bytes;

    public JsonNode Json => json ??= JsonNode.Parse(Bytes) ?? throw new InvalidOperationException("The reply has no JSON body.");

    /// <summary>The revision the ETag names.</summary>
    public int Revision => int.Parse(etag?.Tag.Trim('"') ?? throw new InvalidOperationException("The reply has no ETag."), System.Globalization.CultureInfo.InvariantCulture);

    public string Text => Encoding.UTF8.GetString(Bytes);

    public override string ToString() => $"{(int)Status} {(Text.Length > 600 ? Text[..600] + "…" : Text)}";
}

/// <summary>
/// A demo user's session over every start of one instance: signed in once, its token kept across restarts (and taken
/// again should a start refuse it); a new connection pool for each start, as the old connections died with the process.
/// </summary>
public sealed class CrashSession(ApiProcess api, string email) : IDisposable
{
    private string? token;
    private HttpClient? client;

    public string Email => email;

    /// <summary>Drops the connections of the previous process.</summary>
    public void Reconnect()
    {
        client?.Dispose();
        client = null;
    }

    /// <summary>
    /// Sends the request <paramref name="make"/> builds; null when no whole reply came back (the process died or was
    /// killed meanwhile). A 401 (the instance no longer accepts the token) signs in again and sends once more: a 401 is
    /// answered before anything is done.
    /// </summary>
    public async Task<CrashReply?> SendAsync(Func<HttpRequestMessage> make)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                token ??= await SignInAsync();
                client ??= api.Client(timeout: TimeSpan.FromSeconds(60));
                using var request = make();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    token = null;
                    continue;
                }

                return new CrashReply(response.StatusCode, response.Headers.ETag, bytes);
            }
            catch (Exception e) when (IsLost(e))
            {
                return null;
            }
        }
    }

    public Task<CrashReply?> GetAsync(string url) => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>A JSON request; with <paramref name="ifMatch"/> the revision it was made on.</summary>
    public Task<CrashReply?> SendJsonAsync(HttpMethod method, string url, object? body, int? ifMatch = null) => SendAsync(() =>
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is { } revision)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        }

        return request;
    });

    /// <summary>
    /// Whether <paramref name="e"/> is the request being lost on the way, not an answer. (A connection the server
    /// dies under just as it is made can surface as a bare <see cref="SocketException"/>.)
    /// </summary>
    public static bool IsLost(Exception e) => e is HttpRequestException or IOException or SocketException or TaskCanceledException or OperationCanceledException;

    public void Dispose() => client?.Dispose();

    private async Task<string> SignInAsync()
    {
        using var anonymous = api.Client(timeout: TimeSpan.FromSeconds(60));
        using var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = ApiProcess.DemoPassword });
        if (!response.IsSuccessStatusCode)
        {
            throw new CrashFailure($"{email} could not sign in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }
}

/// <summary>A client met something no crash explains (an error answer, a read that differs from its last acknowledged write).</summary>
public sealed class CrashFailure : Exception
{
    public CrashFailure(string message)
        : base(message)
    {
    }

    public CrashFailure(string message, Exception inner)
        : base(message, inner)
    {
    }
}
