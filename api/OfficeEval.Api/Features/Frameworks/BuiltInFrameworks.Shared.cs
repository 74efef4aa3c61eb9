using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// Indicators the per-kind templates share, worded once: the data-table metrics (超编, 编制使用率, 超职数, 业务处室人员占比),
/// the age structure scored by shares of the 35岁及以下 / 36-50岁 / 51-60岁 bands (辽宁's 按比例计分), workload
/// saturation bands (≥90% / 80–90% / 65–80% / &lt;65%), survey-scored satisfaction and the management deductions with the
/// per-case amounts of the domain notes (党管机构编制 −0.5, 业务办理 −0.1 …).
/// </summary>
public static partial class BuiltInFrameworks
{
    private static FrameworkDefinition Template(string code, string name, UnitKind kind, IndicatorNode[] dimensions, params BonusPool[] pools) =>
        new(code, name, "2026.1", 100m, [kind], dimensions) { BonusPools = pools };

    private static IndicatorNode Survey(string code, string name, decimal points, string questionnaire, string evaluationPoint) =>
        Leaf(code, name, points, new SurveyRule(questionnaire), evaluationPoint,
            $"按“{questionnaire}”结果折算：得分＝分值×满意度（默认满意、基本满意、不满意分别计 1、0.6、0）。", "问卷调查结果（评估组提供）");

    private static IndicatorNode Workload(string code, decimal points) =>
        Leaf(code, "工作饱满度", points,
            new BandsRule([new(null, null, 65m, false, 0.4m), new(65m, true, 80m, false, 0.7m), new(80m, true, 90m, false, 0.9m), new(90m, true, null, null, 1m)]),
            "按“工作量测算”表，人均有效工作时间与标准工作时间之比（%）。",
            "工作饱满度≥90%得满分，80%–90%得90%，65%–80%得70%，低于65%得40%。", "工作量测算表", "办文办会办事统计");

