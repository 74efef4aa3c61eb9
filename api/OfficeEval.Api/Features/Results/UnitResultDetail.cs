using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Results;

/// <summary>
/// One unit's results in depth: per leaf what the rule computes, what the unit claimed, what the reviewers verified and
/// what counts; self and official totals and dimension rates; grade, board and rank; the largest deviations first.
/// Until the field review is completed the unit's own staff see the self side only (<see cref="VerifiedVisible"/>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Self</c>: By the unit's self-scores; null when it has not started.</item>
/// <item><c>Official</c>: By the verified scores; null when not started or not visible to the user.</item>
/// <item><c>Deviation</c>: 自评偏差: self total minus official total.</item>
/// <item><c>Rank</c>: Competition rank by official total among <c>RankedUnits</c> scored units.</item>
/// <item><c>LargestDeviations</c>: The leaves whose self and official scores differ, largest difference first.</item>
/// </list>
/// </remarks>
public sealed record UnitResultDetail(
    Guid CampaignId,
    Guid UnitId,
    string UnitCode,
    string UnitName,
    string? Category,
    string Status,
    string StatusZh,
    string ReviewStatus,
    bool VerifiedVisible,
    decimal MaxTotal,
    TotalsResult? Self,
    TotalsResult? Official,
    decimal? Deviation,
    int? Rank,
    int RankedUnits,
    GradeResult? Grade,
    BoardPlacementResult? Board,
    IReadOnlyList<LeafResult> Leaves,
    IReadOnlyList<LeafResult> LargestDeviations)
{
    /// <summary>The review group's overall opinion (评估意见).</summary>
    public string? ReviewSummary { get; init; }

    /// <summary>What the engine found wrong with the inputs (missing answers, out-of-range scores), by leaf.</summary>
    public IReadOnlyList<ProblemItem> Problems { get; init; } = [];

    /// <summary>评估结果运用: what follows from the grade and the board, in Chinese; null while they are not visible.</summary>
    public string? Application { get; init; }

    /// <summary>The grade's place as a stable code: <c>grade.best</c>, <c>grade.middle</c> or <c>grade.lowest</c>.</summary>
    public string? ApplicationCode { get; init; }

    internal static UnitResultDetail From(CampaignScores campaign, UnitScores unit, bool verifiedVisible)
    {
        var official = verifiedVisible ? unit.Official : null;
        var self = unit.Self;
        var items = verifiedVisible && unit.Review is { } review ? review.Items.ToDictionary(i => i.IndicatorCode, StringComparer.Ordinal) : [];
        var selfLeaves = self?.Leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var officialLeaves = official?.Leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var leaves = unit.Framework.Leaves().Select(info =>
        {
            var node = info.Node;
            var role = node.Rule is null ? LeafRole.Regular : RuleScorer.RoleOf(node.Rule.Kind);
            var selfLeaf = selfLeaves?.GetValueOrDefault(node.Code);
            var officialLeaf = officialLeaves?.GetValueOrDefault(node.Code);
            var item = items.GetValueOrDefault(node.Code);
            return new LeafResult(node.Code, node.Name, info.Dimension.Code, node.Points, role.ToString(),
                selfLeaf?.Computed, selfLeaf?.SelfScore, selfLeaf?.Value, officialLeaf?.Verified, officialLeaf?.Value,
                officialLeaf is null || selfLeaf is null ? null : selfLeaf.Value - officialLeaf.Value,
                (officialLeaf ?? selfLeaf)?.Explanation ?? "")
            {
                SelfFinding = role == LeafRole.Veto ? selfLeaf?.Finding : null,
                VerifiedFinding = role == LeafRole.Veto && officialLeaf?.Source == ScoreSource.Verified ? officialLeaf.Finding : null,
                OfficialFinding = role == LeafRole.Veto ? officialLeaf?.Finding : null,
                Comment = item?.Comment,
                Problems = item?.Problems ?? [],
            };
        }).ToList();

        var engineProblems = (official ?? self)?.Problems ?? [];
        var application = official is null ? null : campaign.ApplicationOf(unit);
        return new UnitResultDetail(campaign.Campaign.Id, unit.Unit.Id, unit.Unit.Code, unit.Unit.Name, unit.Unit.Category,
            unit.Status.ToString(), SelfAssessmentStatuses.NameZh(unit.Status), unit.Review?.Status.ToString() ?? "NotStarted", verifiedVisible,
            unit.Official?.MaxTotal ?? unit.Framework.TotalPoints,
            TotalsResult.From(self), TotalsResult.From(official),
            official is null ? null : unit.Deviation,
            official is null ? null : unit.Rank,
            campaign.Units.Count(u => u.Official is not null),
            official is null || unit.Grade is not { } grade ? null : new GradeResult(grade.Grade, grade.GradeBeforeVeto, grade.Explanation),
            official is null || unit.Board is not { } board ? null : new BoardPlacementResult(board.Board, board.Category, board.Rank, board.CategoryCount, board.ConsecutiveRed, board.Explanation),
            leaves,
            [.. leaves.Where(l => l.Deviation is { } d && d != 0).OrderByDescending(l => Math.Abs(l.Deviation!.Value))])
        {
            ReviewSummary = verifiedVisible ? unit.Review?.Summary : null,
            Problems = [.. engineProblems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { IndicatorCode = p.IndicatorCode, Field = p.Field })],
            Application = application?.Text,
            ApplicationCode = application?.Code,
        };
    }
}

