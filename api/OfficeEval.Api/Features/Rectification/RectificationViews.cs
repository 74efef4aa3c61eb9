using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>An item as the API returns it, with its overdue state computed for <c>asOf</c> (today, China Standard Time).</summary>
public sealed record RectificationItemView(
    Guid Id,
    Guid CampaignId,
    Guid UnitId,
    string UnitCode,
    string UnitName,
    string? IndicatorCode,
    string? IndicatorName,
    string Category,
    string CategoryZh,
    string Description,
    string Requirement,
    DateOnly Deadline,
    string? ResponsiblePerson,
    string Source,
    string SourceZh,
    string? SourceRef,
    string Status,
    string StatusZh,
    int Revision,
    bool Overdue,
    int DaysOverdue,
    bool AwaitingVerification,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<RectificationEvidence> Evidence,
    IReadOnlyList<string> Actions)
{
    /// <summary>The item's history, oldest first; only on the single-item view.</summary>
    public IReadOnlyList<RectificationEventView>? History { get; init; }
}

/// <summary>A step of an item's history, with the name of who took it.</summary>
public sealed record RectificationEventView(DateTimeOffset At, Guid By, string? ByName, string Action, string? FromStatus, string? ToStatus, string? Note);

/// <summary>How many items are in each status, and how many are overdue.</summary>
public sealed record RectificationCounts(int Total, int Open, int Rectifying, int Submitted, int Closed, int Overdue);

/// <summary>A list of items with the day their overdue state was computed for.</summary>
public sealed record RectificationList(Guid CampaignId, DateOnly AsOf, RectificationCounts Counts, IReadOnlyList<RectificationItemView> Items);

public static class RectificationViews
{
    public static RectificationItemView View(RectificationItem item, LedgerContext ledger, LedgerRights rights, DateOnly today)
    {
        var unit = ledger.Units.GetValueOrDefault(item.UnitId)?.Unit;
        var daysOverdue = RectificationWorkflow.DaysOverdue(item.Deadline, item.Status, today);
        return new RectificationItemView(
            item.Id, item.CampaignId, item.UnitId, unit?.Code ?? "", unit?.Name ?? "",
            item.IndicatorCode, ledger.IndicatorName(item.UnitId, item.IndicatorCode),
            item.Category.ToString(), RectificationWorkflow.NameZh(item.Category),
            item.Description, item.Requirement, item.Deadline, item.ResponsiblePerson,
            item.Source.ToString(), RectificationWorkflow.NameZh(item.Source), item.SourceRef,
            item.Status.ToString(), RectificationWorkflow.NameZh(item.Status), item.Revision,
            daysOverdue is not null, daysOverdue ?? 0, daysOverdue is not null && item.Status == RectificationStatus.Submitted,
            item.CreatedAt, item.UpdatedAt, item.ClosedAt, item.Evidence, rights.Actions(item));
    }

    public static RectificationCounts Counts(IReadOnlyCollection<RectificationItem> items, DateOnly today) => new(
        items.Count,
        items.Count(i => i.Status == RectificationStatus.Open),
        items.Count(i => i.Status == RectificationStatus.Rectifying),
        items.Count(i => i.Status == RectificationStatus.Submitted),
        items.Count(i => i.Status == RectificationStatus.Closed),
        items.Count(i => RectificationWorkflow.DaysOverdue(i.Deadline, i.Status, today) is not null));

    /// <summary>The item's history, oldest first, with the names of the people who acted.</summary>
    public static async Task<IReadOnlyList<RectificationEventView>> HistoryAsync(AppDbContext db, Guid itemId, CancellationToken cancellationToken)
    {
        var rows = await (from e in db.RectificationEvents.AsNoTracking()
                          where e.ItemId == itemId
                          join u in db.Users on e.By equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          orderby e.At, e.Id
                          select new { Event = e, Name = u == null ? null : u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RectificationEventView(r.Event.At, r.Event.By, r.Name, r.Event.Action,
            r.Event.FromStatus?.ToString(), r.Event.ToStatus?.ToString(), r.Event.Note))];
    }
}
