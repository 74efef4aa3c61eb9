using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;
using static OfficeEval.Api.Tests.Features.Surveys.SurveyApi;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>
/// What the questionnaire returns: response rates per unit and group, groups under their minimum flagged, the same
/// satisfaction as the engine computes from the same answers, the anonymised raw export — and the indicator scores
/// that change once answers arrive.
/// </summary>
public sealed class SurveyResultsTests(SurveyApiFactory api) : IClassFixture<SurveyApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateClient();

    /// <summary>
    /// 市发展和改革委员会: 4 of 5 people and both townships answer; 市教育局: 1 of 5 people, no township. People's
    /// minimum is 3 and townships' 2, so 市教育局 is below both.
    /// </summary>
    [Fact]
    public async Task Results_RatesMinimumsAndFractions_AsTheEngineComputesThem()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW", "ZF-JYJ");
        var (fgw, jyj) = (campaign["ZF-FGW"], campaign["ZF-JYJ"]);
        var respondents = await WorkflowSetup.WithDb(api, db => Task.FromResult(db.Units.Where(u => u.Code == "XZ-CGJD" || u.Code == "QT-GQT").Select(u => u.Id).ToList()));
        await OpenAsync(admin, campaign.Id);
        var people = await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { fgw, jyj }, count = 5 });
        var townships = await IssueAsync(admin, campaign.Id, new { group = Townships, unitIds = new[] { fgw, jyj }, respondentUnitIds = respondents });
        string[] CodesFor(JsonObject batch, Guid unit) => [.. batch["links"]!.AsArray().Where(l => l!["unitId"]!.GetValue<Guid>() == unit).Select(l => l!["code"]!.GetValue<string>())];

        int[][] fgwPeople = [[5, 3, 1], [4, 2, 2], [2, 1, 5], [5, 3, 0]];
        int[][] fgwTownships = [[4, 3], [3, 2]];
        var submitted = new List<(Guid Unit, SurveyResponse Response)>();
        foreach (var (code, a) in CodesFor(people, fgw).Zip(fgwPeople))
        {
            var answers = a[2] == 0 ? PersonAnswers(a[0], a[1]) : PersonAnswers(a[0], a[1], a[2]);
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "198.51.100.70", answers)).StatusCode);
            submitted.Add((fgw, Engine(People, ("Q1", a[0]), ("Q2", a[1]), ("Q3", a[2]))));
        }

        foreach (var (code, a) in CodesFor(townships, fgw).Zip(fgwTownships))
        {
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "198.51.100.70", Answer("Q1", a[0]), Answer("M1", a[1]), Answer("C1", 5))).StatusCode);
            submitted.Add((fgw, Engine(Townships, ("Q1", a[0]), ("M1", a[1]), ("C1", 5))));
        }

        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, CodesFor(people, jyj)[0], "198.51.100.70", PersonAnswers(3, 2))).StatusCode);
        submitted.Add((jyj, Engine(People, ("Q1", 3), ("Q2", 2))));

        var results = (await admin.GetFromJsonAsync<JsonObject>(Url(campaign.Id, "/results")))!;

        Assert.Equal(("Open", true), (results["status"]!.GetValue<string>(), results["feedsScores"]!.GetValue<bool>()));
        var totals = results["totals"]!;
        Assert.Equal((14, 7, 7), (totals["issued"]!.GetValue<int>(), totals["used"]!.GetValue<int>(), totals["responses"]!.GetValue<int>()));
        Assert.Equal(50m, totals["responseRatePercent"]!.GetValue<decimal>());
        var units = results["units"]!.AsArray().ToDictionary(u => u!["unitCode"]!.GetValue<string>(), u => u!);
        Assert.Equal(
            [(People, 5, 4, 80m, false), (Townships, 2, 2, 100m, false)],
            Groups(units["ZF-FGW"]));
        Assert.Equal(
            [(People, 5, 1, 20m, true), (Townships, 2, 0, 0m, true)],
            Groups(units["ZF-JYJ"]));
        Assert.Equal([1, 1], results["groups"]!.AsArray().Select(g => g!["unitsBelowMinimum"]!.GetValue<int>()));

        // The same answers through the engine give the same fractions and group rows.
        var aggregator = SurveyAggregator.Create(Form().ToDefinition());
        foreach (var (unitId, code) in new[] { (fgw, "ZF-FGW"), (jyj, "ZF-JYJ") })
        {
            var expected = aggregator.Aggregate([.. submitted.Where(s => s.Unit == unitId).Select(s => s.Response)],
                new Dictionary<string, int> { [People] = 5, [Townships] = 2 });
            var indicators = units[code]["indicators"]!.AsArray();
            Assert.Equal(expected.Indicators.Select(i => (i.IndicatorCode, i.Fraction)),
                indicators.Select(i => (i!["indicatorCode"]!.GetValue<string>(), i["fraction"]?.GetValue<decimal>())));
            Assert.Equal(expected.Indicators.Select(i => i.Explanation), indicators.Select(i => i!["explanation"]!.GetValue<string>()));
            Assert.Equal(
                expected.Indicators.SelectMany(i => i.Groups.Select(g => (g.Group, g.Mean, g.BelowMinimum, g.Use.ToString()))),
                indicators.SelectMany(i => i!["groups"]!.AsArray().Select(g => (g!["group"]!.GetValue<string>(), g["mean"]?.GetValue<decimal>(),
                    g["belowMinimum"]!.GetValue<bool>(), g["use"]!.GetValue<string>()))));
        }

        Assert.NotNull(units["ZF-FGW"]["indicators"]![0]!["fraction"]);
        Assert.Equal("服务对象满意度", units["ZF-FGW"]["indicators"]![0]!["indicatorName"]!.GetValue<string>());
        // 市教育局: people below minimum are left out (policy Exclude), and no township answered: no fraction.
        Assert.Null(units["ZF-JYJ"]["indicators"]![0]!["fraction"]);

        var unit = (await admin.GetFromJsonAsync<JsonObject>($"/api/campaigns/{campaign.Id}/units/{jyj}/survey/results"))!;
        Assert.Equal("ZF-JYJ", Assert.Single(unit["units"]!.AsArray())!["unitCode"]!.GetValue<string>());
        Assert.Equal(1, unit["totals"]!["responses"]!.GetValue<int>());
    }

    [Fact]
    public async Task RawExport_SortedByUnitAndGroup_AnswersAsGiven_Audited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW", "DW-ZZB");
        await OpenAsync(admin, campaign.Id);
        var batch = await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { campaign["ZF-FGW"], campaign["DW-ZZB"] }, count = 2 });
        foreach (var (link, i) in batch["links"]!.AsArray().Select((l, i) => (l!, i)))
        {
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, link["code"]!.GetValue<string>(), "198.51.100.80", PersonAnswers(1 + i, 1 + (i % 3), 5 - i))).StatusCode);
        }

        var export = (await admin.GetFromJsonAsync<JsonObject>(Url(campaign.Id, "/responses")))!;

        Assert.Equal(["Q1", "Q2", "Q3", "M1", "C1"], export["items"]!.AsArray().Select(i => i!.GetValue<string>()));
        var rows = export["responses"]!.AsArray();
        Assert.Equal(["DW-ZZB", "DW-ZZB", "ZF-FGW", "ZF-FGW"], rows.Select(r => r!["unitCode"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.Equal(People, r!["group"]!.GetValue<string>()));
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        Assert.All(rows, r => Assert.InRange(DateOnly.Parse(r!["submittedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), today.AddDays(-1), today));
        Assert.Equal([1, 2], rows.Where(r => r!["unitCode"]!.GetValue<string>() == "ZF-FGW").Select(r => r!["answers"]!["Q1"]!.GetValue<int>()).Order());
        Assert.Equal(1L, await CountAsync(api, $"SELECT count(*) FROM audit_entries WHERE action = 'export' AND target = 'campaign/{campaign.Id}/survey/responses'"));
    }

    [Fact]
    public async Task IndicatorScore_ChangesOnceAnswersArrive_InResultsValidationAndReview()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW", "ZF-JYJ");
        var fgw = campaign["ZF-FGW"];
        var answers = WorkflowSetup.PerfectAnswers();
        answers.Remove("1.2.1");
        answers.Remove("2.1.1");
        await WorkflowSetup.SetAssessmentAsync(api, campaign.Id, fgw, answers.Values);
        var unitUrl = $"/api/campaigns/{campaign.Id}/units/{fgw}/results";

        var before = (await admin.GetFromJsonAsync<JsonObject>(unitUrl))!;
        Assert.Equal(0m, Official(before, "1.2.1"));
        Assert.Contains(before["problems"]!.AsArray(), p => p!["code"]!.GetValue<string>() == "survey.missing" && p["indicatorCode"]!.GetValue<string>() == "1.2.1");
        var totalBefore = before["official"]!["total"]!.GetValue<decimal>();

        // Saved as a draft, the questionnaire does not score yet; links are issued, then it opens and people answer.
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);
        var codes = Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = new[] { fgw }, count = 3 }));
        Assert.Equal(0m, Official((await admin.GetFromJsonAsync<JsonObject>(unitUrl))!, "1.2.1"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url(campaign.Id, "/open"), null)).StatusCode);
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(_anonymous, code, "198.51.100.90", PersonAnswers(5, 3, 2))).StatusCode);
        }

        // Q1 5 → 1, Q2 满意 → 1, Q3 (reverse) 2 → 4 → 0.75: people's mean 11/12; townships gave nothing; 8 points × 0.9167.
        var fraction = SurveyAggregator.Create(Form().ToDefinition())
            .Aggregate([.. Enumerable.Repeat(Engine(People, ("Q1", 5), ("Q2", 3), ("Q3", 2)), 3)]).FractionsByIndicator()["1.2.1"];
        Assert.Equal(0.9167m, fraction);
        var expected = Score.Round(8m * fraction);

        var after = (await admin.GetFromJsonAsync<JsonObject>(unitUrl))!;
        Assert.Equal(expected, Official(after, "1.2.1"));
        Assert.Equal(totalBefore + expected, after["official"]!["total"]!.GetValue<decimal>());
        Assert.DoesNotContain(after["problems"]!.AsArray(), p => p!["code"]!.GetValue<string>() == "survey.missing" && p["indicatorCode"]!.GetValue<string>() == "1.2.1");
        var campaignResults = (await admin.GetFromJsonAsync<JsonObject>($"/api/campaigns/{campaign.Id}/results"))!;
        Assert.Equal(totalBefore + expected, campaignResults["units"]!.AsArray().Single(u => u!["unitCode"]!.GetValue<string>() == "ZF-FGW")!["total"]!.GetValue<decimal>());

        var validated = (await (await admin.PostAsJsonAsync(Drafts.Url(campaign.Id, fgw, "/validate"), new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(expected, validated["leaves"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "1.2.1")!["score"]!.GetValue<decimal>());
        var review = (await admin.GetFromJsonAsync<JsonObject>(WorkflowSetup.ReviewUrl(campaign.Id, fgw)))!;
        Assert.Equal(expected, review["items"]!.AsArray().Single(l => l!["indicatorCode"]!.GetValue<string>() == "1.2.1")!["computedScore"]!.GetValue<decimal>());

        // Closing keeps the results in the scores.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Url(campaign.Id, "/close"), null)).StatusCode);
        Assert.Equal(expected, Official((await admin.GetFromJsonAsync<JsonObject>(unitUrl))!, "1.2.1"));
    }

    [Fact]
    public async Task Submission_SurveyLeafWithoutResults_WarnsButDoesNotBlock()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        var fgw = campaign["ZF-FGW"];
        var answers = SurveyApi.Framework.Leaves().Where(l => l.Node.Rule is not SurveyRule).Select(l => Drafts.Complete(l.Node)).ToArray();
        var saved = await Drafts.PatchAsync(admin, campaign.Id, fgw, 0, answers);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var check = (await (await admin.PostAsJsonAsync(Drafts.Url(campaign.Id, fgw, "/validate"), new { })).Content.ReadFromJsonAsync<JsonObject>())!;

        var missing = check["problems"]!.AsArray().Where(p => p!["code"]!.GetValue<string>() == "survey.missing").ToList();
        Assert.Equal(["1.2.1", "2.1.1"], missing.Select(p => p!["indicatorCode"]!.GetValue<string>()));
        Assert.All(missing, p => Assert.True(p!["isWarning"]!.GetValue<bool>()));
        Assert.True(check["readyToSubmit"]!.GetValue<bool>(), check.ToJsonString());
        var submitted = await Drafts.SendAsync(admin, HttpMethod.Post, Drafts.Url(campaign.Id, fgw, "/submit"), null, Drafts.RevisionOf(saved));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
    }

    private static decimal? Official(JsonObject detail, string code) =>
        detail["leaves"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == code)!["official"]?.GetValue<decimal>();

    private static List<(string, int, int, decimal, bool)> Groups(JsonNode unit) =>
        [.. unit["groups"]!.AsArray().Select(g => (g!["group"]!.GetValue<string>(), g["issued"]!.GetValue<int>(), g["responses"]!.GetValue<int>(),
            g["responseRatePercent"]!.GetValue<decimal>(), g["belowMinimum"]!.GetValue<bool>()))];

    /// <summary>A response as the engine takes it: Q1 is asked of two groups, so its engine code names the group.</summary>
    private static SurveyResponse Engine(string group, params (string Item, int Value)[] answers)
    {
        var form = Form();
        return new SurveyResponse(group, [.. answers.Where(a => a.Value != 0)
            .Select(a => new ItemAnswer(SurveyForm.EngineCode(form.Items.Single(i => i.Code == a.Item), group), a.Value))]);
    }
}
