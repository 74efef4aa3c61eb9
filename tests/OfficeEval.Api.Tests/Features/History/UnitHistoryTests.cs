using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Tests.Features.Results;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.History;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Api.Tests.Features.History;

/// <summary>
/// ZF-FGW (the demo staff's unit) across campaigns: in 2024, on the framework's version 2024.1
/// (<see cref="HistorySetup.Previous2024"/>), full marks (100, A, green); in 2026 as in <see cref="ResultsScenario"/>:
/// 92 (3.1 verified 0), A, green.
/// </summary>
public sealed class UnitHistoryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<DemoCampaign> SetUpAsync(ReviewStatus reviews = ReviewStatus.InProgress)
    {
        var demo = await ResultsScenario.SetUpAsync(api, reviews: reviews);
        await WorkflowSetup.WithDb(api, db => db.FrameworkMappings.ExecuteDeleteAsync());
        var previous = await WorkflowSetup.WithDb(api, db => db.Frameworks.Where(f => f.Version == "2024.1").Select(f => f.Id).SingleOrDefaultAsync());
        if (previous == Guid.Empty)
        {
            previous = await HistorySetup.AddFrameworkAsync(api, HistorySetup.Previous2024);
        }

        await HistorySetup.AddCampaignAsync(api, 2024, previous, demo.Units, HistorySetup.Answers(with53: true));
        return demo;
    }

    private static Task<JsonNode> HistoryAsync(HttpClient client, DemoCampaign demo, string unit = "ZF-FGW") =>
        client.GetFromJsonAsync<JsonNode>($"/api/campaigns/{demo.Id}/units/{demo[unit]}/history")!;

    private static JsonNode Indicator(JsonNode history, string code) =>
        history["comparison"]!["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == code)!;

    private static decimal? Number(JsonNode? node) => node?.GetValue<decimal>();

    [Fact]
    public async Task History_NothingStored_ComparedThroughTheSuggestionAndFlagged()
    {
        var demo = await SetUpAsync();
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var history = (await HistoryAsync(admin, demo))!;

        var campaigns = history["campaigns"]!.AsArray();
        Assert.Equal([(2024, "2024.1", false, 100m, "A", "Green"), (2026, "2026.1", true, 92m, "A", "Green")],
            campaigns.Select(c => (c!["year"]!.GetValue<int>(), c["frameworkVersion"]!.GetValue<string>(), c["isCurrent"]!.GetValue<bool>(),
                c["total"]!.GetValue<decimal>(), c["grade"]!.GetValue<string>(), c["board"]!.GetValue<string>())));
        Assert.Equal("grade.best", campaigns[0]!["applicationCode"]!.GetValue<string>());

        var comparison = history["comparison"]!;
        Assert.Equal(("Suggested", true, 2024), (comparison["mappingSource"]!.GetValue<string>(), comparison["needsReview"]!.GetValue<bool>(), comparison["previousYear"]!.GetValue<int>()));
        Assert.Equal((100m, 92m, -8m), (comparison["previousTotal"]!.GetValue<decimal>(), comparison["total"]!.GetValue<decimal>(), comparison["totalChange"]!.GetValue<decimal>()));
        // 3.1 机构运行效能 verified 0: 8 of 8 then, 0 now.
        var operation = Indicator(history, "3.1");
        Assert.Equal((8m, 0m, -8m, -100m), (Number(operation["previousScore"]), Number(operation["score"]), Number(operation["scoreChange"]), Number(operation["scoreRateChange"])));
        Assert.True(Indicator(history, "1.1.1")["needsReview"]!.GetValue<bool>());
        // 5.2 was 3 points then (full marks), 5 now: 100% either way.
        var discipline = Indicator(history, "5.2");
        Assert.Equal((3m, 3m, 0m), (Number(discipline["previousScore"]), Number(discipline["previousPoints"]), Number(discipline["scoreRateChange"])));
        // ZF-FGW's own individual indicator 6.2 has no predecessor; 5.3 has no successor.
        Assert.Equal("Unmapped", Indicator(history, "6.2")["status"]!.GetValue<string>());
        Assert.Equal([("5.3", "NoSuccessor")], comparison["dropped"]!.AsArray().Select(d => (d!["code"]!.GetValue<string>(), d["reason"]!.GetValue<string>())));

        var dimension3 = comparison["dimensions"]!.AsArray().Single(d => d!["code"]!.GetValue<string>() == "3")!;
        Assert.Equal((100m, 46.67m), (Number(dimension3["previousScoreRate"]), Number(dimension3["scoreRate"])));
        Assert.Null(history["comparisonUnavailable"]);
    }

    [Fact]
    public async Task History_StoredMapping_MergedIndicatorsSummedAndNothingFlagged()
    {
        var demo = await SetUpAsync();
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (from, to) = await WorkflowSetup.WithDb(api, async db => (
            await db.Frameworks.Where(f => f.Version == "2024.1").Select(f => f.Id).SingleAsync(),
            await db.Campaigns.Where(c => c.Id == demo.Id).Select(c => c.FrameworkId).SingleAsync()));
        var links = IndicatorMapping.MappableNodes(HistorySetup.Previous2024)
            .Select(n => new { fromCode = n.Node.Code, toCode = n.Node.Code == "5.3" ? "5.2" : n.Node.Code }).ToList();
        (await admin.PutAsJsonAsync($"/api/frameworks/{from}/mappings/{to}", new { links })).EnsureSuccessStatusCode();

        var history = (await HistoryAsync(admin, demo))!;

        var comparison = history["comparison"]!;
        Assert.Equal(("Stored", false), (comparison["mappingSource"]!.GetValue<string>(), comparison["needsReview"]!.GetValue<bool>()));
        var discipline = Indicator(history, "5.2");
        Assert.Equal(["5.2", "5.3"], discipline["previousCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal((5m, 5m, 100m), (Number(discipline["previousScore"]), Number(discipline["previousPoints"]), Number(discipline["previousScoreRate"])));
        Assert.Empty(comparison["dropped"]!.AsArray());
        Assert.Equal(1, comparison["counts"]!["declined"]!.GetValue<int>());
    }

    [Fact]
    public async Task History_StaffBeforeTheirReviewIsCompleted_EarlierFiguresOnlyAndNoComparison()
    {
        var demo = await SetUpAsync();
        var staff = await api.SignInAsync(DemoUsers.Staff);

        var before = (await HistoryAsync(staff, demo))!;
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["ZF-FGW"], new Dictionary<string, decimal> { ["3.1"] = 0 }, ReviewStatus.Completed);
        var after = (await HistoryAsync(staff, demo))!;

        var current = before["campaigns"]![1]!;
        Assert.Equal((false, null, null, null), (current["verifiedVisible"]!.GetValue<bool>(), Number(current["total"]), current["grade"], current["application"]));
        Assert.Equal(100m, Number(current["selfTotal"]));
        Assert.Equal(100m, Number(before["campaigns"]![0]!["total"]));
        Assert.Null(before["comparison"]);
        Assert.Equal("history.not_visible", before["comparisonUnavailable"]!.GetValue<string>());

        Assert.Equal(92m, Number(after["campaigns"]![1]!["total"]));
        Assert.Equal(-8m, Number(after["comparison"]!["totalChange"]));
    }

    [Fact]
    public async Task EvaluationReport_WithAnEarlierCampaign_RadarOfBothCampaignsThroughTheMapping()
    {
        var demo = await SetUpAsync();
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync($"/api/campaigns/{demo.Id}/units/{demo["ZF-FGW"]}/reports/evaluation");
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var history = (await HistoryAsync(admin, demo))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var series = document.MainDocumentPart!.ChartParts.Single().ChartSpace.Descendants<C.RadarChartSeries>().ToList();
        Assert.Equal(["上次评估（2024年度）", "本次评估（2026年度）"], series.Select(s => s.SeriesText!.Descendants<C.NumericValue>().Single().Text));
        decimal[] Values(C.RadarChartSeries s) => [.. s.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>().Select(p => decimal.Parse(p.NumericValue!.Text, CultureInfo.InvariantCulture))];
        var dimensions = history["comparison"]!["dimensions"]!.AsArray();
        Assert.Equal(dimensions.Select(d => d!["previousScoreRate"]!.GetValue<decimal>()), Values(series[0]));
        Assert.Equal(dimensions.Select(d => d!["scoreRate"]!.GetValue<decimal>()), Values(series[1]));
        Assert.Equal(46.67m, Values(series[1])[2]);
        var text = string.Join("\n", document.MainDocumentPart.Document.Body!.Descendants<W.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("与上次评估（2024年度机构编制执行情况和使用效益评估）相比，核定得分由100分（满分100分）变为92分", text, StringComparison.Ordinal);
        // Nothing stored between 2024.1 and 2026.1: the suggestion, said to be unconfirmed.
        Assert.Contains("尚未经评估办公室确认", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluationReport_NoEarlierCampaign_SelfAgainstOfficialAsBefore()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync($"/api/campaigns/{demo.Id}/units/{demo["ZF-FGW"]}/reports/evaluation");
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);

        var series = document.MainDocumentPart!.ChartParts.Single().ChartSpace.Descendants<C.RadarChartSeries>();
        Assert.Equal(["自评得分率", "核定得分率"], series.Select(s => s.SeriesText!.Descendants<C.NumericValue>().Single().Text));
    }

    [Fact]
    public async Task History_NoEarlierCampaign_CurrentOnly()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var history = (await HistoryAsync(admin, demo, "XZ-CGJD"))!;

        var current = Assert.Single(history["campaigns"]!.AsArray())!;
        Assert.Equal(("C", "grade.lowest"), (current["grade"]!.GetValue<string>(), current["applicationCode"]!.GetValue<string>()));
        Assert.Contains("退二进一", current["application"]!.GetValue<string>());
        Assert.Equal("history.no_previous", history["comparisonUnavailable"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_OtherUnitOrUnknownUnit_ForbiddenOrNotFound()
    {
        var demo = await SetUpAsync();
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var other = await staff.GetAsync($"/api/campaigns/{demo.Id}/units/{demo["XZ-CGJD"]}/history");
        var unknown = await admin.GetAsync($"/api/campaigns/{demo.Id}/units/{Guid.NewGuid()}/history");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
