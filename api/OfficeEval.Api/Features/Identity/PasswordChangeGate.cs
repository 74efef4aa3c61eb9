using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// The forced change of an initial password. A token issued while the change is pending carries
/// <see cref="Claim"/>; every access policy (and the fallback policy) holds <see cref="Requirement"/>, which fails for
/// such a token unless the endpoint is marked <see cref="AllowPendingPasswordChangeAttribute"/> (who am I, change the
/// password). The check reads the token only: no database lookup per request. Changing the password returns new
/// tokens without the claim.
/// </summary>
public static class PasswordChangeGate
{
    /// <summary>Present, with value <c>true</c>, in tokens of a user who must still replace the initial password.</summary>
    public const string Claim = "must_change_password";

    public const string ProblemCode = "auth.password_change_required";

    public static readonly PasswordChangedRequirement Requirement = new();

    public static bool IsPending(this ClaimsPrincipal user) =>
        user.HasClaim(Claim, "true");

    /// <summary>Lets a user whose initial password is still to be changed call this endpoint.</summary>
    public static TBuilder AllowPendingPasswordChange<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AllowPendingPasswordChangeAttribute());

    /// <summary>The 403 problem a pending user gets from every other endpoint.</summary>
    public static ProblemHttpResult Problem() =>
        ApiProblem.Create(StatusCodes.Status403Forbidden, ProblemCode, "请先修改初始密码，然后才能继续使用。",
            "Change your initial password before you continue.");
}

/// <summary>Endpoint metadata: callable while the initial password is still to be changed.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowPendingPasswordChangeAttribute : Attribute;

/// <summary>Met unless the token says the initial password is still to be changed and the endpoint does not allow that.</summary>
public sealed class PasswordChangedRequirement : AuthorizationHandler<PasswordChangedRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PasswordChangedRequirement requirement)
    {
        var allowed = !context.User.IsPending()
            || (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<AllowPendingPasswordChangeAttribute>() is not null;
        if (allowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, PasswordChangeGate.ProblemCode));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Answers a refusal caused by a pending password change with its own problem code rather than the generic 403.</summary>
public sealed class PasswordChangeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(authorizeResult);
        return authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Handler is PasswordChangedRequirement) == true
            ? PasswordChangeGate.Problem().ExecuteAsync(context)
            : _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
