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
