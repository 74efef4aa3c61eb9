using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Infrastructure;

/// <summary>Serves the built add-in under /addin and the manifest, rendered for the configured base URL, at /manifest.xml.</summary>
public static class AddInHosting
{
    /// <summary>The origin written in the manifest template.</summary>
    public const string TemplateOrigin = "https://localhost:3000";

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
            .WithSummary("The add-in manifest (Excel and Word), rendered for the configured base URL.")
            .WithTags("Add-in");
        return endpoints;
    }

    internal static async Task<IResult> GetManifest(IOptions<OfficeEvalOptions> options, IWebHostEnvironment environment, CancellationToken cancellationToken)
    {
        var path = Locate(environment.ContentRootPath, options.Value.ManifestPath, directory: false);
        if (path is null)
        {
            return ApiProblem.NotFound("清单文件", "manifest");
        }

        var xml = await File.ReadAllTextAsync(path, cancellationToken);
        return Results.Text(Render(xml, options.Value.BaseUrl), "application/xml; charset=utf-8");
    }

    public static string Render(string manifest, string baseUrl) =>
        manifest.Replace(TemplateOrigin, baseUrl.TrimEnd('/'), StringComparison.Ordinal);

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
