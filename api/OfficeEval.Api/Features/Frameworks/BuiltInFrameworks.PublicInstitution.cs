using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Frameworks;

public static partial class BuiltInFrameworks
{
    private static FrameworkDefinition? _publicInstitution;

    /// <summary>事业单位: 公益服务职能和公益属性, 宗旨和业务范围, 专业技术人员占比, 事业编制使用, 法人登记.</summary>
    public static FrameworkDefinition PublicInstitution2026 => LazyInitializer.EnsureInitialized(ref _publicInstitution, BuildPublicInstitution);

    private static FrameworkDefinition BuildPublicInstitution() => Template("INST", "事业单位机构编制执行情况和使用效益评估指标体系", UnitKind.PublicInstitution,
    [
        Node("1", "履职尽责情况和相关效益", 30,
            Node("1.1", "公益服务", 18,
                Leaf("1.1.1", "公益服务职能履行", 6, Quality, "按照批准的宗旨和业务范围开展公益服务，主要职责履行到位。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "年度工作报告", "事业单位法人年度报告书"),
                Leaf("1.1.2", "公益服务任务完成率", 6, new RatioRule(RatioDirection.Positive, 100m),
                    "年度公益服务任务完成率＝实际完成量÷计划任务量×100%，填写百分数。",
                    "得分＝分值×完成率÷100%，最高得满分。", "年度任务计划", "完成情况统计"),
                Deduct("1.1.3", "公益属性", 6, 2m, null, "坚持公益属性，不以营利为目的，未违规开展经营活动，未将公益服务转为有偿服务。",
                    "每发现1起扣2分，扣完为止。", "收费项目及依据", "财务报表")),
            Node("1.2", "相关效益", 12,
                Survey("1.2.1", "服务对象满意度", 7, "服务对象满意度调查", "服务对象对公益服务质量和效率的评价。"),
                Workload("1.2.2", 5))),
        Node("2", "“三定”规定执行情况", 20,
            Node("2.1", "宗旨和业务范围", 10,
                ThreeDefinitionsCompliance("2.1.1", 5, "“三定”规定（机构编制方案）确定的宗旨、业务范围和机构编制事项落实到位。"),
                UnauthorisedDuties("2.1.2", 5)),
            Node("2.2", "内设机构", 10,
                UnauthorisedUnits("2.2.1", 5, "内设机构设置"),
                Leaf("2.2.2", "与主管部门职责边界", 5, Quality, "与主管部门职责边界清晰，不承担行政职能，无“事业单位行政化”情形。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "主管部门与事业单位职责分工文件"))),
        Node("3", "机构配置效益", 15,
            Leaf("3.1", "专业技术人员占比", 5,
                new BandsRule([new(null, null, 60m, false, 0.3m), new(60m, true, 70m, false, 0.6m), new(70m, true, 80m, false, 0.8m), new(80m, true, null, null, 1m)]),
                "专业技术岗位人员占在岗人员的比例（%），体现公益服务的专业化水平。",
                "占比≥80%得满分，70%–80%得80%，60%–70%得60%，低于60%得30%。", "岗位设置方案", "专业技术人员名册"),
            BusinessShare("3.2", "业务部门人员占比", 5, 70m),
            Leaf("3.3", "机构规模与布局", 5, Quality, "机构规模适度，无“小散弱”，资源配置与公益服务需求相匹配。",
                "好、较好、一般、差分别得满分、80%、60%、0。", "机构运行情况说明")),
        Node("4", "编制和领导职数使用效益", 20,
            Node("4.1", "事业编制使用", 12,
                OverEstablishment("4.1.1", 5, 2.5m, "核定的事业编制"),
                EstablishmentUse("4.1.2", "事业编制使用率", 4),
                AgeStructure("4.1.3", 3)),
            Node("4.2", "领导职数", 8,
                LeadershipOverQuota("4.2.1", 5, 2.5m),
                LeadershipUse("4.2.2", "领导职数使用与业务规模匹配", 3, "领导职数使用与单位规格、业务规模相适应。"))),
        Node("5", "机构编制管理规范", 10,
            Deduct("5.1", "法人登记和年度报告", 3, 0.5m, null, "事业单位法人设立、变更登记和年度报告公示按时规范。",
                "每发现1项逾期或不规范扣0.5分，扣完为止。", "事业单位法人证书", "年度报告公示截图"),
            RealName("5.2", 4),
            ContractStaff("5.3", 3),
            DisciplineVeto("5.4")),
        Individual(5),
    ]);
}
