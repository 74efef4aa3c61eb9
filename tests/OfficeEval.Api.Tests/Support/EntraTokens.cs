namespace OfficeEval.Api.Tests.Support;

/// <summary>The tenant, application and groups the Entra tests configure, and the settings that say so.</summary>
public static class EntraTest
{
    public static readonly Guid Tenant = Guid.Parse("0b5f6a53-7d2e-4c1f-9a3b-2f9c8e1d4a01");

    /// <summary>Allowed too, and used by no test but the one that takes the identity provider down.</summary>
    public static readonly Guid SecondTenant = Guid.Parse("5e0c2b77-1a4d-4e8f-b6c3-9d2a7f3e8b02");

    /// <summary>A real tenant, but not an allowed one.</summary>
    public static readonly Guid ForeignTenant = Guid.Parse("c3a1e9d0-4b7f-4f2a-8e6d-1b5c9a7e3f03");

    public const string ClientId = "8d7c6b5a-4f3e-4d2c-9b1a-0e9f8d7c6b04";

    public const string AdminGroup = "a0000000-0000-4000-8000-0000000000a1";
    public const string ReviewerGroup = "a0000000-0000-4000-8000-0000000000a2";
    public const string StaffGroup = "a0000000-0000-4000-8000-0000000000a3";
    public const string ViewerGroup = "a0000000-0000-4000-8000-0000000000a4";

    /// <summary>The demo unit 市发展和改革委员会 (ZF-FGW).</summary>
    public const string FgwGroup = "b0000000-0000-4000-8000-0000000000b1";

    /// <summary>The demo unit 城关街道 (XZ-CGJD).</summary>
    public const string CgjdGroup = "b0000000-0000-4000-8000-0000000000b2";

    /// <summary>A group the configuration does not map.</summary>
    public const string OtherGroup = "c0000000-0000-4000-8000-0000000000c1";

    public static Dictionary<string, string?> Settings(string instance, bool autoProvision = true, bool groupRoles = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OfficeEval:Entra:Enabled"] = "true",
            ["OfficeEval:Entra:Instance"] = instance,
            ["OfficeEval:Entra:ClientId"] = ClientId,
            ["OfficeEval:Entra:AllowedTenants:0"] = Tenant.ToString(),
            ["OfficeEval:Entra:AllowedTenants:1"] = SecondTenant.ToString(),
            ["OfficeEval:Entra:AutoProvision"] = autoProvision ? "true" : "false",
            [$"OfficeEval:Entra:GroupUnits:{FgwGroup}"] = "ZF-FGW",
            [$"OfficeEval:Entra:GroupUnits:{CgjdGroup}"] = "XZ-CGJD",
        };
        if (groupRoles)
        {
            settings[$"OfficeEval:Entra:GroupRoles:{AdminGroup}"] = "Admin";
            settings[$"OfficeEval:Entra:GroupRoles:{ReviewerGroup}"] = "Reviewer";
            settings[$"OfficeEval:Entra:GroupRoles:{StaffGroup}"] = "UnitStaff";
            // Any letter case, as an administrator may write it.
            settings[$"OfficeEval:Entra:GroupRoles:{ViewerGroup}"] = "viewer";
        }

        return settings;
    }
}

/// <summary>Access tokens as Entra ID issues them for the API (v2.0, delegated), signed by the stub identity provider.</summary>
public sealed class EntraTokens(StubIdentityProvider idp, TimeProvider? clock = null)
{
    public Dictionary<string, object?> Claims(Guid objectId, params string[] groups)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        return new()
        {
            ["aud"] = EntraTest.ClientId,
            ["iss"] = $"{idp.Instance}/{EntraTest.Tenant}/v2.0",
            ["iat"] = now - 60,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
            ["name"] = "张 测试",
            ["oid"] = objectId.ToString(),
            ["preferred_username"] = $"entra-{objectId.ToString("N")[..12]}@contoso.example",
            ["scp"] = "access_as_user",
            ["groups"] = groups,
            ["tid"] = EntraTest.Tenant.ToString(),
            ["uti"] = Guid.NewGuid().ToString("N"),
            ["ver"] = "2.0",
        };
    }

    public string Issue(Guid objectId, params string[] groups) => TestJwt.Rs256(idp.Key, Claims(objectId, groups));

    public string Issue(IReadOnlyDictionary<string, object?> claims, SigningKey? key = null) => TestJwt.Rs256(key ?? idp.Key, claims);

    /// <summary>The claims moved to another tenant (issuer and tid together).</summary>
    public Dictionary<string, object?> InTenant(Dictionary<string, object?> claims, Guid tenant)
    {
        claims["tid"] = tenant.ToString();
        claims["iss"] = $"{idp.Instance}/{tenant}/v2.0";
        return claims;
    }
}
