using System.Diagnostics;
using System.Security.Claims;

namespace OfficeEval.Api.Infrastructure;

/// <summary>One structured log line per request: method, path, status, elapsed time and user.</summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
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
                http.Request.Method, http.Request.Path.Value, http.Response.StatusCode, elapsed,
                http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous");
        }
    }
}
