using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Audit;

/// <summary>
/// Removes audit entries older than the retention period (<c>OfficeEval:AuditRetentionDays</c>, at least 180 days).
/// One transaction, under the chain's lock: verify the entries to remove, append an <see cref="AuditActions.AuditPurged"/>
/// entry recording the range and the last removed hash (the anchor the kept chain is verified from), then delete.
/// Only a prefix of the chain is removed, so what is kept stays one unbroken chain.
/// </summary>
public sealed class AuditRetention(
    AppDbContext db, AuditTrail audit, AuditVerifier verifier, TimeProvider clock, IOptions<OfficeEvalOptions> options, ILogger<AuditRetention> logger)
{
    /// <summary>The minimum retention: 等保2.0 requires audit records to be kept at least six months.</summary>
    public const int MinimumDays = 180;

    /// <summary>The transaction-local setting the database's guard trigger lets a DELETE through with (migration 0006).</summary>
    internal const string PurgeSetting = "officeeval.audit_purge";

    public sealed record PurgeResult(long Count, long? FromSeq, long? ToSeq, long? AnchorSeq);

    public static readonly PurgeResult Nothing = new(0, null, null, null);

    private int RetentionDays => options.Value.AuditRetentionDays;

    /// <summary>
    /// The daily purge: entries older than the retention period and one day more. The day keeps a clock difference
    /// between this server and the database's (whose trigger refuses entries younger than 180 days) from failing it.
    /// </summary>
    public Task<PurgeResult> PurgeDueAsync(CancellationToken cancellationToken = default) =>
        PurgeAsync(clock.GetUtcNow() - TimeSpan.FromDays(RetentionDays + 1), cancellationToken);

    /// <summary>Removes the entries before the first one at or after <paramref name="cutoff"/>, which must be at least the retention period ago.</summary>
    public async Task<PurgeResult> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var latest = clock.GetUtcNow() - TimeSpan.FromDays(RetentionDays);
        if (cutoff > latest)
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff,
                $"Audit entries are kept {RetentionDays} days: the cutoff must be {latest:O} or earlier.");
        }

        cutoff = cutoff.ToUniversalTime();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditChainWriter.LockAsync(db, cancellationToken);

        var first = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).Select(e => new { e.Seq, e.At }).FirstOrDefaultAsync(cancellationToken);
        if (first is null || first.At >= cutoff)
        {
            return Nothing;
        }

        // Entries are numbered when saved and timed when staged, so times can step back a little between neighbours:
        // stop before the first entry that is not old enough rather than leave a hole in the kept chain.
        var firstKept = await db.AuditEntries.AsNoTracking().Where(e => e.At >= cutoff).OrderBy(e => e.Seq)
            .Select(e => (long?)e.Seq).FirstOrDefaultAsync(cancellationToken);
        var toSeq = firstKept - 1 ?? await db.AuditEntries.MaxAsync(e => e.Seq, cancellationToken);
        if (toSeq < first.Seq)
        {
            return Nothing;
        }

        // Removing broken entries would remove the evidence: refuse, and keep everything until someone looks.
        var check = await verifier.VerifyAsync(toSeq, cancellationToken);
        if (!check.Valid)
        {
            throw new InvalidOperationException(
                $"Audit purge refused: the chain is broken at entry {check.BrokenSeq} ({check.Reason}); nothing was removed. Verify with GET /api/audit/verify.");
        }

        var last = await db.AuditEntries.AsNoTracking().Where(e => e.Seq == toSeq).Select(e => new { e.At, e.Hash }).SingleAsync(cancellationToken);
        var record = new AuditPurgeRecord(first.Seq, toSeq, toSeq - first.Seq + 1, first.At, last.At, last.Hash, cutoff, RetentionDays);

        // The anchor goes in first: the insert guard wants each entry to follow the last one, which is about to go.
        audit.Add(new AuditEvent(AuditActions.AuditPurged, "audit") { ActorName = "system:audit-retention", Data = record });
        await db.SaveChangesAsync(cancellationToken);
        var anchorSeq = await db.AuditEntries.MaxAsync(e => e.Seq, cancellationToken);

        await db.Database.ExecuteSqlAsync($"SELECT set_config({PurgeSetting}, 'on', true)", cancellationToken);
        var deleted = await db.AuditEntries.Where(e => e.Seq <= toSeq).ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT set_config({PurgeSetting}, 'off', true)", cancellationToken);
        if (deleted != record.Count)
        {
            throw new InvalidOperationException($"Audit purge expected to remove {record.Count} entries but found {deleted}; nothing was removed.");
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Audit purge removed entries {FromSeq}–{ToSeq} ({Count}) older than {Cutoff:O}; anchored at entry {AnchorSeq}",
            record.FromSeq, record.ToSeq, record.Count, cutoff, anchorSeq);
        return new PurgeResult(record.Count, record.FromSeq, record.ToSeq, anchorSeq);
    }
}
