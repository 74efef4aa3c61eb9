using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.History;

/// <summary>
/// Two versions of a framework and a unit scored on each:
/// <code>
/// 2025 (100)                                   2026 (120)
/// D1 职能履行 (40) 1.1 职责落实 (10)       8     D1 职能履行 (40) 1.1 职责落实情况 (10)   10   renamed
///                  1.2.1 编制使用 (20)    12                      1.2.1 编制使用 (25)      21   points changed
///                  1.2.2 人员结构 (10)     6   dropped              1.3 新增指标 (5)          5   new
/// D2 管理规范 (60) 2.1.1 制度执行 (30)    25     D2 管理规范 (60) 2.1.1 制度与档案管理 (60) 48   merged from 2.1.1 + 2.1.2
///                  2.1.2 档案管理 (30)    30                      2.9 否决项 (veto)         found
///                  2.9 否决项 (veto)      not found
///                                                 D3 服务成效 (20) 3.1 服务对象满意 (20)    12   new dimension
/// total 81 of 100 (81%)                        total 96 of 120 (80%)
/// </code>
/// </summary>
internal static class Versions
{
    public static readonly FrameworkDefinition Previous = new("GOV", "政府部门评估指标体系", "2025", 100m, [],
    [
        new("D1", "职能履行", 40m,
        [
            new("1.1", "职责落实", 10m, [], Build.FourLevelScale()),
            new("1.2", "编制与人员", 30m,
            [
                new("1.2.1", "编制使用", 20m, [], new DeductionRule(4m)),
                new("1.2.2", "人员结构", 10m, [], Build.FourLevelScale()),
            ]),
        ]),
        new("D2", "管理规范", 60m,
        [
            new("2.1", "制度建设", 60m,
            [
                new("2.1.1", "制度执行", 30m, [], new DeductionRule(5m, 20m)),
                new("2.1.2", "档案管理", 30m, [], Build.FourLevelScale()),
            ]),
            new("2.9", "否决项", 0m, [], new VetoRule(VetoEffect.CapGrade)),
        ]),
    ]);

    public static readonly FrameworkDefinition Current = new("GOV", "政府部门评估指标体系", "2026", 120m, [],
    [
        new("D1", "职能履行", 40m,
        [
            new("1.1", "职责落实情况", 10m, [], Build.FourLevelScale()),
            new("1.2", "编制与人员", 25m, [new("1.2.1", "编制使用", 25m, [], new DeductionRule(4m))]),
            new("1.3", "新增指标", 5m, [], Build.FourLevelScale()),
        ]),
        new("D2", "管理规范", 60m,
        [
            new("2.1", "制度建设", 60m, [new("2.1.1", "制度与档案管理", 60m, [], Build.FourLevelScale())]),
            new("2.9", "否决项", 0m, [], new VetoRule(VetoEffect.CapGrade)),
        ]),
        new("D3", "服务成效", 20m, [new("3.1", "服务对象满意", 20m, [], Build.FourLevelScale())]),
    ]);

    /// <summary>What the office would store: merged 2.1.1 + 2.1.2, 1.2.2 dropped; the new 1.3 and D3 have no predecessor.</summary>
    public static IndicatorMapping Stored => new(
    [
        new("D1", "D1"),
        new("D2", "D2"),
        new("1.1", "1.1"),
        new("1.2.1", "1.2.1"),
        new("1.2.2", null) { Note = "指标撤销" },
        new("2.1.1", "2.1.1"),
        new("2.1.2", "2.1.1") { Note = "并入2.1.1" },
        new("2.9", "2.9"),
    ]);

    public static ScoredUnit ScoredPrevious => new(Previous, UnitScorer.Score(Previous, new Dictionary<string, Answer>
    {
        ["1.1"] = new("1.1") { Option = "较好" },
        ["1.2.1"] = new("1.2.1") { Number = 2 },
        ["1.2.2"] = new("1.2.2") { Option = "一般" },
        ["2.1.1"] = new("2.1.1") { Number = 1 },
        ["2.1.2"] = new("2.1.2") { Option = "好" },
        ["2.9"] = new("2.9") { Finding = false },
    }));

    public static ScoredUnit ScoredCurrent => new(Current, UnitScorer.Score(Current, new Dictionary<string, Answer>
    {
        ["1.1"] = new("1.1") { Option = "好" },
        ["1.2.1"] = new("1.2.1") { Number = 1 },
        ["1.3"] = new("1.3") { Option = "好" },
        ["2.1.1"] = new("2.1.1") { Option = "较好" },
        ["2.9"] = new("2.9") { Finding = true },
        ["3.1"] = new("3.1") { Option = "一般" },
    }));
}
