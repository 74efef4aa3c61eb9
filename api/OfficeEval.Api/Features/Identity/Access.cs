using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// Who may call an endpoint. Every endpoint declares one of these with <see cref="AccessExtensions.RequireAccess"/>
/// (or is anonymous); the authorization matrix test reads the declarations from the endpoint list, so an endpoint
/// without one fails the build's tests. Checked by the authorization middleware before any body is read.
/// </summary>
public static class Access
{
    /// <summary>Any signed-in user (their own account, the campaign list).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>The evaluation office: Admin.</summary>
    public const string Admin = "admin";

    /// <summary>The office's side, read only: Admin, Reviewer, Viewer (frameworks, campaign settings, progress).</summary>
    public const string Office = "office";

    /// <summary>A unit of a campaign (route <c>{campaignId}/units/{unitId}</c>), to read: Admin and Viewer any unit, a Reviewer assigned units, staff their own.</summary>
    public const string UnitRead = "unit-read";

    /// <summary>A unit's self-evaluation, to change: Admin, or the unit's own staff.</summary>
    public const string UnitEdit = "unit-edit";

    /// <summary>A unit's review (初审, 实地评估): Admin, or a Reviewer assigned to the unit.</summary>
    public const string UnitReview = "unit-review";

    public static readonly IReadOnlyList<string> All = [SignedIn, Admin, Office, UnitRead, UnitEdit, UnitReview];
}

public static class AccessExtensions
{
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, string access)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(access);

    public static IServiceCollection AddAccessPolicies(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, UnitAccessHandler>();
        // Every policy also holds the password-change gate: a user with an initial password still to change gets
        // only the endpoints marked AllowPendingPasswordChange.
        services.AddAuthorizationBuilder()
            .AddPolicy(Access.SignedIn, p => SignedIn(p))
            .AddPolicy(Access.Admin, p => SignedIn(p).RequireRole(Roles.Admin))
            .AddPolicy(Access.Office, p => SignedIn(p).RequireRole(Roles.Admin, Roles.Reviewer, Roles.Viewer))
            .AddPolicy(Access.UnitRead, p => SignedIn(p).AddRequirements(new UnitRequirement(UnitRight.Read)))
            .AddPolicy(Access.UnitEdit, p => SignedIn(p).AddRequirements(new UnitRequirement(UnitRight.Edit)))
            .AddPolicy(Access.UnitReview, p => SignedIn(p).AddRequirements(new UnitRequirement(UnitRight.Review)));
        return services;
    }

    private static AuthorizationPolicyBuilder SignedIn(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().AddRequirements(PasswordChangeGate.Requirement);
}

public enum UnitRight
{
    Read,
    Edit,
    Review,
}

/// <summary>A right on the unit named by the route's <c>campaignId</c> and <c>unitId</c>.</summary>
public sealed record UnitRequirement(UnitRight Right) : IAuthorizationRequirement;

/// <summary>Checks <see cref="UnitRequirement"/> from the route values, before the endpoint runs.</summary>
/// The database is asked only for a reviewer's assignment: it is taken from the request's services then, so that a
/// unit's own staff, the office and viewers (most requests) cost no database context.
public sealed class UnitAccessHandler : AuthorizationHandler<UnitRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, UnitRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http is null
            || !Guid.TryParse(http.GetRouteValue("campaignId")?.ToString(), out var campaignId)
            || !Guid.TryParse(http.GetRouteValue("unitId")?.ToString(), out var unitId))
        {
            return;
        }

        var user = context.User;
        if (user.IsInRole(Roles.Admin))
        {
            // The office may act on any unit; a unit not in the campaign is the endpoint's 404.
            context.Succeed(requirement);
            return;
        }

        var allowed = requirement.Right switch
        {
            UnitRight.Read => user.IsInRole(Roles.Viewer)
                || (user.IsInRole(Roles.UnitStaff) && user.UnitId() == unitId)
                || (user.IsInRole(Roles.Reviewer) && await IsAssigned(http, user.UserId(), campaignId, unitId)),
            UnitRight.Edit => user.IsInRole(Roles.UnitStaff) && user.UnitId() == unitId,
            UnitRight.Review => user.IsInRole(Roles.Reviewer) && await IsAssigned(http, user.UserId(), campaignId, unitId),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    private static Task<bool> IsAssigned(HttpContext http, Guid userId, Guid campaignId, Guid unitId) =>
        UnitAccess.AssignedQuery(http.RequestServices.GetRequiredService<AppDbContext>(), campaignId, userId).ContainsAsync(unitId, http.RequestAborted);
}
