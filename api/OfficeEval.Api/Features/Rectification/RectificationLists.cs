using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// The ledger's lists: the campaign's (the office side; the units each may see, filtered) and a unit's list of what
/// is due, each with counts and overdue days as of today in China Standard Time.
/// </summary>
public static class RectificationLists
{
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
        var (ledger, problem) = await RectificationItems.LoadUnitAsync(db, campaignId, unitId, cancellationToken);
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
