using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Workload;
using OfficeEval.Documents.Reports;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>
/// Report models scored by the engine from fixed answers, on a framework shaped like the Liaoning pilot's (six
/// dimensions, every rule kind the reports describe differently, a bonus pool and a veto item). Shared with the
/// benchmarks, which link this file.
/// </summary>
internal static class ReportSamples
{
    public static readonly DateOnly Issued = new(2026, 12, 20);

    public static ScoringPolicy SelfPolicy { get; } = new([ScoreSource.SelfScore, ScoreSource.Computed]);

    public static ScoringPolicy OfficialPolicy { get; } = new([ScoreSource.Verified, ScoreSource.Computed]);

    public static ReportCampaign Campaign { get; } = new("2026年度机构编制执行情况和使用效益评估", 2026)
    {
        Stages =
        [
            new ReportStage("单位自评", new DateOnly(2026, 10, 31)),
            new ReportStage("初审", new DateOnly(2026, 11, 15)),
            new ReportStage("实地评估", new DateOnly(2026, 11, 30)),
            new ReportStage("分析评定", new DateOnly(2026, 12, 15)),
        ],
        Grades = ["A", "B", "C"],
        Issuer = "市委机构编制委员会办公室",
    };

    public static ReportUnit Unit { get; } = new("ZF-FGW", "市发展和改革委员会")
    {
        Kind = "政府部门",
        Category = "经济",
        Level = "市",
        ApprovedEstablishment = 50,
        ApprovedLeadershipPosts = 6,
    };

