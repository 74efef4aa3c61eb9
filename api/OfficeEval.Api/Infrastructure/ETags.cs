using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OfficeEval.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP: a resource's revision is its ETag (<c>"7"</c>); a change must send it back in
/// <c>If-Match</c>. Without one the change is refused (428), and with an old one it is refused (412) with the current
/// state, so nobody overwrites a colleague's work without seeing it.
/// </summary>
public static class ETags
{
    public static string Of(int revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext http, int revision) => http.Response.Headers.ETag = Of(revision);

    /// <summary>The revision the client sent in If-Match, or the 428/400 problem.</summary>
    public static (int? Revision, ProblemHttpResult? Problem) Expected(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (null, ApiProblem.Create(428, "precondition.required", "请在 If-Match 请求头中带上您所编辑版本的 ETag。",
                "Send the ETag of the version you edited in the If-Match header."));
        }

        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        return int.TryParse(header.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? (revision, null)
            : (null, ApiProblem.Create(400, "precondition.invalid", "If-Match 请求头格式不正确，应为 ETag，如 \"3\"。",
                "The If-Match header is not an ETag such as \"3\"."));
    }

    /// <summary>412: someone else changed it first; the current state is in the problem's <c>current</c> extension.</summary>
    public static ProblemHttpResult Stale(object current, int currentRevision)
    {
        var problem = ApiProblem.Details(412, "precondition.failed", "内容已被他人修改，请查看最新版本后再保存。",
            "Someone else changed this first; review the current version and save again.");
        problem.Extensions["current"] = current;
        problem.Extensions["currentETag"] = Of(currentRevision);
        return TypedResults.Problem(problem);
    }
}
