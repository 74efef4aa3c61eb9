using Microsoft.AspNetCore.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Identity;

/// <summary>
/// The password policy (等保2.0): at least 8 characters from at least 3 of the 4 classes — upper-case letters,
/// lower-case letters, digits, symbols — and not the account name itself.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 8;
    public const int MinimumClasses = 3;

    /// <summary>Each rule's message in zh-CN and en-US, by the code its <see cref="IdentityError"/> carries.</summary>
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> Messages = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["password.too_short"] = ($"密码至少 {MinimumLength} 位。", $"Use at least {MinimumLength} characters."),
        ["password.too_simple"] = ("密码须包含大写字母、小写字母、数字、符号中的至少三类。", "Use at least three of: upper-case letters, lower-case letters, digits, symbols."),
        ["password.contains_account"] = ("密码不能包含账号名。", "The password must not contain the account name."),
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < MinimumLength)
        {
            errors.Add(Error("password.too_short"));
        }

        if (Classes(password) < MinimumClasses)
        {
            errors.Add(Error("password.too_simple"));
        }

        if (ContainsAccount(user, password))
        {
            errors.Add(Error("password.contains_account"));
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>The failed rules as problem items on <paramref name="field"/>, each in zh-CN and en-US.</summary>
    public static List<ProblemItem> Problems(IEnumerable<IdentityError> errors, string field) =>
        [.. errors.Select(e => Messages.TryGetValue(e.Code, out var m)
            ? new ProblemItem(e.Code, m.Zh, m.En) { Field = field }
            : new ProblemItem(e.Code, e.Description, e.Description) { Field = field })];

    private static IdentityError Error(string code) => new() { Code = code, Description = Messages[code].En };

    /// <summary>Whether <paramref name="password"/> contains the account name (the e-mail's local part, 3+ characters).</summary>
    public static bool ContainsAccount(AppUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var local = (user.Email ?? user.UserName ?? "").Split('@')[0];
        return local.Length >= 3 && password.Contains(local, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How many of the four character classes <paramref name="password"/> uses.</summary>
    public static int Classes(string password) =>
        (password.Any(char.IsAsciiLetterUpper) ? 1 : 0)
        + (password.Any(char.IsAsciiLetterLower) ? 1 : 0)
        + (password.Any(char.IsAsciiDigit) ? 1 : 0)
        + (password.Any(c => !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c)) ? 1 : 0);
}
