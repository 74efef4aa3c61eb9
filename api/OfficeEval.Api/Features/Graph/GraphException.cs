using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// A Graph call (or the token for it) that failed: the HTTP status when there was one, Graph's error code and message,
/// whether trying again later may succeed, and how long Graph asked to wait.
/// </summary>
public sealed class GraphException(int? status, string code, string message, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>429, 408, 5xx, a network error or a timeout: the same call later may succeed. Anything else will not.</summary>
    public bool Transient { get; } = transient;

    /// <summary>Graph's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>As the outbox records it: status, code and message.</summary>
    public string Describe() => Status is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"HTTP {s} {Code}: {Message}")
        : $"{Code}: {Message}";

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>The exception for an unsuccessful response, with Graph's <c>{"error":{"code","message"}}</c> when the body has it.</summary>
    public static async Task<GraphException> FromResponseAsync(HttpResponseMessage response, TimeProvider clock, CancellationToken cancellationToken)
    {
        var code = response.StatusCode.ToString();
        var message = response.ReasonPhrase ?? "";
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (body.Length > 0 && body.Length < 65536)
            {
                using var json = JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.Object)
                    {
                        code = Text(error, "code") ?? code;
                        message = Text(error, "message") ?? message;
                    }
                    else if (error.ValueKind == JsonValueKind.String)
                    {
                        code = error.GetString() ?? code;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not Graph's error body (a proxy's page): the status says enough.
        }

        return new GraphException((int)response.StatusCode, code, message, IsTransient(response.StatusCode), GraphRetryHandler.RetryAfter(response, clock));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
