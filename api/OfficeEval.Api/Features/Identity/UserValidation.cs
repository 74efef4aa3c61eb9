using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// What an administrator may set on an account: a display name, one or more roles, and a unit exactly when the
/// account is unit staff (DESIGN §3: staff are scoped to their own unit; other roles see by role, not by unit).
/// </summary>
public static class UserValidation
{
    public const int MaxDisplayName = 100;
    public const int MaxEmail = 256;

    /// <summary>The account's settings once valid: name trimmed, roles in their canonical spelling, without repeats.</summary>
    public sealed record Settings(string DisplayName, IReadOnlyList<string> Roles, Guid? UnitId);

    public static List<ProblemItem> Email(string? email)
    {
        var value = email?.Trim() ?? "";
        if (value.Length == 0)
        {
            return [Item("user.email_required", "email", "请输入邮箱。", "Enter the e-mail address.")];
        }

        return value.Length > MaxEmail || !MailAddress.TryCreate(value, out var parsed) || parsed.Address != value
            ? [Item("user.email_invalid", "email", "邮箱格式不正确。", "The e-mail address is not valid.")]
            : [];
    }

    /// <summary>Checks name, roles and unit; <paramref name="unitExists"/> says whether the given unit is in the database.</summary>
    public static (Settings? Settings, List<ProblemItem> Errors) Check(string? displayName, IReadOnlyList<string>? roles, Guid? unitId, bool unitExists)
    {
        var errors = new List<ProblemItem>();
        var name = displayName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(Item("user.display_name_required", "displayName", "请输入姓名。", "Enter the display name."));
        }
        else if (name.Length > MaxDisplayName)
        {
            errors.Add(Item("user.display_name_too_long", "displayName", $"姓名不能超过 {MaxDisplayName} 个字符。", $"The display name may have at most {MaxDisplayName} characters."));
        }

        var canonical = new List<string>();
        foreach (var role in roles ?? [])
        {
            var known = Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(Item("user.role_unknown", "roles", $"未知角色“{role}”，可选：{string.Join("、", Roles.All)}。",
                    $"Unknown role '{role}'; the roles are {string.Join(", ", Roles.All)}."));
            }
            else if (!canonical.Contains(known))
            {
                canonical.Add(known);
            }
        }

        if (roles is not { Count: > 0 })
        {
            errors.Add(Item("user.roles_required", "roles", "请至少选择一个角色。", "Choose at least one role."));
        }

        var staff = canonical.Contains(Roles.UnitStaff);
        if (staff && unitId is null)
        {
            errors.Add(Item("user.unit_required", "unitId", "单位填报人必须指定所属单位。", "Unit staff must belong to a unit."));
        }
        else if (!staff && unitId is not null)
        {
            errors.Add(Item("user.unit_not_allowed", "unitId", "只有单位填报人可以指定所属单位。", "Only unit staff belong to a unit."));
        }
        else if (unitId is not null && !unitExists)
        {
            errors.Add(Item("user.unit_unknown", "unitId", "所选单位不存在。", "The unit does not exist."));
        }

        return errors.Count > 0 ? (null, errors) : (new Settings(name, canonical, unitId), errors);
    }

    /// <summary>Identity's own refusals of a new account (its user-name rules), on the e-mail field.</summary>
    public static List<ProblemItem> FromIdentity(IEnumerable<IdentityError> errors) =>
        [.. errors.Select(e => Item("user.email_invalid", "email", $"邮箱不可用：{e.Description}", $"The e-mail address cannot be used: {e.Description}"))];

    public static bool IsDuplicate(IEnumerable<IdentityError> errors) =>
        errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));

    private static ProblemItem Item(string code, string field, string zh, string en) => new(code, zh, en) { Field = field };
}
