using OfficeEval.Api.Features.Identity.Entra;

namespace OfficeEval.Api.Tests.Features.Identity.Entra;

public sealed class EntraOptionsValidatorTests
{
    private static EntraOptions Valid() => new()
    {
        Enabled = true,
        ClientId = "8d7c6b5a-4f3e-4d2c-9b1a-0e9f8d7c6b04",
        AllowedTenants = ["0b5f6a53-7d2e-4c1f-9a3b-2f9c8e1d4a01"],
        GroupRoles = new() { ["a0000000-0000-4000-8000-0000000000a1"] = "admin" },
        AutoProvision = true,
    };

    [Fact]
    public void Validate_Complete_Succeeds() =>
        Assert.True(new EntraOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Validate_Disabled_NothingChecked() =>
        Assert.True(new EntraOptionsValidator().Validate(null, new EntraOptions { Enabled = false, ClientId = "x", Instance = "ftp://nowhere" }).Succeeded);

    [Theory]
    [InlineData("ClientId", "", "OfficeEval:Entra:ClientId is required")]
    [InlineData("ClientId", "my-api", "('my-api' is not one)")]
    [InlineData("AllowedTenants", "", "OfficeEval:Entra:AllowedTenants is required")]
    [InlineData("AllowedTenants", "contoso.onmicrosoft.com", "'contoso.onmicrosoft.com', which is not a tenant id")]
    [InlineData("AllowedTenants", "common", "not a domain name, 'common' or 'organizations'")]
    [InlineData("Instance", "http://login.microsoftonline.com", "OfficeEval:Entra:Instance is 'http://login.microsoftonline.com'")]
    [InlineData("Instance", "login.microsoftonline.com", "set an absolute https address")]
    [InlineData("ClockSkewSeconds", "601", "ClockSkewSeconds is 601; set 0 to 600")]
    [InlineData("MetadataRefreshMinutes", "1", "MetadataRefreshMinutes is 1; set 5 to 10080")]
    [InlineData("GroupRoles", "Superuser", "GroupRoles:g is 'Superuser', which is not a role")]
    [InlineData("GroupUnits", " ", "GroupUnits:g is empty")]
    [InlineData("AutoProvision", "no group roles", "AutoProvision needs OfficeEval:Entra:GroupRoles")]
    public void Validate_Enabled_RefusedSayingWhatToSet(string setting, string value, string message)
    {
        var options = Valid();
        switch (setting)
        {
            case "ClientId": options.ClientId = value; break;
            case "AllowedTenants": options.AllowedTenants = value.Length == 0 ? [] : [value]; break;
            case "Instance": options.Instance = value; break;
            case "ClockSkewSeconds": options.ClockSkewSeconds = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MetadataRefreshMinutes": options.MetadataRefreshMinutes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "GroupRoles": options.GroupRoles = new() { ["g"] = value }; break;
            case "GroupUnits": options.GroupUnits = new() { ["g"] = value }; break;
            default: options.GroupRoles = []; break;
        }

        var result = new EntraOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5001")]
    [InlineData("http://localhost:5001")]
    [InlineData("https://login.partner.microsoftonline.cn/")]
    public void Validate_HttpsOrLoopbackInstance_Succeeds(string instance)
    {
        var options = Valid();
        options.Instance = instance;

        Assert.True(new EntraOptionsValidator().Validate(null, options).Succeeded);
    }
}
