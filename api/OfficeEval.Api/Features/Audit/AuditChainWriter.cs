using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Audit;

/// <summary>Numbers and hashes staged audit entries after the last stored one, inside the caller's transaction.</summary>
internal static class AuditChainWriter
{
    /// <summary>The advisory lock that serialises appends to the chain (held until the transaction ends).</summary>
    public const long LockKey = 0x4F45_4155_4449_54; // "OEAUDIT"

    /// <summary>
    /// Takes the chain's lock for the rest of the transaction. Under READ COMMITTED (the default) the statements after
    /// it see every entry committed by the previous holder, so the last stored entry read next is the chain's end.
    /// </summary>
    public static async Task LockAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);

    public static async Task ChainAsync(AppDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        await LockAsync(db, cancellationToken);
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var seq = last?.Seq ?? 0;
        var previous = last?.Hash ?? AuditChain.Genesis;

        // In the order they were staged: provisional keys count down from -1 (see AuditTrail.Add). Entries numbered
        // by an earlier attempt at this save that failed keep their relative order.
        foreach (var entry in pending.OrderBy(e => e.Seq < 0).ThenBy(e => Math.Abs(e.Seq)))
        {
            entry.Seq = ++seq;
            entry.PrevHash = previous;
            entry.Hash = AuditChain.HashOf(entry);
            previous = entry.Hash;
        }
    }
}
