using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
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

    /// <summary>
    /// Numbers and hashes <paramref name="pending"/> after the chain's end. The lock and the read of the last entry go
    /// in one round trip (one batch, two statements): the lock is held from then until the transaction ends, and every
    /// round trip less inside it lets the next writer in sooner. Under READ COMMITTED each statement of a batch takes
    /// its own snapshot when PostgreSQL starts it, i.e. after the lock is granted, so the read sees the previous holder's
    /// entries. (Were that ever not so, the database's audit_entries_append trigger would refuse the insert, not fork
    /// the chain.)
    /// </summary>
    public static async Task ChainAsync(AppDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Audit entries are chained inside the transaction that writes them."));
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(string.Create(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LockKey})")),
                new NpgsqlBatchCommand("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1"),
            },
        };
        long seq = 0;
        var previous = AuditChain.Genesis;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (seq, previous) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

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
