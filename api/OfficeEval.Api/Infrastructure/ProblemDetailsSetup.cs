using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace OfficeEval.Api.Infrastructure;

/// <summary>Every error leaves the API as problem details with a code and messages in both languages.</summary>
public static class ProblemDetailsSetup
{
    private static readonly Dictionary<int, (string Code, string Zh, string En)> Defaults = new()
    {
        [400] = ("request.invalid", "请求无效。", "The request is invalid."),
        [401] = ("auth.required", "请先登录。", "Sign in first."),
        [403] = ("forbidden", "您无权执行该操作。", "You may not perform this action."),
        [404] = ("not_found", "找不到请求的资源。", "The resource was not found."),
        [405] = ("method_not_allowed", "不支持该请求方法。", "The method is not allowed."),
        [413] = ("request.too_large", "请求内容过大。", "The request is too large."),
        [415] = ("request.media_type", "不支持的内容类型。", "The content type is not supported."),
        [500] = ("server.error", "服务器内部错误，请稍后重试。", "An internal error occurred; try again later."),
        [503] = ("server.unavailable", "服务暂时不可用，请稍后重试。", "The service is temporarily unavailable; try again shortly."),
    };

    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => Customize(context.HttpContext, context.ProblemDetails));
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    private static void Customize(HttpContext http, ProblemDetails problem)
    {
        var status = problem.Status ?? http.Response.StatusCode;
        if (!problem.Extensions.ContainsKey("code"))
        {
            var (code, zh, en) = Defaults.TryGetValue(status, out var d) ? d : ($"http.{status}", "请求失败。", "The request failed.");
            problem.Extensions["code"] = code;
            problem.Extensions["messageZh"] = zh;
            problem.Extensions["messageEn"] = en;
        }

        var english = PrefersEnglish(http);
        var message = (string?)problem.Extensions[english ? "messageEn" : "messageZh"];
        problem.Title = message;
        problem.Detail ??= message;
        problem.Instance ??= http.Request.Path;
        problem.Extensions["traceId"] = http.Features.Get<IHttpActivityFeature>()?.Activity?.TraceId.ToString() ?? http.TraceIdentifier;
    }

    /// <summary>zh-CN is the default; English only when the client's first language is English.</summary>
    public static bool PrefersEnglish(HttpContext http)
    {
        var header = http.Request.Headers.AcceptLanguage.ToString();
        return header.TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }
}