    private static IndicatorNode OverEstablishment(string code, decimal points, decimal perPerson, string establishment = "核定编制") =>
        Leaf(code, "超编进人", points, new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(perPerson)),
            $"实有人数不超过{establishment}，无超编进人。",
            $"按“编制与人员”表计算超编人数，每超编1人扣{perPerson}分，扣完为止。", "实名制信息表", "人员调入、招录审批文件");

    private static IndicatorNode EstablishmentUse(string code, string name, decimal points) =>
        Leaf(code, name, points,
            new MetricRule(UnitMetric.EstablishmentUseRate,
                new BandsRule([new(null, null, 80m, false, 0.4m), new(80m, true, 90m, false, 0.7m), new(90m, true, 100m, true, 1m), new(100m, false, null, null, 0m)])),
            "实有人数与核定编制之比处于合理区间，编制资源得到充分利用，无长期大量空编。",
            "编制使用率90%–100%得满分，80%–90%得70%，低于80%得40%，超过100%（超编）不得分。", "编制使用情况表");

    private static IndicatorNode AgeStructure(string code, decimal points) =>
        Leaf(code, "人员年龄结构", points,
            new ShareRule([new("35岁及以下", 1m, AgeBand.UpTo35), new("36-50岁", 0.8m, AgeBand.From36To50), new("51-60岁", 0.5m, AgeBand.From51To60)], ShareSource.AgeBands),
            "人员年龄梯次合理，按35岁及以下、36-50岁、51-60岁三个段次统计。",
            "按年龄段比例计分：得分＝分值×（35岁及以下占比×1＋36-50岁占比×0.8＋51-60岁占比×0.5）。", "人员年龄结构统计表");

    private static IndicatorNode BusinessShare(string code, string name, decimal points, decimal target) =>
        Leaf(code, name, points, new MetricRule(UnitMetric.BusinessDivisionStaffShare, new ShortfallRule(target, 0.2m)),
            "编制资源向业务处室（一线岗位）倾斜，业务处室人员占内设机构人员总数的比例。",
            $"业务处室人员占比不低于{target}%得满分，每低1个百分点扣0.2分，扣完为止。", "内设机构人员分布表");

    private static IndicatorNode LeadershipOverQuota(string code, decimal points, decimal perPost) =>
        Leaf(code, "超职数配备", points, new MetricRule(UnitMetric.LeadershipPostsOverQuota, new DeductionRule(perPost)),
            "领导职数按核定数额配备，无超职数配备、变相增加领导职数。",
            $"按“编制与人员”表计算超职数配备数，每超配1名扣{perPost}分，扣完为止。", "领导职数配备情况表", "干部任免文件");

    private static IndicatorNode LeadershipUse(string code, string name, decimal points, string evaluationPoint) =>
        Leaf(code, name, points, Reasonable, evaluationPoint, "合理得满分，较合理得60%，不合理不得分。", "领导班子分工文件");

    private static IndicatorNode RealName(string code, decimal points) =>
        Deduct(code, "实名制管理", points, 0.5m, null, "机构编制实名制信息及时准确更新，人员编制信息与实际一致。",
            "每发现1处错漏或更新不及时扣0.5分，扣完为止。", "实名制系统信息截图", "人员变动台账");

    private static IndicatorNode PartyControl(string code, decimal points) =>
        Deduct(code, "党管机构编制原则落实", points, 0.5m, null,
            "落实党管机构编制原则，不干预下级机构编制事项，未经编办同意不在文件中对机构编制事项作出规定。",
            "每发现1起扣0.5分，扣完为止。", "涉及机构编制事项的文件");

    private static IndicatorNode BusinessHandling(string code, decimal points) =>
        Deduct(code, "机构编制业务办理", points, 0.1m, null,
            "用编用职审核、实名制维护、统一社会信用代码赋码、登记管理等业务按规定办理。",
            "每发现1例不规范扣0.1分，扣完为止。", "用编用职审核表", "业务办理记录");

    private static IndicatorNode ContractStaff(string code, decimal points) =>
        Deduct(code, "编外人员管理", points, 0.5m, null,
            "严格控制编外人员数量，不以编外人员顶岗履职或从事行政执法。",
            "每发现1人（起）不规范扣0.5分，扣完为止。", "编外人员花名册", "劳务派遣合同");

    private static IndicatorNode DisciplineVeto(string code) =>
        Leaf(code, "违反机构编制纪律", 0m, new VetoRule(VetoEffect.CapGrade),
            "受到上级机构编制部门通报批评，或存在擅自设立机构、严重超编进人等违反机构编制纪律的行为。",
            "存在该情形的，年度评估不得评为最高等次（一票否优）；本项不计分。", "机构编制监督检查情况");

    private static IndicatorNode ThreeDefinitionsCompliance(string code, decimal points, string evaluationPoint) =>
        Leaf(code, "“三定”规定职责落实", points, Achievement, evaluationPoint, "达成得满分，部分达成得60%，未达成不得分。", "“三定”规定落实情况报告");

    private static IndicatorNode UnauthorisedDuties(string code, decimal points) =>
        Deduct(code, "擅自调整职责", points, 1m, null, "未经批准擅自增加、减少或转移职责。", "每发现1项扣1分，扣完为止。", "相关文件");

    private static IndicatorNode UnauthorisedUnits(string code, decimal points, string what) =>
        Deduct(code, what, points, 1m, null, "未经批准擅自增设、更名内设机构或加挂牌子，已批复机构未实际运行。",
            "每发现1个扣1分，扣完为止。", "内设机构设置文件");

    private static IndicatorNode Overlap(string code, decimal points) =>
        Deduct(code, "职责交叉", points, 0.5m, null, "与其他部门（单位）存在职责交叉、重复设置，推诿扯皮。",
            "每发现1项扣0.5分，扣完为止。", "职责交叉事项说明");

    private static IndicatorNode Individual(decimal points) =>
        Node("6", "个性指标", points,
            Leaf("6.1", "部门个性指标完成情况", points, Achievement, "“一部门一指标”确定的个性目标完成情况（评估批次中可为各单位设置个性指标）。",
                "达成得满分，部分达成得60%，未达成不得分。", "个性指标佐证材料"));
}
