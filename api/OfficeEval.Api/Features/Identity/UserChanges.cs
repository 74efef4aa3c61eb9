using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Infrastructure;
using static OfficeEval.Api.Features.Identity.UserDirectory;
using static OfficeEval.Api.Features.Identity.UserEndpoints;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// The changing half of <see cref="UserEndpoints"/>. UserManager saves after each of its calls, so every change runs
/// in one transaction and stages its audit entry before the first save: the entry and the change commit together.
/// </summary>
internal static class UserChanges
{
    internal static async Task<Results<Created<InitialPasswordResponse>, ProblemHttpResult>> Create(
        CreateUserRequest request, UserManager<AppUser> users, RoleManager<AppRole> roles, AppDbContext db, AuditTrail audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = UserValidation.Email(request.Email);
        var (settings, settingErrors) = await CheckAsync(db, request.DisplayName, request.Roles, request.UnitId, cancellationToken);
        errors.AddRange(settingErrors);
        if (settings is null || errors.Count > 0)
        {
            return Invalid(errors);
        }

        var email = request.Email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return EmailTaken();
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = settings.DisplayName,
            UnitId = settings.UnitId,
            MustChangePassword = true,
        };
        var password = InitialPassword(user);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureRolesAsync(roles, settings.Roles);
        audit.Add(new AuditEvent(AuditActions.UserCreated, Target(user)) { After = SnapshotOf(user, settings.Roles), UnitId = user.UnitId });
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request created the same account between the check above and this insert.
            return EmailTaken();
        }

        if (!created.Succeeded)
        {
            return UserValidation.IsDuplicate(created.Errors) ? EmailTaken() : Invalid(UserValidation.FromIdentity(created.Errors));
        }

        Check(await users.AddToRolesAsync(user, settings.Roles));
        await transaction.CommitAsync(cancellationToken);
        var response = new InitialPasswordResponse(await DescribeAsync(db, user, clock.GetUtcNow(), cancellationToken), password);
        return TypedResults.Created($"/api/users/{user.Id}", response);
    }

    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Update(
        Guid userId, UpdateUserRequest request, UserManager<AppUser> users, RoleManager<AppRole> roles, AppDbContext db, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return NotFound();
        }

        var (settings, errors) = await CheckAsync(db, request.DisplayName, request.Roles, request.UnitId, cancellationToken);
        if (settings is null)
        {
            return Invalid(errors);
        }

        var current = await users.GetRolesAsync(user);
        var before = SnapshotOf(user, current);
        var removed = current.Except(settings.Roles, StringComparer.Ordinal).ToList();
        var added = settings.Roles.Except(current, StringComparer.Ordinal).ToList();
        var accessChanged = removed.Count > 0 || added.Count > 0 || user.UnitId != settings.UnitId;
        if (!accessChanged && user.DisplayName == settings.DisplayName)
        {
            return TypedResults.Ok(await DescribeAsync(db, user, clock.GetUtcNow(), cancellationToken));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (removed.Contains(Roles.Admin) && user.DisabledAt is null && await IsLastActiveAdminAsync(db, user, cancellationToken))
        {
            return LastAdmin();
        }

        await EnsureRolesAsync(roles, added);
        user.DisplayName = settings.DisplayName;
        user.UnitId = settings.UnitId;
        audit.Add(new AuditEvent(accessChanged ? AuditActions.UserRolesChanged : AuditActions.UserChanged, Target(user))
        {
            Before = before,
            After = SnapshotOf(user, settings.Roles),
            UnitId = user.UnitId ?? before.UnitId,
        });
        if (removed.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removed));
        }

        if (added.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, added));
        }

        // A new security stamp refuses the refresh tokens issued with the old roles or unit.
        Check(accessChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user));
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await DescribeAsync(db, user, clock.GetUtcNow(), cancellationToken));
    }

    internal static async Task<Results<Ok<InitialPasswordResponse>, ProblemHttpResult>> ResetPassword(
        Guid userId, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return NotFound();
        }

        var roles = await users.GetRolesAsync(user);
        var before = SnapshotOf(user, roles);
        var password = InitialPassword(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Add(new AuditEvent(AuditActions.UserPasswordReset, Target(user)) { Before = before, After = SnapshotOf(user, roles), UnitId = user.UnitId });
        // Both calls renew the security stamp: sessions signed in with the old password cannot refresh.
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new InitialPasswordResponse(await DescribeAsync(db, user, clock.GetUtcNow(), cancellationToken), password));
    }

    internal static Task<Results<Ok<UserResponse>, ProblemHttpResult>> Unlock(
        Guid userId, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(userId, users, db, audit, clock, user => user.LockoutEnd is not null || user.AccessFailedCount > 0, (user, _) =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return Task.FromResult<ProblemHttpResult?>(null);
        }, renewStamp: false, cancellationToken);

    internal static Task<Results<Ok<UserResponse>, ProblemHttpResult>> Disable(
        Guid userId, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(userId, users, db, audit, clock, user => user.DisabledAt is null, async (user, roles) =>
        {
            if (roles.Contains(Roles.Admin) && await IsLastActiveAdminAsync(db, user, cancellationToken))
            {
                return LastAdmin();
            }

            user.DisabledAt = clock.GetUtcNow();
            return null;
        }, renewStamp: true, cancellationToken);

    internal static Task<Results<Ok<UserResponse>, ProblemHttpResult>> Enable(
        Guid userId, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(userId, users, db, audit, clock, user => user.DisabledAt is not null, (user, _) =>
        {
            user.DisabledAt = null;
            return Task.FromResult<ProblemHttpResult?>(null);
        }, renewStamp: false, cancellationToken);

    /// <summary>
    /// A change of the account's state, audited as <see cref="AuditActions.UserChanged"/>; nothing is written when
    /// <paramref name="needed"/> says the account is already in that state. <paramref name="apply"/> may refuse.
    /// </summary>
    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ChangeAsync(
        Guid userId, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, TimeProvider clock,
        Func<AppUser, bool> needed, Func<AppUser, IList<string>, Task<ProblemHttpResult?>> apply, bool renewStamp, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return NotFound();
        }

        if (needed(user))
        {
            var roles = await users.GetRolesAsync(user);
            var before = SnapshotOf(user, roles);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await apply(user, roles) is { } refused)
            {
                return refused;
            }

            audit.Add(new AuditEvent(AuditActions.UserChanged, Target(user)) { Before = before, After = SnapshotOf(user, roles), UnitId = user.UnitId });
            Check(renewStamp ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user));
            await transaction.CommitAsync(cancellationToken);
        }

        return TypedResults.Ok(await DescribeAsync(db, user, clock.GetUtcNow(), cancellationToken));
    }

    private static async Task<(UserValidation.Settings? Settings, List<ProblemItem> Errors)> CheckAsync(
        AppDbContext db, string? displayName, IReadOnlyList<string>? roles, Guid? unitId, CancellationToken cancellationToken)
    {
        var unitExists = unitId is { } id && await db.Units.AnyAsync(u => u.Id == id, cancellationToken);
        return UserValidation.Check(displayName, roles, unitId, unitExists);
    }

    private static string Target(AppUser user) => $"user/{user.Id}";

    private static ProblemHttpResult Invalid(IReadOnlyList<ProblemItem> errors) =>
        ApiProblem.Create(400, "user.invalid", "用户信息有误，请修改后重试。", "The account details are invalid.", errors);

    private static ProblemHttpResult EmailTaken() =>
        ApiProblem.Create(409, "user.email_taken", "该邮箱已被其他账号使用。", "Another account already uses this e-mail address.",
            [new ProblemItem("user.email_taken", "该邮箱已被其他账号使用。", "Another account already uses this e-mail address.") { Field = "email" }]);

    private static ProblemHttpResult LastAdmin() =>
        ApiProblem.Create(409, "user.last_admin", "不能停用或取消最后一个在用的管理员账号。",
            "The last active administrator cannot be disabled or lose the Admin role.");

    /// <summary>
    /// Stops on a refusal from UserManager: another administrator's change saved first (409, nothing of this one is
    /// kept), or one not expected here (roles exist, the account was just loaded).
    /// </summary>
    private static void Check(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ApiProblemException(409, "user.changed_meanwhile", "该账号刚被他人修改，请刷新后重试。",
                "Someone else changed this account meanwhile; reload it and try again.");
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Account change failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
