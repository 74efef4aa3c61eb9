using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Identity.Entra;
using OfficeEval.Api.Features.Identity.KeyRing;

namespace OfficeEval.Api.Features.Identity;

public static class IdentitySetup
{
    public const string UnitClaim = "unit_id";

    /// <summary>
    /// Local accounts with bearer tokens (no cookies: the task pane is a third-party frame in Office on the web), and
    /// Entra ID access tokens when enabled. Every endpoint requires a signed-in user unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddAppIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var idle = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue($"{Infrastructure.OfficeEvalOptions.Section}:{nameof(Infrastructure.OfficeEvalOptions.IdleTimeoutMinutes)}", 30)));
        services.AddAuthentication(IdentityConstants.BearerScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                // Idle timeout: both tokens expire after the idle period; using the session refreshes both.
                options.BearerTokenExpiration = idle;
                options.RefreshTokenExpiration = idle;
            });
        // Tokens are protected with Data Protection keys kept in the database, so every instance accepts every instance's tokens.
        services.AddSharedKeyRing(configuration);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(PasswordChangeGate.Requirement).Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PasswordChangeResultHandler>();

        services.AddIdentityCore<AppUser>(options =>
            {
                // PasswordPolicy does the checking (length and 3 of 4 classes); the built-in rules are off.
                options.Password.RequiredLength = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<AppRole>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();

        // Microsoft Entra ID work accounts beside the local ones, when configured (off by default).
        services.AddEntraSignIn(configuration);
        return services;
    }

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static Guid? UnitId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UnitClaim), out var id) ? id : null;
}

/// <summary>
/// Puts the user's unit, display name and a pending forced password change into the token, so unit scoping and the
/// password-change gate need no lookup.
/// </summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(IdentitySetup.UnitClaim, unit.ToString()));
        }

        identity.AddClaim(new Claim("display_name", user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PasswordChangeGate.Claim, "true"));
        }

        return identity;
    }
}

/// <summary>A disabled account can neither sign in nor renew a session (its refresh tokens fail the stamp check).</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        user is { DisabledAt: null } && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(AppUser? user, string? securityStamp) =>
        user is { DisabledAt: null } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
