using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// The problem list and rectification ledger (问题清单, 整改台账): the office's list per campaign, a unit's list of what
/// is due, one item with its history; items entered by a reviewer of the unit's group or the office, changed while
/// not yet submitted (If-Match), deleted by the office before work starts. Transitions are in
/// <see cref="RectificationTransitions"/>, imports in <see cref="RectificationImport"/>.
/// </summary>
public static class RectificationEndpoints
{
    public static IEndpointRouteBuilder MapRectification(this IEndpointRouteBuilder endpoints)
    {
        var campaign = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/rectification").WithTags("Rectification");
        campaign.MapGet("", ListCampaign)
            .WithName("ListRectificationItems")
            .WithSummary("The campaign's rectification ledger (整改台账): every item of the units the user may see, by unit and deadline, with counts and overdue days as of today (China Standard Time); filters status (comma-separated), unitId, overdue, category, source.")
            .RequireAccess(Access.Office);
        campaign.MapPost("/import", RectificationImport.Import)
            .WithName("ImportRectificationItems")
            .WithSummary("Creates items from completed field reviews' problems, initial-review return comments per indicator and questionnaire indicators below a satisfaction threshold (sources, deadline, threshold); idempotent: what was imported before is skipped.")
            .RequireAccess(Access.Admin);

        var unit = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/rectification").WithTags("Rectification");
        unit.MapGet("", ListUnit)
            .WithName("ListUnitRectificationItems")
            .WithSummary("What the unit has to rectify: its items not closed (closed=true adds the closed ones), earliest deadline first, with overdue days and what the user may do to each.")
            .RequireAccess(Access.UnitRead);
        unit.MapPost("", Create)
            .WithName("CreateRectificationItem")
            .WithSummary("Enters a problem by hand (indicatorCode, category, description, requirement, deadline, responsiblePerson): 待整改 (Open). The ETag is its revision.")
            .RequireAccess(Access.UnitReview);
        unit.MapGet("/{itemId:guid}", Get)
            .WithName("GetRectificationItem")
            .WithSummary("One item with its evidence and history (who moved it where, with notes); the ETag is its revision.")
            .RequireAccess(Access.UnitRead);
        unit.MapPatch("/{itemId:guid}", Update)
            .WithName("UpdateRectificationItem")
            .WithSummary("Changes the fields sent (an empty indicatorCode or responsiblePerson clears it) while the item is 待整改 or 整改中; needs If-Match.")
            .RequireAccess(Access.UnitReview);
        unit.MapDelete("/{itemId:guid}", Delete)
            .WithName("DeleteRectificationItem")
            .WithSummary("Deletes an item nobody has started on (待整改); needs If-Match. The audit log keeps what it was.")
            .RequireAccess(Access.Admin);
        RectificationTransitions.Map(unit);
        RectificationExports.Map(endpoints);
        return endpoints;
    }

