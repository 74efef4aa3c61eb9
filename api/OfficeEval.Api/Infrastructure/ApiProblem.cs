using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OfficeEval.Api.Infrastructure;

/// <summary>One specific problem: stable code, zh-CN and en-US messages, and where it is (field, or sheet and cell).</summary>
public sealed record ProblemItem(string Code, string MessageZh, string MessageEn)
{
    public string? Field { get; init; }

    public string? IndicatorCode { get; init; }

    public string? Sheet { get; init; }

    public string? Cell { get; init; }

    /// <summary>A warning: shown, but it did not stop the request.</summary>
    public bool IsWarning { get; init; }
}

/// <summary>
/// Builds RFC 9457 problem details with the product's extensions: <c>code</c>, <c>messageZh</c>, <c>messageEn</c>
/// and, for several problems, <c>errors</c>. <c>title</c> and <c>detail</c> follow the request's language
/// (zh-CN unless the client asks for English); see <see cref="ProblemDetailsSetup"/>.
/// </summary>
public static class ApiProblem
{
    public static ProblemHttpResult Create(int status, string code, string messageZh, string messageEn, IReadOnlyList<ProblemItem>? errors = null) =>
        TypedResults.Problem(Details(status, code, messageZh, messageEn, errors));

    /// <summary>The problem body itself, for places that write it without a result (the exception handler).</summary>
    public static ProblemDetails Details(int status, string code, string messageZh, string messageEn, IReadOnlyList<ProblemItem>? errors = null)
    {
        var problem = new ProblemDetails { Status = status };
        problem.Extensions["code"] = code;
        problem.Extensions["messageZh"] = messageZh;
        problem.Extensions["messageEn"] = messageEn;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    public static ProblemHttpResult NotFound(string what, string whatEn) =>
        Create(StatusCodes.Status404NotFound, "not_found", $"找不到{what}。", $"The {whatEn} was not found.");

    public static ProblemHttpResult Forbidden() =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "您无权访问该单位或该操作。", "You may not access this unit or perform this action.");
}

/// <summary>Thrown where a handler cannot return a result directly; mapped by <see cref="ApiExceptionHandler"/>.</summary>
public sealed class ApiProblemException(int status, string code, string messageZh, string messageEn, IReadOnlyList<ProblemItem>? errors = null)
    : Exception(messageEn)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string MessageZh { get; } = messageZh;

    public IReadOnlyList<ProblemItem>? Errors { get; } = errors;
}
