using Microsoft.AspNetCore.Identity;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Demo;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// The first administrator of a new installation (without the demo): when <c>OfficeEval:FirstAdminEmail</c> is set and
/// no active account has the Admin role, an Admin with that e-mail is created at start-up with a random initial
/// password, printed once, which must be changed at the first sign-in. Audited. Does nothing once an Admin exists.
/// </summary>
public sealed class FirstAdmin(AppDbContext db, UserManager<AppUser> users, RoleManager<AppRole> roles, AuditTrail audit)
{
    /// <summary>Creates the first Admin when none exists; returns its initial password, or null when nothing was done.</summary>
    public async Task<string?> EnsureAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || (await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => u.DisabledAt is null))
        {
            return null;
        }

        // All or nothing: a start killed between creating the account and making it an Admin would leave an account
        // that blocks the next start's attempt (its e-mail taken) and no Admin. The managers save through this context.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            Check(await roles.CreateAsync(new AppRole(role)), "role " + role);
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = "系统管理员",
            MustChangePassword = true,
        };
        var initial = string.IsNullOrEmpty(password) ? DemoSeeder.NewPassword() : password;
        Check(await users.CreateAsync(user, initial), user.Email);
        audit.Add(new AuditEvent(AuditActions.UserCreated, $"user/{user.Id}") { After = new { user.Email, roles = new[] { Roles.Admin }, firstAdmin = true } },
            actorName: "system");
        Check(await users.AddToRoleAsync(user, Roles.Admin), user.Email);
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);
        return initial;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The first Admin could not be created ({what}): " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
