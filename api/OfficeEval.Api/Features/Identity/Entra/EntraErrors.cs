namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>One reason an Entra sign-in is refused: a stable code, the HTTP status, and messages in zh-CN and en-US.</summary>
public sealed record EntraError(string Code, int Status, string MessageZh, string MessageEn);

/// <summary>
/// Every reason an Entra access token or its user is refused. Token problems are 401 (the client should get a new
/// token); a user the configuration gives no access is 403; signing keys that cannot be fetched are 503 — the token
/// was not judged, so the client should retry rather than sign in again.
/// </summary>
public static class EntraErrors
{
    public static readonly EntraError Malformed = Token("entra.malformed", "登录凭据格式无效。", "The access token is malformed.");

    public static readonly EntraError Algorithm = Token("entra.algorithm", "登录凭据的签名算法不被接受（仅接受 RS256）。", "The access token's signing algorithm is not accepted (RS256 only).");

    public static readonly EntraError KeyUnknown = Token("entra.key_unknown", "登录凭据的签名密钥不是该组织发布的密钥。", "The access token is signed with a key its tenant does not publish.");

    public static readonly EntraError Signature = Token("entra.signature", "登录凭据的签名无效。", "The access token's signature is invalid.");

    public static readonly EntraError Issuer = Token("entra.issuer", "登录凭据的颁发者不被接受。", "The access token's issuer is not accepted.");

    public static readonly EntraError Tenant = Token("entra.tenant", "该 Microsoft 365 组织（租户）的用户不能登录本系统。", "Users of this Microsoft 365 organisation (tenant) may not sign in here.");

    public static readonly EntraError Audience = Token("entra.audience", "登录凭据不是颁发给本系统的。", "The access token was not issued for this application.");

    public static readonly EntraError Scope = Token("entra.scope", $"登录凭据缺少本系统要求的权限（{EntraOptions.Scope}）。", $"The access token lacks this application's scope ({EntraOptions.Scope}).");

    public static readonly EntraError Expired = Token("entra.expired", "登录已过期，请重新登录。", "The access token has expired; sign in again.");

    public static readonly EntraError NotYetValid = Token("entra.not_yet_valid", "登录凭据尚未生效，请检查设备时间。", "The access token is not valid yet; check the clocks.");

    public static readonly EntraError MetadataUnavailable = new("entra.metadata_unavailable", StatusCodes.Status503ServiceUnavailable,
        "暂时无法从 Microsoft Entra ID 取得签名密钥，请稍后重试。", "The signing keys cannot be fetched from Microsoft Entra ID right now; try again shortly.");

    public static readonly EntraError Disabled = Token("auth.disabled", "该账号已停用，请联系管理员。", "This account is disabled; ask an administrator.");

    public static readonly EntraError NoAccount = Refusal("entra.no_account", "您的 Microsoft 账户尚未关联本系统的账号，请联系管理员。",
        "No account here is linked to your Microsoft account; ask an administrator.");

    public static readonly EntraError NoRole = Refusal("entra.no_role", "您的 Microsoft 账户所在的组没有本系统的角色，请联系管理员。",
        "Your Microsoft account's groups give no role in this application; ask an administrator.");

    public static readonly EntraError NoUnit = Refusal("entra.no_unit", "您是单位填报人，但您的 Microsoft 账户所在的组没有对应唯一的单位，请联系管理员。",
        "You are unit staff, but your Microsoft account's groups do not give exactly one unit; ask an administrator.");

    public static readonly EntraError AccountConflict = Refusal("entra.account_conflict", "已有使用同一邮箱的本地账号，请联系管理员将它关联到您的 Microsoft 账户。",
        "A local account already uses this e-mail address; ask an administrator to link it to your Microsoft account.");

    public static readonly EntraError EmailUnusable = Refusal("entra.email_unusable", "您的 Microsoft 账户没有可用作账号的邮箱地址，无法自动创建账号，请联系管理员。",
        "Your Microsoft account has no e-mail address usable as an account name, so no account can be created; ask an administrator.");

    private static EntraError Token(string code, string zh, string en) => new(code, StatusCodes.Status401Unauthorized, zh, en);

    private static EntraError Refusal(string code, string zh, string en) => new(code, StatusCodes.Status403Forbidden, zh, en);
}
