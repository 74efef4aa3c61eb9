using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Core;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Results;

/// <summary>
/// Scores a whole campaign from what is stored — answers, data tables, verified scores — on every call, so results
/// follow any change to them; nothing scored is stored. Per unit with a self-evaluation: the self total (the unit's
/// self-scores, else the rule's) and the official total (the reviewers' verified scores, else the rule's); then over
/// those units, by the official figures: ranks, grades (the campaign's results policy, veto caps applied), boards per
/// category (with each unit's board in its previous finalised campaign, for 连续两次红榜) and the campaign's statistics.
/// </summary>
public sealed class CampaignScoring(AppDbContext db)
{
    /// <summary>What the unit claims: its self-score where it gave one, else the rule's score; its own veto findings.</summary>
    public static ScoringPolicy SelfPolicy { get; } = new([ScoreSource.SelfScore, ScoreSource.Computed]);

    /// <summary>What counts: the verified score where the reviewers gave one, else the rule's score.</summary>
    public static ScoringPolicy OfficialPolicy { get; } = new([ScoreSource.Verified, ScoreSource.Computed]);

    /// <summary>The campaign scored, or null when there is no such campaign. Only <paramref name="explainUnit"/>'s scores carry explanations.</summary>
    public async Task<CampaignScores?> ScoreAsync(Guid campaignId, Guid? explainUnit, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        if (campaign is null || framework is null)
        {
            return null;
        }

        var previous = await PreviousBoardsAsync(campaign, cancellationToken);
        return await ScoreAsync(campaign, framework.ToDefinition(), previous, explainUnit, cancellationToken);
    }

    private async Task<CampaignScores> ScoreAsync(Campaign campaign, FrameworkDefinition definition, IReadOnlyDictionary<Guid, Board> previous, Guid? explainUnit, CancellationToken cancellationToken)
    {
        var links = await db.CampaignUnits.AsNoTracking().Include(cu => cu.Unit).Where(cu => cu.CampaignId == campaign.Id)
            .OrderBy(cu => cu.Unit!.Code).ToListAsync(cancellationToken);
        var assessments = await db.SelfAssessments.AsNoTracking().Include(a => a.Answers)
            .Where(a => a.CampaignId == campaign.Id).ToDictionaryAsync(a => a.UnitId, cancellationToken);
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Items)
            .Where(r => r.CampaignId == campaign.Id).ToDictionaryAsync(r => r.UnitId, cancellationToken);
        // The questionnaire's responses are read once for the whole campaign and aggregated per unit.
        var surveys = await SurveyScores.LoadAsync(db, campaign.Id, null, scoringOnly: true, cancellationToken);

        var units = links.Select(link =>
        {
            // A unit whose individual indicators do not fit is scored on the common framework, as its workbook is.
            var framework = UnitEvaluation.FrameworkFor(definition, link).Framework;
            var assessment = assessments.GetValueOrDefault(link.UnitId);
            var review = reviews.GetValueOrDefault(link.UnitId);
            var unit = new UnitScores(link.Unit!, framework, assessment, review);
            if (assessment is null)
            {
                return unit;
            }

            var explain = link.UnitId == explainUnit;
            var fractions = surveys?.Fractions(link.UnitId, framework);
            var input = UnitEvaluation.InputOf(assessment, fractions);
            return unit with
            {
                SurveyFractions = fractions,
                // The self total is the unit's own claim: no verification, not even a veto finding, enters it.
                Self = UnitScorer.Score(framework, input, SelfPolicy with { Explain = explain }),
                Official = UnitScorer.Score(framework, input with { Verified = ReviewVerifications.Of(review) }, OfficialPolicy with { Explain = explain }),
            };
        }).ToList();

        var scored = units.Where(u => u.Official is not null).ToList();
        var ranks = Ranking.Competition(scored.Select(u => (u.Unit.Id, u.Official!.Total))).ToDictionary(r => r.Key, r => r.Rank);
        var policy = campaign.ResultsPolicy;
        var scheme = GradeScheme.Thresholds(policy.Grades.Select(g => (g.Label, g.MinScoreRate)), policy.LowestGrade);
        var grading = Grading.Assign(scored.Select(u => Grading.Candidate(u.Unit.Id, u.Official!)), scheme);
        var grades = grading.Grades.ToDictionary(g => g.Key);
        var boards = Boards.Assign(
            scored.Select(u => new BoardCandidate<Guid>(u.Unit.Id, u.Unit.Category ?? "", u.Official!.ScoreRate) { Previous = previous.TryGetValue(u.Unit.Id, out var b) ? b : null }),
            new BoardPolicy(new BoardSize(policy.GreenPerCategory, policy.RedPerCategory)));
        var placements = boards.Placements.ToDictionary(p => p.Key);

