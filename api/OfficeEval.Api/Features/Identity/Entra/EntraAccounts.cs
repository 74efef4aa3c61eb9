using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using static OfficeEval.Api.Features.Identity.UserDirectory;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// The local account a signed-in Entra user is, with the claims a local sign-in would give it, or why there is none.
/// </summary>
public sealed record EntraAccount(Guid? UserId, string? AccountName, IReadOnlyList<KeyValuePair<string, string>> Claims, EntraError? Refusal)
{
    public static EntraAccount Refused(EntraError refusal, AppUser? user = null) => new(user?.Id, user?.Email ?? user?.UserName, [], refusal);
}

/// <summary>
/// Maps a validated Entra identity to its local account by object id (<see cref="AppUser.EntraObjectId"/>). With
/// <see cref="EntraOptions.AutoProvision"/>, a user without one gets one when the groups give a role (no password,
/// nothing to change). When <see cref="EntraOptions.GroupRoles"/> or <see cref="EntraOptions.GroupUnits"/> are set,
/// the groups decide roles or unit at every sign-in, and a difference is written with its audit entry (as an
/// administrator's change would be, with the user as actor); otherwise what administrators set stands. With too many
/// groups to list in the token (group overage) nothing is synced.
/// </summary>
public sealed class EntraAccounts(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IUserClaimsPrincipalFactory<AppUser> claims,
    AuditTrail audit,
    IOptions<EntraOptions> options,
    ILogger<EntraAccounts> logger)
{
    public async Task<EntraAccount> SignInAsync(EntraIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        try
        {
            return await ResolveAsync(identity, cancellationToken);
        }
        catch (Exception e) when (IsConflict(e))
        {
            // Another request, here or on another instance, created or changed the account at the same moment: start
            // again from what it wrote.
            db.ChangeTracker.Clear();
            return await ResolveAsync(identity, cancellationToken);
        }
    }

    private async Task<EntraAccount> ResolveAsync(EntraIdentity identity, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var groups = identity.Groups;
        var rolesFromGroups = settings.GroupRoles.Count > 0 && groups is not null;
        var user = await db.Users.SingleOrDefaultAsync(u => u.EntraObjectId == identity.ObjectId, cancellationToken);
        if (groups is null && (settings.GroupRoles.Count > 0 || settings.GroupUnits.Count > 0))
        {
            logger.LogWarning("Entra user {ObjectId} has too many groups for the token (group overage): roles and unit are not synced. Assign groups to the application to stay under the limit.", identity.ObjectId);
        }

        if (user is null)
        {
            if (!settings.AutoProvision)
            {
                return EntraAccount.Refused(EntraErrors.NoAccount);
            }

            var granted = rolesFromGroups ? EntraGroups.RolesOf(settings, groups!) : [];
            if (granted.Count == 0)
            {
                return EntraAccount.Refused(EntraErrors.NoRole);
            }

            var (newUnit, unitRefusal) = await UnitAsync(identity, granted, null, cancellationToken);
            return unitRefusal is not null ? EntraAccount.Refused(unitRefusal) : await ProvisionAsync(identity, granted, newUnit, cancellationToken);
        }

        if (user.DisabledAt is not null)
        {
            return EntraAccount.Refused(EntraErrors.Disabled, user);
        }

        var current = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        var wanted = rolesFromGroups ? EntraGroups.RolesOf(settings, groups!) : current;
        var (unit, refusal) = await UnitAsync(identity, wanted, user.UnitId, cancellationToken);
        if (refusal is not null)
        {
            return EntraAccount.Refused(refusal, user);
        }

        if (!wanted.SequenceEqual(current, StringComparer.Ordinal) || unit != user.UnitId)
        {
            await SyncAsync(user, identity, current, wanted, unit, cancellationToken);
        }

        return wanted.Count == 0 ? EntraAccount.Refused(EntraErrors.NoRole, user) : await AccountOfAsync(user);
    }

    /// <summary>
    /// The unit for these roles: none unless unit staff; for unit staff, the one unit their groups give when
    /// <see cref="EntraOptions.GroupUnits"/> decides it, else the unit the account has.
    /// </summary>
    private async Task<(Guid? Unit, EntraError? Refusal)> UnitAsync(EntraIdentity identity, IReadOnlyList<string> granted, Guid? current, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!granted.Contains(Roles.UnitStaff))
        {
            return (null, null);
        }

        if (settings.GroupUnits.Count == 0 || identity.Groups is null)
        {
            return current is null ? (null, EntraErrors.NoUnit) : (current, null);
        }

        var codes = EntraGroups.UnitCodesOf(settings, identity.Groups);
        var units = codes.Count == 0 ? [] : await db.Units.Where(u => codes.Contains(u.Code)).Select(u => new { u.Id, u.Code }).ToListAsync(cancellationToken);
        if (units.Count < codes.Count)
        {
            logger.LogWarning("OfficeEval:Entra:GroupUnits names unit codes that do not exist: {Codes}.", string.Join(", ", codes.Except(units.Select(u => u.Code), StringComparer.Ordinal)));
        }

        return units.Count == 1 ? (units[0].Id, null) : (null, EntraErrors.NoUnit);
    }

    private async Task SyncAsync(AppUser user, EntraIdentity identity, IReadOnlyList<string> current, IReadOnlyList<string> wanted, Guid? unit, CancellationToken cancellationToken)
    {
        var before = SnapshotOf(user, current);
        var removed = current.Except(wanted, StringComparer.Ordinal).ToList();
        var added = wanted.Except(current, StringComparer.Ordinal).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureRolesAsync(roles, added);
        user.UnitId = unit;
        audit.Add(new AuditEvent(AuditActions.UserRolesChanged, $"user/{user.Id}")
        {
            Before = before,
            After = SnapshotOf(user, wanted),
            UnitId = user.UnitId ?? before.UnitId,
            ActorId = user.Id,
            ActorName = user.Email ?? user.UserName,
            Data = new { source = "entra", groups = EntraGroups.Mapped(options.Value, identity.Groups ?? []) },
        });
        if (removed.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removed));
        }

        if (added.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, added));
        }

        // As for an administrator's change: the account's local sessions, if any, end at their next refresh.
        Check(await users.UpdateSecurityStampAsync(user));
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<EntraAccount> ProvisionAsync(EntraIdentity identity, IReadOnlyList<string> granted, Guid? unit, CancellationToken cancellationToken)
    {
        var email = identity.Username?.Trim() ?? "";
        if (UserValidation.Email(email).Count > 0)
        {
            return EntraAccount.Refused(EntraErrors.EmailUnusable);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            // Never linked by e-mail: the claim is not proof of owning that local account.
            return EntraAccount.Refused(EntraErrors.AccountConflict);
        }

        var name = AuditTrail.Clean(identity.Name?.Trim() ?? "", UserValidation.MaxDisplayName).Trim();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name.Length > 0 ? name : email[..Math.Min(email.Length, UserValidation.MaxDisplayName)],
            UnitId = unit,
            EntraObjectId = identity.ObjectId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureRolesAsync(roles, granted);
        audit.Add(new AuditEvent(AuditActions.UserCreated, $"user/{user.Id}")
        {
            After = SnapshotOf(user, granted),
            UnitId = unit,
            ActorId = user.Id,
            ActorName = email,
            Data = new { source = "entra", tenantId = identity.TenantId, objectId = identity.ObjectId, groups = EntraGroups.Mapped(options.Value, identity.Groups ?? []) },
        });
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            if (UserValidation.IsDuplicate(created.Errors))
            {
                throw new EntraAccountConflictException();
            }

            // Identity's user-name rules refused the address; nothing of this attempt may be saved later.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return EntraAccount.Refused(EntraErrors.EmailUnusable);
        }

        Check(await users.AddToRolesAsync(user, granted));
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Created account {UserId} at the first Entra sign-in of {ObjectId}.", user.Id, identity.ObjectId);
        return await AccountOfAsync(user);
    }

    /// <summary>Exactly the claims of a local sign-in (AppClaimsFactory), less the password-change gate, which a work account never has.</summary>
    private async Task<EntraAccount> AccountOfAsync(AppUser user)
    {
        var principal = await claims.CreateAsync(user);
        var list = principal.Claims.Where(c => c.Type != PasswordChangeGate.Claim).Select(c => KeyValuePair.Create(c.Type, c.Value)).ToList();
        return new EntraAccount(user.Id, user.Email ?? user.UserName, list, null);
    }

    private static void Check(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new EntraAccountConflictException();
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Entra account change failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static bool IsConflict(Exception e) =>
        e is EntraAccountConflictException or DbUpdateConcurrencyException
        || (e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } });

    private sealed class EntraAccountConflictException() : Exception("The account was changed by another request meanwhile.");
}
