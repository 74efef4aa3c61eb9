using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Results;

public static class ResultsEndpoints
{
    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/results", Get)
            .WithTags("Results")
            .WithName("GetCampaignResults")
            .WithSummary("Self and official totals, deviations, score rates, ranks, grades and boards of the campaign's units, computed from the stored answers and verified scores on every call; filtered to the units the user may see. Statistics for the office side.")
            .RequireAccess(Access.SignedIn);
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/results", GetUnit)
            .WithTags("Results")
            .WithName("GetUnitResults")
            .WithSummary("One unit's results in depth: per leaf computed, self, verified and official scores with deviation, explanation, comment and problems; self and official dimension rates; grade, board, rank; largest deviations first.")
            .RequireAccess(Access.UnitRead);
        endpoints.MapPost("/api/campaigns/{campaignId:guid}/results/finalize", FinalizeResults)
            .WithTags("Results")
            .WithName("FinalizeCampaignResults")
            .WithSummary("Finalises the results (定档) once every unit's field review is completed: every unit becomes Final and nothing can change any more.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Ok<CampaignResults>, ProblemHttpResult>> Get(
        Guid campaignId, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, CancellationToken cancellationToken)
    {
        var scores = await scoring.ScoreAsync(campaignId, null, cancellationToken);
        return scores is null ? ApiProblem.NotFound("评估批次", "campaign") : TypedResults.Ok(await View(scores, user, db, cancellationToken));
    }

    internal static async Task<Results<Ok<UnitResultDetail>, ProblemHttpResult>> GetUnit(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, CancellationToken cancellationToken)
    {
        var scores = await scoring.ScoreAsync(campaignId, unitId, cancellationToken);
        if (scores is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var unit = scores.Units.FirstOrDefault(u => u.Unit.Id == unitId);
        if (unit is null)
        {
            return ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign");
        }

        var seesInProgress = await ReviewVisibility.InProgressFor(user, db, campaignId, cancellationToken);
        return TypedResults.Ok(UnitResultDetail.From(scores, unit, ReviewVisibility.VerifiedVisible(seesInProgress(unitId), unit.Review?.Status)));
    }

    internal static async Task<Results<Ok<CampaignResults>, ProblemHttpResult>> FinalizeResults(
        Guid campaignId, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        if (campaign.FinalizedAt is not null)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "results.finalized", "该批次评估结果已定档。", "The campaign's results are already finalised.");
        }

        var scores = (await scoring.ScoreAsync(campaignId, null, cancellationToken))!;
        var pending = scores.Units.Where(u => u.Status != SelfAssessmentStatus.FieldReviewed).ToList();
        if (pending.Count > 0)
        {
            return NotReady(pending);
        }

        var assessments = await db.SelfAssessments.Where(a => a.CampaignId == campaignId).ToListAsync(cancellationToken);
        foreach (var assessment in assessments)
        {
            assessment.Status = SelfAssessmentStatus.Final;
            assessment.Revision++;
        }

        campaign.FinalizedAt = clock.GetUtcNow();
        audit.Add(new AuditEvent(AuditActions.ResultsFinalized, $"campaign/{campaignId}")
        {
            CampaignId = campaignId,
            // The results as finalised, so the log shows what was decided even if a rule were later found wrong.
            Data = new
            {
                Units = scores.Units.Select(u => new
                {
                    u.Unit.Code,
                    u.Official!.Total,
                    u.Official.ScoreRate,
                    u.Rank,
                    u.Grade?.Grade,
                    Board = u.Board?.Board.ToString(),
                    SelfTotal = u.Self!.Total,
                }),
            },
        }, user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A unit moved on (a review reopened) while finalising: nothing was saved.
            return ApiProblem.Create(StatusCodes.Status409Conflict, "results.changed", "定档过程中有单位的评估状态发生变化，请刷新后重试。",
                "A unit's status changed while finalising; nothing was saved. Refresh and try again.");
        }

        db.ChangeTracker.Clear();
        return TypedResults.Ok(await View((await scoring.ScoreAsync(campaignId, null, cancellationToken))!, user, db, cancellationToken));
    }

    private static ProblemHttpResult NotReady(IReadOnlyList<UnitScores> pending)
    {
        var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "results.not_ready",
            $"还有 {pending.Count} 个单位未完成实地评估，不能定档。", $"{pending.Count} unit(s) have not completed the field review; the results cannot be finalised yet.",
            [.. pending.Select(u => new ProblemItem("results.unit_not_reviewed",
                $"{u.Unit.Name}（{u.Unit.Code}）当前为“{SelfAssessmentStatuses.NameZh(u.Status)}”，尚未完成实地评估。",
                $"{u.Unit.Code} is {u.Status}: its field review is not completed.") { Field = u.Unit.Code })]);
        problem.Extensions["units"] = pending.Select(u => new { UnitId = u.Unit.Id, u.Unit.Code, u.Unit.Name, Status = u.Status.ToString() }).ToList();
        return TypedResults.Problem(problem);
    }

    private static async Task<CampaignResults> View(CampaignScores scores, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var campaignId = scores.Campaign.Id;
        var visible = await UnitAccess.VisibleUnits(user, db, campaignId, cancellationToken);
        var seesInProgress = await ReviewVisibility.InProgressFor(user, db, campaignId, cancellationToken);
        var office = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Viewer);
        var units = scores.Units.Where(u => visible.Contains(u.Unit.Id))
            .Select(u => UnitResult.From(scores, u, ReviewVisibility.VerifiedVisible(seesInProgress(u.Unit.Id), u.Review?.Status))).ToList();
        return new CampaignResults(campaignId, units)
        {
            FinalizedAt = scores.Campaign.FinalizedAt,
            Statistics = office ? scores.Statistics : null,
            Problems = office ? [.. scores.Problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { Field = p.Field, IndicatorCode = p.IndicatorCode })] : [],
        };
    }
}