        units = [.. units.Select(u => u.Official is null ? u : u with
        {
            Rank = ranks[u.Unit.Id],
            Grade = grades.GetValueOrDefault(u.Unit.Id),
            Board = placements[u.Unit.Id],
        })];
        return new CampaignScores(campaign, definition, units, CampaignStatistics.Compute(scored.Select(u => u.Official!)), [.. grading.Problems, .. boards.Problems]);
    }

    /// <summary>
    /// The campaign scored for itself alone, without explanations: ranks, grades and boards as in
    /// <see cref="ScoreAsync(Guid, Guid?, CancellationToken)"/>, but no earlier campaign is looked up, so no unit is
    /// flagged <see cref="BoardPlacement{TKey}.ConsecutiveRed"/>. For earlier campaigns seen from a later one.
    /// </summary>
    public async Task<CampaignScores> ScoreAloneAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var framework = await db.Frameworks.AsNoTracking().FirstAsync(f => f.Id == campaign.FrameworkId, cancellationToken);
        return await ScoreAsync(campaign, framework.ToDefinition(), new Dictionary<Guid, Board>(), null, cancellationToken);
    }

    /// <summary>
    /// Finalised campaigns that come before <paramref name="campaign"/>: an earlier year, or the same year and created
    /// before it. A unit's previous campaign is the latest of these it took part in, whatever the gap in years.
    /// </summary>
    public static IQueryable<Campaign> EarlierFinalised(AppDbContext db, Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(campaign);
        var (id, year, created) = (campaign.Id, campaign.Year, campaign.CreatedAt);
        return db.Campaigns.AsNoTracking()
            .Where(c => c.FinalizedAt != null && c.Id != id && (c.Year < year || (c.Year == year && c.CreatedAt < created)));
    }

    /// <summary>
    /// Each unit's board in its previous campaign — the latest earlier finalised campaign it took part in (see
    /// <see cref="EarlierFinalised"/>), so a unit red in 2024 and again in 2026 with no campaign in 2025 is flagged —
    /// for 连续两次红榜. Each campaign needed is scored once, by one query for every unit's previous campaign.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, Board>> PreviousBoardsAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var earlier = await (
            from mine in db.CampaignUnits.AsNoTracking()
            where mine.CampaignId == campaign.Id
            join other in db.CampaignUnits.AsNoTracking() on mine.UnitId equals other.UnitId
            join c in EarlierFinalised(db, campaign) on other.CampaignId equals c.Id
            select new { other.UnitId, CampaignId = c.Id, c.Year, c.CreatedAt })
            .ToListAsync(cancellationToken);
        var previousOf = earlier.GroupBy(e => e.UnitId).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(e => e.Year).ThenByDescending(e => e.CreatedAt).First().CampaignId);
        var needed = previousOf.Values.Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => needed.Contains(c.Id)).ToListAsync(cancellationToken);

        var boards = new Dictionary<Guid, Board>();
        foreach (var previous in campaigns)
        {
            var scores = await ScoreAloneAsync(previous, cancellationToken);
            foreach (var unit in scores.Units)
            {
                if (unit.Board is { } board && previousOf.TryGetValue(unit.Unit.Id, out var own) && own == previous.Id)
                {
                    boards[unit.Unit.Id] = board.Board;
                }
            }
        }

        return boards;
    }
}

/// <summary>A campaign's units scored, and its statistics over the scored ones.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Units</c>: Every unit of the campaign, by code.</item>
/// <item><c>Problems</c>: Problems with the campaign's results policy (grades, boards).</item>
/// </list>
/// </remarks>
public sealed record CampaignScores(Campaign Campaign, FrameworkDefinition Framework, IReadOnlyList<UnitScores> Units, CampaignSummary Statistics, IReadOnlyList<EngineProblem> Problems)
{
    /// <summary>The campaign's grade labels, best first, the lowest last: results application goes by a grade's place.</summary>
    public IReadOnlyList<string> GradeLabels { get; } = GradesOf(Campaign);

    public static IReadOnlyList<string> GradesOf(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return [.. campaign.ResultsPolicy.Grades.Select(g => g.Label), campaign.ResultsPolicy.LowestGrade];
    }

    /// <summary>What applies to <paramref name="unit"/> by its grade and board (评估结果运用); null when it has neither.</summary>
    public ApplicationAdvice? ApplicationOf(UnitScores unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return ResultsApplication.For(GradeLabels, unit.Grade?.Grade, unit.Board?.Board, unit.Board?.ConsecutiveRed == true);
    }
}

/// <summary>
/// One unit's scores. A unit without a self-evaluation is not scored: no totals, no rank, grade or board.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Framework</c>: The framework the unit is evaluated on (with its individual indicators).</item>
/// </list>
/// </remarks>
public sealed record UnitScores(Unit Unit, FrameworkDefinition Framework, SelfAssessmentRecord? Assessment, ReviewRecord? Review)
{
    /// <summary>By the unit's self-scores, without any verification.</summary>
    public UnitScore? Self { get; init; }

    /// <summary>By the verified scores: the official result.</summary>
    public UnitScore? Official { get; init; }

    /// <summary>Competition rank by official total among the campaign's scored units.</summary>
    public int? Rank { get; init; }

    /// <summary>Null when the campaign's grade scheme is invalid (see <see cref="CampaignScores.Problems"/>).</summary>
    public UnitGrade<Guid>? Grade { get; init; }

    public BoardPlacement<Guid>? Board { get; init; }

    /// <summary>The questionnaire's fractions the unit was scored with (survey-rule leaves); null when the campaign has none in use.</summary>
    public IReadOnlyDictionary<string, decimal>? SurveyFractions { get; init; }

    public SelfAssessmentStatus Status => Assessment?.Status ?? SelfAssessmentStatus.NotStarted;

    /// <summary>自评偏差: self total minus official total.</summary>
    public decimal? Deviation => Self is { } self && Official is { } official ? self.Total - official.Total : null;
}
