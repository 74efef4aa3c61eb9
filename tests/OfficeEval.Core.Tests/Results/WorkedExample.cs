using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Results;

/// <summary>
/// A 100-point framework with every source of a leaf's score, a bonus pool and two veto items:
/// <code>
/// D1 履职尽责 (60) ─ 1.1 主责主业         20  好/较好/一般/差
///                  ├ 1.2 重点任务完成率   10  shortfall: target 100%, −0.5 per point
///                  ├ 1.3 服务对象满意度   30  survey
///                  └ 1.4 创新加分         1   bonus 0.5 each, pool P       (outside D1's 60)
/// D2 编制使用 (40) ─ 2.1 超编进人         10  metric OverEstablishment, −2.5 per person
///                  ├ 2.2 年龄结构         10  age shares 1 / 0.8 / 0.5 / 0
///                  ├ 2.3 编制使用率       20  metric EstablishmentUseRate: &lt;90 → 0.6, 90–100 → 1, &gt;100 → 0.6
///                  └ 2.4 基层编制         0.5 bonus 0.05 each, pool P      (outside D2's 40)
/// D3 否决项 (0)    ─ 4.1 通报批评         0   veto: cap the grade (否优)
///                  └ 4.2 严重违规         0   veto: zero the total (否决)
/// pool P 加分项: cap 1
/// </code>
/// </summary>
internal static class WorkedExample
{
    public static FrameworkDefinition Framework() => Build.Framework(100m,
        Node("D1", "履职尽责", 60m,
            Leaf("1.1", "主责主业", 20m, Build.FourLevelScale()),
            Leaf("1.2", "重点任务完成率", 10m, new ShortfallRule(100m, 0.5m)),
            Leaf("1.3", "服务对象满意度", 30m, new SurveyRule("服务对象满意度")),
            Leaf("1.4", "创新加分", 1m, new BonusRule(0.5m, "P"))),
        Node("D2", "编制使用", 40m,
            Leaf("2.1", "超编进人", 10m, new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(2.5m))),
            Leaf("2.2", "年龄结构", 10m, Rules.AgeShares()),
            Leaf("2.3", "编制使用率", 20m, new MetricRule(UnitMetric.EstablishmentUseRate, new BandsRule(
            [
                new Band(null, null, 90m, false, 0.6m),
                new Band(90m, true, 100m, true, 1m),
                new Band(100m, false, null, null, 0.6m),
            ]))),
            Leaf("2.4", "基层编制", 0.5m, new BonusRule(0.05m, "P"))),
        Node("D3", "否决项", 0m,
            Leaf("4.1", "通报批评", 0m, new VetoRule(VetoEffect.CapGrade)),
            Leaf("4.2", "严重违规", 0m, new VetoRule(VetoEffect.ZeroTotal)))) with
    {
        BonusPools = [new BonusPool("P", "加分项", 1m)],
    };

    /// <summary>
    /// The unit's inputs and the hand computation (default policy: verified over computed):
    /// <code>
    /// 1.1 较好 → 20 × 0.8 = 16; self 18; verified 15          → 15 (verified), deviation 18 − 15 = +3
    /// 1.2 97.6% → 2.4 points below × 0.5 = 1.2 → 10 − 1.2    →  8.8 (computed); self 9, no verification, no deviation
    /// 1.3 survey 0.9133 → 30 × 0.9133 = 27.399               → 27.4
    /// 1.4 3 times × 0.5 = 1.5, leaf cap 1                     →  1 (bonus)
    /// D1 = 15 + 8.8 + 27.4 = 51.2 of 60 → 85.333… → 85.33%
    /// 2.1 facts 52 staff on 50 approved → 2 over × 2.5 = 5    →  5 computed; self 10; verified 6 → 6, deviation +4
    /// 2.2 ages 12/24/10/4 of 50 → .24 + .48×.8 + .2×.5 + 0 = .724 → 7.24
    /// 2.3 52 ÷ 50 = 104% → band 值>100 → 0.6 × 20             → 12
    /// 2.4 4 times × 0.05                                      →  0.2 (bonus)
    /// D2 = 6 + 7.24 + 12 = 25.24 of 40 → 63.1%
    /// D3 = 0 of 0 → 0%
    /// 4.1 unit answers 是 → found: cap the grade
    /// 4.2 unit answers 是, reviewers verify 否 → not found: the total stands
    /// base = 51.2 + 25.24 = 76.44
    /// pool P: claimed 1 + 0.2 = 1.2, cap 1 → bonus 1
    /// total = 76.44 + 1 = 77.44 of 100 → 77.44%
    /// </code>
    /// </summary>
    public static UnitInput Input() => new(Answers(
        new Answer("1.1") { Option = "较好", SelfScore = 18m },
        new Answer("1.2") { Number = 97.6m, SelfScore = 9m },
        new Answer("1.4") { Number = 3m },
        new Answer("2.1") { SelfScore = 10m },
        new Answer("2.4") { Number = 4m },
        new Answer("4.1") { Finding = true },
        new Answer("4.2") { Finding = true }))
    {
        Verified = new Dictionary<string, Verification>(StringComparer.Ordinal)
        {
            ["1.1"] = new(Score: 15m),
            ["2.1"] = new(Score: 6m),
            ["4.2"] = new(Finding: false),
        },
        Facts = new UnitFacts { ApprovedEstablishment = 50, ActualStaff = 52, AgeBands = new AgeBandCounts(12, 24, 10, 4) },
        SurveyFractions = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["1.3"] = 0.9133m },
    };

    public static Dictionary<string, Answer> Answers(params Answer[] answers) =>
        answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);

    private static IndicatorNode Node(string code, string name, decimal points, params IndicatorNode[] children) => new(code, name, points, children);

    private static IndicatorNode Leaf(string code, string name, decimal points, ScoringRule rule) => new(code, name, points, [], rule);
}
