using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Tests.Features.History;

/// <summary>Earlier campaigns of the demo's units, stored directly, and an earlier version of the demo's framework.</summary>
public static class HistorySetup
{
    /// <summary>
    /// The demo framework as it was in 2024 (version 2024.1): 1.1.1 named 主责主业履职情况 (now 主责主业履行情况), and
    /// dimension 5 with three leaves — 5.1 (5), 5.2 (3) and 5.3 机构编制统计 (2) — where there are now two, 5.1 and 5.2 (5 each).
    /// </summary>
    public static FrameworkDefinition Previous2024
    {
        get
        {
            var common = BuiltInFrameworks.Common2026;
            var quality = new QualitativeScaleRule([new("好", 1m), new("较好", 0.8m), new("一般", 0.6m), new("差", 0m)]);
            IndicatorNode Change(IndicatorNode dimension) => dimension.Code switch
            {
                "1" => dimension with
                {
                    Children = [dimension.Children[0] with { Children = [dimension.Children[0].Children[0] with { Name = "主责主业履职情况" }, dimension.Children[0].Children[1]] }, dimension.Children[1]],
                },
                "5" => dimension with
                {
                    Children = [dimension.Children[0], dimension.Children[1] with { Points = 3m }, new IndicatorNode("5.3", "机构编制统计", 2m, [], quality)],
                },
                _ => dimension,
            };
            return common with { Version = "2024.1", Dimensions = [.. common.Dimensions.Select(Change)] };
        }
    }

    /// <summary>Stores <paramref name="definition"/> as a published framework and returns its id.</summary>
    public static Task<Guid> AddFrameworkAsync(ApiFactory api, FrameworkDefinition definition) => WorkflowSetup.WithDb(api, async db =>
    {
        var record = FrameworkRecord.From(definition);
        record.PublishedAt = DateTimeOffset.UtcNow.AddYears(-3);
        db.Frameworks.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    });

    public static Task<Guid> DemoFrameworkAsync(ApiFactory api, Guid campaignId) =>
        WorkflowSetup.WithDb(api, db => db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.FrameworkId).SingleAsync());

    /// <summary>
    /// A campaign of <paramref name="year"/> on <paramref name="frameworkId"/> with <paramref name="units"/>, each with a
    /// self-evaluation from <paramref name="answers"/> (Final when <paramref name="finalized"/>, else Accepted) and no review.
    /// </summary>
    public static async Task<Guid> AddCampaignAsync(ApiFactory api, int year, Guid frameworkId, IReadOnlyDictionary<string, Guid> units,
        Func<string, IEnumerable<AnswerRecord>> answers, bool finalized = true)
    {
        var id = Guid.CreateVersion7();
        await WorkflowSetup.WithDb(api, async db =>
        {
            db.Campaigns.Add(new Campaign
            {
                Id = id,
                Year = year,
                Name = $"{year}年度机构编制执行情况和使用效益评估",
                FrameworkId = frameworkId,
                CreatedAt = new DateTimeOffset(year, 3, 1, 0, 0, 0, TimeSpan.Zero),
                FinalizedAt = finalized ? new DateTimeOffset(year + 1, 3, 1, 0, 0, 0, TimeSpan.Zero) : null,
                Units = [.. units.Values.Select(u => new CampaignUnit { UnitId = u })],
            });
            await db.SaveChangesAsync();
        });
        foreach (var (code, unit) in units)
        {
            await WorkflowSetup.SetAssessmentAsync(api, id, unit, answers(code), finalized ? SelfAssessmentStatus.Final : SelfAssessmentStatus.Accepted);
        }

        return id;
    }

    /// <summary>Full marks, except <paramref name="poorUnit"/> answering 1.1.1 差 (8 points off), with 5.3 answered when <paramref name="with53"/>.</summary>
    public static Func<string, IEnumerable<AnswerRecord>> Answers(string? poorUnit = null, bool with53 = false) => code =>
    {
        var answers = WorkflowSetup.PerfectAnswers();
        if (code == poorUnit)
        {
            answers["1.1.1"] = new AnswerRecord { IndicatorCode = "1.1.1", Option = "差" };
        }

        if (with53)
        {
            answers["5.3"] = new AnswerRecord { IndicatorCode = "5.3", Option = "好" };
        }

        return answers.Values;
    };

    public static Dictionary<string, Guid> Without(this DemoCampaign demo, params string[] codes) =>
        demo.Units.Where(u => !codes.Contains(u.Key)).ToDictionary(u => u.Key, u => u.Value);

    public static JsonNode Unit(this JsonNode results, string code) =>
        results["units"]!.AsArray().Single(u => u!["unitCode"]!.GetValue<string>() == code)!;
}
