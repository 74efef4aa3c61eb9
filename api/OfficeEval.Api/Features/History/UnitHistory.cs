using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Results;
using OfficeEval.Core.History;
using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.History;

/// <summary>
/// A unit's results across campaigns: this campaign and the earlier finalised ones it took part in, oldest first, and
/// this campaign compared with the previous one through the mapping between their frameworks.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Campaigns</c>: Oldest first; the last is the campaign asked about (<c>IsCurrent</c>).</item>
/// <item><c>Comparison</c>: Null when there is no earlier campaign, either side is not scored, or this campaign's
/// official figures are not visible to the caller yet (<c>ComparisonUnavailable</c> says which).</item>
/// </list>
/// </remarks>
public sealed record UnitHistory(Guid CampaignId, Guid UnitId, string UnitCode, string UnitName, IReadOnlyList<HistoryEntry> Campaigns, HistoryComparison? Comparison)
{
    /// <summary><c>history.no_previous</c>, <c>history.not_scored</c> or <c>history.not_visible</c>; null when compared.</summary>
    public string? ComparisonUnavailable { get; init; }
}

/// <summary>
/// The unit's result in one campaign. Official figures (total, rate, dimensions, rank, grade, board, application)
/// are null for the unit's own staff until its field review in that campaign is completed (<c>VerifiedVisible</c>);
/// in a finalised campaign every review is completed.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>ConsecutiveRed</c>: Red here and in the unit's campaign before it (连续两次红榜).</item>
/// <item><c>Application</c>: 评估结果运用 by grade and board; <c>ApplicationCode</c> the grade's place (grade.best|middle|lowest).</item>
/// </list>
/// </remarks>
public sealed record HistoryEntry(Guid CampaignId, int Year, string Name, string FrameworkCode, string FrameworkVersion, bool IsCurrent, bool Finalized, bool VerifiedVisible, decimal MaxTotal)
{
    public decimal? Total { get; init; }

    public decimal? ScoreRate { get; init; }

    public IReadOnlyList<DimensionScore> Dimensions { get; init; } = [];

    public int? Rank { get; init; }

    public int RankedUnits { get; init; }

    public string? Grade { get; init; }

    public Board? Board { get; init; }

    public bool ConsecutiveRed { get; init; }

    public string? Application { get; init; }

    public string? ApplicationCode { get; init; }

    /// <summary>The self total (always shown to whoever may read the unit).</summary>
    public decimal? SelfTotal { get; init; }

    internal static HistoryEntry From(CampaignScores scores, FrameworkRecord framework, UnitScores? unit, bool isCurrent, bool visible, bool consecutiveRed)
    {
        var official = visible ? unit?.Official : null;
        var board = official is null ? null : unit!.Board?.Board;
        var grade = official is null ? null : unit!.Grade?.Grade;
        var application = ResultsApplication.For(scores.GradeLabels, grade, board, consecutiveRed);
        var campaign = scores.Campaign;
        return new HistoryEntry(campaign.Id, campaign.Year, campaign.Name, framework.Code, framework.Version, isCurrent, campaign.FinalizedAt is not null, visible,
            unit?.Official?.MaxTotal ?? unit?.Framework.TotalPoints ?? scores.Framework.TotalPoints)
        {
            Total = official?.Total,
            ScoreRate = official?.ScoreRate,
            Dimensions = official?.Dimensions ?? [],
            Rank = official is null ? null : unit!.Rank,
            RankedUnits = scores.Units.Count(u => u.Official is not null),
            Grade = grade,
            Board = board,
            ConsecutiveRed = board is not null && consecutiveRed,
            Application = application?.Text,
            ApplicationCode = application?.Code,
            SelfTotal = unit?.Self?.Total,
        };
    }
}

/// <summary>
/// This campaign against the unit's previous one. Scores compare as they are; score rates compare fairly when points
/// differ. Indicators: every current leaf, mapped (with the previous leaves it comes from, summed when merged) or
/// unmapped; <c>Dropped</c>: the previous dimensions and leaves with no successor.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>MappingSource</c>: Stored, Suggested (nothing stored: same code and kind carried over) or SameFramework.</item>
/// <item><c>NeedsReview</c>: Some comparison went through a suggested link between renamed indicators, to be confirmed.</item>
/// <item><c>Dimensions</c>: Per current dimension: score rate before and after, for the radar.</item>
/// </list>
/// </remarks>
public sealed record HistoryComparison(
    Guid PreviousCampaignId,
    int PreviousYear,
    string PreviousName,
    MappingSource MappingSource,
    bool NeedsReview,
    decimal PreviousTotal,
    decimal PreviousMaxTotal,
    decimal PreviousScoreRate,
    decimal Total,
    decimal MaxTotal,
    decimal ScoreRate,
    decimal TotalChange,
    decimal ScoreRateChange,
    IReadOnlyList<DimensionChange> Dimensions,
    IReadOnlyList<IndicatorChange> Indicators,
    IReadOnlyList<DroppedIndicator> Dropped)
{
    /// <summary>How many compared leaves rose, fell or held by score rate (veto items in none of these), how many had no predecessor, and how many old indicators have no successor.</summary>
    public ChangeCounts Counts => new(
        Indicators.Count(i => i.ScoreRateChange > 0),
        Indicators.Count(i => i.ScoreRateChange < 0),
        Indicators.Count(i => i.ScoreRateChange == 0),
        Indicators.Count(i => i.Status == ChangeStatus.Unmapped),
        Dropped.Count);

    internal static HistoryComparison From(Campaign previous, MappingSource source, UnitComparison c) => new(
        previous.Id, previous.Year, previous.Name, source, c.NeedsReview, c.PreviousTotal, c.PreviousMaxTotal, c.PreviousScoreRate,
        c.Total, c.MaxTotal, c.ScoreRate, c.TotalChange, c.ScoreRateChange, c.Dimensions, c.Indicators, c.Dropped);
}

/// <summary>Counts of a comparison.</summary>
public sealed record ChangeCounts(int Improved, int Declined, int Unchanged, int Unmapped, int Dropped);
