using System.Net;
using System.Security.Claims;
using System.Text;
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

    /// <summary>Who acted, when it is not the request's signed-in user (a sign-in, the retention purge).</summary>
    public Guid? ActorId { get; init; }

    /// <summary>The account name to record with <see cref="ActorId"/>, or the name tried when there is no such account.</summary>
    public string? ActorName { get; init; }
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

    /// <summary>
    /// Stages an entry for the next save. The actor is the event's <see cref="AuditEvent.ActorId"/> and
    /// <see cref="AuditEvent.ActorName"/> when given, else <paramref name="actor"/>, else the request's signed-in user.
    /// </summary>
    public void Add(AuditEvent audit, ClaimsPrincipal? actor = null, string? actorName = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var context = http.HttpContext;
        actor ??= context?.User;
        var id = audit.ActorId ?? (actor?.UserId() is { } uid && uid != Guid.Empty ? uid : null);
        var name = audit.ActorName ?? actorName ?? actor?.FindFirstValue(ClaimTypes.Email) ?? actor?.FindFirstValue(ClaimTypes.Name) ?? "";
        db.AuditEntries.Add(new AuditEntry
        {
            // A provisional key, unique in this context, so that several entries can be staged before one save;
            // AuditChainWriter replaces it with the entry's place in the chain.
            Seq = db.NextProvisionalAuditSeq(),
            At = AuditChain.ToMicroseconds(clock.GetUtcNow()),
            ActorId = id,
            ActorName = Clean(name, 256),
            Action = Clean(audit.Action, 60),
            Target = Clean(audit.Target, 200),
            CampaignId = audit.CampaignId,
            UnitId = audit.UnitId,
            ClientIp = ClientIp(context?.Connection.RemoteIpAddress),
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

        // The serializer escapes control characters, so the text never holds the hash's field separator.
        return JsonSerializer.Serialize(details, DetailsJson);
    }

    private static string? ClientIp(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        var text = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return text.Length == 0 ? null : Clean(text, 45);
    }

    /// <summary>
    /// Text as stored and hashed: control characters (which PostgreSQL refuses, like NUL, or which could pass for the
    /// hash's field separator) and lone surrogates become U+FFFD, and a cut never splits a surrogate pair. Names tried
    /// at sign-in come from anyone, so this is hostile input.
    /// </summary>
    internal static string Clean(string value, int maxLength)
    {
        var text = new StringBuilder(Math.Min(value.Length, maxLength));
        for (var i = 0; i < value.Length && text.Length < maxLength; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (text.Length + 2 > maxLength)
                {
                    break;
                }

                text.Append(c).Append(value[++i]);
            }
            else
            {
                text.Append(char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return text.ToString();
    }
}
