using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>One unit of a campaign with the framework it is evaluated on (the campaign's, with its individual indicators).</summary>
public sealed record UnitContext(Campaign Campaign, CampaignUnit Link, FrameworkDefinition Framework)
{
    /// <summary>
    /// The campaign, the unit and its link, and when the campaign's framework was published, in one query: every request
    /// on a unit starts here. Compiled once, so EF Core neither looks the query up nor translates it per request.
    /// </summary>
    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<Row?>> FindAsync = EF.CompileAsyncQuery(
        (AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken) =>
            (from link in db.CampaignUnits.AsNoTracking()
             join campaign in db.Campaigns on link.CampaignId equals campaign.Id
             join unit in db.Units on link.UnitId equals unit.Id
             join framework in db.Frameworks on campaign.FrameworkId equals framework.Id
             where link.CampaignId == campaignId && link.UnitId == unitId
             select new Row(campaign, link, unit, framework.PublishedAt, null)).FirstOrDefault());

    /// <summary>The same, with the unit's draft (without answers) in the same row; null when the unit has not started.</summary>
    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<Row?>> FindWithDraftAsync = EF.CompileAsyncQuery(
        (AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken) =>
            (from link in db.CampaignUnits.AsNoTracking()
             join campaign in db.Campaigns on link.CampaignId equals campaign.Id
             join unit in db.Units on link.UnitId equals unit.Id
             join framework in db.Frameworks on campaign.FrameworkId equals framework.Id
             from draft in db.SelfAssessments.Where(a => a.CampaignId == link.CampaignId && a.UnitId == link.UnitId).DefaultIfEmpty()
             where link.CampaignId == campaignId && link.UnitId == unitId
             select new Row(campaign, link, unit, framework.PublishedAt, draft)).FirstOrDefault());

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<AnswerRecord>> AnswersOf = EF.CompileAsyncQuery(
        (AppDbContext db, Guid draftId) => db.Answers.AsNoTracking().Where(a => a.SelfAssessmentId == draftId));

    private static readonly IReadOnlyDictionary<string, decimal> NoFractions = new Dictionary<string, decimal>(StringComparer.Ordinal);

    public Unit Unit => Link.Unit!;

    /// <summary>
    /// The questionnaire's fractions for the unit's survey-rule leaves; empty until the campaign's survey is opened, and
    /// without a query when the unit's framework has no survey-rule leaf.
    /// </summary>
    public Task<IReadOnlyDictionary<string, decimal>> SurveyFractionsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        SurveyFractionsAsync(() => db, cancellationToken);

    /// <summary>The same, taking the request's <see cref="AppDbContext"/> from <paramref name="services"/> only when it queries.</summary>
    public Task<IReadOnlyDictionary<string, decimal>> SurveyFractionsAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        SurveyFractionsAsync(services.GetRequiredService<AppDbContext>, cancellationToken);

    private Task<IReadOnlyDictionary<string, decimal>> SurveyFractionsAsync(Func<AppDbContext> db, CancellationToken cancellationToken) =>
        CompiledFramework.For(Framework).Leaves.Any(l => l.Node.Rule is SurveyRule)
            ? SurveyScores.FractionsAsync(db(), Campaign.Id, Unit.Id, Framework, cancellationToken)
            : Task.FromResult(NoFractions);

    /// <summary>Loads the unit of the campaign, or the 404/409 problem saying why not. Access is checked by the endpoint's policy.</summary>
    public static async Task<(UnitContext? Context, ProblemHttpResult? Problem)> LoadAsync(
        AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken) =>
        await CompleteAsync(db, campaignId, unitId, await FindAsync(db, campaignId, unitId, cancellationToken), cancellationToken);

    /// <summary>
    /// <see cref="LoadAsync"/> with the unit's draft and its answers, read only and without the submitted versions (null
    /// before the first save): what checking a draft needs, in two queries.
    /// </summary>
    public static async Task<(UnitContext? Context, SelfAssessmentRecord? Draft, ProblemHttpResult? Problem)> LoadWithDraftAsync(
        AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken)
    {
        var row = await FindWithDraftAsync(db, campaignId, unitId, cancellationToken);
        var (context, problem) = await CompleteAsync(db, campaignId, unitId, row, cancellationToken);
        if (context is null || row?.Draft is not { } draft)
        {
            return (context, null, problem);
        }

        await foreach (var answer in AnswersOf(db, draft.Id).WithCancellation(cancellationToken))
        {
            draft.Answers.Add(answer);
        }

        return (context, draft, null);
    }

    /// <summary>
    /// <see cref="LoadWithDraftAsync"/> from <paramref name="cache"/> when it holds the unit, else from the database
    /// (the request's <see cref="AppDbContext"/>, taken from <paramref name="services"/> only then), keeping a copy. For checking a draft only: what it returns is shared between requests and must not be changed.
    /// </summary>
    public static async Task<(UnitContext? Context, SelfAssessmentRecord? Draft, ProblemHttpResult? Problem)> LoadForCheckAsync(
        IServiceProvider services, DraftCache cache, Guid campaignId, Guid unitId, CancellationToken cancellationToken)
    {
        if (cache.Find(campaignId, unitId) is { } copy)
        {
            return (copy.Context, copy.Draft, null);
        }

        var generation = cache.Generation;
        var (context, draft, problem) = await LoadWithDraftAsync(services.GetRequiredService<AppDbContext>(), campaignId, unitId, cancellationToken);
        if (context is not null)
        {
            cache.Add(campaignId, unitId, new DraftCache.Entry(context, draft), generation);
        }

        return (context, draft, problem);
    }

    private static async Task<(UnitContext? Context, ProblemHttpResult? Problem)> CompleteAsync(
        AppDbContext db, Guid campaignId, Guid unitId, Row? row, CancellationToken cancellationToken)
    {
        var framework = row is null ? null : await PublishedDefinitions.GetAsync(db, row.Campaign.FrameworkId, row.FrameworkPublishedAt, cancellationToken);
        if (row is null || framework is null)
        {
            return await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken)
                ? (null, ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign"))
                : (null, ApiProblem.NotFound("评估批次", "campaign"));
        }

        var link = row.Link;
        link.Unit = row.Unit;
        var (definition, problems) = UnitEvaluation.FrameworkFor(framework, link);
        if (problems.Count > 0)
        {
            return (null, ApiProblem.Create(409, "campaign.individual_invalid", "该单位的个性指标设置有误，请联系评估办公室。",
                "The unit's individual indicators are set up wrongly; contact the evaluation office.",
                [.. problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { IndicatorCode = p.IndicatorCode, Field = p.Field })]));
        }

        return (new UnitContext(row.Campaign, link, definition), null);
    }

    private sealed record Row(Campaign Campaign, CampaignUnit Link, Unit Unit, DateTimeOffset? FrameworkPublishedAt, SelfAssessmentRecord? Draft);
}
