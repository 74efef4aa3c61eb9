using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.History;

public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/history", Get)
            .WithTags("Results")
            .WithName("GetUnitHistory")
            .WithSummary("The unit's results in this campaign and its earlier finalised ones (year, framework version, official total, rate, grade, board, 连续两次红榜, results application), and this campaign compared with the previous one through the indicator mapping between their frameworks: dimensions before and after, indicators changed, unmapped or dropped.")
            .RequireAccess(Access.UnitRead);
        return endpoints;
    }

    internal static async Task<Results<Ok<UnitHistory>, ProblemHttpResult>> Get(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, AppDbContext db, CampaignHistory history, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var current = await history.ScoresAsync(campaign, cancellationToken);
        var unit = current.Units.FirstOrDefault(u => u.Unit.Id == unitId);
        if (unit is null)
        {
            return ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign");
        }

        // Oldest first, so each campaign's 连续两次红榜 follows from the one before it: the unit's previous campaign is
        // the latest earlier finalised one it took part in, as for the campaign's own results.
        var entries = new List<HistoryEntry>();
        Board? previousBoard = null;
        var earlier = await history.EarlierCampaignsAsync(campaign, unitId, cancellationToken);
        foreach (var past in earlier)
        {
            var scores = await history.ScoresAsync(past, cancellationToken);
            var own = scores.Units.FirstOrDefault(u => u.Unit.Id == unitId);
            var framework = await history.FrameworkAsync(past.FrameworkId, cancellationToken);
            // Finalising needs every unit's field review completed: a finalised campaign's official figures are visible.
            entries.Add(HistoryEntry.From(scores, framework, own, isCurrent: false, visible: true, previousBoard == Board.Red && own?.Board?.Board == Board.Red));
            previousBoard = own?.Board?.Board;
        }

        var seesInProgress = await ReviewVisibility.InProgressFor(user, db, campaignId, cancellationToken);
        var visible = ReviewVisibility.VerifiedVisible(seesInProgress(unitId), unit.Review?.Status);
        var currentFramework = await history.FrameworkAsync(campaign.FrameworkId, cancellationToken);
        entries.Add(HistoryEntry.From(current, currentFramework, unit, isCurrent: true, visible, previousBoard == Board.Red && unit.Board?.Board == Board.Red));

        HistoryComparison? comparison = null;
        string? unavailable = null;
        if (earlier.Count == 0)
        {
            unavailable = "history.no_previous";
        }
        else if (!visible)
        {
            unavailable = "history.not_visible";
        }
        else if (await history.CompareAsync(await history.ScoresAsync(earlier[^1], cancellationToken), unit, campaign.FrameworkId, cancellationToken) is { } compared)
        {
            comparison = HistoryComparison.From(earlier[^1], compared.Source, compared.Comparison);
        }
        else
        {
            unavailable = "history.not_scored";
        }

        return TypedResults.Ok(new UnitHistory(campaignId, unitId, unit.Unit.Code, unit.Unit.Name, entries, comparison) { ComparisonUnavailable = unavailable });
    }
}
