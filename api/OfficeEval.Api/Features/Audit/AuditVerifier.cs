using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Frameworks;

namespace OfficeEval.Api.Features.Audit;

/// <summary>Why the chain is broken at <see cref="AuditVerification.BrokenSeq"/>.</summary>
public static class AuditBreaks
{
    /// <summary>The entry's content no longer matches its hash.</summary>
    public const string Edited = "edited";

    /// <summary>The entry is gone (and the retention purge did not remove it).</summary>
    public const string Missing = "missing";

    /// <summary>The entry was put into the chain after the fact.</summary>
    public const string Inserted = "inserted";

    /// <summary>The entry is intact but does not follow the one before it (that one was changed and re-hashed, or this one replaced).</summary>
    public const string LinkBroken = "link_broken";
}

/// <summary>
/// The result of walking the chain. <see cref="LastSeq"/> and <see cref="LastHash"/> are the chain's head: kept
/// outside the database, they let a later check notice entries removed from the end, which no chain can show by itself.
/// </summary>
public sealed record AuditVerification(
    bool Valid,
    long EntriesChecked,
    long? FirstSeq,
    long? LastSeq,
    string? LastHash,
    long? BrokenSeq,
    string? Reason,
    string? MessageZh,
    string? MessageEn)
{
    /// <summary>The purge the chain starts after: entries up to this seq were removed by retention; null when it starts at 1.</summary>
    public long? PurgedThroughSeq { get; init; }
}

/// <summary>What the retention purge records in its <see cref="AuditActions.AuditPurged"/> entry: the anchor the kept chain starts from.</summary>
public sealed record AuditPurgeRecord(
    long FromSeq,
    long ToSeq,
    long Count,
    DateTimeOffset FromAt,
    DateTimeOffset ToAt,
    string LastPurgedHash,
    DateTimeOffset Cutoff,
    int RetentionDays);

/// <summary>
/// Walks the audit chain in pages of <see cref="PageSize"/> entries by seq (memory stays bounded however long the chain
/// is), in one read-only snapshot, checking that the seqs run without gaps, that each entry's prev_hash is the previous
/// entry's hash, and that each hash matches the entry. The chain starts at seq 1 after the genesis hash or, once the
/// retention purge has run, right after the last purge's anchor: its first kept entry must follow the last purged hash.
/// </summary>
public sealed class AuditVerifier(AppDbContext db)
{
    public const int PageSize = 500;

    /// <summary>Verifies the whole chain, or its entries up to <paramref name="throughSeq"/> (what the purge is about to remove).</summary>
    public async Task<AuditVerification> VerifyAsync(long? throughSeq = null, CancellationToken cancellationToken = default)
    {
        // One snapshot for the whole walk, so entries appended or purged meanwhile do not show as breaks. Inside a caller's
        // transaction (the purge, which holds the chain's lock) its view is used.
        await using var snapshot = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
            : null;
        if (snapshot is not null)
        {
            await db.Database.ExecuteSqlAsync($"SET TRANSACTION READ ONLY", cancellationToken);
        }

        return await Walk(throughSeq, cancellationToken);
    }

    private async Task<AuditVerification> Walk(long? throughSeq, CancellationToken cancellationToken)
    {
        // The latest purge says where the kept chain starts (each purge moves the start forward), also when only a
        // part of the chain is walked.
        var purge = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.AuditPurged)
            .OrderByDescending(e => e.Seq).FirstOrDefaultAsync(cancellationToken);
        AuditPurgeRecord? anchor = null;
        if (purge is not null && (anchor = ReadAnchor(purge)) is null)
        {
            return Broken(0, null, null, purge.Seq, AuditBreaks.Edited, null);
        }

