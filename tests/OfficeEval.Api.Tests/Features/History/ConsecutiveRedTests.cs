using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Features.Results;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.History;

/// <summary>
/// 连续两次红榜 goes by the unit's previous finalised campaign it took part in, not by the calendar year before. In the
/// current (2026) scenario SY-ZXZX and XZ-CGJD are red (see <see cref="ResultsScenario"/>); in the earlier campaigns
/// below everyone scores full marks but SY-ZXZX (92), which makes it the only red unit of 非经济 there.
/// </summary>
public sealed class ConsecutiveRedTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<(JsonNode Results, JsonNode History)> ReadAsync(DemoCampaign demo)
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var results = (await admin.GetFromJsonAsync<JsonNode>($"/api/campaigns/{demo.Id}/results"))!;
        var history = (await admin.GetFromJsonAsync<JsonNode>($"/api/campaigns/{demo.Id}/units/{demo["SY-ZXZX"]}/history"))!;
        return (results, history);
    }

    private static List<(int Year, string? Board, bool ConsecutiveRed)> Entries(JsonNode history) =>
        [.. history["campaigns"]!.AsArray().Select(c => (c!["year"]!.GetValue<int>(), c["board"]?.GetValue<string>(), c["consecutiveRed"]!.GetValue<bool>()))];

    [Fact]
    public async Task Results_RedIn2024AndNow_No2025Campaign_Flagged()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var framework = await HistorySetup.DemoFrameworkAsync(api, demo.Id);
        await HistorySetup.AddCampaignAsync(api, 2024, framework, demo.Units, HistorySetup.Answers(poorUnit: "SY-ZXZX"));

        var (results, history) = await ReadAsync(demo);

        Assert.Equal(("Red", true), (results.Unit("SY-ZXZX")["board"]!.GetValue<string>(), results.Unit("SY-ZXZX")["consecutiveRed"]!.GetValue<bool>()));
        // XZ-CGJD is red now but was green (tied at the top of 经济) in 2024.
        Assert.False(results.Unit("XZ-CGJD")["consecutiveRed"]!.GetValue<bool>());
        Assert.Equal([(2024, "Red", false), (2026, "Red", true)], Entries(history));
        Assert.Contains("连续两年列入红榜", results.Unit("SY-ZXZX")["application"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_LatestFinalisedCampaignLeftTheUnitOutAndAnotherIsNotFinalised_LooksFurtherBack()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var framework = await HistorySetup.DemoFrameworkAsync(api, demo.Id);
        await HistorySetup.AddCampaignAsync(api, 2024, framework, demo.Units, HistorySetup.Answers(poorUnit: "SY-ZXZX"));
        // 2025: a finalised campaign SY-ZXZX was not part of, and one it was green in that was never finalised.
        await HistorySetup.AddCampaignAsync(api, 2025, framework, demo.Without("SY-ZXZX"), HistorySetup.Answers());
        await HistorySetup.AddCampaignAsync(api, 2025, framework, demo.Units, HistorySetup.Answers(), finalized: false);

        var (results, history) = await ReadAsync(demo);

        Assert.True(results.Unit("SY-ZXZX")["consecutiveRed"]!.GetValue<bool>());
        Assert.Equal([(2024, "Red", false), (2026, "Red", true)], Entries(history));
    }

    [Fact]
    public async Task Results_GreenInBetween_NotFlagged()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var framework = await HistorySetup.DemoFrameworkAsync(api, demo.Id);
        await HistorySetup.AddCampaignAsync(api, 2024, framework, demo.Units, HistorySetup.Answers(poorUnit: "SY-ZXZX"));
        await HistorySetup.AddCampaignAsync(api, 2025, framework, demo.Units, HistorySetup.Answers());

        var (results, history) = await ReadAsync(demo);

        Assert.Equal(("Red", false), (results.Unit("SY-ZXZX")["board"]!.GetValue<string>(), results.Unit("SY-ZXZX")["consecutiveRed"]!.GetValue<bool>()));
        Assert.Equal([(2024, "Red", false), (2025, "Green", false), (2026, "Red", false)], Entries(history));
        Assert.DoesNotContain("连续两年", results.Unit("SY-ZXZX")["application"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_RedInTwoEarlierCampaignsRunning_EachFlaggedFromItsOwnPrevious()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var framework = await HistorySetup.DemoFrameworkAsync(api, demo.Id);
        await HistorySetup.AddCampaignAsync(api, 2023, framework, demo.Units, HistorySetup.Answers());
        await HistorySetup.AddCampaignAsync(api, 2024, framework, demo.Units, HistorySetup.Answers(poorUnit: "SY-ZXZX"));
        var in2025 = await HistorySetup.AddCampaignAsync(api, 2025, framework, demo.Units, HistorySetup.Answers(poorUnit: "SY-ZXZX"));
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var results2025 = (await admin.GetFromJsonAsync<JsonNode>($"/api/campaigns/{in2025}/results"))!;
        var (_, history) = await ReadAsync(demo);

        Assert.True(results2025.Unit("SY-ZXZX")["consecutiveRed"]!.GetValue<bool>());
        Assert.Equal([(2023, "Green", false), (2024, "Red", false), (2025, "Red", true), (2026, "Red", true)], Entries(history));
    }
}
