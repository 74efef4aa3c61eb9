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
            visible.UnionWith(await AssignedQuery(db, campaignId, userId).ToListAsync(cancellationToken));
        }

        if (user.IsInRole(Roles.UnitStaff) && user.UnitId() is { } own && await units.ContainsAsync(own, cancellationToken))
        {
            visible.Add(own);
        }

        return visible;
    }

    /// <summary>The units of a campaign a reviewer is assigned to.</summary>
    public static IQueryable<Guid> AssignedQuery(AppDbContext db, Guid campaignId, Guid userId) =>
        from u in db.ReviewerGroupUnits
        join m in db.ReviewerGroupMembers on u.GroupId equals m.GroupId
        where u.CampaignId == campaignId && m.UserId == userId
        select u.UnitId;

    public static bool CanEditAnswers(ClaimsPrincipal user, Guid unitId) =>
        user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.UnitStaff) && user.UnitId() == unitId);
}
