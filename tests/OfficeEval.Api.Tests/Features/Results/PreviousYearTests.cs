using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Review.ReviewRequests;

namespace OfficeEval.Api.Tests.Features.Results;

/// <summary>连续两次红榜: a unit red on last year's finalised results and red again is flagged.</summary>
public sealed class PreviousYearTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task CampaignResults_RedLastYearAndAgain_FlaggedConsecutiveRed()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        // 2025, finalised: everyone at 100 but SY-ZXZX (1.1.1 差 → 92), red among 非经济; 经济 tied at the top, both green.
        var previous = Guid.CreateVersion7();
        await WorkflowSetup.WithDb(api, async db =>
        {
            var current = await db.Campaigns.SingleAsync(c => c.Id == demo.Id);
            db.Campaigns.Add(new Campaign
            {
                Id = previous,
                Year = 2025,
                Name = "2025年度机构编制执行情况和使用效益评估",
                FrameworkId = current.FrameworkId,
                CreatedAt = DateTimeOffset.UtcNow.AddYears(-1),
                FinalizedAt = DateTimeOffset.UtcNow.AddMonths(-10),
                Units = [.. demo.Units.Values.Select(u => new CampaignUnit { UnitId = u })],
            });
            await db.SaveChangesAsync();
        });
        foreach (var (code, unit) in demo.Units)
        {
            var answers = WorkflowSetup.PerfectAnswers();
            if (code == "SY-ZXZX")
            {
                answers["1.1.1"] = new AnswerRecord { IndicatorCode = "1.1.1", Option = "差" };
            }

            await WorkflowSetup.SetAssessmentAsync(api, previous, unit, answers.Values, SelfAssessmentStatus.Final);
        }

        var admin = await api.SignInAsync(DemoUsers.Admin);

        var results = (await admin.GetFromJsonAsync<CampaignResultsBody>($"/api/campaigns/{demo.Id}/results", Web))!;
        var lastYear = (await admin.GetFromJsonAsync<CampaignResultsBody>($"/api/campaigns/{previous}/results", Web))!;
        var detail = (await admin.GetFromJsonAsync<UnitDetailBody>($"/api/campaigns/{demo.Id}/units/{demo["SY-ZXZX"]}/results", Web))!;

        Assert.Equal(("Red", false), (lastYear.Unit("SY-ZXZX").Board, lastYear.Unit("SY-ZXZX").ConsecutiveRed));
        Assert.Equal(("Green", "Green"), (lastYear.Unit("ZF-FGW").Board, lastYear.Unit("XZ-CGJD").Board));
        Assert.Equal(("Red", true), (results.Unit("SY-ZXZX").Board, results.Unit("SY-ZXZX").ConsecutiveRed));
        Assert.Equal(("Red", false), (results.Unit("XZ-CGJD").Board, results.Unit("XZ-CGJD").ConsecutiveRed));
        Assert.True(detail.Board!.ConsecutiveRed);
        Assert.Contains("连续两次列入红榜", detail.Board.Explanation);
    }
}
