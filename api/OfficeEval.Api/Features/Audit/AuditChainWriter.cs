using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Audit;

/// <summary>Numbers and hashes staged audit entries after the last stored one, inside the caller's transaction.</summary>
internal static class AuditChainWriter
{
    /// <summary>The advisory lock that serialises appends to the chain (held until the transaction ends).</summary>
    public const long LockKey = 0x4F45_4155_4449_54; // "OEAUDIT"

    public static async Task ChainAsync(AppDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var seq = last?.Seq ?? 0;
        var previous = last?.Hash ?? AuditChain.Genesis;
        foreach (var entry in pending.OrderBy(e => e.At))
        {
            entry.Seq = ++seq;
            entry.PrevHash = previous;
            entry.Hash = AuditChain.HashOf(entry);
            previous = entry.Hash;
        }
    }
}
