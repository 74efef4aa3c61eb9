using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// For features that put a framework to use (campaigns): only a published version may be used, because a draft can
/// still change or be deleted under the units evaluated on it.
/// </summary>
public static class PublishedFrameworks
{
    /// <summary>The published versions, for queries.</summary>
    public static IQueryable<FrameworkRecord> Published(this IQueryable<FrameworkRecord> frameworks) => frameworks.Where(f => f.PublishedAt != null);

    /// <summary>
    /// The framework <paramref name="frameworkId"/> when it may be used by a campaign; otherwise a problem to return:
    /// 404 <c>not_found</c> when there is none, 409 <c>framework.not_published</c> for a draft. The problem names the
    /// request field <paramref name="field"/> (e.g. <c>frameworkId</c>).
    /// </summary>
    public static async Task<(FrameworkRecord? Framework, ProblemHttpResult? Problem)> FindUsableAsync(
        AppDbContext db, Guid frameworkId, CancellationToken cancellationToken, string field = "frameworkId")
    {
        var framework = await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameworkId, cancellationToken);
        if (framework is null)
        {
            return (null, ApiProblem.Create(404, "not_found", "找不到指标体系。", "The framework was not found.",
                [new ProblemItem("framework.not_found", "找不到该指标体系。", "There is no such framework.") { Field = field }]));
        }

        if (!framework.IsPublished)
        {
            return (null, NotPublished(framework, field));
        }

        return (framework, null);
    }

    /// <summary>409 <c>framework.not_published</c>: the version is a draft.</summary>
    public static ProblemHttpResult NotPublished(FrameworkRecord framework, string field = "frameworkId")
    {
        ArgumentNullException.ThrowIfNull(framework);
        return ApiProblem.Create(409, "framework.not_published",
            $"指标体系 {framework.Code} {framework.Version} 尚未发布，评估批次只能使用已发布的指标体系。",
            $"Framework {framework.Code} {framework.Version} is a draft; a campaign may only use a published framework.",
            [new ProblemItem("framework.not_published", "请先发布该指标体系。", "Publish the framework first.") { Field = field }]);
    }
}
