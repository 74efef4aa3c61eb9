using System.Security.Claims;
using System.Text.Json;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;

namespace OfficeEval.Api.Features.Audit;

/// <summary>What to record: an action on a target, with optional before/after values and other data.</summary>
public sealed record AuditEvent(string Action, string Target)
{
    public Guid? CampaignId { get; init; }

    public Guid? UnitId { get; init; }

    public object? Before { get; init; }

    public object? After { get; init; }

    /// <summary>Anything else worth keeping (a comment, a file name, counts).</summary>
    public object? Data { get; init; }
}

/// <summary>
/// Records audit entries in the same database transaction as the change they describe: <see cref="Add"/> stages an
/// entry on the request's <see cref="AppDbContext"/>, and the context's next save chains and writes it together with
/// the change (or neither, when the save fails).
/// </summary>
public sealed class AuditTrail(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>As frameworks are stored, but with Chinese text kept readable (the details are text, never HTML).</summary>
    private static readonly JsonSerializerOptions DetailsJson = new(FrameworkRecord.Json)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Stages an entry for the next save, by the given actor or else the request's signed-in user.</summary>
    public void Add(AuditEvent audit, ClaimsPrincipal? actor = null, string? actorName = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var context = http.HttpContext;
        actor ??= context?.User;
        var id = actor?.UserId() is { } uid && uid != Guid.Empty ? uid : (Guid?)null;
        db.AuditEntries.Add(new AuditEntry
        {
            At = AuditChain.ToMicroseconds(clock.GetUtcNow()),
            ActorId = id,
            ActorName = Truncate(actorName ?? actor?.FindFirstValue(ClaimTypes.Email) ?? actor?.FindFirstValue(ClaimTypes.Name) ?? "", 256),
            Action = audit.Action,
            Target = Truncate(audit.Target, 200),
            CampaignId = audit.CampaignId,
            UnitId = audit.UnitId,
            ClientIp = context?.Connection.RemoteIpAddress?.ToString(),
            Details = Details(audit),
        });
    }

    /// <summary>Stages an entry and saves it on its own (for events with no other change, e.g. a failed sign-in or an export).</summary>
    public async Task RecordAsync(AuditEvent audit, ClaimsPrincipal? actor = null, string? actorName = null, CancellationToken cancellationToken = default)
    {
        Add(audit, actor, actorName);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Details(AuditEvent audit)
    {
        var details = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (audit.Before is not null)
        {
            details["before"] = audit.Before;
        }

        if (audit.After is not null)
        {
            details["after"] = audit.After;
        }

        if (audit.Data is not null)
        {
            details["data"] = audit.Data;
        }

        return JsonSerializer.Serialize(details, DetailsJson);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
