using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.History;
using OfficeEval.Api.Features.Results;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Documents.Reports;

namespace OfficeEval.Api.Features.Reports;

/// <summary>
/// What is stored and scored, mapped into the report models of OfficeEval.Documents. The endpoints use it for one
/// report; a batch of reports uses it the same way, from one <see cref="CampaignScoring"/> pass (and one of each
/// previous campaign, kept by <see cref="CampaignHistory"/>).
/// </summary>
public static class ReportInputs
{
    /// <summary>The campaign as reports show it; <paramref name="issuer"/> signs the office's reports.</summary>
    public static ReportCampaign Campaign(Campaign campaign, string issuer) => new(campaign.Name, campaign.Year)
    {
        Stages = [.. campaign.Deadlines.Select(d => new ReportStage(d.Stage, d.Due))],
        Grades = CampaignScores.GradesOf(campaign),
        Issuer = issuer,
    };

    /// <summary>The unit, with the office's approved figures for the campaign when <paramref name="link"/> is given.</summary>
    public static ReportUnit Unit(Unit unit, CampaignUnit? link = null) => new(unit.Code, unit.Name)
    {
        Kind = UnitKinds.NameZh(unit.Kind),
        Category = unit.Category,
        Level = unit.Level,
        ApprovedEstablishment = link?.ApprovedEstablishment,
        ApprovedLeadershipPosts = link?.ApprovedLeadershipPosts,
    };

    /// <summary>
    /// The self-evaluation report of the unit's latest submitted version, or of its draft when it has submitted none,
    /// scored by the unit's claim (<see cref="CampaignScoring.SelfPolicy"/>) with explanations, and with the
    /// questionnaire's <paramref name="surveyFractions"/> when it has results.
    /// </summary>
    public static SelfAssessmentReportModel SelfAssessment(ReportCampaign campaign, UnitContext unit, SelfAssessmentRecord assessment,
        IReadOnlyDictionary<string, decimal>? surveyFractions = null)
    {
        var latest = assessment.Versions.MaxBy(v => v.Number);
        var (answers, tables, basis) = latest is not null
            ? (latest.Answers, latest.DataTables, new SelfAssessmentBasis(latest.Number, latest.Revision, ChinaDate(latest.SubmittedAt)))
            : (assessment.Answers.Select(AnswerValue.From).ToList(), assessment.DataTables, new SelfAssessmentBasis(null, assessment.Revision, ChinaDate(assessment.UpdatedAt)));
        var input = UnitEvaluation.Input(AnswerMapping.ToAnswers(answers), tables?.Facts, surveyFractions);
        var score = UnitScorer.Score(unit.Framework, input, CampaignScoring.SelfPolicy);
        return new SelfAssessmentReportModel(campaign, Unit(unit.Unit, unit.Link), unit.Framework, basis, score)
        {
            Answers = answers.ToDictionary(
                a => a.IndicatorCode,
                a => new ReportAnswer(input.Answers[a.IndicatorCode]) { Evidence = a.Evidence ?? [] },
                StringComparer.Ordinal),
            DataTables = tables,
        };
    }

    /// <summary>
    /// The evaluation report of a scored unit (one with a self-evaluation); null when it is not scored. A unit scored
    /// without explanations (a campaign-wide pass, as for a batch of reports) is scored again with them, by the same
    /// policies: the report shows how each score was reached.
    /// </summary>
    public static EvaluationReportModel? Evaluation(ReportCampaign campaign, CampaignScores scores, UnitScores unit, DateOnly issuedOn, ReportPrevious? previous = null)
    {
        if (unit.Self is not { } self || unit.Official is not { } official || unit.Assessment is null)
        {
            return null;
        }

        if (official.Explanation.Length == 0)
        {
            var input = UnitEvaluation.InputOf(unit.Assessment, unit.SurveyFractions);
            self = UnitScorer.Score(unit.Framework, input, CampaignScoring.SelfPolicy);
            official = UnitScorer.Score(unit.Framework, input with { Verified = ReviewVerifications.Of(unit.Review) }, CampaignScoring.OfficialPolicy);
        }

        return new EvaluationReportModel(campaign, Unit(unit.Unit), unit.Framework, self, official, Stage(scores.Campaign, unit.Review), issuedOn)
        {
            Review = unit.Review?.Items.ToDictionary(
                i => i.IndicatorCode,
                i => new ReportReviewNote { Comment = i.Comment, Problems = [.. i.Problems.Select(Problem)] },
                StringComparer.Ordinal) ?? [],
            ReviewSummary = unit.Review?.Summary,
            Standing = Standing(scores, unit),
            Previous = previous,
        };
    }

