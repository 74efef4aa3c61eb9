using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Demo;
using OfficeEval.Api.Features.Identity.Entra;
using OfficeEval.Api.Infrastructure;
using static OfficeEval.Api.Features.Identity.UserDirectory;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// User administration for the office (Admin only): list and read accounts, create one with an initial password
/// shown once, change name, roles and unit, reset the password, unlock, disable and enable. Every change is audited
/// with before and after, in the same transaction as the change.
/// </summary>
public static class UserEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public sealed record UserPage(IReadOnlyList<UserResponse> Items, int Total, int Page, int PageSize);

    public sealed record CreateUserRequest(string? Email, string? DisplayName, IReadOnlyList<string>? Roles, Guid? UnitId);

    public sealed record UpdateUserRequest(string? DisplayName, IReadOnlyList<string>? Roles, Guid? UnitId);

    /// <summary>The initial password is in this response only: it is not stored in clear and cannot be read again.</summary>
    public sealed record InitialPasswordResponse(UserResponse User, string InitialPassword);

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/users").WithTags("Users");
        group.MapGet("/", List).RequireAccess(Access.Admin)
            .WithName("ListUsers")
            .WithSummary("Accounts, by e-mail, filtered by role, unit, text (e-mail or name) and disabled; paged (page, pageSize ≤ 200).");
        group.MapGet("/{userId:guid}", Get).RequireAccess(Access.Admin)
            .WithName("GetUser")
            .WithSummary("One account: roles, unit, forced password change, lockout, disabled.");
        group.MapPost("/", UserChanges.Create).RequireAccess(Access.Admin)
            .WithName("CreateUser")
            .WithSummary("Creates an account with a generated initial password, returned once; the user must change it at first sign-in.");
        group.MapPut("/{userId:guid}", UserChanges.Update).RequireAccess(Access.Admin)
            .WithName("UpdateUser")
            .WithSummary("Changes name, roles and unit; a change of roles or unit ends the user's sessions at their next refresh.");
        group.MapPost("/{userId:guid}/reset-password", UserChanges.ResetPassword).RequireAccess(Access.Admin)
            .WithName("ResetUserPassword")
            .WithSummary("Sets a new generated initial password, returned once; clears any lockout and forces a change at the next sign-in.");
        group.MapPost("/{userId:guid}/unlock", UserChanges.Unlock).RequireAccess(Access.Admin)
            .WithName("UnlockUser")
            .WithSummary("Ends a lockout after failed sign-ins.");
        group.MapPost("/{userId:guid}/disable", UserChanges.Disable).RequireAccess(Access.Admin)
            .WithName("DisableUser")
            .WithSummary("Disables the account: no sign-in, no refresh. The last active administrator cannot be disabled.");
        group.MapPost("/{userId:guid}/enable", UserChanges.Enable).RequireAccess(Access.Admin)
            .WithName("EnableUser")
            .WithSummary("Enables a disabled account again.");
        group.MapEntraLink();
        return endpoints;
    }

    internal static async Task<Results<Ok<UserPage>, ProblemHttpResult>> List(
        string? role, string? unitId, string? q, string? disabled, string? page, string? pageSize,
        AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new List<ProblemItem>();
        var roleName = Query(role) is { } r ? Roles.All.FirstOrDefault(x => string.Equals(x, r, StringComparison.OrdinalIgnoreCase)) : null;
        if (Query(role) is not null && roleName is null)
        {
            errors.Add(QueryError("role", $"未知角色“{role}”。", $"Unknown role '{role}'."));
        }

        Guid? unit = null;
        if (Query(unitId) is { } u)
        {
            if (Guid.TryParse(u, out var parsed))
            {
                unit = parsed;
            }
            else
            {
                errors.Add(QueryError("unitId", "单位标识格式不正确。", "The unit id is not a valid identifier."));
            }
        }

        bool? onlyDisabled = null;
        if (Query(disabled) is { } d)
        {
            if (bool.TryParse(d, out var parsed))
            {
                onlyDisabled = parsed;
            }
            else
            {
                errors.Add(QueryError("disabled", "disabled 只能是 true 或 false。", "disabled must be true or false."));
            }
        }

        var pageNumber = Number(page, "page", 1, int.MaxValue, 1, errors);
        var size = Number(pageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblem.Create(400, "users.query_invalid", "查询条件无效。", "The query is invalid.", errors);
        }

        var users = db.Users.AsNoTracking();
        if (roleName is not null)
        {
            var roleIds = db.Roles.Where(x => x.NormalizedName == roleName.ToUpperInvariant()).Select(x => x.Id);
            users = users.Where(x => db.UserRoles.Any(ur => ur.UserId == x.Id && roleIds.Contains(ur.RoleId)));
        }

        if (unit is { } unitFilter)
        {
            users = users.Where(x => x.UnitId == unitFilter);
        }

        if (Query(q) is { } text)
        {
            var upper = text.ToUpperInvariant();
#pragma warning disable CA1304 // Not run in .NET: translated to SQL upper(), which has no culture parameter.
            users = users.Where(x => x.NormalizedEmail!.Contains(upper) || x.DisplayName.ToUpper().Contains(upper));
#pragma warning restore CA1304
        }

        if (onlyDisabled is { } isDisabled)
        {
            users = isDisabled ? users.Where(x => x.DisabledAt != null) : users.Where(x => x.DisabledAt == null);
        }

        var total = await users.CountAsync(cancellationToken);
        var items = await users.OrderBy(x => x.NormalizedEmail).ThenBy(x => x.Id)
            .Skip((int)Math.Min(int.MaxValue, ((long)pageNumber - 1) * size)).Take(size)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new UserPage(await DescribeAsync(db, items, clock.GetUtcNow(), cancellationToken), total, pageNumber, size));
    }

    internal static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(
        Guid userId, UserManager<AppUser> users, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(userId.ToString()) is { } user
            ? TypedResults.Ok(await DescribeAsync(db, user, clock.GetUtcNow(), cancellationToken))
            : NotFound();

    internal static ProblemHttpResult NotFound() => ApiProblem.NotFound("用户", "user");

    /// <summary>A generated initial password that meets the policy, the account name included.</summary>
    internal static string InitialPassword(AppUser user)
    {
        string password;
        do
        {
            password = DemoSeeder.NewPassword();
        }
        while (PasswordPolicy.ContainsAccount(user, password));

        return password;
    }

    private static string? Query(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int Number(string? value, string field, int min, int max, int fallback, List<ProblemItem> errors)
    {
        if (Query(value) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(QueryError(field, $"{field} 须为 {min} 到 {max} 之间的整数。", $"{field} must be a whole number from {min} to {max}."));
        return fallback;
    }

    private static ProblemItem QueryError(string field, string zh, string en) => new("users.query_invalid", zh, en) { Field = field };
}
