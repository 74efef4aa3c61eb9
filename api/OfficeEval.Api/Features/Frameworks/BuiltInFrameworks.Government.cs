using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

public static partial class BuiltInFrameworks
{
    private static FrameworkDefinition? _government;

    /// <summary>政府部门: 权责清单运行, 事中事后监管和政务服务, 部门与所属事业单位协作, 编外人员管理.</summary>
    public static FrameworkDefinition Government2026 => LazyInitializer.EnsureInitialized(ref _government, BuildGovernment);

    private static FrameworkDefinition BuildGovernment() => Template("GOV", "政府部门机构编制执行情况和使用效益评估指标体系", UnitKind.Government,
    [
        Node("1", "履职尽责情况和相关效益", 30,
            Node("1.1", "职责履行", 16,
                Leaf("1.1.1", "权责清单事项运行情况", 6, Quality, "权责清单事项依法依规运行，无应履行未履行、超越职权情形；权责事项运行与机构编制资源相匹配。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "权责清单", "权责事项运行台账"),
                Leaf("1.1.2", "重点工作任务完成情况", 5, Achievement, "政府工作报告确定的本部门任务及年度目标任务按期完成。",
                    "达成得满分，部分达成得60%，未达成不得分。", "目标任务完成情况说明"),
                Leaf("1.1.3", "事中事后监管和政务服务", 5, Quality, "“放管服”改革任务落实，监管责任到位，政务服务事项办理规范高效。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "监管执法记录", "政务服务办件统计")),
            Node("1.2", "相关效益", 14,
                Survey("1.2.1", "服务对象满意度", 6, "服务对象满意度调查", "企业、群众等服务对象对部门履职的评价。"),
                Survey("1.2.2", "部门间协同配合", 3, "协作单位评价问卷", "协作部门对协同配合、履职效率的评价。"),
                Workload("1.2.3", 5))),
        Node("2", "“三定”规定执行情况", 20,
            Node("2.1", "职能配置", 10,
                ThreeDefinitionsCompliance("2.1.1", 5, "“三定”规定明确的职责、机构、编制落实到位，职责边界清晰。"),
                UnauthorisedDuties("2.1.2", 5)),
            Node("2.2", "内设机构", 10,
                UnauthorisedUnits("2.2.1", 5, "内设机构设置"),
                Leaf("2.2.2", "内设机构职责分工清晰度", 5, Quality, "内设机构之间职责分工清晰，建立内部协作机制，无科室职责交叉。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "内设机构职责分工文件"))),
        Node("3", "机构配置效益", 15,
            BusinessShare("3.1", "业务处室人员占比", 5, 65m),
            Leaf("3.2", "与所属事业单位协作机制", 5, Quality, "与所属事业单位的领导指导、支撑保障关系顺畅，协作机制建立并有效运行。",
                "好、较好、一般、差分别得满分、80%、60%、0。", "协作机制文件", "协作事项记录"),
            Overlap("3.3", 5)),
        Node("4", "编制和领导职数使用效益", 20,
            Node("4.1", "编制使用", 12,
                OverEstablishment("4.1.1", 5, 2.5m),
                EstablishmentUse("4.1.2", "编制使用率", 4),
                AgeStructure("4.1.3", 3)),
            Node("4.2", "领导职数", 8,
                LeadershipOverQuota("4.2.1", 5, 2.5m),
                LeadershipUse("4.2.2", "领导职数使用与工作任务匹配", 3, "领导职数使用与职责任务相适应，无变相增加领导职数。"))),
        Node("5", "机构编制管理规范", 10,
            RealName("5.1", 3),
            ContractStaff("5.2", 3),
            BusinessHandling("5.3", 2),
            PartyControl("5.4", 2),
            DisciplineVeto("5.5")),
        Individual(5),
    ]);
}