    /// <summary>
    /// The unit's previous campaign — the latest earlier finalised one it took part in — compared with this one through
    /// the indicator mapping between their frameworks, for the evaluation report's before/after radar; null when it has
    /// none or either side is not scored. Unconfirmed when the mapping is only suggested or a link needs review.
    /// </summary>
    public static async Task<ReportPrevious?> PreviousAsync(CampaignHistory history, CampaignScores scores, UnitScores unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(unit);
        var earlier = await history.EarlierCampaignsAsync(scores.Campaign, unit.Unit.Id, cancellationToken);
        if (earlier.Count == 0)
        {
            return null;
        }

        var campaign = earlier[^1];
        var previous = await history.ScoresAsync(campaign, cancellationToken);
        if (await history.CompareAsync(previous, unit, scores.Campaign.FrameworkId, cancellationToken) is not { } compared)
        {
            return null;
        }

        var before = previous.Units.First(u => u.Unit.Id == unit.Unit.Id);
        return new ReportPrevious(campaign.Name, campaign.Year, compared.Comparison)
        {
            MappingUnconfirmed = compared.Source == MappingSource.Suggested || compared.Comparison.NeedsReview,
            Grade = before.Grade?.Grade,
            Board = before.Board?.Board,
        };
    }

    /// <summary>The campaign's summary report over every unit; problems are the reviews' problems, by unit and leaf.</summary>
    public static SummaryReportModel Summary(ReportCampaign campaign, CampaignScores scores, DateOnly issuedOn)
    {
        var units = scores.Units.Select(u => new SummaryUnit(Unit(u.Unit), SelfAssessmentStatuses.NameZh(u.Status))
        {
            SelfTotal = u.Self?.Total,
            Total = u.Official?.Total,
            ScoreRate = u.Official?.ScoreRate,
            Vetoed = u.Official?.Vetoed == true,
            Standing = Standing(scores, u),
        }).ToList();

        var problems = new List<SummaryProblem>();
        foreach (var unit in scores.Units.Where(u => u.Review is not null))
        {
            var leaves = unit.Framework.Leaves().ToDictionary(l => l.Node.Code, StringComparer.Ordinal);
            foreach (var item in unit.Review!.Items.OrderBy(i => i.IndicatorCode, StringComparer.Ordinal))
            {
                var leaf = leaves.GetValueOrDefault(item.IndicatorCode);
                problems.AddRange(item.Problems.Select(p => new SummaryProblem(unit.Unit.Name, item.IndicatorCode,
                    leaf?.Node.Name ?? item.IndicatorCode, leaf?.Dimension.Name ?? "", Problem(p))));
            }
        }

        var scored = scores.Units.Where(u => u.Official is not null).ToList();
        var stage = scores.Campaign.FinalizedAt is not null ? EvaluationStage.Final
            : scored.Count > 0 && scored.All(u => u.Review?.Status == ReviewStatus.Completed) ? EvaluationStage.ReviewCompleted
            : EvaluationStage.ReviewInProgress;
        return new SummaryReportModel(campaign, scores.Framework.TotalPoints, scores.Statistics, units, stage, issuedOn) { Problems = problems };
    }

    /// <summary>Final once the campaign is finalised; else whether the unit's field review is completed.</summary>
    public static EvaluationStage Stage(Campaign campaign, ReviewRecord? review) =>
        campaign.FinalizedAt is not null ? EvaluationStage.Final
        : review?.Status == ReviewStatus.Completed ? EvaluationStage.ReviewCompleted
        : EvaluationStage.ReviewInProgress;

    /// <summary>A calendar date in China Standard Time, as deadlines and report dates are given.</summary>
    public static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ProgressEndpoints.ChinaStandardTime).DateTime);

    private static ReportStanding? Standing(CampaignScores scores, UnitScores unit)
    {
        if (unit.Rank is not { } rank)
        {
            return null;
        }

        var standing = new ReportStanding(rank, scores.Units.Count(u => u.Official is not null))
        {
            Grade = unit.Grade?.Grade,
            GradeBeforeVeto = unit.Grade?.GradeBeforeVeto,
            GradeExplanation = unit.Grade?.Explanation ?? "",
        };
        return unit.Board is not { } board ? standing : standing with
        {
            Board = board.Board,
            BoardCategory = board.Category,
            CategoryRank = board.Rank,
            CategoryCount = board.CategoryCount,
            ConsecutiveRed = board.ConsecutiveRed,
        };
    }

    private static ReportProblem Problem(ReviewProblem problem) => new(problem.Description)
    {
        Category = problem.Category,
        Requirement = problem.Requirement,
    };
}
