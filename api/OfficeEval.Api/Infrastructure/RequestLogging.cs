using System.Diagnostics;
using System.Security.Claims;

namespace OfficeEval.Api.Infrastructure;

/// <summary>
/// One structured log line per request: method, path, status, elapsed time and user. A questionnaire code in the path
/// (<c>/s/{code}</c>, <c>/api/public/surveys/{code}</c>) is logged as <c>***</c>: a code answers a questionnaire, and
/// a log would tie it to the time it was used.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    private static readonly string[] CodePrefixes = ["/s/", "/api/public/surveys/"];

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var level = http.Response.StatusCode >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms for {UserId}",
                http.Request.Method, Redact(http.Request.Path.Value), http.Response.StatusCode, elapsed,
                http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous");
        }
    }

    /// <summary>The path with the segment after a questionnaire prefix replaced by <c>***</c> (case-insensitive, as routing matches).</summary>
    public static string? Redact(string? path)
    {
        if (path is null)
        {
            return null;
        }

        foreach (var prefix in CodePrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.Length > prefix.Length)
            {
                var end = path.IndexOf('/', prefix.Length);
                return path[..prefix.Length] + "***" + (end < 0 ? "" : path[end..]);
            }
        }

        return path;
    }
}
