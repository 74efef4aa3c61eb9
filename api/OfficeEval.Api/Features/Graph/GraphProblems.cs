using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Graph;

/// <summary>The Graph endpoints' problems.</summary>
internal static class GraphProblems
{
    /// <summary>Graph is off or lacks what this endpoint needs: 503 naming the settings to set.</summary>
    public static ProblemHttpResult Disabled(IReadOnlyList<string> missing)
    {
        var problem = ApiProblem.Details(StatusCodes.Status503ServiceUnavailable, "graph.disabled",
            "未配置 Microsoft 365（Graph）集成，请管理员设置：" + string.Join("，", missing) + "。",
            "Microsoft 365 (Graph) is not configured; an administrator must set: " + string.Join(", ", missing) + ".");
        problem.Extensions["missing"] = missing;
        return TypedResults.Problem(problem);
    }

    /// <summary>What <paramref name="options"/> lack for Graph, plus the named settings this endpoint also needs.</summary>
    public static IReadOnlyList<string> Missing(GraphOptions options, params (string Name, string Value)[] needed) =>
        [.. options.Missing(), .. needed.Where(n => string.IsNullOrWhiteSpace(n.Value)).Select(n => $"{GraphOptions.Section}:Graph:{n.Name}")];

    /// <summary>A Graph call made for the request failed (after its retries).</summary>
    public static ProblemHttpResult Failed(GraphException e)
    {
        var (status, code, zh, en) = e switch
        {
            { Code: "consent_required" } => (StatusCodes.Status403Forbidden, "graph.consent_required",
                "尚未同意本应用以您的身份访问 Microsoft 365 目录，请联系管理员授予同意后重新登录。",
                "The app has not been granted consent to read the directory for you; ask an administrator to grant consent, then sign in again."),
            { Transient: true } => (StatusCodes.Status503ServiceUnavailable, "graph.unavailable",
                "Microsoft 365 暂时不可用，请稍后重试。", "Microsoft 365 is unavailable for the moment; try again shortly."),
            _ => (StatusCodes.Status502BadGateway, "graph.failed",
                "Microsoft 365 拒绝了请求：" + e.Describe(), "Microsoft 365 refused the request: " + e.Describe()),
        };
        var problem = ApiProblem.Details(status, code, zh, en);
        problem.Extensions["graphStatus"] = e.Status;
        problem.Extensions["graphCode"] = e.Code;
        return TypedResults.Problem(problem);
    }
}
