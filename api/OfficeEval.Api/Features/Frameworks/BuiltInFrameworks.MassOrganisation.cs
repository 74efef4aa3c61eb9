using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

public static partial class BuiltInFrameworks
{
    private static FrameworkDefinition? _massOrganisation;

    /// <summary>群团机关: 联系服务群众, 群团改革任务落实, 基层组织建设.</summary>
    public static FrameworkDefinition MassOrganisation2026 => LazyInitializer.EnsureInitialized(ref _massOrganisation, BuildMassOrganisation);

    private static FrameworkDefinition BuildMassOrganisation() => Template("MASS", "群团机关机构编制执行情况和使用效益评估指标体系", UnitKind.MassOrganisation,
    [
        Node("1", "履职尽责情况和相关效益", 30,
            Node("1.1", "职责履行", 16,
                Leaf("1.1.1", "联系服务群众", 6, Quality, "发挥党联系群众的桥梁纽带作用，服务群众工作机制健全，活动经常、覆盖面广。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "服务群众活动台账", "年度工作总结"),
                Leaf("1.1.2", "群团改革任务落实", 5, Achievement, "群团改革确定的机构设置、职能调整、基层组织建设等任务落实到位。",
                    "达成得满分，部分达成得60%，未达成不得分。", "改革任务清单及落实情况"),
                Leaf("1.1.3", "基层组织建设", 5, Quality, "基层组织覆盖面广、有活力，“去机关化、行政化”要求落实。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "基层组织统计表")),
            Node("1.2", "相关效益", 14,
                Survey("1.2.1", "服务对象满意度", 8, "所联系群众满意度调查", "所联系服务群众对群团组织工作的评价。"),
                Workload("1.2.2", 6))),
        Node("2", "“三定”规定执行情况", 20,
            Node("2.1", "职能配置", 10,
                ThreeDefinitionsCompliance("2.1.1", 5, "“三定”规定明确的职责、机构、编制落实到位。"),
                UnauthorisedDuties("2.1.2", 5)),
            Node("2.2", "内设机构", 10,
                UnauthorisedUnits("2.2.1", 5, "内设机构设置"),
                Leaf("2.2.2", "内设机构职责分工清晰度", 5, Quality, "内设机构之间职责分工清晰，建立内部协作机制。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "内设机构职责分工文件"))),
        Node("3", "机构配置效益", 15,
            BusinessShare("3.1", "业务部门人员占比", 6, 55m),
            Leaf("3.2", "内设机构运行效能", 5, Quality, "内设机构设置与工作任务相匹配，运行顺畅，无“小散弱”机构。",
                "好、较好、一般、差分别得满分、80%、60%、0。", "机构运行情况说明"),
            Overlap("3.3", 4)),
        Node("4", "编制和领导职数使用效益", 20,
            Node("4.1", "编制使用", 12,
                OverEstablishment("4.1.1", 5, 2.5m),
                EstablishmentUse("4.1.2", "编制使用率", 4),
                AgeStructure("4.1.3", 3)),
            Node("4.2", "领导职数", 8,
                LeadershipOverQuota("4.2.1", 5, 2.5m),
                LeadershipUse("4.2.2", "挂职兼职副职配备", 3, "按规定配备挂职、兼职副职，专职、挂职、兼职干部结构合理。"))),
        Node("5", "机构编制管理规范", 10,
            RealName("5.1", 4),
            BusinessHandling("5.2", 3),
            PartyControl("5.3", 3),
            DisciplineVeto("5.4")),
        Individual(5),
    ]);
}
