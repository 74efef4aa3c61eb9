using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity.Entra;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Identity;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string Email, string Password);

    public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

    public sealed record RefreshRequest(string RefreshToken);

    public sealed record MeResponse(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, Guid? UnitId, bool MustChangePassword);

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").WithTags("Identity");
        group.MapPost("/auth/login", Login).AllowAnonymous()
            .WithName("Login")
            .WithSummary("Signs in with a local account and returns a bearer token.");
        group.MapPost("/auth/refresh", Refresh).AllowAnonymous()
            .WithName("RefreshToken")
            .WithSummary("Exchanges a refresh token for new tokens, within the idle timeout; refused after a password change or when the account is locked.");
        group.MapPost("/auth/change-password", ChangePassword)
            .WithName("ChangePassword")
            .WithSummary("Changes the signed-in user's password (the initial one must be changed first) and returns new tokens, as sign-in does; the policy is 8+ characters from 3 of 4 classes.")
            .RequireAccess(Access.SignedIn)
            .AllowPendingPasswordChange();
        group.MapGet("/me", Me)
            .WithName("GetMe")
            .WithSummary("The signed-in user: name, roles, unit, and whether the initial password must still be changed.")
            .RequireAccess(Access.SignedIn)
            .AllowPendingPasswordChange();
        group.MapAuthConfig();
        return endpoints;
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(LoginRequest request, SignInManager<AppUser> signIn, AuditTrail audit)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return ApiProblem.Create(400, "auth.credentials_missing", "请输入账号和密码。", "Enter your account and password.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        // No account name holds control characters (and PostgreSQL refuses NUL): such a name is simply unknown.
        var email = request.Email.Trim();
        var user = email.Length > 256 || email.Any(char.IsControl) ? null : await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            await audit.RecordAsync(SignInAudit.Failed(request.Email, null, null));
            return Failed();
        }

        // Checked first and signed in after the audit entry is written (what PasswordSignInAsync does in one go), so no
        // token leaves without its record.
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(SignInAudit.Failed(request.Email, user, result));
            return result.IsLockedOut
                ? ApiProblem.Create(423, "auth.locked_out", "连续登录失败次数过多，账号已临时锁定，请 15 分钟后再试。",
                    "Too many failed sign-ins: the account is locked for 15 minutes.")
                : Failed();
        }

        await audit.RecordAsync(SignInAudit.Succeeded(user));
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "pwd")]);

        // The bearer handler has written the token response.
        return TypedResults.Empty;
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, AuditTrail audit)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null
            : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await signIn.UserManager.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(SignInAudit.RefreshRefused(ticket, clock.GetUtcNow()));
            return ApiProblem.Create(401, "auth.session_expired", "登录已过期，请重新登录。", "The session has expired; sign in again.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }

    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, SignInManager<AppUser> signIn, AppDbContext db, AuditTrail audit)
    {
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(principal);
        // A disabled account's access token lives out its idle timeout, but must not buy new tokens here.
        if (user is null || !await signIn.CanSignInAsync(user))
        {
            return ApiProblem.Create(401, "auth.required", "请先登录。", "Sign in first.");
        }

        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
        {
            return ApiProblem.Create(400, "password.missing", "请输入原密码和新密码。", "Enter the current and the new password.");
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            return ApiProblem.Create(400, "password.unchanged", "新密码不能与原密码相同。", "The new password must differ from the current one.");
        }

        // The password and the cleared forced change are saved by two calls: one transaction, with the audit entry.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            var wrongCurrent = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
            // Nothing changed: end the transaction first, so that the failure's audit entry is kept.
            await transaction.RollbackAsync();
            await audit.RecordAsync(SignInAudit.PasswordChangeFailed(user, wrongCurrent));
            return wrongCurrent
                ? ApiProblem.Create(400, "password.current_wrong", "原密码错误。", "The current password is wrong.")
                : ApiProblem.Create(400, "password.policy", "新密码不符合密码策略。", "The new password does not meet the password policy.",
                    PasswordPolicy.Problems(result.Errors, "newPassword"));
        }

        audit.Add(SignInAudit.PasswordChanged(user) with { Data = new { initialPassword = user.MustChangePassword } });
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await transaction.CommitAsync();

        // Tokens issued before still say the change is pending (and the new security stamp refuses their refresh):
        // answer with fresh tokens, as sign-in does.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty;
    }

    private static ProblemHttpResult Failed() =>
        ApiProblem.Create(401, "auth.failed", "账号或密码错误。", "The account or password is wrong.");

    internal static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Me(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return ApiProblem.Create(401, "auth.required", "请先登录。", "Sign in first.");
        }

        var roles = await users.GetRolesAsync(user);
        // A work account signed in through Entra ID has no password to change here, whatever the local account says.
        var mustChange = user.MustChangePassword && principal.Identity?.AuthenticationType != EntraSetup.Scheme;
        return TypedResults.Ok(new MeResponse(user.Id, user.Email ?? "", user.DisplayName, [.. roles.Order(StringComparer.Ordinal)], user.UnitId, mustChange));
    }
}
