using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Identity;

public static class IdentitySetup
{
    public const string UnitClaim = "unit_id";

    /// <summary>
    /// Local accounts with bearer tokens (no cookies: the task pane is a third-party frame in Office on the web).
    /// Every endpoint requires a signed-in user unless it says otherwise.
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
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

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
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        return services;
    }

    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static Guid? UnitId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(UnitClaim), out var id) ? id : null;
}

/// <summary>Puts the user's unit and display name into the token, so unit scoping needs no lookup.</summary>
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
        return identity;
    }
}