    internal static async Task<Results<Ok<RectificationList>, ProblemHttpResult>> ListCampaign(
        Guid campaignId, string? status, string? unitId, string? overdue, string? category, string? source,
        ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = RectificationWorkflow.Today(clock.GetUtcNow());
        var (ledger, items, problem) = await CampaignItemsAsync(campaignId, new(status, unitId, overdue, category, source), user, db, today, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var rights = await LedgerRights.ForAsync(user, db, campaignId, cancellationToken);
        return TypedResults.Ok(new RectificationList(campaignId, today, RectificationViews.Counts(items, today),
            [.. items.Select(i => RectificationViews.View(i, ledger!, rights, today))]));
    }

    /// <summary>The filters of the campaign's ledger, as sent in the query string.</summary>
    internal sealed record CampaignFilter(string? Status, string? UnitId, string? Overdue, string? Category, string? Source);

    /// <summary>
    /// The campaign's items the user may see (the units <see cref="UnitAccess.VisibleUnits"/> gives: a reviewer those
    /// of their group), filtered, by unit code and deadline; 404 without the campaign, 422 naming a filter that is wrong.
    /// </summary>
    internal static async Task<(LedgerContext? Ledger, List<RectificationItem> Items, ProblemHttpResult? Problem)> CampaignItemsAsync(
        Guid campaignId, CampaignFilter filter, ClaimsPrincipal user, AppDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var ledger = await LedgerContext.LoadAsync(db, campaignId, cancellationToken);
        if (ledger is null)
        {
            return (null, [], ApiProblem.NotFound("评估批次", "campaign"));
        }

        var problems = new List<ProblemItem>();
        var statuses = ParseList<RectificationStatus>(filter.Status, "status", problems);
        var categories = ParseCategories(filter.Category, problems);
        var sources = ParseList<ProblemSource>(filter.Source, "source", problems);
        var overdueOnly = ParseBool(filter.Overdue, "overdue", problems);
        Guid? unitFilter = null;
        if (!string.IsNullOrWhiteSpace(filter.UnitId))
        {
            if (Guid.TryParse(filter.UnitId, out var parsed))
            {
                unitFilter = parsed;
            }
            else
            {
                problems.Add(RectificationRequests.Error("rectification.filter_invalid", "unitId", $"单位标识“{filter.UnitId}”无效。", $"\"{filter.UnitId}\" is not a unit id."));
            }
        }

        if (problems.Count > 0)
        {
            return (null, [], RectificationRequests.Invalid(problems));
        }

        var visible = await UnitAccess.VisibleUnits(user, db, campaignId, cancellationToken);
        var query = db.RectificationItems.AsNoTracking().Where(i => i.CampaignId == campaignId && visible.Contains(i.UnitId));
        if (unitFilter is { } only)
        {
            query = query.Where(i => i.UnitId == only);
        }

        if (statuses is not null)
        {
            query = query.Where(i => statuses.Contains(i.Status));
        }

        if (categories is not null)
        {
            query = query.Where(i => categories.Contains(i.Category));
        }

        if (sources is not null)
        {
            query = query.Where(i => sources.Contains(i.Source));
        }

        if (overdueOnly is { } wanted)
        {
            query = wanted
                ? query.Where(i => i.Status != RectificationStatus.Closed && i.Deadline < today)
                : query.Where(i => i.Status == RectificationStatus.Closed || i.Deadline >= today);
        }

        var items = (await query.ToListAsync(cancellationToken))
            .OrderBy(i => ledger.Units.GetValueOrDefault(i.UnitId)?.Unit?.Code, StringComparer.Ordinal)
            .ThenBy(i => i.Deadline).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToList();
        return (ledger, items, null);
    }

    internal static async Task<Results<Ok<RectificationList>, ProblemHttpResult>> ListUnit(
        Guid campaignId, Guid unitId, string? closed, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, problem) = await LoadUnitAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var problems = new List<ProblemItem>();
        var withClosed = ParseBool(closed, "closed", problems) ?? false;
        if (problems.Count > 0)
        {
            return RectificationRequests.Invalid(problems);
        }

        var today = RectificationWorkflow.Today(clock.GetUtcNow());
        var all = await db.RectificationItems.AsNoTracking().Where(i => i.CampaignId == campaignId && i.UnitId == unitId).ToListAsync(cancellationToken);
        // What is due first, earliest deadline first; closed items (when asked for) after, latest closed first.
        var items = all.Where(i => i.Status != RectificationStatus.Closed).OrderBy(i => i.Deadline).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Concat(withClosed ? all.Where(i => i.Status == RectificationStatus.Closed).OrderByDescending(i => i.ClosedAt).ThenBy(i => i.Id) : [])
            .ToList();
        var rights = await LedgerRights.ForAsync(user, db, campaignId, cancellationToken);
        return TypedResults.Ok(new RectificationList(campaignId, today, RectificationViews.Counts(all, today),
            [.. items.Select(i => RectificationViews.View(i, ledger!, rights, today))]));
    }

    internal static async Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> Get(
        Guid campaignId, Guid unitId, Guid itemId, ClaimsPrincipal user, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, problem) = await LoadUnitAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var item = await FindAsync(db, campaignId, unitId, itemId, tracking: false, cancellationToken);
        if (item is null)
        {
            return ItemNotFound();
        }

