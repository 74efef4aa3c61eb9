using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OfficeEval.Api.Features.Audit;

/// <summary>The hash chain over audit entries.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The separator between hashed fields; <see cref="AuditTrail"/> never writes it inside a field.</summary>
    public const char Separator = '\u001f';

    /// <summary>
    /// SHA-256 (lower-case hex) over the entry's fields in a fixed order, separated by U+001F, including the previous
    /// entry's hash: changing any field of any entry, or removing or inserting one, changes every later hash.
    /// </summary>
    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = string.Join(Separator,
            entry.Seq.ToString(CultureInfo.InvariantCulture),
            entry.PrevHash,
            entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.ActorId?.ToString() ?? "",
            entry.ActorName,
            entry.Action,
            entry.Target,
            entry.CampaignId?.ToString() ?? "",
            entry.UnitId?.ToString() ?? "",
            entry.ClientIp ?? "",
            entry.Details);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Whether the hash pins every field of the entry: the hashed text must split back into the same fields. Entries
    /// written by <see cref="AuditTrail"/> hold no separator inside a field (so no text can move between neighbouring
    /// fields under the same hash) and no empty client address (which would hash the same as none). The verifier treats
    /// any other entry as edited.
    /// </summary>
    public static bool IsCanonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.ClientIp is not ""
            && !entry.PrevHash.Contains(Separator, StringComparison.Ordinal)
            && !entry.ActorName.Contains(Separator, StringComparison.Ordinal)
            && !entry.Action.Contains(Separator, StringComparison.Ordinal)
            && !entry.Target.Contains(Separator, StringComparison.Ordinal)
            && !(entry.ClientIp ?? "").Contains(Separator, StringComparison.Ordinal)
            && !entry.Details.Contains(Separator, StringComparison.Ordinal);
    }

    /// <summary>Truncates to microseconds, PostgreSQL's timestamp precision.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
