namespace OfficeEval.Api.Features.Audit;

/// <summary>
/// One entry of the append-only audit log (等保2.0 安全审计). Entries are numbered without gaps and each carries the
/// SHA-256 of its own content and of the previous entry's hash, so an edited, removed or inserted row breaks the chain
/// (see <see cref="AuditChain"/>).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain: 1, 2, 3, … without gaps; assigned when the entry is saved.</summary>
    public long Seq { get; set; }

    /// <summary>When it happened, to the microsecond (the database's precision, so the hash survives a round trip).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The signed-in user who acted; null for anonymous attempts (a failed sign-in with an unknown account).</summary>
    public Guid? ActorId { get; set; }

    /// <summary>The account name as given at the time (kept even if the user is later renamed or deleted).</summary>
    public string ActorName { get; set; } = "";

    /// <summary>What happened, one of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it happened to, e.g. <c>self-assessment/{id}</c> or <c>user/{id}</c>.</summary>
    public string Target { get; set; } = "";

    public Guid? CampaignId { get; set; }

    public Guid? UnitId { get; set; }

    /// <summary>The client's address (等保: the source of the event).</summary>
    public string? ClientIp { get; set; }

    /// <summary>Details as JSON text (before/after values and other data); text, not jsonb, so the hashed bytes are kept exactly.</summary>
    public string Details { get; set; } = "{}";

    /// <summary>The previous entry's <see cref="Hash"/> (64 zeros for the first).</summary>
    public string PrevHash { get; set; } = "";

    /// <summary>SHA-256 (hex) over this entry's content and <see cref="PrevHash"/>.</summary>
    public string Hash { get; set; } = "";
}
