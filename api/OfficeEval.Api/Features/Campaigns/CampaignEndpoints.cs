using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Campaigns;

public static class CampaignEndpoints
{
    public sealed record CampaignSummary(Guid Id, int Year, string Name, string FrameworkName, string FrameworkVersion);

    public sealed record UnitSummary(Guid Id, string Code, string Name, string Kind);

    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns").WithTags("Campaigns");
        group.MapGet("/", List).WithName("ListCampaigns").WithSummary("Campaigns, newest first.").RequireAccess(Access.SignedIn);
        group.MapGet("/{campaignId:guid}/units", Units).WithName("ListCampaignUnits").WithSummary("The campaign's units the user may see.").RequireAccess(Access.SignedIn);
        return endpoints;
    }

    internal static async Task<Ok<List<CampaignSummary>>> List(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Campaigns
            .OrderByDescending(c => c.Year).ThenBy(c => c.Name)
            .Join(db.Frameworks, c => c.FrameworkId, f => f.Id, (c, f) => new CampaignSummary(c.Id, c.Year, c.Name, f.Name, f.Version))
            .ToListAsync(cancellationToken));

    internal static async Task<Results<Ok<List<UnitSummary>>, ProblemHttpResult>> Units(Guid campaignId, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var visible = await UnitAccess.VisibleUnits(user, db, campaignId, cancellationToken);
        var units = await db.Units.Where(u => visible.Contains(u.Id)).OrderBy(u => u.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(units.Select(u => new UnitSummary(u.Id, u.Code, u.Name, u.Kind.ToString())).ToList());
    }

    /// <summary>Loads a campaign with its framework, or a 404 problem.</summary>
    internal static async Task<(Campaign? Campaign, FrameworkRecord? Framework)> Load(AppDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return (null, null);
        }

        var framework = await db.Frameworks.AsNoTracking().FirstAsync(f => f.Id == campaign.FrameworkId, cancellationToken);
        return (campaign, framework);
    }
}
