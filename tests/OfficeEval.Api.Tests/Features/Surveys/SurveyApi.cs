using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>
/// The API with a test-only front door: the header <c>X-Test-Client-Address</c> sets the connection's remote address,
/// as a client on the internet would have one, so rate limits and the anonymity scan see distinct addresses.
/// </summary>
public class SurveyApiFactory : ApiFactory
{
    public const string AddressHeader = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(AddressHeader, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// <summary>Tiny limits, so that the tests reach them: 3 unknown codes per address, 2 answers per address and link, 4 per link.</summary>
public sealed class TinyLimitsApiFactory : SurveyApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OfficeEval:Surveys:FailedLookupsPerAddress"] = "3",
        ["OfficeEval:Surveys:OpenLinkSubmissionsPerAddress"] = "2",
        ["OfficeEval:Surveys:OpenLinkSubmissionsPerLink"] = "4",
    };
}

/// <summary>
/// Questionnaires on their own campaigns (one per test, so tests of a class do not share a survey), on a copy of the
/// common framework where 1.2.1 (服务对象满意度, 8 points) and 2.1.1 (职责边界清晰, 5 points) are scored by questionnaire.
/// </summary>
public static class SurveyApi
{
    public const string People = "服务对象";
    public const string Townships = "乡镇（街道）";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// 服务对象 (people, weight 0.6, minimum 3) and 乡镇（街道） (units, weight 0.4, minimum 2). Q1 is asked of both and
    /// feeds 1.2.1; Q2 (3-point) and Q3 (reverse, optional) of people feed 1.2.1; M1 (3-point) of townships feeds
    /// 2.1.1; C1 is asked of everyone, optional, and feeds nothing.
    /// </summary>
    public static SurveyForm Form() => new(
        "2026 年度部门履职满意度调查",
        "本问卷匿名填写。",
        [new(People, 0.6m, 3, 10), new(Townships, 0.4m, 2, 0, RespondentKind.Unit)],
        [
            new("Q1", "您对该部门的办事效率是否满意？", SurveyScale.Likert5, [People, Townships], "1.2.1", Section: "服务评价"),
            new("Q2", "您对该部门的服务态度是否满意？", SurveyScale.ThreePoint, [People], "1.2.1"),
            new("Q3", "办事需要多次跑腿。", SurveyScale.Likert5, [People], "1.2.1", Reverse: true, Required: false),
            new("M1", "该部门与本单位协同配合情况如何？", SurveyScale.ThreePoint, [Townships], "2.1.1"),
            new("C1", "总体印象如何？", SurveyScale.Likert5, [], null, Required: false),
        ],
        SurveyChoices.Default);

    public static FrameworkDefinition Framework { get; } = BuiltInFrameworks.Common2026 with
    {
        Code = "SURVEYTEST",
        Dimensions = [.. BuiltInFrameworks.Common2026.Dimensions.Select(d => WithSurveys(d))],
    };

    private static IndicatorNode WithSurveys(IndicatorNode node) => node.Code is "1.2.1" or "2.1.1"
        ? node with { Rule = new SurveyRule(node.Code == "1.2.1" ? "服务对象满意度调查" : "协作单位评价问卷"), EvidenceChecklist = [] }
        : node with { Children = [.. node.Children.Select(WithSurveys)] };

    /// <summary>A new campaign on <see cref="Framework"/> with the demo units given (all six by default); returns its id and units by code.</summary>
    public static async Task<DemoCampaign> NewCampaignAsync(ApiFactory api, params string[] unitCodes) => await WorkflowSetup.WithDb(api, async db =>
    {
        var framework = db.Frameworks.FirstOrDefault(f => f.Code == Framework.Code);
        if (framework is null)
        {
            framework = FrameworkRecord.From(Framework);
            framework.PublishedAt = DateTimeOffset.UtcNow;
            db.Frameworks.Add(framework);
        }

        var units = db.Units.Where(u => unitCodes.Length == 0 || unitCodes.Contains(u.Code)).ToList();
        var campaign = new Campaign { Id = Guid.CreateVersion7(), Year = 2026, Name = "问卷测试 " + Guid.NewGuid().ToString("N")[..6], FrameworkId = framework.Id, CreatedAt = DateTimeOffset.UtcNow };
        campaign.Units = [.. units.Select(u => new CampaignUnit { CampaignId = campaign.Id, UnitId = u.Id })];
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return new DemoCampaign(campaign.Id, units.ToDictionary(u => u.Code, u => u.Id));
    });

    public static string Url(Guid campaignId, string path = "") => $"/api/campaigns/{campaignId}/survey{path}";

    public static HttpContent Body(object value) => new StringContent(JsonSerializer.Serialize(value, Json), Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> PutAsync(HttpClient admin, Guid campaignId, object form, int? revision = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Url(campaignId)) { Content = Body(form) };
        if (revision is { } r)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{r}\""));
        }

        return await admin.SendAsync(request);
    }

    /// <summary>Saves <see cref="Form"/> (or <paramref name="form"/>) and opens the questionnaire.</summary>
    public static async Task OpenAsync(HttpClient admin, Guid campaignId, SurveyForm? form = null, DateTimeOffset? closesAt = null)
    {
        var saved = await PutAsync(admin, campaignId, form ?? Form());
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var opened = await admin.PostAsync(Url(campaignId, "/open"), Body(new { closesAt }));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    /// <summary>Issues links; returns the batch (its links carry the codes).</summary>
    public static async Task<JsonObject> IssueAsync(HttpClient admin, Guid campaignId, object body)
    {
        var response = await admin.PostAsync(Url(campaignId, "/tokens"), Body(body));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static List<string> Codes(JsonObject batch) => [.. batch["links"]!.AsArray().Select(l => l!["code"]!.GetValue<string>())];

    public static object Answer(string item, int value) => new { item, value };

    /// <summary>Submits answers through the public API from <paramref name="address"/>.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string code, string address, params object[] answers) =>
        SendAsync(client, HttpMethod.Post, $"/api/public/surveys/{code}/responses", address, Body(new { answers }));

    public static Task<HttpResponseMessage> GetPublicAsync(HttpClient client, string code, string address) =>
        SendAsync(client, HttpMethod.Get, $"/api/public/surveys/{code}", address, null);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string address, HttpContent? content, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(SurveyApiFactory.AddressHeader, address);
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A complete, valid questionnaire for a person: Q1, Q2 and optionally Q3.</summary>
    public static object[] PersonAnswers(int q1, int q2, int? q3 = null) =>
        q3 is { } v ? [Answer("Q1", q1), Answer("Q2", q2), Answer("Q3", v)] : [Answer("Q1", q1), Answer("Q2", q2)];

    public static async Task<long> CountAsync(ApiFactory api, string sql) => await api.Database.ScalarAsync<long>(sql);
}
