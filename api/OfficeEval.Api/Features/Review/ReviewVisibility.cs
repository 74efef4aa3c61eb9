using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Identity;

namespace OfficeEval.Api.Features.Review;

/// <summary>
/// Who sees a field review before it is completed: the office side (Admin and Viewer for every unit, a Reviewer for
/// the units of their group). A unit's own staff see its verified scores, comments, problems and the official results
/// that follow from them only once the review is completed.
/// </summary>
public static class ReviewVisibility
{
    /// <summary>Whether <paramref name="user"/> sees the reviews of a campaign's units while they are in progress, per unit.</summary>
    public static async Task<Func<Guid, bool>> InProgressFor(ClaimsPrincipal user, AppDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Viewer))
        {
            return _ => true;
        }

        if (user.IsInRole(Roles.Reviewer))
        {
            var assigned = (await UnitAccess.AssignedQuery(db, campaignId, user.UserId()).ToListAsync(cancellationToken)).ToHashSet();
            return assigned.Contains;
        }

        return _ => false;
    }

    /// <summary>Whether verified values are shown: to the office side always, to everyone else once the review is completed.</summary>
    public static bool VerifiedVisible(bool seesInProgress, ReviewStatus? status) => seesInProgress || status == ReviewStatus.Completed;
}
