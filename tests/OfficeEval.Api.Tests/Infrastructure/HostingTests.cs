using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Infrastructure;

public sealed class HostingTests(HostingTests.Factory api) : IClassFixture<HostingTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OfficeEval:BaseUrl"] = "https://eval.example.test:8443/",
        };
    }

    [Fact]
    public async Task HealthLive_Always_Healthy()
    {
        var response = await api.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthReady_MigratedDatabase_HealthyWithDatabaseCheck()
    {
        var response = await api.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthReady_MigrationsMissing_Unhealthy()
    {
        await using var empty = await TestDatabase.CreateAsync();
        await using var factory = new ApiInstance(empty);
        var client = factory.CreateClient();
        await empty.ScalarAsync<int>("DELETE FROM schema_migrations RETURNING 1");

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheThinPath()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/campaigns/{campaignId}/units/{unitId}/self-assessment/workbook", out var workbook));
        Assert.True(workbook.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/campaigns/{campaignId}/results", out _));
        Assert.True(paths.TryGetProperty("/api/auth/login", out _));
    }

    [Fact]
    public async Task Manifest_Served_RenderedForConfiguredBaseUrl()
    {
        var response = await api.CreateClient().GetAsync("/manifest.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.Contains("https://eval.example.test:8443/addin/excel/taskpane.html", xml);
        Assert.Contains("https://eval.example.test:8443/addin/word/taskpane.html", xml);
        Assert.DoesNotContain("localhost:3000", xml);
        var manifest = System.Xml.Linq.XDocument.Parse(xml);
        // Entra ID sign-in is off by default: no WebApplicationInfo, no Entra sign-in domain.
        Assert.DoesNotContain(manifest.Descendants(), e => e.Name.LocalName == "WebApplicationInfo");
        Assert.Equal(["https://eval.example.test:8443"], manifest.Descendants().Where(e => e.Name.LocalName == "AppDomain").Select(e => e.Value));
    }

    [Fact]
    public async Task AnyApi_WithoutToken_Problem401InChineseByDefault()
    {
        var response = await api.CreateClient().GetAsync("/api/campaigns");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("auth.required", "请先登录。", "Sign in first."), (problem.Code, problem.Title, problem.MessageEn));
    }

    [Fact]
    public async Task UnknownCampaign_EnglishClient_Problem404InEnglish()
    {
        var client = await api.SignInAsync(DemoUsers.Admin);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var response = await client.GetAsync($"/api/campaigns/{Guid.NewGuid()}/results");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("not_found", "The campaign was not found."), (problem.Code, problem.Title));
        Assert.Equal("找不到评估批次。", problem.MessageZh);
    }

    [Fact]
    public async Task MalformedJson_Problem400()
    {
        var response = await api.CreateClient().PostAsync("/api/auth/login", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request.invalid", (await Problem.ReadAsync(response)).Code);
    }
}
