using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.Results;

/// <summary>A campaign's results as the user may see them.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Units</c>: The units the user may see, by code; ranks are over all the campaign's scored units.</item>
/// </list>
/// </remarks>
public sealed record CampaignResults(Guid CampaignId, IReadOnlyList<UnitResult> Units)
{
    /// <summary>When the office finalised the results (定档); null while they are provisional.</summary>
    public DateTimeOffset? FinalizedAt { get; init; }

    /// <summary>Averages per dimension and the score-rate distribution over the scored units; for the office side only.</summary>
    public CampaignSummary? Statistics { get; init; }

    /// <summary>Problems with the campaign's results policy (grade thresholds, board sizes); for the office side only.</summary>
    public IReadOnlyList<ProblemItem> Problems { get; init; } = [];
}

/// <summary>
/// One unit's result. A unit that has not started has no totals and no rank. The official figures (total, score
/// rate, dimensions, rank, grade, board, deviation) are null for a unit's own staff until its field review is
/// completed (<see cref="VerifiedVisible"/>); its self-evaluation figures are always shown.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Total</c>: The official total: verified scores where given, else the rule's.</item>
/// <item><c>ScoreRate</c>: The official score rate (得分率, percent).</item>
/// <item><c>Rank</c>: Competition rank by official total among all the campaign's scored units.</item>
/// <item><c>Dimensions</c>: Official dimension subtotals and score rates.</item>
/// </list>
/// </remarks>
public sealed record UnitResult(Guid UnitId, string UnitCode, string UnitName, string Status, decimal? Total, decimal MaxTotal, decimal? ScoreRate, int? Rank, IReadOnlyList<DimensionScore> Dimensions)
{
    public string StatusZh { get; init; } = "";

    /// <summary>经济 / 非经济: boards are per category.</summary>
    public string? Category { get; init; }

    /// <summary>NotStarted, InProgress or Completed.</summary>
    public string ReviewStatus { get; init; } = "";

    /// <summary>Whether the official figures are shown to this user.</summary>
    public bool VerifiedVisible { get; init; }

    /// <summary>The self total: the unit's self-scores where given, else the rule's.</summary>
    public decimal? SelfTotal { get; init; }

    public decimal? SelfScoreRate { get; init; }

    /// <summary>自评偏差: self total minus official total.</summary>
    public decimal? Deviation { get; init; }

    /// <summary>The grade after veto caps.</summary>
    public string? Grade { get; init; }

    /// <summary>The grade before a veto capped it; null when none did.</summary>
    public string? GradeBeforeVeto { get; init; }

    /// <summary>Green, Yellow or Red within the unit's category.</summary>
    public Board? Board { get; init; }

    /// <summary>Red now and in the unit's previous finalised campaign (连续两次红榜), whatever the gap in years.</summary>
    public bool ConsecutiveRed { get; init; }

    /// <summary>A 一票否决 item zeroed the total.</summary>
    public bool Vetoed { get; init; }

    /// <summary>评估结果运用: what follows from the grade and the board, in Chinese; null while they are not visible.</summary>
    public string? Application { get; init; }

    /// <summary>The grade's place as a stable code: <c>grade.best</c>, <c>grade.middle</c> or <c>grade.lowest</c>.</summary>
    public string? ApplicationCode { get; init; }

    internal static UnitResult From(CampaignScores campaign, UnitScores unit, bool verifiedVisible)
    {
        var official = verifiedVisible ? unit.Official : null;
        var application = official is null ? null : campaign.ApplicationOf(unit);
        return new UnitResult(unit.Unit.Id, unit.Unit.Code, unit.Unit.Name, unit.Status.ToString(), official?.Total,
            unit.Official?.MaxTotal ?? unit.Framework.TotalPoints, official?.ScoreRate, official is null ? null : unit.Rank, official?.Dimensions ?? [])
        {
            StatusZh = SelfAssessmentStatuses.NameZh(unit.Status),
            Category = unit.Unit.Category,
            ReviewStatus = unit.Review?.Status.ToString() ?? "NotStarted",
            VerifiedVisible = verifiedVisible,
            SelfTotal = unit.Self?.Total,
            SelfScoreRate = unit.Self?.ScoreRate,
            Deviation = official is null ? null : unit.Deviation,
            Grade = official is null ? null : unit.Grade?.Grade,
            GradeBeforeVeto = official is null ? null : unit.Grade?.GradeBeforeVeto,
            Board = official is null ? null : unit.Board?.Board,
            ConsecutiveRed = official is not null && unit.Board?.ConsecutiveRed == true,
            Vetoed = official?.Vetoed == true,
            Application = application?.Text,
            ApplicationCode = application?.Code,
        };
    }
}
