using Microsoft.AspNetCore.Diagnostics;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Infrastructure;

/// <summary>Maps exceptions to problem details; nothing leaves as a bare 500 with a stack trace.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, zh, en, errors) = exception switch
        {
            ApiProblemException p => (p.Status, p.Code, p.MessageZh, p.Message, p.Errors),
            WorkbookRejectedException w => (RejectionStatus(w.Code), w.Code, w.MessageZh, w.Message, null),
            BadHttpRequestException b => (b.StatusCode, b.StatusCode == 413 ? "request.too_large" : "request.invalid",
                b.StatusCode == 413 ? "请求内容过大。" : "请求格式无效。", b.StatusCode == 413 ? "The request is too large." : "The request is malformed.", null),
            _ when DatabaseUnavailable.Is(exception) => (503, "server.database_unavailable", "数据库暂时不可用，请稍后重试，您的数据未丢失。",
                "The database is temporarily unavailable; try again shortly. Nothing was lost.", null),
            _ => (500, "server.error", "服务器内部错误，请稍后重试。", "An internal error occurred; try again later.", (IReadOnlyList<ProblemItem>?)null),
        };

        if (status == 503)
        {
            // Expected while the database is away (and logged once per request by RequestLogging): one line, no stack.
            logger.LogWarning("Request failed with {Status} {Code}: {Reason}", status, code, exception.GetBaseException().Message);
            http.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Request failed with {Status} {Code}", status, code);
        }

        var problem = ApiProblem.Details(status, code, zh, en, errors);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>413 for sizes, 415 for formats the product does not take, 409 for another campaign's or unit's or an old template, else 400.</summary>
    internal static int RejectionStatus(string code) => code switch
    {
        "upload.too_large" or "upload.too_large_expanded" or "upload.too_many_entries" => 413,
        "upload.not_xlsx" or "upload.legacy_xls" or "upload.encrypted" or "upload.macro" or "upload.template" => 415,
        "upload.wrong_campaign" or "upload.wrong_unit" or "upload.template_outdated" => 409,
        _ => 400,
    };
}
