using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.Results;

public static class ResultsEndpoints
{
    public sealed record CampaignResults(Guid CampaignId, IReadOnlyList<UnitResult> Units);

    /// <summary>One unit's result; a unit that has not started has no total and no rank.</summary>
    public sealed record UnitResult(Guid UnitId, string UnitCode, string UnitName, string Status, decimal? Total, decimal MaxTotal, decimal? ScoreRate, int? Rank, IReadOnlyList<DimensionScore> Dimensions);

    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/results", Get)
            .WithTags("Results")
            .WithName("GetCampaignResults")
            .WithSummary("Scores, score rates and ranks of the campaign's units, as the engine computes them; filtered to the units the user may see.")
            .RequireAccess(Access.SignedIn);
        return endpoints;
    }

    internal static async Task<Results<Ok<CampaignResults>, ProblemHttpResult>> Get(Guid campaignId, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        if (campaign is null || framework is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var definition = framework.ToDefinition();
        var links = await db.CampaignUnits.AsNoTracking().Include(cu => cu.Unit).Where(cu => cu.CampaignId == campaignId)
            .OrderBy(cu => cu.Unit!.Code).ToListAsync(cancellationToken);
        var units = links.Select(cu => cu.Unit!).ToList();
        var frameworks = links.ToDictionary(cu => cu.UnitId, cu => UnitEvaluation.FrameworkFor(definition, cu).Framework);
        var assessments = await db.SelfAssessments.AsNoTracking().Include(a => a.Answers)
            .Where(a => a.CampaignId == campaignId).ToDictionaryAsync(a => a.UnitId, cancellationToken);

        // The campaign view shows totals and dimensions, never per-leaf text: consolidate without explanations.
        var policy = ScoringPolicy.Default with { Explain = false };
        var scores = assessments.ToDictionary(kv => kv.Key, kv => UnitScorer.Score(frameworks[kv.Key], UnitEvaluation.InputOf(kv.Value), policy));
        var ranks = Ranking.Competition(scores.Select(kv => (kv.Key, kv.Value.Total))).ToDictionary(r => r.Key, r => r.Rank);
        var visible = await UnitAccess.VisibleUnits(user, db, campaignId, cancellationToken);

        var results = units.Where(u => visible.Contains(u.Id)).Select(u => scores.TryGetValue(u.Id, out var s)
            ? new UnitResult(u.Id, u.Code, u.Name, assessments[u.Id].Status.ToString(), s.Total, s.MaxTotal, s.ScoreRate, ranks[u.Id], s.Dimensions)
            : new UnitResult(u.Id, u.Code, u.Name, "NotStarted", null, definition.TotalPoints, null, null, [])).ToList();
        return TypedResults.Ok(new CampaignResults(campaignId, results));
    }
}