    public static FrameworkDefinition Framework() => new(
        "LN-GOV",
        "政府部门评估指标体系",
        "2026.1",
        100m,
        [UnitKind.Government],
        [
            new IndicatorNode("1", "履职尽责情况和相关效益", 30m,
            [
                new IndicatorNode("1.1", "主要职责履行", 20m,
                [
                    new IndicatorNode("1.1.1", "重点工作任务完成情况", 10m, [], FourLevels())
                    {
                        EvaluationPoints = ["年度重点工作任务按期完成", "完成质量和成效"],
                        ScoringStandard = "好得满分，较好得80%，一般得60%，差不得分。",
                        EvidenceChecklist = ["年度工作总结", "重点任务台账"],
                    },
                    new IndicatorNode("1.1.2", "督查督办事项办结情况", 10m, [], new DeductionRule(2m))
                    {
                        ScoringStandard = "每发现一件未按期办结扣2分，扣完为止。",
                        EvidenceChecklist = ["督办事项清单"],
                    },
                ]),
                new IndicatorNode("1.2", "服务对象满意度", 10m, [], new SurveyRule("服务对象满意度问卷")),
            ]),
            new IndicatorNode("2", "“三定”规定执行情况", 20m,
            [
                new IndicatorNode("2.1", "内设机构设置规范性", 10m, [], new QualitativeScaleRule([new("规范", 1m), new("基本规范", 0.6m), new("不规范", 0m)]))
                {
                    EvaluationPoints = ["内设机构按“三定”规定设置"],
                    EvidenceChecklist = ["“三定”规定", "内设机构职责分工文件"],
                },
                new IndicatorNode("2.2", "职责边界清晰度", 10m, [], new DeductionRule(2.5m)) { ScoringStandard = "每发现一项职责交叉扣2.5分。" },
            ]),
            new IndicatorNode("3", "机构配置效益", 15m,
            [
                new IndicatorNode("3.1", "内设机构职责分工清晰度", 8m, [], FourLevels()),
                new IndicatorNode("3.2", "与事业单位协作机制建立及运行情况", 7m, [], FourLevels()),
            ]),
            new IndicatorNode("4", "编制和领导职数使用效益", 20m,
            [
                new IndicatorNode("4.1", "编制使用", 12m,
                [
                    new IndicatorNode("4.1.1", "超编人数", 6m, [], new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(3m)))
                    {
                        ScoringStandard = "每超编1人扣3分，扣完为止。",
                    },
                    new IndicatorNode("4.1.2", "人员年龄结构", 6m, [], new ShareRule(
                        [new ShareFactor("35岁及以下", 1m, AgeBand.UpTo35), new ShareFactor("36–50岁", 0.8m, AgeBand.From36To50), new ShareFactor("51–60岁", 0.5m, AgeBand.From51To60)],
                        ShareSource.AgeBands)),
                ]),
                new IndicatorNode("4.2", "实名制信息准确率", 8m, [], new LinearRule(new Anchor(80m, 0m), new Anchor(100m, 1m)))
                {
                    ScoringStandard = "准确率80%及以下不得分，100%得满分，其间按比例计分。",
                },
            ]),
            new IndicatorNode("5", "机构编制管理规范", 10m,
            [
                new IndicatorNode("5.1", "编外人员管理", 10m, [], new DeductionRule(2m)),
                new IndicatorNode("5.2", "基层编制保障加分", 2m, [], new BonusRule(0.5m, "JC")),
                new IndicatorNode("5.3", "违反机构编制纪律造成严重后果", 0m, [], new VetoRule(VetoEffect.CapGrade)),
            ]),
            new IndicatorNode("6", "个性指标", 5m,
            [
                new IndicatorNode("6.1", "价格监测预警体系建设", 5m, [], new QualitativeScaleRule([new("达成", 1m), new("部分达成", 0.6m), new("未达成", 0m)]))
                {
                    IsIndividual = true,
                },
            ]),
        ])
    {
        BonusPools = [new BonusPool("JC", "基层编制保障", 1m)],
    };

    public static Dictionary<string, ReportAnswer> Answers() => new(StringComparer.Ordinal)
    {
        ["1.1.1"] = new(new Answer("1.1.1") { Option = "好", SelfScore = 10m, Explanation = "年度12项重点任务全部按期完成。\n其中3项获省级通报表扬。" }) { Evidence = ["年度工作总结", "重点任务台账"] },
        ["1.1.2"] = new(new Answer("1.1.2") { Number = 1m, SelfScore = 9m, Explanation = "1件督办事项因客观原因延期办结。" }) { Evidence = ["督办事项清单"] },
        ["2.1"] = new(new Answer("2.1") { Option = "规范", SelfScore = 10m, Explanation = "内设机构严格按照“三定”规定设置。" }) { Evidence = ["“三定”规定"] },
        ["2.2"] = new(new Answer("2.2") { Number = 0m, SelfScore = 10m }),
        ["3.1"] = new(new Answer("3.1") { Option = "较好", SelfScore = 8m, Explanation = "个别处室职责分工有待细化。" }),
        ["3.2"] = new(new Answer("3.2") { Option = "好", SelfScore = 7m }),
        ["4.2"] = new(new Answer("4.2") { Number = 95m, SelfScore = 8m, Explanation = "实名制信息准确率95%。" }),
        ["5.1"] = new(new Answer("5.1") { Number = 1m, SelfScore = 10m }),
        ["5.2"] = new(new Answer("5.2") { Number = 3m, SelfScore = 1.5m }),
        ["5.3"] = new(new Answer("5.3") { Finding = false }),
        ["6.1"] = new(new Answer("6.1") { Option = "达成", SelfScore = 5m }),
    };

    public static UnitDataTables DataTables() => new()
    {
        Basics = new UnitBasics { Functions = "拟订并组织实施国民经济和社会发展战略、中长期规划和年度计划。", InternalDivisions = 12, AffiliatedInstitutions = 3, FilledBy = "张三" },
        Facts = new UnitFacts
        {
            ApprovedEstablishment = 50,
            ActualStaff = 52,
            ApprovedLeadershipPosts = 6,
            ActualLeadershipPosts = 6,
            AgeBands = new AgeBandCounts(15, 25, 12),
        },
        Education = new EducationCounts(12, 34, 6),
        WorkloadTasks = [new WorkloadTask("项目审批", 12000, 35, 1.2m)],
        WorkloadStaff = 6,
    };

    public static UnitInput Input(IReadOnlyDictionary<string, ReportAnswer> answers, UnitDataTables tables) =>
        new(answers.ToDictionary(a => a.Key, a => a.Value.Answer, StringComparer.Ordinal))
        {
            Facts = tables.Facts,
            SurveyFractions = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["1.2"] = 0.92m },
        };

    public static SelfAssessmentReportModel SelfAssessment(bool draft = false)
    {
        var framework = Framework();
        var answers = Answers();
        var tables = DataTables();
        var score = UnitScorer.Score(framework, Input(answers, tables), SelfPolicy);
        var basis = draft ? new SelfAssessmentBasis(null, 7, new DateOnly(2026, 10, 28)) : new SelfAssessmentBasis(2, 9, new DateOnly(2026, 10, 30));
        return new SelfAssessmentReportModel(Campaign, Unit, framework, basis, score) { Answers = answers, DataTables = tables };
    }

    public static IReadOnlyDictionary<string, Verification> Verifications() => new Dictionary<string, Verification>(StringComparer.Ordinal)
    {
        ["1.1.1"] = new(Score: 8m),
        ["3.1"] = new(Score: 5m),
        ["5.1"] = new(Score: 6m),
        ["5.3"] = new(Finding: false),
    };

    public static Dictionary<string, ReportReviewNote> Review() => new(StringComparer.Ordinal)
    {
        ["1.1.1"] = new()
        {
            Comment = "重点任务台账与实际进度不完全一致。",
            Problems = [new ReportProblem("2项重点任务进度滞后于计划") { Category = "职责履行", Requirement = "明确时间节点，2027年3月底前完成。" }],
        },
        ["3.1"] = new()
        {
            Comment = "部分处室职责交叉。",
            Problems = [new ReportProblem("综合科与规划科职责交叉") { Category = "职责分工", Requirement = "修订内部职责分工方案" }],
        },
        ["5.1"] = new()
        {
            Problems = [new ReportProblem("编外人员未纳入统一管理") { Category = "编制使用" }],
        },
    };

    public static EvaluationReportModel Evaluation(EvaluationStage stage = EvaluationStage.ReviewCompleted)
    {
        var framework = Framework();
        var answers = Answers();
        var input = Input(answers, DataTables());
        var self = UnitScorer.Score(framework, input, SelfPolicy);
        var official = UnitScorer.Score(framework, input with { Verified = Verifications() }, OfficialPolicy);
        return new EvaluationReportModel(Campaign, Unit, framework, self, official, stage, Issued)
        {
            Review = Review(),
            ReviewSummary = "该单位机构编制执行情况总体良好，职责履行到位，个别方面有待改进。",
            Standing = new ReportStanding(3, 6)
            {
                Grade = "A",
                GradeExplanation = "得分率不低于90%，评为A。",
                Board = Board.Green,
                BoardCategory = "经济",
                CategoryRank = 1,
                CategoryCount = 2,
            },
        };
    }

    /// <summary>
    /// <see cref="Evaluation"/>, finalised, with the unit's 2025 campaign on the same framework: poorer answers then
    /// (1.1.1 一般, 2.2 two findings, 3.1 好) and no verification; compared through a mapping that carries every code
    /// over but dimension 3 (no predecessor: a gap on the radar) and drops 2.2. The mapping is not confirmed.
    /// </summary>
    public static EvaluationReportModel EvaluationWithPrevious()
    {
        var model = Evaluation(EvaluationStage.Final);
        var answers = Answers();
        answers["1.1.1"] = new(answers["1.1.1"].Answer with { Option = "一般" });
        answers["2.2"] = new(answers["2.2"].Answer with { Number = 2m });
        answers["3.1"] = new(answers["3.1"].Answer with { Option = "好" });
        var previous = UnitScorer.Score(model.Framework, Input(answers, DataTables()), OfficialPolicy);
        var identity = IndicatorMapping.Identity(model.Framework);
        var mapping = identity with { Links = [.. identity.Links.Where(l => l.FromCode is not "3" and not "2.2"), new IndicatorLink("2.2", null)] };
        var comparison = ResultsComparer.Compare(new ScoredUnit(model.Framework, previous), new ScoredUnit(model.Framework, model.Official), mapping);
        return model with
        {
            Previous = new ReportPrevious("2025年度机构编制执行情况和使用效益评估", 2025, comparison)
            {
                MappingUnconfirmed = true,
                Grade = "B",
                Board = Board.Yellow,
            },
        };
    }

    /// <summary>Six units, as the API's results scenario: every grade and board, one veto cap, one unit not started.</summary>
    public static SummaryReportModel Summary(EvaluationStage stage = EvaluationStage.ReviewCompleted)
    {
        var framework = Framework();
        var scores = new List<(ReportUnit Unit, UnitScore Self, UnitScore Official)>();
        (string Code, string Name, string Kind, string Category, decimal Quality)[] units =
        [
            ("DW-ZZB", "市委组织部", "党委部门", "非经济", 0.9m),
            ("ZF-FGW", "市发展和改革委员会", "政府部门", "经济", 1m),
            ("ZF-JYJ", "市教育局", "政府部门", "非经济", 0.8m),
            ("QT-GQT", "共青团市委", "群团机关", "非经济", 0.7m),
            ("SY-ZXZX", "市政务服务中心", "事业单位", "非经济", 0.5m),
            ("XZ-CGJD", "城关街道", "乡镇（街道）", "经济", 0.4m),
        ];
        foreach (var (code, name, kind, category, quality) in units)
        {
            var answers = Answers();
            var input = Input(answers, DataTables());
            // The weaker a unit, the more the reviewers take off, more so in some dimensions than others.
            var verified = framework.Leaves().Where(l => l.Node.IsCounted && l.Node.Points > 0)
                .ToDictionary(l => l.Node.Code, l => new Verification(Score: Score.Round(l.Node.Points * Math.Min(1m, quality * DimensionFactor(l.Dimension.Code)))), StringComparer.Ordinal);
            var self = UnitScorer.Score(framework, input, SelfPolicy);
            var official = UnitScorer.Score(framework, input with { Verified = verified }, OfficialPolicy);
            scores.Add((new ReportUnit(code, name) { Kind = kind, Category = category }, self, official));
        }

        var ranks = Ranking.Competition(scores.Select(s => (s.Unit.Code, s.Official.Total))).ToDictionary(r => r.Key, r => r.Rank);
        var grading = Grading.Assign(scores.Select(s => Grading.Candidate(s.Unit.Code, s.Official)),
            GradeScheme.Thresholds([("A", 90m), ("B", 60m)], "C")).Grades.ToDictionary(g => g.Key);
        var boards = Boards.Assign(scores.Select(s => new BoardCandidate<string>(s.Unit.Code, s.Unit.Category!, s.Official.ScoreRate)
        {
            Previous = s.Unit.Code == "XZ-CGJD" ? Board.Red : null,
        }), new BoardPolicy(new BoardSize(1, 1))).Placements.ToDictionary(p => p.Key);

        var summaryUnits = scores.Select(s =>
        {
            var grade = grading[s.Unit.Code];
            var board = boards[s.Unit.Code];
            return new SummaryUnit(s.Unit, "已实地评估")
            {
                SelfTotal = s.Self.Total,
                Total = s.Official.Total,
                ScoreRate = s.Official.ScoreRate,
                Vetoed = s.Official.Vetoed,
                Standing = new ReportStanding(ranks[s.Unit.Code], scores.Count)
                {
                    Grade = grade.Grade,
                    GradeBeforeVeto = grade.GradeBeforeVeto,
                    GradeExplanation = grade.Explanation,
                    Board = board.Board,
                    BoardCategory = board.Category,
                    CategoryRank = board.Rank,
                    CategoryCount = board.CategoryCount,
                    ConsecutiveRed = board.ConsecutiveRed,
                },
            };
        }).Append(new SummaryUnit(new ReportUnit("ZF-CZJ", "市财政局") { Kind = "政府部门", Category = "经济" }, "未开始")).ToList();

        var leaves = framework.Leaves().ToDictionary(l => l.Node.Code, StringComparer.Ordinal);
        var problems = new List<SummaryProblem>();
        foreach (var (unitName, code, problem) in new (string, string, ReportProblem)[]
        {
            ("市委组织部", "1.1.1", new ReportProblem("重点任务台账更新不及时") { Category = "职责履行", Requirement = "每月更新台账。" }),
            ("市教育局", "1.1.1", new ReportProblem("2项重点任务进度滞后") { Category = "职责履行", Requirement = "明确时间节点。" }),
            ("市教育局", "5.1", new ReportProblem("编外人员未纳入统一管理") { Category = "编制使用" }),
            ("城关街道", "4.1.1", new ReportProblem("超编2人") { Category = "编制使用", Requirement = "按“退二进一”逐步消化。" }),
            ("市政务服务中心", "3.1", new ReportProblem("窗口科室职责交叉")),
        })
        {
            var leaf = leaves[code];
            problems.Add(new SummaryProblem(unitName, code, leaf.Node.Name, leaf.Dimension.Name, problem));
        }

        var statistics = CampaignStatistics.Compute(scores.Select(s => s.Official));
        return new SummaryReportModel(Campaign, framework.TotalPoints, statistics, summaryUnits, stage, Issued) { Problems = problems };
    }

    private static decimal DimensionFactor(string dimension) => dimension switch
    {
        "1" => 1m,
        "2" => 1.1m,
        "3" => 0.95m,
        "4" => 0.85m,
        _ => 1.2m,
    };

    private static QualitativeScaleRule FourLevels() =>
        new([new ScaleOption("好", 1m), new ScaleOption("较好", 0.8m), new ScaleOption("一般", 0.6m), new ScaleOption("差", 0m)]);
}
