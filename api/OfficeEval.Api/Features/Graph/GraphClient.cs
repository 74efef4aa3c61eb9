using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// <see cref="IGraphClient"/> over Graph's REST API with a typed HttpClient (base address <c>Graph:BaseUrl</c>;
/// retries by <see cref="GraphRetryHandler"/>). Files up to 4 MiB go in one PUT; larger ones through an upload session
/// in chunks of <see cref="ChunkBytes"/>, each range chosen from what Graph says it expects next, so a chunk retried
/// after its answer was lost is never written twice.
/// </summary>
public sealed class GraphClient(
    HttpClient http, IGraphTokenSource tokens, IOptionsMonitor<GraphOptions> options, [FromKeyedServices(GraphSetup.RetryClock)] TimeProvider clock)
    : IGraphClient
{
    /// <summary>The largest file sent in one request (Graph's limit for a simple upload).</summary>
    public const int SimpleUploadLimit = 4 * 1024 * 1024;

    /// <summary>Upload session chunks: a multiple of 320 KiB, as Graph asks.</summary>
    public const int ChunkBytes = 10 * 320 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<GraphDriveItem> UploadAsync(string folderPath, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var driveId = options.CurrentValue.Graph.DriveId;
        if (string.IsNullOrWhiteSpace(driveId))
        {
            throw new GraphException(null, "drive_not_configured", $"Set {GraphOptions.Section}:Graph:DriveId to publish files.", transient: false);
        }

        var item = ItemPath(driveId, folderPath, fileName);
        var length = content.CanSeek ? content.Length - content.Position : -1;
        if (length < 0)
        {
            var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            content = buffer;
            length = buffer.Length;
        }

        var token = await tokens.GetAppTokenAsync(cancellationToken);
        if (length <= SimpleUploadLimit)
        {
            var bytes = new byte[length];
            await content.ReadExactlyAsync(bytes, cancellationToken);
            using var put = Request(HttpMethod.Put, $"{item}:/content?@microsoft.graph.conflictBehavior=replace", token);
            put.Content = new ByteArrayContent(bytes);
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return await ReadAsync<GraphDriveItem>(await http.SendAsync(put, cancellationToken), cancellationToken);
        }

        return await UploadInChunksAsync(item, content, length, token, cancellationToken);
    }

    public async Task<IReadOnlyList<GraphPerson>> FindPeopleAsync(string userAssertion, string query, CancellationToken cancellationToken)
    {
        var token = await tokens.GetDelegatedTokenAsync(userAssertion, cancellationToken);
        using var request = Request(HttpMethod.Get, PeopleQuery(query), token);
        var page = await ReadAsync<ODataPage<GraphPerson>>(await http.SendAsync(request, cancellationToken), cancellationToken);
        return page.Value ?? [];
    }

    public async Task SendMailAsync(string sender, IReadOnlyList<string> to, IReadOnlyList<string> cc, string subject, string htmlBody, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        var token = await tokens.GetAppTokenAsync(cancellationToken);
        var mail = new SendMail(
            new Message(subject, new Body("HTML", htmlBody), [.. to.Select(Recipient.Of)], cc.Count == 0 ? null : [.. cc.Select(Recipient.Of)]),
            SaveToSentItems: true);
        using var request = Request(HttpMethod.Post, $"users/{Uri.EscapeDataString(sender)}/sendMail", token);
        // Buffered, so that a retry can send it again.
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(mail, Json));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await GraphException.FromResponseAsync(response, clock, cancellationToken);
        }
    }

    /// <summary>
    /// <c>users?$filter=startswith(displayName,'…') or startswith(mail,'…')&amp;$select=…&amp;$top=10</c>: the text is an
    /// OData string literal (a quote doubled), and the whole filter is percent-encoded, so nothing the user types can
    /// end the literal or add a query parameter.
    /// </summary>
    internal static string PeopleQuery(string query)
    {
        var literal = "'" + query.Replace("'", "''", StringComparison.Ordinal) + "'";
        var filter = $"startswith(displayName,{literal}) or startswith(mail,{literal})";
        return $"users?$filter={Uri.EscapeDataString(filter)}&$select=id,displayName,mail,userPrincipalName&$top=10";
    }

    /// <summary><c>drives/{id}/root:/{folder segments}/{file}</c>, each segment percent-encoded.</summary>
    internal static string ItemPath(string driveId, string folderPath, string fileName)
    {
        var segments = folderPath.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(fileName).Select(Uri.EscapeDataString);
        return $"drives/{Uri.EscapeDataString(driveId)}/root:/{string.Join('/', segments)}";
    }

    private async Task<GraphDriveItem> UploadInChunksAsync(string item, Stream content, long length, string token, CancellationToken cancellationToken)
    {
        UploadSession session;
        using (var create = Request(HttpMethod.Post, $"{item}:/createUploadSession", token))
        {
            create.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(
                new { item = new Dictionary<string, string> { ["@microsoft.graph.conflictBehavior"] = "replace" } }, Json));
            create.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            session = await ReadAsync<UploadSession>(await http.SendAsync(create, cancellationToken), cancellationToken);
        }

        if (!Uri.TryCreate(session.UploadUrl, UriKind.Absolute, out var uploadUrl))
        {
            throw new GraphException(null, "upload_session_invalid", "Graph's upload session has no upload URL.", transient: true);
        }

        var start = content.Position;
        var buffer = new byte[ChunkBytes];
        try
        {
            long offset = 0;
            while (true)
            {
                var size = (int)Math.Min(ChunkBytes, length - offset);
                content.Position = start + offset;
                await content.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken);

                // The upload URL is pre-authorised: it is sent no Authorization header (Graph refuses one).
                using var put = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(buffer, 0, size) };
                put.Content.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + size - 1, length);
                using var response = await http.SendAsync(put, cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
                {
                    return (await response.Content.ReadFromJsonAsync<GraphDriveItem>(Json, cancellationToken))!;
                }

                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    offset = NextOffset(await response.Content.ReadFromJsonAsync<UploadSession>(Json, cancellationToken), offset + size, length);
                }
                else if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    // The range was already received (an earlier try's answer was lost): ask where the session stands.
                    offset = NextOffset(await StatusAsync(uploadUrl, cancellationToken), offset + size, length);
                }
                else
                {
                    throw await GraphException.FromResponseAsync(response, clock, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await CancelQuietlyAsync(uploadUrl);
            throw;
        }
    }

    private async Task<UploadSession> StatusAsync(Uri uploadUrl, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uploadUrl);
        return await ReadAsync<UploadSession>(await http.SendAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>The start of the first range Graph still expects ("26-" or "26-99"); <paramref name="fallback"/> when it lists none.</summary>
    private static long NextOffset(UploadSession? session, long fallback, long length)
    {
        var first = session?.NextExpectedRanges?.FirstOrDefault();
        if (first is null)
        {
            return fallback;
        }

        var dash = first.IndexOf('-', StringComparison.Ordinal);
        var text = dash < 0 ? first : first[..dash];
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var next) && next >= 0 && next < length
            ? next
            : throw new GraphException(null, "upload_session_invalid", $"Graph expects the range '{first}' of a {length}-byte file.", transient: true);
    }

    /// <summary>Tells Graph to drop a session that will not be finished, so its partial file does not linger; failures are ignored.</summary>
    private async Task CancelQuietlyAsync(Uri uploadUrl)
    {
        try
        {
            using var cancel = new HttpRequestMessage(HttpMethod.Delete, uploadUrl);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await http.SendAsync(cancel, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or GraphException or OperationCanceledException)
        {
            // The session expires on its own.
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string relative, string token)
    {
        var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await GraphException.FromResponseAsync(response, clock, cancellationToken);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new GraphException((int)response.StatusCode, "empty_response", "Graph answered with no body.", transient: true);
            }
            catch (JsonException e)
            {
                throw new GraphException((int)response.StatusCode, "invalid_response", "Graph's answer is not the JSON expected: " + e.Message, transient: true, inner: e);
            }
        }
    }

    private sealed record ODataPage<T>(List<T>? Value);

    private sealed record UploadSession(string? UploadUrl, List<string>? NextExpectedRanges);

    private sealed record SendMail(Message Message, bool SaveToSentItems);

    private sealed record Message(string Subject, Body Body, List<Recipient> ToRecipients, List<Recipient>? CcRecipients);

    private sealed record Body(string ContentType, string Content);

    private sealed record Recipient(EmailAddress EmailAddress)
    {
        public static Recipient Of(string address) => new(new EmailAddress(address));
    }

    private sealed record EmailAddress(string Address);
}
