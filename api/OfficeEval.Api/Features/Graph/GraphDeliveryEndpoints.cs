using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Graph;

/// <summary>The outbox as the office sees it: every delivery with its status and last error, and a retry for the failed.</summary>
public static class GraphDeliveryEndpoints
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    public sealed record DeliveryPage(IReadOnlyList<GraphDeliveryView> Items, int Total, int Page, int PageSize);

    public static IEndpointRouteBuilder MapGraphDeliveries(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/graph/deliveries").WithTags("Graph");
        group.MapGet("", List)
            .WithName("ListGraphDeliveries")
            .WithSummary("Publications and reminder mails sent through Microsoft Graph, newest first: status (Pending, Running, Succeeded, Failed), attempts, next attempt, last error, published file's address; filtered by status, kind and campaign; paged (page, pageSize ≤ 200).")
            .RequireAccess(Access.Admin);
        group.MapPost("/{deliveryId:guid}/retry", Retry)
            .WithName("RetryGraphDelivery")
            .WithSummary("Queues a Failed delivery again, due now, with its attempts counted afresh; 409 unless it is Failed.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Ok<DeliveryPage>, ProblemHttpResult>> List(
        string? status, string? kind, string? campaignId, string? page, string? pageSize,
        AppDbContext db, IOptionsMonitor<GraphOptions> options, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Missing() is { Count: > 0 } missing)
        {
            return GraphProblems.Disabled(missing);
        }

        var errors = new List<ProblemItem>();
        GraphDeliveryStatus? statusFilter = null;
        if (Query(status) is { } s)
        {
            if (Enum.TryParse<GraphDeliveryStatus>(s, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !s.Any(char.IsDigit))
            {
                statusFilter = parsed;
            }
            else
            {
                errors.Add(QueryError("status", $"未知状态“{s}”，可选 Pending、Running、Succeeded、Failed。", $"Unknown status '{s}'; use Pending, Running, Succeeded or Failed."));
            }
        }

        var kindFilter = Query(kind);
        if (kindFilter is not null && !GraphDeliveryKinds.All.Contains(kindFilter))
        {
            errors.Add(QueryError("kind", $"未知类型“{kindFilter}”。", $"Unknown kind '{kindFilter}'; use {string.Join(", ", GraphDeliveryKinds.All)}."));
        }

        Guid? campaign = null;
        if (Query(campaignId) is { } c)
        {
            if (Guid.TryParse(c, out var parsed))
            {
                campaign = parsed;
            }
            else
            {
                errors.Add(QueryError("campaignId", "评估批次标识格式不正确。", "The campaign id is not a valid identifier."));
            }
        }

        var pageNumber = Number(page, "page", 1, int.MaxValue, 1, errors);
        var size = Number(pageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Create(400, "graph.query_invalid", "查询条件无效。", "The query is invalid.", errors);
        }

        var deliveries = db.GraphDeliveries.AsNoTracking();
        if (statusFilter is { } st)
        {
            deliveries = deliveries.Where(d => d.Status == st);
        }

        if (kindFilter is not null)
        {
            deliveries = deliveries.Where(d => d.Kind == kindFilter);
        }

        if (campaign is { } id)
        {
            deliveries = deliveries.Where(d => d.CampaignId == id);
        }

        var total = await deliveries.CountAsync(cancellationToken);
        var items = await deliveries.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .Skip((int)Math.Min(int.MaxValue, ((long)pageNumber - 1) * size)).Take(size)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new DeliveryPage([.. items.Select(GraphDeliveryView.From)], total, pageNumber, size));
    }

    internal static async Task<Results<Ok<GraphDeliveryView>, ProblemHttpResult>> Retry(
        Guid deliveryId, AppDbContext db, AuditTrail audit, GraphDeliverySignal signal, IOptionsMonitor<GraphOptions> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Missing() is { Count: > 0 } missing)
        {
            return GraphProblems.Disabled(missing);
        }

        var delivery = await db.GraphDeliveries.FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery is null)
        {
            return ApiProblem.NotFound("发送任务", "delivery");
        }

        if (delivery.Status != GraphDeliveryStatus.Failed)
        {
            return NotFailed(delivery.Status);
        }

        var before = new { status = delivery.Status.ToString(), delivery.Attempts, delivery.LastError, delivery.FinishedAt };
        delivery.Status = GraphDeliveryStatus.Pending;
        delivery.Attempts = 0;
        delivery.NextAttemptAt = clock.GetUtcNow();
        delivery.FinishedAt = null;
        audit.Add(new AuditEvent(AuditActions.GraphDeliveryRetried, GraphDeliveryView.AuditTarget(deliveryId))
            { CampaignId = delivery.CampaignId, UnitId = delivery.UnitId, Before = before, Data = new { delivery.Kind, delivery.Target } });
        try
        {
            // Status is the concurrency token: two retries at once queue it once.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.GraphDeliveries.AsNoTracking().FirstAsync(d => d.Id == deliveryId, cancellationToken);
            return NotFailed(now.Status);
        }

        signal.Queued();
        return TypedResults.Ok(GraphDeliveryView.From(delivery));
    }

    private static ProblemHttpResult NotFailed(GraphDeliveryStatus status)
    {
        var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "graph.delivery_not_failed",
            $"只能重试失败的发送任务，该任务当前为“{GraphDeliveryView.NameZh(status)}”。", $"Only a failed delivery can be retried; this one is {status}.");
        problem.Extensions["deliveryStatus"] = status.ToString();
        return TypedResults.Problem(problem);
    }

    private static string? Query(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int Number(string? value, string field, int min, int max, int fallback, List<ProblemItem> errors)
    {
        if (Query(value) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(QueryError(field, $"{field} 须为 {min} 到 {max} 之间的整数。", $"{field} must be a whole number from {min} to {max}."));
        return fallback;
    }

    private static ProblemItem QueryError(string field, string zh, string en) => new("graph.query_invalid", zh, en) { Field = field };
}
