using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// The respondent's page, no sign-in: <c>GET /s/{code}</c> is one static page, the same for every code (its script
/// reads the code from the address and calls <c>/api/public/surveys/{code}</c>), and <c>GET /s/assets/{file}</c> its
/// stylesheet and scripts. The files (<c>Page/</c>) are embedded in the assembly, so a published API serves them with
/// nothing beside it. A strict Content-Security-Policy allows nothing but the API's own origin: no inline script or
/// style, no third-party request, no framing; no referrer leaves the page, so the code never travels in one.
/// </summary>
public static class SurveyPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "OfficeEval.Api.SurveyPage.";
    private const string PageFile = "survey.html";

    private sealed record PageResource(byte[] Content, string ContentType, string ETag);

    private static readonly FrozenDictionary<string, PageResource> Resources = Load();

    public static IEndpointRouteBuilder MapSurveyPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/s/{code}", GetPage)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName("GetSurveyPage")
            .WithSummary("The respondent's questionnaire page (zh-CN, mobile first); the same page for every code.");
        endpoints.MapGet("/s/assets/{file}", GetAsset)
            .AllowAnonymous()
            .ExcludeFromDescription()
            .WithName("GetSurveyPageAsset")
            .WithSummary("The respondent page's stylesheet and scripts.");
        return endpoints;
    }

    internal static IResult GetPage(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (path.EndsWith('/'))
        {
            // The page's relative asset URLs resolve against /s/, so the address must not end with a slash.
            return TypedResults.Redirect(http.Request.PathBase + path.TrimEnd('/'), permanent: true);
        }

        var page = Resources[PageFile];
        SetHeaders(http.Response);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(page.Content, page.ContentType);
    }

    internal static IResult GetAsset(string file, HttpContext http)
    {
        if (file == PageFile || !Resources.TryGetValue(file, out var asset))
        {
            return TypedResults.NotFound();
        }

        SetHeaders(http.Response);
        // Revalidated on every load: a new release's files are picked up at once, an unchanged file costs a 304.
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = asset.ETag;
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) && tags.Any(t => t.Compare(new EntityTagHeaderValue(asset.ETag), useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static void SetHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers.XFrameOptions = "DENY";
    }

    private static FrozenDictionary<string, PageResource> Load()
    {
        var assembly = typeof(SurveyPage).Assembly;
        var resources = new Dictionary<string, PageResource>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = name[ResourcePrefix.Length..];
            var type = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            var content = Read(assembly, name);
            resources.Add(file, new PageResource(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..20]}\""));
        }

        if (!resources.ContainsKey(PageFile))
        {
            throw new InvalidOperationException($"The survey page ({PageFile}) is not embedded in {assembly.GetName().Name}.");
        }

        return resources.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
