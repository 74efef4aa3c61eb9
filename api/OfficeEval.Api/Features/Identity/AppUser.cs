using Microsoft.AspNetCore.Identity;

namespace OfficeEval.Api.Features.Identity;

/// <summary>A local account. Unit staff belong to one unit; other roles have none.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public Guid? UnitId { get; set; }

    /// <summary>Set on accounts created with an initial password the user has not yet replaced.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When an administrator disabled the account: it can then neither sign in nor refresh a session.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>
    /// The Microsoft Entra ID object id (<c>oid</c>) this account signs in as, when it is linked to a work account;
    /// unique. Such an account may have no password (created at its first Entra sign-in).
    /// </summary>
    public Guid? EntraObjectId { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
    }
}

/// <summary>The four roles (DESIGN §3).</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";
    public const string UnitStaff = "UnitStaff";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Reviewer, UnitStaff, Viewer];
}
