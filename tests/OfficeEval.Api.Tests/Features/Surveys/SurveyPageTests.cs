using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>
/// The respondent's page as the API serves it from its assembly: one page for every code, its assets, and the headers
/// that keep a code from leaking (no caching, no referrer, no indexing, nothing but the API's own origin).
/// </summary>
public sealed partial class SurveyPageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Token = "kQ3v9Xw0Tz1Yb2Cc3Dd4Ee";
    private const string OpenLink = "oAbCdEfGhIjKlMnOp";

    [Fact]
    public async Task Page_AnyCode_TheSamePageWithStrictHeaders()
    {
        var client = api.CreateClient();

        var first = await client.GetAsync($"/s/{Token}");
        var second = await client.GetAsync($"/s/{OpenLink}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Equal(html, await second.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, html, StringComparison.Ordinal);
        AssertSecurityHeaders(first);
        Assert.True(first.Headers.CacheControl?.NoStore);
        Assert.False(first.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Page_EveryAssetItNames_IsServedWithItsTypeAndHeaders()
    {
        var client = api.CreateClient();
        var html = await client.GetStringAsync($"/s/{Token}");
        var script = await client.GetStringAsync("/s/assets/survey.js");

        // The page's relative URLs and the script's module imports, all resolved against /s/.
        var assets = AssetReference().Matches(html).Select(m => m.Groups["path"].Value)
            .Concat(ModuleImport().Matches(script).Select(m => "assets/" + m.Groups["file"].Value))
            .ToList();
        Assert.Equal(["assets/survey.css", "assets/survey.js", "assets/survey-core.js"], assets);
        foreach (var asset in assets)
        {
            var response = await client.GetAsync("/s/" + asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
            AssertSecurityHeaders(response);
            Assert.True(response.Headers.CacheControl?.NoCache);
            Assert.NotNull(response.Headers.ETag);
        }
    }

    [Fact]
    public async Task Asset_IfNoneMatchCurrent_NotModified()
    {
        var client = api.CreateClient();
        var etag = (await client.GetAsync("/s/assets/survey.css")).Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/s/assets/survey.css");
        request.Headers.IfNoneMatch.Add(etag);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/s/assets/survey.css");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Theory]
    [InlineData("/s/assets/survey.html")]
    [InlineData("/s/assets/nope.js")]
    [InlineData("/s/assets/OfficeEval.Api.SurveyPage.survey.js")]
    [InlineData("/s/assets/..%2Fsurvey.js")]
    public async Task Asset_NotAPageAsset_NotFound(string path)
    {
        var response = await api.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Page_TrailingSlash_RedirectsToTheAddressWithout()
    {
        // The page's relative asset URLs resolve against /s/ only without it.
        var client = api.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/s/{Token}/");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/s/{Token}", response.Headers.Location?.OriginalString);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SurveyPage.ContentSecurityPolicy, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            SurveyPage.ContentSecurityPolicy);
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("noindex", string.Join(", ", response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
    }

    [GeneratedRegex(""""\s(?:src|href)="(?<path>assets/[^"]+)"""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""from "\./(?<file>[^"]+)";""")]
    private static partial Regex ModuleImport();
}
