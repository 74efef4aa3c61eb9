using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Infrastructure;
using static OfficeEval.Api.Features.Identity.UserDirectory;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// What a client needs to offer Entra sign-in (no secrets), and the administrator's link between a local account and
/// an Entra work account.
/// </summary>
public static class EntraEndpoints
{
    public sealed record AuthConfigResponse(EntraClientConfig Entra);

    /// <summary>
    /// Entra sign-in for the add-in: the API's client id, the MSAL authority (the tenant's, or <c>organizations</c> when
    /// several tenants are allowed) and the scopes to ask for (the API's <c>access_as_user</c>).
    /// </summary>
    public sealed record EntraClientConfig(bool Enabled, string? ClientId, string? Authority, IReadOnlyList<string> Scopes);

    /// <param name="ObjectId">The user's object id in Entra ID (a GUID); null or empty to unlink.</param>
    public sealed record LinkRequest(string? ObjectId);

    /// <summary>GET /api/auth/config, on the identity endpoints' group.</summary>
    public static RouteGroupBuilder MapAuthConfig(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapGet("/auth/config", Config).AllowAnonymous()
            .WithName("GetAuthConfig")
            .WithSummary("How to sign in: whether Microsoft Entra ID sign-in is enabled, with the client id, authority and scopes the add-in asks for.");
        return group;
    }

    /// <summary>PUT /api/users/{userId}/entra, on the user administration group.</summary>
    public static RouteGroupBuilder MapEntraLink(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.MapPut("/{userId:guid}/entra", Link).RequireAccess(Access.Admin)
            .WithName("LinkUserToEntra")
            .WithSummary("Links the account to a Microsoft Entra ID user by object id (or unlinks it with null), so that user signs in as this account.");
        return group;
    }

    internal static Ok<AuthConfigResponse> Config(IOptions<EntraOptions> options)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return TypedResults.Ok(new AuthConfigResponse(new EntraClientConfig(false, null, null, [])));
        }

        var tenant = settings.AllowedTenants.Count == 1 ? settings.AllowedTenants[0].Trim() : "organizations";
        return TypedResults.Ok(new AuthConfigResponse(new EntraClientConfig(
            true, settings.ClientId.Trim(), $"{settings.Authority}/{tenant}", [$"api://{settings.ClientId.Trim()}/{EntraOptions.Scope}"])));
    }

    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Link(
        Guid userId, LinkRequest request, UserManager<AppUser> users, AppDbContext db, AuditTrail audit, TimeProvider clock,
        [FromServices] EntraSignInCache? cache, CancellationToken cancellationToken)
    {
        Guid? objectId = null;
        if (!string.IsNullOrWhiteSpace(request.ObjectId))
        {
            if (!Guid.TryParse(request.ObjectId, out var parsed) || parsed == Guid.Empty)
            {
                const string zh = "Entra 对象 ID 必须是 GUID。", en = "The Entra object id must be a GUID.";
                return ApiProblem.Create(400, "user.invalid", "用户信息有误，请修改后重试。", "The account details are invalid.",
                    [new ProblemItem("user.entra_object_id_invalid", zh, en) { Field = "objectId" }]);
            }

            objectId = parsed;
        }

        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return UserEndpoints.NotFound();
        }

        if (user.EntraObjectId != objectId)
        {
            if (objectId is { } id && await db.Users.AnyAsync(u => u.EntraObjectId == id && u.Id != user.Id, cancellationToken))
            {
                return Taken();
            }

            var roles = await users.GetRolesAsync(user);
            var before = SnapshotOf(user, roles);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            user.EntraObjectId = objectId;
            audit.Add(new AuditEvent(AuditActions.UserChanged, $"user/{user.Id}") { Before = before, After = SnapshotOf(user, roles), UnitId = user.UnitId });
            try
            {
                var updated = await users.UpdateAsync(user);
                if (!updated.Succeeded)
                {
                    return ApiProblem.Create(409, "user.changed_meanwhile", "该账号刚被他人修改，请刷新后重试。",
                        "Someone else changed this account meanwhile; reload it and try again.");
                }
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Linked to another account between the check above and this update.
                return Taken();
            }

            await transaction.CommitAsync(cancellationToken);
            // Registered only while Entra sign-in is enabled.
            foreach (var changed in new[] { before.EntraObjectId, objectId }.OfType<Guid>())
            {
                cache?.ForgetAccount(changed);
            }
        }

        return TypedResults.Ok(await DescribeAsync(db, user, clock.GetUtcNow(), cancellationToken));
    }

    private static ProblemHttpResult Taken() =>
        ApiProblem.Create(409, "user.entra_taken", "该 Microsoft 账户已关联到另一个账号。", "This Microsoft account is already linked to another account.",
            [new ProblemItem("user.entra_taken", "该 Microsoft 账户已关联到另一个账号。", "This Microsoft account is already linked to another account.") { Field = "objectId" }]);
}
