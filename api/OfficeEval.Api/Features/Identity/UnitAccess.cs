using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// Which units of a campaign a user may see and change: the office (Admin) and Viewers see all; a Reviewer sees the
/// units assigned to them; unit staff see their own unit only. Only Admin and the unit's own staff change answers.
/// </summary>
public static class UnitAccess
{
    public static async Task<IReadOnlySet<Guid>> VisibleUnits(ClaimsPrincipal user, AppDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var units = db.CampaignUnits.Where(cu => cu.CampaignId == campaignId).Select(cu => cu.UnitId);
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Viewer))
        {
            return (await units.ToListAsync(cancellationToken)).ToHashSet();
        }

        var visible = new HashSet<Guid>();
        if (user.IsInRole(Roles.Reviewer))
        {
            var userId = user.UserId();
            visible.UnionWith(await db.ReviewerAssignments
                .Where(a => a.CampaignId == campaignId && a.UserId == userId)
                .Select(a => a.UnitId).ToListAsync(cancellationToken));
        }

        if (user.IsInRole(Roles.UnitStaff) && user.UnitId() is { } own && await units.ContainsAsync(own, cancellationToken))
        {
            visible.Add(own);
        }

        return visible;
    }

    public static bool CanEditAnswers(ClaimsPrincipal user, Guid unitId) =>
        user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.UnitStaff) && user.UnitId() == unitId);
}
