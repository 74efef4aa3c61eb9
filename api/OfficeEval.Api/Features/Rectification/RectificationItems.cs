using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// What every endpoint that reads or changes an item shares: finding it in its own unit only, the If-Match checks and
/// the 412 answer, a new item and its history steps, and what the audit log keeps of it.
/// </summary>
public static class RectificationItems
{
    internal static string Target(Guid itemId) => $"rectification/{itemId}";

    internal static ProblemHttpResult ItemNotFound() => ApiProblem.NotFound("该单位的整改事项", "rectification item of this unit");

    /// <summary>The campaign's ledger, or 404 when the campaign does not exist or the unit is not in it.</summary>
    internal static async Task<(LedgerContext? Ledger, ProblemHttpResult? Problem)> LoadUnitAsync(
        AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken)
    {
        var ledger = await LedgerContext.LoadAsync(db, campaignId, cancellationToken);
        if (ledger is null)
        {
            return (null, ApiProblem.NotFound("评估批次", "campaign"));
        }

        return ledger.Units.ContainsKey(unitId) ? (ledger, null) : (null, ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign"));
    }

    /// <summary>The item of the unit (never another unit's, whatever its id), or null.</summary>
    internal static Task<RectificationItem?> FindAsync(AppDbContext db, Guid campaignId, Guid unitId, Guid itemId, bool tracking, CancellationToken cancellationToken)
    {
        var items = tracking ? db.RectificationItems : db.RectificationItems.AsNoTracking();
        return items.FirstOrDefaultAsync(i => i.Id == itemId && i.CampaignId == campaignId && i.UnitId == unitId, cancellationToken);
    }

    /// <summary>
    /// The tracked item for a change, once the request named the revision it read (If-Match): 404, 428 without one,
    /// 412 with the current item when it changed since.
    /// </summary>
    internal static async Task<(LedgerContext? Ledger, RectificationItem? Item, ProblemHttpResult? Problem)> ForChangeAsync(
        AppDbContext db, Guid campaignId, Guid unitId, Guid itemId, HttpContext http, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, problem) = await LoadUnitAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        var item = await FindAsync(db, campaignId, unitId, itemId, tracking: true, cancellationToken);
        if (item is null)
        {
            return (null, null, ItemNotFound());
        }

        if (Preconditions.IfMatch(http.Request) is not { } expected)
        {
            return (null, null, Preconditions.Required());
        }

        if (!expected.Contains(item.Revision))
        {
            return (null, null, Preconditions.Failed(await DetailAsync(db, item, ledger!, user, clock, cancellationToken), item.Revision));
        }

        return (ledger, item, null);
    }

    /// <summary>Saves; when someone changed (or deleted) the item meanwhile, nothing is saved and the answer is 412 with what it is now.</summary>
    internal static async Task<ProblemHttpResult?> SaveOrConflictAsync(
        AppDbContext db, Guid campaignId, Guid unitId, Guid itemId, LedgerContext? ledger, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await FindAsync(db, campaignId, unitId, itemId, tracking: false, cancellationToken);
            ledger ??= await LedgerContext.LoadAsync(db, campaignId, cancellationToken);
            return current is null || ledger is null
                ? ItemNotFound()
                : Preconditions.Failed(await DetailAsync(db, current, ledger, user, clock, cancellationToken), current.Revision);
        }
    }

    /// <summary>The item with its history, as the single-item endpoints answer.</summary>
    internal static async Task<RectificationItemView> DetailAsync(
        AppDbContext db, RectificationItem item, LedgerContext ledger, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rights = await LedgerRights.ForAsync(user, db, item.CampaignId, cancellationToken);
        var view = RectificationViews.View(item, ledger, rights, RectificationWorkflow.Today(clock.GetUtcNow()));
        return view with { History = await RectificationViews.HistoryAsync(db, item.Id, cancellationToken) };
    }

    internal static RectificationItem New(Guid campaignId, Guid unitId, ItemFields fields, ProblemSource source, string? sourceRef, Guid by, DateTimeOffset now)
    {
        var item = new RectificationItem
        {
            Id = Guid.CreateVersion7(),
            CampaignId = campaignId,
            UnitId = unitId,
            Source = source,
            SourceRef = sourceRef,
            Status = RectificationStatus.Open,
            Revision = 1,
            CreatedAt = now,
            CreatedBy = by,
            UpdatedAt = now,
            UpdatedBy = by,
        };
        Apply(item, fields);
        return item;
    }

    internal static RectificationEvent Event(RectificationItem item, string action, RectificationStatus? from, RectificationStatus? to, string? note, Guid by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        ItemId = item.Id,
        At = at,
        By = by,
        Action = action,
        FromStatus = from,
        ToStatus = to,
        Note = note,
    };

    /// <summary>A change: the revision moves on, and who changed it when.</summary>
    internal static void Touch(RectificationItem item, Guid by, DateTimeOffset now)
    {
        item.Revision++;
        item.UpdatedAt = now;
        item.UpdatedBy = by;
    }

    /// <summary>What the audit log keeps of an item.</summary>
    internal static object Snapshot(RectificationItem item) => new
    {
        item.IndicatorCode,
        Category = item.Category.ToString(),
        item.Description,
        item.Requirement,
        Deadline = item.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        item.ResponsiblePerson,
        Source = item.Source.ToString(),
        item.SourceRef,
        Status = item.Status.ToString(),
        item.Revision,
    };

    internal static void Apply(RectificationItem item, ItemFields fields)
    {
        item.IndicatorCode = fields.IndicatorCode;
        item.Category = fields.Category;
        item.Description = fields.Description;
        item.Requirement = fields.Requirement;
        item.Deadline = fields.Deadline;
        item.ResponsiblePerson = fields.ResponsiblePerson;
    }
}
