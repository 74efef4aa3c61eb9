using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

public static partial class BuiltInFrameworks
{
    private static FrameworkDefinition? _party;

    /// <summary>党委部门: 贯彻落实党中央决策部署, 归口管理和统筹协调, 党管机构编制.</summary>
    public static FrameworkDefinition Party2026 => LazyInitializer.EnsureInitialized(ref _party, BuildParty);

    private static FrameworkDefinition BuildParty() => Template("PARTY", "党委部门机构编制执行情况和使用效益评估指标体系", UnitKind.Party,
    [
        Node("1", "履职尽责情况和相关效益", 30,
            Node("1.1", "职责履行", 16,
                Leaf("1.1.1", "贯彻落实党中央决策部署", 6, Quality, "贯彻落实党中央和上级党委决策部署及本级党委工作要求，主要职责履行到位。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "年度工作总结", "重点任务落实台账"),
                Leaf("1.1.2", "归口管理和统筹协调作用发挥", 5, Quality, "对归口联系部门（单位）统筹协调、指导督促到位，牵头的议事协调机构办事机构职责落实。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "议事协调机构工作记录", "统筹协调事项清单"),
                Leaf("1.1.3", "年度重点工作任务完成情况", 5, Achievement, "本级党委部署的年度重点任务按期完成。",
                    "达成得满分，部分达成得60%，未达成不得分。", "任务清单及完成情况说明")),
            Node("1.2", "相关效益", 14,
                Survey("1.2.1", "服务对象满意度", 5, "服务对象满意度调查", "服务对象对部门履职的评价。"),
                Survey("1.2.2", "协作单位评价", 4, "协作单位评价问卷", "协作部门对协同配合、工作效率的评价。"),
                Workload("1.2.3", 5))),
        Node("2", "“三定”规定执行情况", 20,
            Node("2.1", "职能配置", 10,
                ThreeDefinitionsCompliance("2.1.1", 5, "“三定”规定明确的职责、机构、编制落实到位。"),
                UnauthorisedDuties("2.1.2", 5)),
            Node("2.2", "内设机构", 10,
                UnauthorisedUnits("2.2.1", 5, "内设机构设置"),
                Leaf("2.2.2", "内设机构职责分工清晰度", 5, Quality, "内设机构之间职责分工清晰，建立内部协作机制。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "内设机构职责分工文件"))),
        Node("3", "机构配置效益", 15,
            BusinessShare("3.1", "业务处室人员占比", 5, 60m),
            Leaf("3.2", "内设机构运行效能", 5, Quality, "内设机构设置与职责任务相匹配，运行顺畅，无“小散弱”机构。",
                "好、较好、一般、差分别得满分、80%、60%、0。", "机构运行情况说明"),
            Overlap("3.3", 5)),
        Node("4", "编制和领导职数使用效益", 20,
            Node("4.1", "编制使用", 12,
                OverEstablishment("4.1.1", 5, 2.5m),
                EstablishmentUse("4.1.2", "编制使用率", 4),
                AgeStructure("4.1.3", 3)),
            Node("4.2", "领导职数", 8,
                LeadershipOverQuota("4.2.1", 5, 2.5m),
                LeadershipUse("4.2.2", "领导职数使用与工作任务匹配", 3, "领导职数使用与职责任务相适应，班子分工合理。"))),
        Node("5", "机构编制管理规范", 10,
            PartyControl("5.1", 3),
            RealName("5.2", 4),
            BusinessHandling("5.3", 3),
            DisciplineVeto("5.4")),
        Individual(5),
    ]);
}