        var chain = new Walker(anchor is null ? 1 : anchor.ToSeq + 1, anchor?.LastPurgedHash ?? AuditChain.Genesis);
        long? firstSeq = null;
        var after = long.MinValue;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Seq > after && (throughSeq == null || e.Seq <= throughSeq))
                .OrderBy(e => e.Seq).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var entry in page)
            {
                firstSeq ??= entry.Seq;
                if (chain.Check(entry) is { } broken)
                {
                    return Broken(chain.Checked, firstSeq, chain.LastSeq, broken.Seq, broken.Reason, anchor);
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Seq;
        }

        return new AuditVerification(true, chain.Checked, firstSeq, chain.LastSeq, chain.LastSeq is null ? null : chain.ExpectedPrev, null, null, null, null)
        {
            PurgedThroughSeq = anchor?.ToSeq,
        };
    }

    /// <summary>The anchor from a purge entry's details; null when they cannot be read (the entry was tampered with).</summary>
    internal static AuditPurgeRecord? ReadAnchor(AuditEntry purge)
    {
        try
        {
            using var details = JsonDocument.Parse(purge.Details);
            return details.RootElement.TryGetProperty("data", out var data)
                ? data.Deserialize<AuditPurgeRecord>(FrameworkRecord.Json) is { LastPurgedHash.Length: 64 } record ? record : null
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AuditVerification Broken(long entriesChecked, long? firstSeq, long? lastSeq, long seq, string reason, AuditPurgeRecord? anchor)
    {
        var (zh, en) = reason switch
        {
            AuditBreaks.Edited => ($"审计记录 {seq} 的内容与其哈希不符，已被修改。", $"Audit entry {seq} does not match its hash: it was edited."),
            AuditBreaks.Missing => ($"审计记录 {seq} 缺失（不是保留期清理删除的）。", $"Audit entry {seq} is missing (not removed by the retention purge)."),
            AuditBreaks.Inserted => ($"审计记录 {seq} 是事后插入的。", $"Audit entry {seq} was inserted after the fact."),
            _ => ($"审计记录 {seq} 未接续前一条记录：前一条被修改并重算了哈希，或本条被替换。",
                $"Audit entry {seq} does not follow the entry before it: that one was changed and re-hashed, or this one replaced."),
        };
        return new AuditVerification(false, entriesChecked, firstSeq, lastSeq, null, seq, reason, zh, en) { PurgedThroughSeq = anchor?.ToSeq };
    }

    /// <summary>The walk's state: the seq and prev_hash the next entry must have, and the hash before that.</summary>
    private sealed class Walker(long expectedSeq, string expectedPrev)
    {
        private string? _prevPrev;

        public long ExpectedSeq { get; private set; } = expectedSeq;

        public string ExpectedPrev { get; private set; } = expectedPrev;

        public long Checked { get; private set; }

        public long? LastSeq { get; private set; }

        public (long Seq, string Reason)? Check(AuditEntry entry)
        {
            if (Classify(entry) is { } broken)
            {
                return broken;
            }

            Checked++;
            LastSeq = entry.Seq;
            _prevPrev = ExpectedPrev;
            ExpectedPrev = entry.Hash;
            ExpectedSeq++;
            return null;
        }

        private (long, string)? Classify(AuditEntry entry)
        {
            if (entry.Seq > ExpectedSeq)
            {
                return (ExpectedSeq, AuditBreaks.Missing);
            }

            if (entry.Seq < ExpectedSeq)
            {
                // Only the first entry read can be below the expected start: before seq 1, or among those the purge removed.
                return (entry.Seq, AuditBreaks.Inserted);
            }

            var intact = AuditChain.IsCanonical(entry) && AuditChain.HashOf(entry) == entry.Hash;
            if (entry.PrevHash == ExpectedPrev)
            {
                return intact ? null : (entry.Seq, AuditBreaks.Edited);
            }

            // It skips the entry before it and links to the one before that: that entry was slipped in between.
            if (_prevPrev is not null && entry.PrevHash == _prevPrev)
            {
                return (entry.Seq - 1, AuditBreaks.Inserted);
            }

            if (!intact)
            {
                // Renumbered to make room for an inserted entry, or to close the gap of a removed one: its hash was made
                // under its old seq.
                if (HashAt(entry, entry.Seq - 1) == entry.Hash)
                {
                    return (entry.Seq - 1, AuditBreaks.Inserted);
                }

                return HashAt(entry, entry.Seq + 1) == entry.Hash ? (entry.Seq, AuditBreaks.Missing) : (entry.Seq, AuditBreaks.Edited);
            }

            return (entry.Seq, AuditBreaks.LinkBroken);
        }

        private static string HashAt(AuditEntry entry, long seq)
        {
            var original = entry.Seq;
            entry.Seq = seq;
            var hash = AuditChain.HashOf(entry);
            entry.Seq = original;
            return hash;
        }
    }
}
