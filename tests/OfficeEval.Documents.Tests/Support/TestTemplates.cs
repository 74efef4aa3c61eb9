using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>A small framework and the templates and workbooks generated from it.</summary>
internal static class TestTemplates
{
    public static readonly Guid CampaignId = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001");
    public static readonly Guid UnitId = Guid.Parse("6f1c2d3e-0000-4000-8000-0000000000aa");
    public const string CampaignName = "2026 年度绩效评估";
    public const string UnitName = "市测试局";

    /// <summary>
    /// Two dimensions, both rule kinds, a level-2 leaf and level-3 leaves; rows 4–8 of the sheet in this order:
    /// <code>
    /// row 4  1.1    D1 → 1.1                 7.5 points, 好/较好/一般/差          (level-2 leaf)
    /// row 5  1.2.1  D1 → 1.2 → 1.2.1          20 points, −4 per occurrence
    /// row 6  1.2.2  D1 → 1.2 → 1.2.2        12.5 points, 好/较好/一般/差
    /// row 7  2.1.1  D2 → 2.1 → 2.1.1          30 points, −5 per occurrence, cap 20
    /// row 8  2.1.2  D2 → 2.1 → 2.1.2          30 points, 全部完成（100%）/部分完成/未完成
    /// </code>
    /// </summary>
    public static FrameworkDefinition Framework(string version = "2026.1") => new(
        "GOV-TEST",
        "测试指标体系",
        version,
        100m,
        [UnitKind.Government],
        [
            new IndicatorNode("D1", "组织领导", 40m,
            [
                new IndicatorNode("1.1", "工作机制", 7.5m, [], FourLevelScale())
                {
                    EvaluationPoints = ["建立工作机制", "明确责任分工"],
                    ScoringStandard = "好得满分，较好得 80%，一般得 60%，差不得分。",
                    EvidenceChecklist = ["相关文件"],
                },
                new IndicatorNode("1.2", "制度建设", 32.5m,
                [
                    new IndicatorNode("1.2.1", "制度执行", 20m, [], new DeductionRule(4m)) { ScoringStandard = "每发现一次问题扣 4 分，扣完为止。" },
                    new IndicatorNode("1.2.2", "制度完善", 12.5m, [], FourLevelScale()),
                ]),
            ]),
            new IndicatorNode("D2", "履职成效", 60m,
            [
                new IndicatorNode("2.1", "任务完成", 60m,
                [
                    new IndicatorNode("2.1.1", "督办事项", 30m, [], new DeductionRule(5m, 20m)),
                    new IndicatorNode("2.1.2", "重点任务", 30m, [], new QualitativeScaleRule(
                        [new ScaleOption("全部完成（100%）", 1m), new ScaleOption("部分完成", 0.5m), new ScaleOption("未完成", 0m)])),
                ]),
            ]),
        ]);

    /// <summary>
    /// Every kind of leaf the workbook treats differently, rows 4–11 in this order:
    /// <code>
    /// row 4   1.1  超编人数 (metric, −2.5 per person over the establishment)   10
    /// row 5   1.2  年龄结构 (age-band shares from 编制与人员)                   10
    /// row 6   1.3  学历构成 (shares answered as 类别=人数)                      10
    /// row 7   1.4  服务对象满意度 (survey)                                      20
    /// row 8   2.1  履职情况 (好/较好/一般/差)                                   40
    /// row 9   2.2  基层编制加分 (bonus, 0.5 per item, pool cap 1)              2
    /// row 10  2.3  重大违规 (veto)                                             0
    /// row 11  3.1  个性目标 (达成/部分达成/未达成)                               10
    /// </code>
    /// </summary>
    public static FrameworkDefinition RichFramework() => new(
        "RICH-TEST",
        "综合测试指标体系",
        "2026.2",
        100m,
        [],
        [
            new IndicatorNode("1", "编制和领导职数使用效益", 50m,
            [
                new IndicatorNode("1.1", "超编人数", 10m, [], new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(2.5m))),
                new IndicatorNode("1.2", "年龄结构", 10m, [], new ShareRule(
                    [new ShareFactor("35岁及以下", 1m, AgeBand.UpTo35), new ShareFactor("36–50岁", 0.8m, AgeBand.From36To50), new ShareFactor("51–60岁", 0.5m, AgeBand.From51To60)],
                    ShareSource.AgeBands)),
                new IndicatorNode("1.3", "学历构成", 10m, [], new ShareRule([new ShareFactor("研究生", 1m), new ShareFactor("本科", 0.8m), new ShareFactor("其他", 0.5m)])),
                new IndicatorNode("1.4", "服务对象满意度", 20m, [], new SurveyRule("服务对象问卷")),
            ]),
            new IndicatorNode("2", "履职尽责情况和相关效益", 40m,
            [
                new IndicatorNode("2.1", "履职情况", 40m, [], FourLevelScale()),
                new IndicatorNode("2.2", "基层编制加分", 2m, [], new BonusRule(0.5m, "P1")),
                new IndicatorNode("2.3", "重大违规", 0m, [], new VetoRule(VetoEffect.ZeroTotal)),
            ]),
            new IndicatorNode("3", "个性指标", 10m,
            [
                new IndicatorNode("3.1", "个性目标", 10m, [], new QualitativeScaleRule([new ScaleOption("达成", 1m), new ScaleOption("部分达成", 0.6m), new ScaleOption("未达成", 0m)])),
            ]),
        ])
    {
        BonusPools = [new BonusPool("P1", "基层编制加分", 1m)],
    };

    public static SelfAssessmentTemplate Template(Guid? campaignId = null, Guid? unitId = null, FrameworkDefinition? framework = null)
    {
        framework ??= Framework();
        var identity = new WorkbookIdentity(campaignId ?? CampaignId, unitId ?? UnitId, framework.Code, framework.Version,
            SelfAssessmentWorkbook.StructureHash(framework))
        { CampaignName = CampaignName, UnitName = UnitName };
        return new SelfAssessmentTemplate(identity, CampaignName, UnitName, framework);
    }

    public static byte[] Generate(SelfAssessmentTemplate? template = null)
    {
        using var stream = new MemoryStream();
        SelfAssessmentWorkbook.Write(template ?? Template(), stream);
        return stream.ToArray();
    }

    public static WorkbookReadResult Read(byte[] xlsx, SelfAssessmentTemplate? expected = null, UploadLimits? limits = null)
    {
        using var stream = new MemoryStream(xlsx);
        return SelfAssessmentWorkbook.Read(stream, expected ?? Template(), limits);
    }

    private static QualitativeScaleRule FourLevelScale() =>
        new([new ScaleOption("好", 1m), new ScaleOption("较好", 0.8m), new ScaleOption("一般", 0.6m), new ScaleOption("差", 0m)]);
}
