using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Identity;

/// <summary>Reading accounts for the administration endpoints, and the guard that keeps one active administrator.</summary>
public static class UserDirectory
{
    /// <summary>Serialises changes that could remove the last active administrator (held until the transaction ends).</summary>
    public const long AdminLockKey = 0x4F45_4144_4D49_4E; // "OEADMIN"

    /// <summary>An account as the administration endpoints show it. Passwords and their hashes never leave the server.</summary>
    public sealed record UserResponse(
        Guid Id,
        string Email,
        string DisplayName,
        IReadOnlyList<string> Roles,
        Guid? UnitId,
        string? UnitName,
        bool MustChangePassword,
        bool LockedOut,
        DateTimeOffset? LockoutEnd,
        bool Disabled,
        DateTimeOffset? DisabledAt,
        Guid? EntraObjectId);

    /// <summary>What the audit log keeps of an account, before and after a change.</summary>
    public sealed record Snapshot(
        string Email, string DisplayName, IReadOnlyList<string> Roles, Guid? UnitId, bool Disabled, bool MustChangePassword, DateTimeOffset? LockoutEnd, Guid? EntraObjectId);

    public static Snapshot SnapshotOf(AppUser user, IEnumerable<string> roles) =>
        new(user.Email ?? "", user.DisplayName, [.. roles.Order(StringComparer.Ordinal)], user.UnitId, user.DisabledAt is not null, user.MustChangePassword, user.LockoutEnd,
            user.EntraObjectId);

    /// <summary>The accounts with their roles and unit names, in the order given; two queries whatever the count.</summary>
    public static async Task<List<UserResponse>> DescribeAsync(AppDbContext db, IReadOnlyList<AppUser> users, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name ?? "");
        var unitIds = users.Where(u => u.UnitId is not null).Select(u => u.UnitId!.Value).Distinct().ToList();
        var units = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return [.. users.Select(u => new UserResponse(
            u.Id,
            u.Email ?? "",
            u.DisplayName,
            [.. roles[u.Id].Order(StringComparer.Ordinal)],
            u.UnitId,
            u.UnitId is { } unit && units.TryGetValue(unit, out var name) ? name : null,
            u.MustChangePassword,
            u.LockoutEnd is { } end && end > now,
            u.LockoutEnd,
            u.DisabledAt is not null,
            u.DisabledAt,
            u.EntraObjectId))];
    }

    public static async Task<UserResponse> DescribeAsync(AppDbContext db, AppUser user, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await DescribeAsync(db, [user], now, cancellationToken))[0];

    /// <summary>
    /// Whether <paramref name="user"/> is the only administrator whose account is enabled. Call inside the change's
    /// transaction: it takes <see cref="AdminLockKey"/>, so two administrators disabling each other at once cannot
    /// both pass.
    /// </summary>
    public static async Task<bool> IsLastActiveAdminAsync(AppDbContext db, AppUser user, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdminLockKey})", cancellationToken);
        var admin = db.Roles.Where(r => r.NormalizedName == Roles.Admin.ToUpperInvariant()).Select(r => r.Id);
        return !await db.Users.AnyAsync(
            u => u.Id != user.Id && u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && admin.Contains(ur.RoleId)),
            cancellationToken);
    }

    /// <summary>Creates any of the four roles missing from the database (a database not seeded with the demo has none).</summary>
    public static async Task EnsureRolesAsync(RoleManager<AppRole> roles, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                var created = await roles.CreateAsync(new AppRole(name));
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Role {name} could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
                }
            }
        }
    }
}