/// <summary>Totals by one scoring policy.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>BaseTotal</c>: The dimension subtotals' sum, before bonus and veto.</item>
/// <item><c>Vetoed</c>: A 一票否决 item zeroed the total.</item>
/// <item><c>Explanation</c>: How the total was reached, in Chinese.</item>
/// </list>
/// </remarks>
public sealed record TotalsResult(decimal Total, decimal ScoreRate, decimal BaseTotal, decimal Bonus, bool Vetoed, IReadOnlyList<VetoFinding> Vetoes, IReadOnlyList<DimensionScore> Dimensions, string Explanation)
{
    internal static TotalsResult? From(UnitScore? score) => score is null ? null
        : new TotalsResult(score.Total, score.ScoreRate, score.BaseTotal, score.Bonus, score.Vetoed, score.Vetoes, score.Dimensions, score.Explanation);
}

/// <summary>The unit's grade (等次) after veto caps, and why.</summary>
public sealed record GradeResult(string Grade, string? GradeBeforeVeto, string Explanation);

/// <summary>The unit's board (红黄绿榜) within its category, and why.</summary>
public sealed record BoardPlacementResult(Board Board, string Category, int Rank, int CategoryCount, bool ConsecutiveRed, string Explanation);

/// <summary>One leaf's scores side by side.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Points</c>: The leaf's points (a bonus leaf's cap; 0 for a veto item).</item>
/// <item><c>Role</c>: Regular, Bonus or Veto.</item>
/// <item><c>Computed</c>: The rule's score from the unit's answers and data.</item>
/// <item><c>SelfScore</c>: The unit's own score, as it entered it.</item>
/// <item><c>SelfValue</c>: What the unit claims: its self-score, else the rule's score.</item>
/// <item><c>Verified</c>: The reviewers' verified score (实地评估核定得分).</item>
/// <item><c>Official</c>: What counts: the verified score, else the rule's score.</item>
/// <item><c>Deviation</c>: <c>SelfValue</c> minus <c>Official</c>.</item>
/// <item><c>Explanation</c>: How the official score (or, when not visible, the self value) was reached, in Chinese.</item>
/// </list>
/// </remarks>
public sealed record LeafResult(
    string Code,
    string Name,
    string DimensionCode,
    decimal Points,
    string Role,
    decimal? Computed,
    decimal? SelfScore,
    decimal? SelfValue,
    decimal? Verified,
    decimal? Official,
    decimal? Deviation,
    string Explanation)
{
    /// <summary>For a veto item: whether the unit's own answer reports the situation.</summary>
    public bool? SelfFinding { get; init; }

    /// <summary>For a veto item: the reviewers' finding, when they gave one.</summary>
    public bool? VerifiedFinding { get; init; }

    /// <summary>For a veto item: the finding that counts.</summary>
    public bool? OfficialFinding { get; init; }

    /// <summary>The reviewers' comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Problems the reviewers found (发现问题) and what the unit must do.</summary>
    public IReadOnlyList<ReviewProblem> Problems { get; init; } = [];
}
