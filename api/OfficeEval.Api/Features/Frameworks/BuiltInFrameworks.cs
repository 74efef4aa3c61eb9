using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// The built-in frameworks, on the six first-level dimensions used in the seeds (100 points each): the common one
/// (<see cref="Common2026"/>, used by the demo) and one template per unit kind, with the indicators the seeds and the
/// domain notes name for that kind. Each is seeded as a published version at start-up (see <see cref="BuiltInFrameworkSeeder"/>).
/// </summary>
public static partial class BuiltInFrameworks
{
    private static readonly QualitativeScaleRule Quality = new([new("好", 1m), new("较好", 0.8m), new("一般", 0.6m), new("差", 0m)]);
    private static readonly QualitativeScaleRule Achievement = new([new("达成", 1m), new("部分达成", 0.6m), new("未达成", 0m)]);
    private static readonly QualitativeScaleRule Saturation = new([new("很饱满", 1m), new("饱满", 0.9m), new("基本饱满", 0.7m), new("不饱满", 0.4m)]);
    private static readonly QualitativeScaleRule Reasonable = new([new("合理", 1m), new("较合理", 0.6m), new("不合理", 0m)]);

    public static FrameworkDefinition Common2026 { get; } = new(
        "COMMON",
        "机构编制执行情况和使用效益评估指标体系（通用）",
        "2026.1",
        100m,
        [],
        [
            Node("1", "履职尽责情况和相关效益", 30,
                Node("1.1", "职责履行", 15,
                    Leaf("1.1.1", "主责主业履行情况", 8, Quality, "对照“三定”规定，主要职责履行到位，年度重点工作有部署、有落实。", "好、较好、一般、差分别得满分、80%、60%、0。", "年度工作总结", "重点工作台账"),
                    Leaf("1.1.2", "重点工作任务完成情况", 7, Achievement, "党委政府部署的重点任务按期完成。", "达成得满分，部分达成得60%，未达成不得分。", "任务清单及完成情况说明")),
                Node("1.2", "相关效益", 15,
                    Leaf("1.2.1", "服务对象满意度", 8, Quality, "服务对象对部门履职的评价。", "按问卷结果折算：好、较好、一般、差分别得满分、80%、60%、0。", "满意度调查结果"),
                    Leaf("1.2.2", "工作饱满度", 7, Saturation, "人均有效工作时间与标准工作时间之比。", "很饱满（≥90%）满分，饱满（80%–90%）90%，基本饱满（65%–80%）70%，不饱满（<65%）40%。", "工作量测算表"))),
            Node("2", "“三定”规定执行情况", 20,
                Node("2.1", "职能配置", 10,
                    Leaf("2.1.1", "职责边界清晰", 5, Quality, "部门间职责分工明确，无推诿扯皮。", "好、较好、一般、差分别得满分、80%、60%、0。", "职责边界清单"),
                    Deduct("2.1.2", "擅自调整职责", 5, 1m, null, "未经批准擅自增加、减少或转移职责。", "每发现1次扣1分，扣完为止。", "相关文件")),
                Node("2.2", "内设机构", 10,
                    Deduct("2.2.1", "内设机构设置", 5, 1m, null, "未经批准擅自增设、更名内设机构或加挂牌子。", "每发现1个扣1分，扣完为止。", "内设机构设置文件"),
                    Leaf("2.2.2", "“三定”落实情况", 5, Achievement, "“三定”规定明确的机构、职责、编制落实到位。", "达成得满分，部分达成得60%，未达成不得分。", "“三定”规定落实情况报告"))),
            Node("3", "机构配置效益", 15,
                Leaf("3.1", "机构运行效能", 8, Quality, "机构设置与职责任务相匹配，运行顺畅高效。", "好、较好、一般、差分别得满分、80%、60%、0。", "机构运行情况说明"),
                Deduct("3.2", "职责交叉", 7, 0.5m, null, "与其他部门存在职责交叉、重复设置。", "每发现1项扣0.5分，扣完为止。", "职责交叉事项说明")),
            Node("4", "编制和领导职数使用效益", 20,
                Node("4.1", "编制使用", 10,
                    Deduct("4.1.1", "超编进人", 5, 2.5m, null, "实有人数超过核定编制进人。", "每超编1人扣2.5分，扣完为止。", "实名制信息"),
                    Leaf("4.1.2", "编制使用率", 5, Reasonable, "实有人数与核定编制之比处于合理区间。", "合理得满分，较合理得60%，不合理不得分。", "编制使用情况表")),
                Node("4.2", "领导职数", 10,
                    Deduct("4.2.1", "超职数配备", 6, 2m, null, "领导职数超过核定数额配备。", "每超配1名扣2分，扣完为止。", "领导职数配备情况"),
                    Leaf("4.2.2", "领导职数使用", 4, Reasonable, "领导职数使用与工作任务相适应。", "合理得满分，较合理得60%，不合理不得分。", "领导班子分工文件"))),
            Node("5", "机构编制管理规范", 10,
                Deduct("5.1", "实名制管理", 5, 0.5m, 5m, "实名制信息及时准确更新。", "每发现1处错漏扣0.5分，最多扣5分。", "实名制系统截图"),
                Deduct("5.2", "机构编制纪律", 5, 1m, null, "严格遵守机构编制纪律，无违规行为。", "每发现1起违规扣1分，扣完为止。", "自查报告")),
            Node("6", "个性指标", 5,
                Leaf("6.1", "部门个性指标完成情况", 5, Achievement, "“一部门一指标”确定的个性目标完成情况。", "达成得满分，部分达成得60%，未达成不得分。", "个性指标佐证材料")),
        ]);

    /// <summary>Every built-in framework: the common one, then one per unit kind in the order of <see cref="UnitKind"/>.</summary>
    /// <remarks>
    /// The per-kind templates live in other parts of this partial class, whose static initializers run in no defined
    /// order relative to this file's; so they are built on first use (after every scale below exists), not in initializers.
    /// </remarks>
    public static IReadOnlyList<FrameworkDefinition> All => [Common2026, Party2026, Government2026, MassOrganisation2026, PublicInstitution2026, Township2026];

    /// <summary>The built-in template for a unit kind.</summary>
    public static FrameworkDefinition For(UnitKind kind) => kind switch
    {
        UnitKind.Party => Party2026,
        UnitKind.Government => Government2026,
        UnitKind.MassOrganisation => MassOrganisation2026,
        UnitKind.PublicInstitution => PublicInstitution2026,
        UnitKind.Township => Township2026,
    };

    /// <summary>True when code and version are those of a built-in framework.</summary>
    public static bool IsBuiltIn(string code, string version) => All.Any(f => f.Code == code && f.Version == version);

    private static IndicatorNode Node(string code, string name, decimal points, params IndicatorNode[] children) =>
        new(code, name, points, children);

    private static IndicatorNode Leaf(string code, string name, decimal points, ScoringRule rule, string evaluationPoint, string standard, params string[] evidence) =>
        new(code, name, points, [], rule)
        {
            EvaluationPoints = [evaluationPoint],
            ScoringStandard = standard,
            EvidenceChecklist = evidence,
        };

    private static IndicatorNode Deduct(string code, string name, decimal points, decimal perOccurrence, decimal? cap, string evaluationPoint, string standard, params string[] evidence) =>
        Leaf(code, name, points, new DeductionRule(perOccurrence, cap), evaluationPoint, standard, evidence);
}
