using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using static OfficeEval.Api.Features.Rectification.RectificationItems;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// The problem list and rectification ledger (问题清单, 整改台账) over HTTP: the routes, and one item — read with its
/// history; entered by a reviewer of the unit's group or the office; changed while not yet submitted (If-Match);
/// deleted by the office before work starts. Lists are in <see cref="RectificationLists"/>, transitions in
/// <see cref="RectificationTransitions"/>, imports in <see cref="RectificationImport"/>, documents in
/// <see cref="RectificationExports"/>.
/// </summary>
public static class RectificationEndpoints
{
    public static IEndpointRouteBuilder MapRectification(this IEndpointRouteBuilder endpoints)
    {
        var campaign = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/rectification").WithTags("Rectification");
        campaign.MapGet("", RectificationLists.ListCampaign)
            .WithName("ListRectificationItems")
            .WithSummary("The campaign's rectification ledger (整改台账): every item of the units the user may see, by unit and deadline, with counts and overdue days as of today (China Standard Time); filters status (comma-separated), unitId, overdue, category, source.")
            .RequireAccess(Access.Office);
        campaign.MapPost("/import", RectificationImport.Import)
            .WithName("ImportRectificationItems")
            .WithSummary("Creates items from completed field reviews' problems, initial-review return comments per indicator and questionnaire indicators below a satisfaction threshold (sources, deadline, threshold); idempotent: what was imported before is skipped.")
            .RequireAccess(Access.Admin);

        var unit = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/rectification").WithTags("Rectification");
        unit.MapGet("", RectificationLists.ListUnit)
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

    private static ItemFields Fields(RectificationItem item) =>
        new(item.IndicatorCode, item.Category, item.Description, item.Requirement, item.Deadline, item.ResponsiblePerson);

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
}
