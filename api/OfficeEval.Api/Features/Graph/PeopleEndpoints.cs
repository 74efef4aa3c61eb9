using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Graph;

/// <summary>People of the organisation's directory, found as the signed-in user (on-behalf-of): for assigning reviewers.</summary>
public static class PeopleEndpoints
{
    public const int MinQuery = 2;

    public const int MaxQuery = 64;

    public static IEndpointRouteBuilder MapGraphPeople(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/graph/people", Find)
            .WithTags("Graph")
            .WithName("FindGraphPeople")
            .WithSummary("Up to ten directory users whose name or e-mail starts with q (2–64 characters), searched in Microsoft 365 as the caller; needs an Entra sign-in (409 graph.delegation_unavailable otherwise).")
            .RequireAccess(Access.Office);
        return endpoints;
    }

    internal static async Task<Results<Ok<IReadOnlyList<GraphPerson>>, ProblemHttpResult>> Find(
        string? q, HttpContext http, IGraphClient graph, IOptionsMonitor<GraphOptions> options, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Missing() is { Count: > 0 } missing)
        {
            return GraphProblems.Disabled(missing);
        }

        var query = q?.Trim() ?? "";
        var length = new StringInfo(query).LengthInTextElements;
        if (length < MinQuery || length > MaxQuery || query.Any(char.IsControl))
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "graph.query_invalid", "查询条件无效。", "The query is invalid.",
                [new ProblemItem("graph.query_length", $"请输入 {MinQuery} 到 {MaxQuery} 个字符的姓名或邮箱开头。",
                    $"Type the first {MinQuery} to {MaxQuery} characters of a name or e-mail.") { Field = "q" }]);
        }

        if (EntraUserToken.Of(http) is not { } assertion)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "graph.delegation_unavailable",
                "查找组织人员需要使用 Microsoft 账户登录，请使用“使用 Microsoft 账户登录”后重试。",
                "Finding people in the organisation needs a Microsoft (Entra ID) sign-in; sign in with your Microsoft account and try again.");
        }

        try
        {
            return TypedResults.Ok(await graph.FindPeopleAsync(assertion, query, cancellationToken));
        }
        catch (GraphException e)
        {
            return GraphProblems.Failed(e);
        }
    }
}
