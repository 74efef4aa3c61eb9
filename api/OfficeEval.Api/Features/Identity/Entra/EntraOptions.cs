namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// Sign-in with Microsoft Entra ID (work accounts of Microsoft 365), configured by <c>OfficeEval:Entra</c> and off by
/// default: with <see cref="Enabled"/> false nothing about authentication changes. Checked at start-up by
/// <see cref="EntraOptionsValidator"/>. The Graph settings of the same section belong to the Graph feature.
/// </summary>
public sealed class EntraOptions
{
    public const string Section = "OfficeEval:Entra";

    /// <summary>The delegated scope the add-in asks for (<c>api://{ClientId}/access_as_user</c>); access tokens must carry it.</summary>
    public const string Scope = "access_as_user";

    public bool Enabled { get; set; }

    /// <summary>The Entra ID authority host; a sovereign cloud's, or a test's stub identity provider.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The API app registration's application (client) id: tokens for it and for <c>api://{ClientId}</c> are accepted.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Further accepted audiences, e.g. an application id URI of the form <c>api://host/{ClientId}</c>.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Tenant ids whose users may sign in; the issuer must be <c>{Instance}/{tid}/v2.0</c> with tid in this list.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Leeway for expiry and not-before, in seconds, for clocks that differ a little.</summary>
    public int ClockSkewSeconds { get; set; } = 120;

    /// <summary>How long a tenant's signing keys are used before they are fetched again.</summary>
    public int MetadataRefreshMinutes { get; set; } = 1440;

    /// <summary>Create a local account at a user's first sign-in when their groups give a role.</summary>
    public bool AutoProvision { get; set; }

    /// <summary>Group object id → role (Admin, Reviewer, UnitStaff, Viewer). When set, the groups decide the roles.</summary>
    public Dictionary<string, string> GroupRoles { get; set; } = [];

    /// <summary>Group object id → unit code: the unit of unit staff. When set, the groups decide the unit.</summary>
    public Dictionary<string, string> GroupUnits { get; set; } = [];

    /// <summary><see cref="Instance"/> without a trailing slash, scheme and host in lower case.</summary>
    public string Authority => Uri.TryCreate(Instance, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/') : Instance.TrimEnd('/');

    /// <summary>The issuer of a tenant's v2.0 access tokens.</summary>
    public string IssuerOf(string tenantId) => $"{Authority}/{tenantId}/v2.0";

    /// <summary>Where a tenant publishes its OpenID Connect metadata (and through it, its signing keys).</summary>
    public Uri MetadataAddressOf(Guid tenantId) => new($"{Authority}/{tenantId:D}/v2.0/.well-known/openid-configuration");

    /// <summary>The audiences an access token may be issued for.</summary>
    public IEnumerable<string> AcceptedAudiences() =>
        new[] { ClientId, $"api://{ClientId}" }.Concat(Audiences).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim());

    /// <summary>The allowed tenants, parsed (the validator has checked that each is a GUID).</summary>
    public IReadOnlySet<Guid> TenantIds() =>
        AllowedTenants.Select(t => Guid.TryParse(t, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
}
