using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// What this instance remembers between requests carrying Entra tokens, so that each request is not a full sign-in:
/// <list type="bullet">
/// <item>the account a user maps to, with its claims, for <see cref="AccountLifetime"/> (keyed by object id and the
/// token's groups, so other groups map afresh): saves the lookups and the claims factory's queries per request; a
/// change an administrator makes (disabling, roles) applies within that time on every instance (a link or unlink at
/// once on the instance that made it);</item>
/// <item>which sign-ins are already in the audit log: one entry per token (<c>uti</c>, else <c>jti</c>), or per user
/// per hour when the token has no id; one per refused token and reason.</item>
/// </list>
/// Bounded: past <see cref="MaxEntries"/> expired entries are dropped, and if that is not enough, all of them (the
/// worst is a lookup or an audit entry more).
/// </summary>
public sealed class EntraSignInCache(TimeProvider clock)
{
    public static readonly TimeSpan AccountLifetime = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan SignInInterval = TimeSpan.FromHours(1);

    public const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, (EntraAccount Account, DateTimeOffset Until)> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recorded = new(StringComparer.Ordinal);

    public EntraAccount? Account(EntraIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return _accounts.TryGetValue(AccountKey(identity), out var entry) && clock.GetUtcNow() < entry.Until ? entry.Account : null;
    }

    public void Remember(EntraIdentity identity, EntraAccount account)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Prune(_accounts, e => e.Until);
        _accounts[AccountKey(identity)] = (account, clock.GetUtcNow() + AccountLifetime);
    }

    /// <summary>Forgets what an object id maps to (an administrator linked or unlinked it), so its next request maps afresh.</summary>
    public void ForgetAccount(Guid objectId)
    {
        var prefix = $"{objectId:N}|";
        foreach (var key in _accounts.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            _accounts.TryRemove(key, out _);
        }
    }

    /// <summary>True, once, for the first request of a sign-in to record; <see cref="Forget"/> it when recording fails.</summary>
    public bool TryMarkSignIn(EntraIdentity identity, out string key)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var now = clock.GetUtcNow();
        (key, var until) = identity.TokenId is { Length: > 0 } id
            ? ($"token:{id}", identity.ExpiresAt + TimeSpan.FromSeconds(EntraOptionsValidator.MaxClockSkewSeconds))
            : ($"user:{identity.ObjectId:N}", now + SignInInterval);
        return TryMark(key, until, now);
    }

    /// <summary>True, once, for the first request with a refused token and its reason.</summary>
    public bool TryMarkFailure(string token, string reason, out string key)
    {
        ArgumentNullException.ThrowIfNull(token);
        key = $"refused:{reason}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))}";
        var now = clock.GetUtcNow();
        return TryMark(key, now + SignInInterval, now);
    }

    public void Forget(string key) => _recorded.TryRemove(key, out _);

    private bool TryMark(string key, DateTimeOffset until, DateTimeOffset now)
    {
        if (_recorded.TryGetValue(key, out var existing) && now < existing)
        {
            return false;
        }

        Prune(_recorded, u => u);
        // Atomic: of two requests racing with the same token, one records.
        return existing == default ? _recorded.TryAdd(key, until) : _recorded.TryUpdate(key, until, existing);
    }

    private void Prune<T>(ConcurrentDictionary<string, T> entries, Func<T, DateTimeOffset> until)
    {
        if (entries.Count < MaxEntries)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (key, value) in entries)
        {
            if (now >= until(value))
            {
                entries.TryRemove(key, out _);
            }
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
    }

    private static string AccountKey(EntraIdentity identity)
    {
        if (identity.Groups is null)
        {
            return $"{identity.ObjectId:N}|overage";
        }

        var groups = string.Join('\n', identity.Groups.Select(g => g.ToUpperInvariant()).Order(StringComparer.Ordinal));
        return $"{identity.ObjectId:N}|{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(groups)))}";
    }
}
