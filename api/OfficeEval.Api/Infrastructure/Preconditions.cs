using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace OfficeEval.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP (RFC 9110 conditional requests): a resource carries its revision as a strong
/// ETag (<c>"3"</c>); a change must send it back in <c>If-Match</c>. Without one the change is refused with 428, so
/// that two people working on the same record never overwrite each other unknowingly; with an old one, 412 and the
/// current state, so the client can show what changed and try again.
/// </summary>
public static class Preconditions
{
    /// <summary>The ETag of a revision.</summary>
    public static string ETag(int revision) => string.Create(CultureInfo.InvariantCulture, $"\"{revision}\"");

    /// <summary>
    /// The revisions the request's <c>If-Match</c> names, or null when it names none: the header is missing, malformed,
    /// or only <c>*</c> or weak tags (If-Match compares strongly, and a write must say which revision it read).
    /// </summary>
    public static IReadOnlySet<int>? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!EntityTagHeaderValue.TryParseStrictList(request.Headers.IfMatch, out var tags))
        {
            return null;
        }

        var revisions = new HashSet<int>();
        foreach (var tag in tags)
        {
            var value = tag.Tag.Value;
            if (!tag.IsWeak && value is { Length: > 2 }
                && int.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            {
                revisions.Add(revision);
            }
        }

        return revisions.Count == 0 ? null : revisions;
    }

    /// <summary>428: the change must say which revision it was made on.</summary>
    public static ProblemHttpResult Required() =>
        ApiProblem.Create(StatusCodes.Status428PreconditionRequired, "precondition.required",
            "请在 If-Match 请求头中提供读取时的版本号（ETag，例如 \"3\"）后再提交修改。",
            "Send the revision you read in the If-Match header (the ETag, e.g. \"3\") with the change.");

    /// <summary>Sets the response's ETag to the revision.</summary>
    public static void SetETag(HttpContext http, int revision)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.ETag = ETag(revision);
    }

    /// <summary>
    /// 412: someone changed the resource since the client read it; <paramref name="current"/> is what it is now (the
    /// problem's <c>current</c>), and <paramref name="currentRevision"/> its ETag (<c>currentETag</c>) to retry with.
    /// </summary>
    public static ProblemHttpResult Failed(object current, int? currentRevision = null)
    {
        var problem = ApiProblem.Details(StatusCodes.Status412PreconditionFailed, "precondition.failed",
            "内容已被他人修改，请查看最新内容后重新提交。",
            "Someone else changed this since you read it; review the current version and try again.");
        problem.Extensions["current"] = current;
        if (currentRevision is { } revision)
        {
            problem.Extensions["currentETag"] = ETag(revision);
        }

        return TypedResults.Problem(problem);
    }
}