        Preconditions.SetETag(http, item.Revision);
        return TypedResults.Ok(await DetailAsync(db, item, ledger!, user, clock, cancellationToken));
    }

    internal static async Task<Results<Created<RectificationItemView>, ProblemHttpResult>> Create(
        Guid campaignId, Guid unitId, ItemRequest? request, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (ledger, problem) = await LoadUnitAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (fields, problems) = RectificationRequests.Check(request, null, ledger!.Indicators(unitId));
        if (fields is null)
        {
            return RectificationRequests.Invalid(problems);
        }

        var now = clock.GetUtcNow();
        var item = New(campaignId, unitId, fields, ProblemSource.Manual, null, user.UserId(), now);
        db.RectificationItems.Add(item);
        db.RectificationEvents.Add(Event(item, RectificationActions.Created, null, RectificationStatus.Open, null, item.CreatedBy, now));
        audit.Add(new AuditEvent(AuditActions.RectificationCreated, Target(item.Id))
        {
            CampaignId = campaignId,
            UnitId = unitId,
            After = Snapshot(item),
        });
        await db.SaveChangesAsync(cancellationToken);

        Preconditions.SetETag(http, item.Revision);
        return TypedResults.Created($"/api/campaigns/{campaignId}/units/{unitId}/rectification/{item.Id}",
            await DetailAsync(db, item, ledger, user, clock, cancellationToken));
    }

    internal static async Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> Update(
        Guid campaignId, Guid unitId, Guid itemId, ItemRequest? request, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, item, problem) = await ForChangeAsync(db, campaignId, unitId, itemId, http, user, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!RectificationWorkflow.IsEditable(item!.Status))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "rectification.not_editable",
                $"整改事项已{RectificationWorkflow.NameZh(item.Status)}，不能再修改问题、要求和时限；如需调整，请先退回或重新打开。",
                $"The item is {item.Status}: its fields change only while it is Open or Rectifying (return or reopen it first).");
        }

        var current = Fields(item);
        var (fields, problems) = RectificationRequests.Check(request, current, ledger!.Indicators(unitId));
        if (fields is null)
        {
            return RectificationRequests.Invalid(problems);
        }

        var changes = Changes(current, fields);
        if (changes.Count > 0)
        {
            var before = Snapshot(item);
            var now = clock.GetUtcNow();
            Apply(item, fields);
            Touch(item, user.UserId(), now);
            db.RectificationEvents.Add(Event(item, RectificationActions.Changed, item.Status, item.Status, string.Join("；", changes), item.UpdatedBy, now));
            audit.Add(new AuditEvent(AuditActions.RectificationChanged, Target(item.Id))
            {
                CampaignId = campaignId,
                UnitId = unitId,
                Before = before,
                After = Snapshot(item),
            });
            if (await SaveOrConflictAsync(db, campaignId, unitId, itemId, ledger, user, clock, cancellationToken) is { } conflict)
            {
                return conflict;
            }
        }

        Preconditions.SetETag(http, item.Revision);
        return TypedResults.Ok(await DetailAsync(db, item, ledger, user, clock, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid campaignId, Guid unitId, Guid itemId, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (_, item, problem) = await ForChangeAsync(db, campaignId, unitId, itemId, http, user, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!RectificationWorkflow.IsDeletable(item!.Status))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "rectification.not_deletable",
                $"整改事项已{RectificationWorkflow.NameZh(item.Status)}，只能删除尚未开始整改（待整改）的事项。",
                $"The item is {item.Status}: only an Open item (not started) can be deleted.");
        }

        db.RectificationItems.Remove(item);
        audit.Add(new AuditEvent(AuditActions.RectificationDeleted, Target(item.Id))
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Before = Snapshot(item),
        });
        if (await SaveOrConflictAsync(db, campaignId, unitId, itemId, null, user, clock, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.NoContent();
    }

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

    private static ItemFields Fields(RectificationItem item) =>
        new(item.IndicatorCode, item.Category, item.Description, item.Requirement, item.Deadline, item.ResponsiblePerson);

    private static void Apply(RectificationItem item, ItemFields fields)
    {
        item.IndicatorCode = fields.IndicatorCode;
        item.Category = fields.Category;
        item.Description = fields.Description;
        item.Requirement = fields.Requirement;
        item.Deadline = fields.Deadline;
        item.ResponsiblePerson = fields.ResponsiblePerson;
    }

    /// <summary>What changed, as the item's history says it: short fields with their old and new values.</summary>
    private static List<string> Changes(ItemFields before, ItemFields after)
    {
        var changes = new List<string>();
        static string Show(string? value) => string.IsNullOrEmpty(value) ? "（无）" : value;
        if (before.IndicatorCode != after.IndicatorCode)
        {
            changes.Add($"指标：{Show(before.IndicatorCode)} → {Show(after.IndicatorCode)}");
        }

        if (before.Category != after.Category)
        {
            changes.Add($"问题类别：{RectificationWorkflow.NameZh(before.Category)} → {RectificationWorkflow.NameZh(after.Category)}");
        }

        if (before.Description != after.Description)
        {
            changes.Add("问题描述已修改");
        }

        if (before.Requirement != after.Requirement)
        {
            changes.Add("整改要求已修改");
        }

        if (before.Deadline != after.Deadline)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"整改时限：{before.Deadline:yyyy-MM-dd} → {after.Deadline:yyyy-MM-dd}"));
        }

        if (before.ResponsiblePerson != after.ResponsiblePerson)
        {
            changes.Add($"责任人：{Show(before.ResponsiblePerson)} → {Show(after.ResponsiblePerson)}");
        }

        return changes;
    }

    private static List<T>? ParseList<T>(string? text, string field, List<ProblemItem> problems)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var values = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<T>(part, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(part, CultureInfo.InvariantCulture, out _))
            {
                values.Add(value);
            }
            else
            {
                problems.Add(RectificationRequests.Error("rectification.filter_invalid", field, $"筛选条件 {field} 的值“{part}”无效，可选：{string.Join("、", Enum.GetNames<T>())}。",
                    $"\"{part}\" is not a valid {field}; use {string.Join(", ", Enum.GetNames<T>())}."));
            }
        }

        return values;
    }

    private static List<ProblemCategory>? ParseCategories(string? text, List<ProblemItem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var values = new List<ProblemCategory>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RectificationWorkflow.ParseCategory(part) is { } value)
            {
                values.Add(value);
            }
            else
            {
                problems.Add(RectificationRequests.Error("rectification.filter_invalid", "category", $"问题类别“{part}”无效，可选：职责履行、机构设置、编制使用、管理规范、其他。",
                    $"\"{part}\" is not a category; use DutyPerformance, Structure, Staffing, Management or Other."));
            }
        }

        return values;
    }

    private static bool? ParseBool(string? text, string field, List<ProblemItem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        problems.Add(RectificationRequests.Error("rectification.filter_invalid", field, $"{field} 应为 true 或 false。", $"{field} must be true or false."));
        return null;
    }
}
