using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Tests.Features.Results;

/// <summary>
/// The six demo units with known results. Every unit answers for full marks (100) except DW-ZZB; the reviewers'
/// verified scores then take points off:
/// <code>
/// unit      category  answers / self-scores                         verified               self  official  dev   rank grade board
/// DW-ZZB    非经济    1.1.1 较好 (6.4) self 8; 1.1.2 部分达成 (4.2) self 7   1.1.1 = 0            100   89.2      10.8  4    B     Yellow
/// ZF-FGW    经济      full                                          3.1 = 0 (−8)           100   92        8     3    A     Green
/// ZF-JYJ    非经济    full                                          1.1.1 = 4 (−4)         100   96        4     2    A     Yellow
/// QT-GQT    非经济    full; own veto item 6.9 (一票否优)             6.9 found              100   100       0     1    B←A   Green
/// SY-ZXZX   非经济    full                                          1.1.1–2.1.2 = 0 (−40)  100   60        40    5    B     Red
/// XZ-CGJD   经济      full                                          as SY and 2.2.1 (−45)  100   55        45    6    C     Red
/// </code>
/// DW-ZZB's official 1.1.2 is the rule's 4.2, not its self-score: only verified scores override the rule.
/// Grades: A ≥ 90, B ≥ 60 (inclusive: SY-ZXZX's 60 is B), C below; QT-GQT's veto caps A to B.
/// Boards, one green and one red per category: 非经济 QT > JYJ > DW > SY; 经济 FGW > CGJD.
/// </summary>
public static class ResultsScenario
{
    public static readonly string[] FirstTwoDimensions = ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "2.1.1", "2.1.2"];

    public static List<IndicatorNode> QtIndividualIndicators =>
    [
        new("6.1", "部门个性指标完成情况", 5m, [], new QualitativeScaleRule([new("达成", 1m), new("部分达成", 0.6m), new("未达成", 0m)])),
        new("6.9", "违反机构编制纪律造成严重后果", 0m, [], new VetoRule(VetoEffect.CapGrade)),
    ];

    public static Dictionary<string, AnswerRecord> DwAnswers()
    {
        var answers = WorkflowSetup.PerfectAnswers();
        answers["1.1.1"] = new AnswerRecord { IndicatorCode = "1.1.1", Option = "较好", SelfScore = 8 };
        answers["1.1.2"] = new AnswerRecord { IndicatorCode = "1.1.2", Option = "部分达成", SelfScore = 7 };
        return answers;
    }

    /// <summary>Sets the scenario up from nothing: every unit in <paramref name="status"/>, every review in <paramref name="reviews"/>.</summary>
    public static async Task<DemoCampaign> SetUpAsync(ApiFactory api, SelfAssessmentStatus status = SelfAssessmentStatus.Accepted, ReviewStatus reviews = ReviewStatus.InProgress)
    {
        await WorkflowSetup.ResetAsync(api);
        var demo = await WorkflowSetup.DemoAsync(api);
        await WorkflowSetup.SetIndividualIndicatorsAsync(api, demo.Id, demo["QT-GQT"], QtIndividualIndicators);

        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo["DW-ZZB"], DwAnswers().Values, status);
        await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo["ZF-FGW"], WorkflowSetup.PerfectAnswers(individual: true).Values, status);
        foreach (var code in new[] { "ZF-JYJ", "QT-GQT", "SY-ZXZX", "XZ-CGJD" })
        {
            await WorkflowSetup.SetAssessmentAsync(api, demo.Id, demo[code], WorkflowSetup.PerfectAnswers().Values, status);
        }

        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["DW-ZZB"], new Dictionary<string, decimal> { ["1.1.1"] = 0 }, reviews);
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["ZF-FGW"], new Dictionary<string, decimal> { ["3.1"] = 0 }, reviews);
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["ZF-JYJ"], new Dictionary<string, decimal> { ["1.1.1"] = 4 }, reviews);
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["QT-GQT"], new Dictionary<string, decimal>(), reviews, new Dictionary<string, bool> { ["6.9"] = true });
        var zeroed = FirstTwoDimensions.ToDictionary(c => c, _ => 0m);
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["SY-ZXZX"], zeroed, reviews);
        await WorkflowSetup.SetReviewAsync(api, demo.Id, demo["XZ-CGJD"], new Dictionary<string, decimal>(zeroed) { ["2.2.1"] = 0 }, reviews);
        return demo;
    }
}
