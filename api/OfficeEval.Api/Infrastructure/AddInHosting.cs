using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Infrastructure;

/// <summary>Serves the built add-in under /addin and the manifest, rendered for the configured base URL, at /manifest.xml.</summary>
public static partial class AddInHosting
{
    /// <summary>The origin written in the manifest template.</summary>
    public const string TemplateOrigin = "https://localhost:3000";

    /// <summary>The client id placeholder in the template's WebApplicationInfo (Entra ID sign-in).</summary>
    public const string TemplateClientId = "00000000-0000-0000-0000-000000000000";

    /// <summary>The Entra ID sign-in origin written in the template's AppDomains (the Office dialog's sign-in pages).</summary>
    public const string TemplateLoginOrigin = "https://login.microsoftonline.com";

    /// <summary>The Entra ID settings the manifest follows; read here rather than bound, as the manifest needs only these.</summary>
    private const string EntraSection = "OfficeEval:Entra";

    public static WebApplication UseAddInFiles(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OfficeEvalOptions>>().Value;
        var dist = Locate(app.Environment.ContentRootPath, options.AddInPath, directory: true);
        if (dist is null)
        {
            app.Logger.LogWarning("The add-in build was not found at {AddInPath}; run the build to serve the task panes", options.AddInPath);
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(dist),
            RequestPath = "/addin",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    public static IEndpointRouteBuilder MapManifest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/manifest.xml", GetManifest)
            .AllowAnonymous()
            .WithName("GetManifest")
            .WithSummary("The add-in manifest (Excel and Word), rendered for the configured base URL and Entra ID sign-in.")
            .WithTags("Add-in");
        return endpoints;
    }

    internal static async Task<IResult> GetManifest(
        IOptions<OfficeEvalOptions> options, IConfiguration configuration, IWebHostEnvironment environment, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var path = Locate(environment.ContentRootPath, options.Value.ManifestPath, directory: false);
        if (path is null)
        {
            return ApiProblem.NotFound("清单文件", "manifest");
        }

        var entra = configuration.GetSection(EntraSection);
        Guid? clientId = null;
        if (entra.GetValue<bool>("Enabled"))
        {
            if (Guid.TryParse(entra["ClientId"], out var id))
            {
                clientId = id;
            }
            else
            {
                loggers.CreateLogger(typeof(AddInHosting)).LogWarning(
                    "OfficeEval:Entra:ClientId is not a GUID; the manifest is served without WebApplicationInfo");
            }
        }

        var xml = await File.ReadAllTextAsync(path, cancellationToken);
        return Results.Text(Render(xml, options.Value.BaseUrl, clientId, entra["Instance"]), "application/xml; charset=utf-8");
    }

    /// <summary>
    /// The manifest for <paramref name="baseUrl"/>. With Entra ID sign-in on (<paramref name="entraClientId"/> given),
    /// WebApplicationInfo names the API's app registration (Resource <c>api://{host}/{client id}</c>) and AppDomains
    /// the Entra sign-in origin of <paramref name="entraInstance"/>; with it off, both are left out.
    /// </summary>
    public static string Render(string manifest, string baseUrl, Guid? entraClientId = null, string? entraInstance = null)
    {
        var origin = baseUrl.TrimEnd('/');
        var xml = manifest.Replace(TemplateOrigin, origin, StringComparison.Ordinal);
        if (entraClientId is not { } clientId)
        {
            return LoginAppDomain().Replace(WebApplicationInfoElement().Replace(xml, ""), "");
        }

        var id = clientId.ToString("D", CultureInfo.InvariantCulture);
        var host = new Uri(origin).Authority;
        return xml
            .Replace($"api://{new Uri(TemplateOrigin).Authority}/{TemplateClientId}", $"api://{host}/{id}", StringComparison.Ordinal)
            .Replace(TemplateClientId, id, StringComparison.Ordinal)
            .Replace($"<AppDomain>{TemplateLoginOrigin}</AppDomain>", $"<AppDomain>{LoginOrigin(entraInstance)}</AppDomain>", StringComparison.Ordinal);
    }

    /// <summary>The origin of the configured Entra instance (e.g. a national cloud's), Microsoft's global one by default.</summary>
    private static string LoginOrigin(string? instance) =>
        Uri.TryCreate(instance, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : TemplateLoginOrigin;

    [GeneratedRegex(@"\s*<WebApplicationInfo>.*?</WebApplicationInfo>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex WebApplicationInfoElement();

    [GeneratedRegex(@"\s*<AppDomain>https://login\.microsoftonline\.com</AppDomain>", RegexOptions.CultureInvariant)]
    private static partial Regex LoginAppDomain();

    /// <summary>Resolves a configured path: absolute as is, relative from the content root and then its parents.</summary>
    public static string? Locate(string contentRoot, string configured, bool directory)
    {
        bool Exists(string p) => directory ? Directory.Exists(p) : File.Exists(p);
        if (Path.IsPathRooted(configured))
        {
            return Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
