using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Audit;

/// <summary>
/// Reading and verifying the audit log, for the office (Admin). Both are audited themselves (等保2.0 asks that the use
/// of audit records be traceable too): each query records its filters and how many entries it returned, each
/// verification its result.
/// </summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 500;

    /// <summary>The query string, as text so each bad value is named in the problem.</summary>
    public sealed record AuditQuery(string? From, string? To, string? ActorId, string? Action, string? CampaignId, string? UnitId, string? Target, string? Before, string? Limit);

    public sealed record AuditEntryResponse(
        long Seq, DateTimeOffset At, Guid? ActorId, string ActorName, string Action, string Target, Guid? CampaignId, Guid? UnitId,
        string? ClientIp, JsonElement Details, string PrevHash, string Hash);

    /// <summary>A page, newest first; <see cref="NextBefore"/> is the <c>before</c> of the next page, null on the last.</summary>
    public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? NextBefore);

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/audit").WithTags("Audit");
        group.MapGet("", Query)
            .WithName("QueryAuditLog")
            .WithSummary("Audit entries, newest first, filtered by time (from inclusive, to exclusive), actor, action prefix, campaign, unit and target; pages by before = seq (limit up to 500).")
            .RequireAccess(Access.Admin);
        group.MapGet("/verify", Verify)
            .WithName("VerifyAuditLog")
            .WithSummary("Walks the whole hash chain: valid or the first broken entry and why (edited, missing, inserted, link_broken); the head to keep elsewhere.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> Query(
        [AsParameters] AuditQuery query, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new List<ProblemItem>();
        var from = Time(query.From, "from", errors);
        var to = Time(query.To, "to", errors);
        var actorId = Id(query.ActorId, "actorId", errors);
        var campaignId = Id(query.CampaignId, "campaignId", errors);
        var unitId = Id(query.UnitId, "unitId", errors);
        var before = Number(query.Before, "before", 1, long.MaxValue, errors);
        var limit = (int)(Number(query.Limit, "limit", 1, MaxLimit, errors) ?? DefaultLimit);
        if (from is not null && to is not null && from >= to)
        {
            errors.Add(new ProblemItem("audit.range_empty", "起始时间必须早于截止时间。", "from must be earlier than to.") { Field = "from" });
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Create(400, "audit.query_invalid", "审计日志查询条件有误。", "The audit log query is invalid.", errors);
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (from is not null)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (to is not null)
        {
            entries = entries.Where(e => e.At < to);
        }

        if (actorId is not null)
        {
            entries = entries.Where(e => e.ActorId == actorId);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = entries.Where(e => e.Action.StartsWith(query.Action));
        }

        if (campaignId is not null)
        {
            entries = entries.Where(e => e.CampaignId == campaignId);
        }

        if (unitId is not null)
        {
            entries = entries.Where(e => e.UnitId == unitId);
        }

        if (!string.IsNullOrEmpty(query.Target))
        {
            entries = entries.Where(e => e.Target == query.Target);
        }

        if (before is not null)
        {
            entries = entries.Where(e => e.Seq < before);
        }

        var rows = await entries.OrderByDescending(e => e.Seq).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(ToResponse).ToList();
        var next = rows.Count > limit ? page[^1].Seq : (long?)null;

        await audit.RecordAsync(new AuditEvent(AuditActions.AuditViewed, "audit")
        {
            Data = new { query, returned = page.Count },
        }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new AuditPage(page, next));
    }

    internal static async Task<Ok<AuditVerification>> Verify(AuditVerifier verifier, AuditTrail audit, CancellationToken cancellationToken)
    {
        var result = await verifier.VerifyAsync(cancellationToken: cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditActions.AuditVerified, "audit")
        {
            Data = new { result.Valid, result.EntriesChecked, result.LastSeq, result.LastHash, result.BrokenSeq, result.Reason },
        }, cancellationToken: cancellationToken);
        return TypedResults.Ok(result);
    }

    private static AuditEntryResponse ToResponse(AuditEntry e) =>
        new(e.Seq, e.At, e.ActorId, e.ActorName, e.Action, e.Target, e.CampaignId, e.UnitId, e.ClientIp, DetailsJson(e.Details), e.PrevHash, e.Hash);

    /// <summary>The stored details as JSON; text that is not JSON (only a tampered row) comes back as a JSON string.</summary>
    private static JsonElement DetailsJson(string details)
    {
        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(details);
        }
    }

    private static DateTimeOffset? Time(string? text, string field, List<ProblemItem> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.ToUniversalTime();
        }

        errors.Add(new ProblemItem("audit.time_invalid", $"{field} 不是有效的时间（ISO 8601，例如 2026-03-01T08:00:00+08:00）。",
            $"{field} is not a valid time (ISO 8601, e.g. 2026-03-01T08:00:00+08:00).") { Field = field });
        return null;
    }

    private static Guid? Id(string? text, string field, List<ProblemItem> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Guid.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(new ProblemItem("audit.id_invalid", $"{field} 不是有效的标识（UUID）。", $"{field} is not a valid id (UUID).") { Field = field });
        return null;
    }

    private static long? Number(string? text, string field, long min, long max, List<ProblemItem> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(max == long.MaxValue
            ? new ProblemItem("audit.number_invalid", $"{field} 必须是正整数。", $"{field} must be a positive whole number.") { Field = field }
            : new ProblemItem("audit.number_invalid", $"{field} 必须是 {min} 到 {max} 之间的整数。", $"{field} must be a whole number from {min} to {max}.") { Field = field });
        return null;
    }
}
