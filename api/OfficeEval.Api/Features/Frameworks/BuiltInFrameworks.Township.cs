using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Frameworks;

public static partial class BuiltInFrameworks
{
    private static FrameworkDefinition? _township;

    /// <summary>
    /// 乡镇（街道）: 属地管理事项和便民服务 (辽宁阜新), 上级职责下放承接, 综合办事机构与事业单位协作, 基层编制使用
    /// (挤占挪用 deducted, 新增下沉编制 added through the 基层编制加分 pool, +0.05 per post up to 0.5).
    /// </summary>
    public static FrameworkDefinition Township2026 => LazyInitializer.EnsureInitialized(ref _township, BuildTownship);

    private static FrameworkDefinition BuildTownship() => Template("TOWN", "乡镇（街道）机构编制执行情况和使用效益评估指标体系", UnitKind.Township,
    [
        Node("1", "履职尽责情况和相关效益", 30,
            Node("1.1", "职责履行", 16,
                Leaf("1.1.1", "属地管理事项责任清单落实", 6, Quality, "乡镇（街道）履行职责事项清单和属地管理事项主体责任、配合责任清单落实到位。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "履行职责事项清单", "属地管理事项责任清单"),
                Leaf("1.1.2", "便民服务事项运行情况", 5, Quality, "便民服务中心（站）运行规范，便民服务事项“一站式”办理、应进必进。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "便民服务事项清单", "办件统计"),
                Leaf("1.1.3", "年度重点工作任务完成情况", 5, Achievement, "党委政府部署的年度重点任务按期完成。",
                    "达成得满分，部分达成得60%，未达成不得分。", "任务清单及完成情况说明")),
            Node("1.2", "相关效益", 14,
                Survey("1.2.1", "群众满意度", 8, "群众满意度调查", "辖区群众对乡镇（街道）服务管理的评价。"),
                Workload("1.2.2", 6))),
        Node("2", "“三定”规定执行情况", 20,
            Node("2.1", "职能配置", 10,
                ThreeDefinitionsCompliance("2.1.1", 5, "“三定”规定明确的职责、机构、编制落实到位。"),
                Leaf("2.1.2", "上级下放事项承接", 5, Quality, "上级部门下放事项承接到位、运行顺畅，无上级部门以“属地管理”名义向乡镇（街道）转嫁责任。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "下放事项清单及承接情况")),
            Node("2.2", "机构设置", 10,
                UnauthorisedUnits("2.2.1", 5, "综合办事机构设置"),
                Leaf("2.2.2", "综合办事机构与事业单位协作配合", 5, Quality, "党政综合办事机构与所属事业单位分工明确、协作配合顺畅。",
                    "好、较好、一般、差分别得满分、80%、60%、0。", "协作机制文件"))),
        Node("3", "机构配置效益", 15,
            BusinessShare("3.1", "一线业务岗位人员占比", 5, 70m),
            Leaf("3.2", "基层治理力量配置", 5, Quality, "网格员等基层治理力量配置合理，与辖区人口、管理任务相适应。",
                "好、较好、一般、差分别得满分、80%、60%、0。", "网格划分及人员配置表"),
            Overlap("3.3", 5)),
        Node("4", "编制和领导职数使用效益", 20,
            Node("4.1", "基层编制使用", 12,
                OverEstablishment("4.1.1", 4, 2m),
                EstablishmentUse("4.1.2", "编制使用率", 3),
                Deduct("4.1.3", "基层编制被挤占挪用", 3, 1m, null, "乡镇（街道）编制人员未被上级部门借调、长期抽调，编制未被挤占挪用。",
                    "每发现1人扣1分，扣完为止。", "借调、抽调人员名单"),
                AgeStructure("4.1.4", 2)),
            Node("4.2", "领导职数", 8,
                LeadershipOverQuota("4.2.1", 5, 2.5m),
                LeadershipUse("4.2.2", "领导班子分工与工作任务匹配", 3, "领导班子成员分工与乡镇（街道）工作任务相适应。")),
            Leaf("4.3", "新增下沉基层编制", 0.5m, new BonusRule(0.05m, "JC"),
                "编制资源向基层倾斜：年度内新增下沉到本乡镇（街道）的编制，填写名数。",
                "每增加1名加0.05分，最多加0.5分；计入“基层编制加分”，不计入本项小计。", "编制下沉批复文件")),
        Node("5", "机构编制管理规范", 10,
            RealName("5.1", 4),
            ContractStaff("5.2", 3),
            Deduct("5.3", "机构编制纪律", 3, 1m, null, "严格遵守机构编制纪律，无擅自设立机构、超编进人等违规行为。",
                "每发现1起违规扣1分，扣完为止。", "自查报告"),
            DisciplineVeto("5.4")),
        Individual(5),
    ], new BonusPool("JC", "基层编制加分", 0.5m));
}
