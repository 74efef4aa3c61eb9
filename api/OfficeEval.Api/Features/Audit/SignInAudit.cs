using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Identity.Entra;

namespace OfficeEval.Api.Features.Audit;

/// <summary>
/// The audit events of signing in and of passwords (等保2.0: every identification attempt, successful or not, with the
/// account and the source). Built here so the identity endpoints each need one line to record them.
/// </summary>
public static class SignInAudit
{
    public static AuditEvent Succeeded(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(AuditActions.SignIn, UserTarget(user.Id)) { ActorId = user.Id, ActorName = user.Email ?? user.UserName };
    }

    /// <summary>A refused sign-in, with the account name as typed (also when no such account exists) and why.</summary>
    public static AuditEvent Failed(string accountTried, AppUser? user, SignInResult? result)
    {
        ArgumentNullException.ThrowIfNull(accountTried);
        var reason = user is null ? "unknown_account"
            : result?.IsLockedOut == true ? "locked_out"
            : result?.IsNotAllowed == true ? "not_allowed"
            : "wrong_password";
        return new(AuditActions.SignInFailed, user is null ? $"account/{accountTried.Trim()}" : UserTarget(user.Id))
        {
            ActorId = user?.Id,
            ActorName = accountTried.Trim(),
            Data = new { reason, failedAttempts = user?.AccessFailedCount, lockedUntil = user?.LockoutEnd },
        };
    }

    /// <summary>A sign-in with a Microsoft Entra ID access token (recorded once per token, not per request).</summary>
    public static AuditEvent EntraSucceeded(Guid userId, string? accountName, EntraIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(AuditActions.SignIn, UserTarget(userId))
        {
            ActorId = userId,
            ActorName = accountName,
            Data = new { method = "entra", tenantId = identity.TenantId, objectId = identity.ObjectId, tokenId = identity.TokenId },
        };
    }

    /// <summary>
    /// A refused Entra sign-in, with the reason code and what the token claimed (unverified unless the reason is about
    /// the account): the account's target when it is known, else the object id claimed.
    /// </summary>
    public static AuditEvent EntraFailed(string reason, Guid? userId, EntraClaimsSeen? seen)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(AuditActions.SignInFailed, userId is { } id ? UserTarget(id) : $"entra/{seen?.ObjectId ?? "unknown"}")
        {
            ActorId = userId,
            ActorName = seen?.Username ?? "",
            Data = new { reason, method = "entra", tenantId = seen?.TenantId, objectId = seen?.ObjectId },
        };
    }

    /// <summary>A refresh token refused: unreadable, expired, or its session ended by a password change or a lockout.</summary>
    public static AuditEvent RefreshRefused(AuthenticationTicket? ticket, DateTimeOffset now)
    {
        var principal = ticket?.Principal;
        var userId = principal?.UserId() is { } id && id != Guid.Empty ? id : (Guid?)null;
        var reason = ticket is null ? "invalid_token"
            : ticket.Properties.ExpiresUtc is not { } expires || now >= expires ? "expired"
            : "revoked_or_locked";
        return new(AuditActions.RefreshRefused, userId is { } uid ? UserTarget(uid) : "auth/refresh")
        {
            ActorId = userId,
            ActorName = principal?.FindFirstValue(ClaimTypes.Email) ?? principal?.FindFirstValue(ClaimTypes.Name) ?? "",
            Data = new { reason },
        };
    }

    /// <summary>The signed-in user changed their password.</summary>
    public static AuditEvent PasswordChanged(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(AuditActions.PasswordChanged, UserTarget(user.Id));
    }

    /// <summary>A password change refused: the current password was wrong, or the new one breaks the policy.</summary>
    public static AuditEvent PasswordChangeFailed(AppUser user, bool currentWrong)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(AuditActions.PasswordChangeFailed, UserTarget(user.Id)) { Data = new { reason = currentWrong ? "current_wrong" : "policy" } };
    }

    private static string UserTarget(Guid id) => $"user/{id}";
}
