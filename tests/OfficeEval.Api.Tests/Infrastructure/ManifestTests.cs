using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Infrastructure;

/// <summary>
/// The manifest as the API renders it, checked against Microsoft's XSDs (manifest/schemas) with Entra ID sign-in off
/// and on: WebApplicationInfo and the Entra sign-in AppDomain are there only when it is on.
/// </summary>
public sealed class ManifestTests
{
    private const string ClientId = "6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11";
    private const string BaseUrl = "https://eval.example.test:8443/";
    private static readonly XNamespace Ov = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
    private static readonly XNamespace App = "http://schemas.microsoft.com/office/appforoffice/1.1";

    [Fact]
    public void Render_EntraOff_NoWebApplicationInfoNorEntraDomain_SchemaValid()
    {
        var xml = AddInHosting.Render(Template(), BaseUrl);

        Assert.Empty(Validate(xml));
        var manifest = XDocument.Parse(xml);
        Assert.Empty(manifest.Descendants(Ov + "WebApplicationInfo"));
        Assert.Equal(["https://eval.example.test:8443"], AppDomains(manifest));
    }

    [Fact]
    public void Render_EntraOn_AppRegistrationAndEntraDomain_SchemaValid()
    {
        var xml = AddInHosting.Render(Template(), BaseUrl, Guid.Parse(ClientId), "https://login.microsoftonline.com/");

        Assert.Empty(Validate(xml));
        var manifest = XDocument.Parse(xml);
        var info = Assert.Single(manifest.Descendants(Ov + "WebApplicationInfo"));
        Assert.Equal(Ov + "Resources", ((XElement)info.PreviousNode!).Name);
        Assert.Equal(ClientId, info.Element(Ov + "Id")?.Value);
        Assert.Equal($"api://eval.example.test:8443/{ClientId}", info.Element(Ov + "Resource")?.Value);
        Assert.Equal(["openid", "profile"], info.Element(Ov + "Scopes")!.Elements(Ov + "Scope").Select(s => s.Value));
        Assert.Equal(["https://eval.example.test:8443", "https://login.microsoftonline.com"], AppDomains(manifest));
        Assert.DoesNotContain(AddInHosting.TemplateClientId, xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EntraOnOtherCloud_DomainOfConfiguredInstance()
    {
        var xml = AddInHosting.Render(Template(), "https://pg.gov.example.cn", Guid.Parse(ClientId), "https://login.chinacloudapi.cn");

        Assert.Empty(Validate(xml));
        var manifest = XDocument.Parse(xml);
        Assert.Equal(["https://pg.gov.example.cn", "https://login.chinacloudapi.cn"], AppDomains(manifest));
        Assert.Equal($"api://pg.gov.example.cn/{ClientId}", manifest.Descendants(Ov + "Resource").Single().Value);
    }

    [Fact]
    public void Validate_WebApplicationInfoBeforeResources_Invalid()
    {
        // The schema check bites: WebApplicationInfo has its place in VersionOverrides (after Resources).
        var manifest = XDocument.Parse(AddInHosting.Render(Template(), BaseUrl, Guid.Parse(ClientId)));
        var info = manifest.Descendants(Ov + "WebApplicationInfo").Single();
        info.Remove();
        manifest.Descendants(Ov + "Resources").Single().AddBeforeSelf(info);

        var error = Assert.Single(Validate(manifest.ToString()));
        Assert.Contains("invalid child element 'Resources'", error, StringComparison.Ordinal);
    }

    private static string[] AppDomains(XDocument manifest) =>
        manifest.Root!.Element(App + "AppDomains")!.Elements(App + "AppDomain").Select(d => d.Value).ToArray();

    private static string Template() =>
        File.ReadAllText(AddInHosting.Locate(AppContext.BaseDirectory, "manifest/manifest.xml", directory: false)
            ?? throw new InvalidOperationException("manifest/manifest.xml not found above the test folder"));

    /// <summary>The schema errors of a manifest (empty when valid).</summary>
    private static List<string> Validate(string xml)
    {
        var folder = AddInHosting.Locate(AppContext.BaseDirectory, "manifest/schemas", directory: true)
            ?? throw new InvalidOperationException("manifest/schemas not found above the test folder");
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, Path.Combine(folder, "OfficeAppManifestV1_1.xsd"));
        schemas.Compile();

        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}

/// <summary>/manifest.xml with Entra ID sign-in configured.</summary>
public sealed class ManifestEntraTests(ManifestEntraTests.Factory api) : IClassFixture<ManifestEntraTests.Factory>
{
    public const string ClientId = "6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11";

    public sealed class Factory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OfficeEval:BaseUrl"] = "https://eval.example.test:8443/",
            ["OfficeEval:Entra:Enabled"] = "true",
            ["OfficeEval:Entra:Instance"] = "https://login.microsoftonline.com",
            ["OfficeEval:Entra:ClientId"] = ClientId,
            ["OfficeEval:Entra:AllowedTenants:0"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        };
    }

    [Fact]
    public async Task Manifest_EntraOn_NamesTheApiAppRegistration()
    {
        var response = await api.CreateClient().GetAsync("/manifest.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var manifest = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ov = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
        var info = Assert.Single(manifest.Descendants(ov + "WebApplicationInfo"));
        Assert.Equal(ClientId, info.Element(ov + "Id")?.Value);
        Assert.Equal($"api://eval.example.test:8443/{ClientId}", info.Element(ov + "Resource")?.Value);
        XNamespace app = "http://schemas.microsoft.com/office/appforoffice/1.1";
        Assert.Contains("https://login.microsoftonline.com", manifest.Descendants(app + "AppDomain").Select(d => d.Value));
    }
}
