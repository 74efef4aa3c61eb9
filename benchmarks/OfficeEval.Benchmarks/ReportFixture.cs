using System.Globalization;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Reports;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The report models of the generated campaign (3,000 units × 250 leaves): one unit's evaluation and self-evaluation
/// reports, scored with explanations, and the campaign's summary over every unit. About one leaf in eight carries the
/// reviewers' comment and every fourth of those a problem with its requirement, as a real field review does.
/// </summary>
internal sealed class ReportFixture
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private ReportFixture(EvaluationReportModel evaluation, SelfAssessmentReportModel selfAssessment, SummaryReportModel summary)
    {
        Evaluation = evaluation;
        SelfAssessment = selfAssessment;
        Summary = summary;
    }

    public EvaluationReportModel Evaluation { get; }

    public SelfAssessmentReportModel SelfAssessment { get; }

    public SummaryReportModel Summary { get; }

    public static readonly DateOnly IssuedOn = new(2026, 12, 20);

    public static ReportFixture Create(int units = CampaignGenerator.DefaultUnits, int seed = CampaignGenerator.DefaultSeed)
    {
        var campaign = CampaignGenerator.Generate(units, seed);
        // With an 评估要点, a 评分标准 and 佐证材料 on every leaf, as the workbook benchmarks have them.
        var framework = WorkbookFixture.WithTexts(campaign.Framework);
        var aggregator = SurveyAggregator.Create(campaign.Survey);
        var selfPolicy = new ScoringPolicy([ScoreSource.SelfScore, ScoreSource.Computed]);
        var officialPolicy = new ScoringPolicy([ScoreSource.Verified, ScoreSource.Computed]);

        var inputs = campaign.Units.Select(u => u.Input with { SurveyFractions = aggregator.Aggregate(u.Responses, u.ExpectedSampleSizes, explain: false).FractionsByIndicator() }).ToArray();
        var official = inputs.Select(i => UnitScorer.Score(framework, i, officialPolicy with { Explain = false })).ToArray();
        var self = inputs.Select(i => UnitScorer.Score(framework, i with { Verified = new Dictionary<string, Verification>() }, selfPolicy with { Explain = false })).ToArray();
        var ids = campaign.Units.Select(u => u.Id).ToArray();
        var ranks = Ranking.Competition(ids.Select((id, i) => (id, official[i].Total))).ToDictionary(r => r.Key, r => r.Rank);
        var grades = Grading.Assign(ids.Select((id, i) => Grading.Candidate(id, official[i])), campaign.Grades).Grades.ToDictionary(g => g.Key);
        var boards = Boards.Assign(ids.Select((id, i) => new BoardCandidate<string>(id, campaign.Units[i].Category, official[i].ScoreRate) { Previous = campaign.Units[i].PreviousBoard }),
            campaign.BoardPolicy).Placements.ToDictionary(p => p.Key);
        ReportStanding Standing(int i)
        {
            var grade = grades[ids[i]];
            var board = boards[ids[i]];
            return new ReportStanding(ranks[ids[i]], ids.Length)
            {
                Grade = grade.Grade,
                GradeBeforeVeto = grade.GradeBeforeVeto,
                GradeExplanation = grade.Explanation,
                Board = board.Board,
                BoardCategory = board.Category,
                CategoryRank = board.Rank,
                CategoryCount = board.CategoryCount,
                ConsecutiveRed = board.ConsecutiveRed,
            };
        }

        var reportCampaign = new ReportCampaign("2026年度机构编制执行情况和使用效益评估", 2026)
        {
            Stages =
            [
                new ReportStage("单位自评", new DateOnly(2026, 10, 31)),
                new ReportStage("初审", new DateOnly(2026, 11, 15)),
                new ReportStage("实地评估", new DateOnly(2026, 11, 30)),
                new ReportStage("分析评定", new DateOnly(2026, 12, 15)),
            ],
            Grades = ["优", "良", "中", "差"],
            Issuer = "市委机构编制委员会办公室",
        };
        var reportUnits = campaign.Units.Select((u, i) => new ReportUnit(u.Id, "评估单位" + u.Id) { Kind = u.Category, Category = u.Category }).ToArray();

        // The unit reported on: scored again with explanations, as the endpoints do for one unit.
        const int unit = 0;
        var random = new Random(seed);
        var review = new Dictionary<string, ReportReviewNote>(StringComparer.Ordinal);
        var problems = new List<SummaryProblem>();
        var leaves = framework.Leaves().ToList();
        for (var l = 0; l < leaves.Count; l++)
        {
            if (random.NextDouble() >= 0.125)
            {
                continue;
            }

            var leaf = leaves[l];
            var problem = random.NextDouble() < 0.25
                ? new ReportProblem($"{leaf.Node.Name}相关工作台账不完整，部分事项未按规定办理") { Category = "职责履行", Requirement = "补齐台账，明确责任人和完成时限。" }
                : null;
            review[leaf.Node.Code] = new ReportReviewNote
            {
                Comment = "经查阅资料和座谈了解，该项工作总体落实，但佐证材料不够完整。",
                Problems = problem is null ? [] : [problem],
            };
            if (problem is not null)
            {
                problems.Add(new SummaryProblem(reportUnits[unit].Name, leaf.Node.Code, leaf.Node.Name, leaf.Dimension.Name, problem));
            }
        }

        var evaluation = new EvaluationReportModel(reportCampaign, reportUnits[unit], framework,
            UnitScorer.Score(framework, inputs[unit] with { Verified = new Dictionary<string, Verification>() }, selfPolicy),
            UnitScorer.Score(framework, inputs[unit], officialPolicy),
            EvaluationStage.ReviewCompleted, IssuedOn)
        {
            Review = review,
            ReviewSummary = "该单位机构编制执行情况总体良好，职责履行基本到位，个别方面有待改进。",
            Standing = Standing(unit),
        };

        var answers = inputs[unit].Answers.ToDictionary(
            a => a.Key,
            a => new ReportAnswer(a.Value with { Explanation = "本单位严格落实相关规定，建立健全工作机制，按要求完成各项任务，具体情况见佐证材料。" })
            {
                Evidence = [.. leaves.First(l => l.Node.Code == a.Key).Node.EvidenceChecklist.Take(1)],
            },
            StringComparer.Ordinal);
        var selfAssessment = new SelfAssessmentReportModel(reportCampaign, reportUnits[unit], framework, new SelfAssessmentBasis(1, 12, new DateOnly(2026, 10, 30)),
            UnitScorer.Score(framework, inputs[unit] with { Verified = new Dictionary<string, Verification>() }, selfPolicy))
        {
            Answers = answers,
        };

        var summary = new SummaryReportModel(reportCampaign, framework.TotalPoints, CampaignStatistics.Compute(official),
            [.. reportUnits.Select((u, i) => new SummaryUnit(u, "已实地评估")
            {
                SelfTotal = self[i].Total,
                Total = official[i].Total,
                ScoreRate = official[i].ScoreRate,
                Vetoed = official[i].Vetoed,
                Standing = Standing(i),
            })],
            EvaluationStage.ReviewCompleted, IssuedOn)
        {
            Problems = problems,
        };

        return new ReportFixture(evaluation, selfAssessment, summary);
    }

    /// <summary>How big each model is, for the results' write-up.</summary>
    public string Describe() => string.Create(Inv,
        $"evaluation: {Evaluation.Framework.Leaves().Count()} leaves, {Evaluation.Review.Count} reviewed with comments, {Evaluation.Review.Values.Sum(r => r.Problems.Count)} problems; summary: {Summary.Units.Count} units");
}
