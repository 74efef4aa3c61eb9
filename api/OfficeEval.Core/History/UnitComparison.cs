using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.History;

/// <summary>
/// A unit's results in one campaign against its previous one, through the mapping between the two frameworks.
/// Scores are compared as they are; score rates compare fairly when points differ (a 10-point indicator become a
/// 12-point one), so changes are given in both.
/// </summary>
/// <param name="PreviousTotal">The previous official total.</param>
/// <param name="PreviousMaxTotal">The previous framework's total points.</param>
/// <param name="PreviousScoreRate">The previous total's score rate (percent).</param>
/// <param name="Total">The current official total.</param>
/// <param name="MaxTotal">The current framework's total points.</param>
/// <param name="ScoreRate">The current total's score rate (percent).</param>
/// <param name="Dimensions">Per current dimension, in framework order.</param>
/// <param name="Indicators">Per current leaf, in framework order.</param>
/// <param name="Dropped">The previous dimensions with no successor, then the previous leaves with none, each in the previous framework's order.</param>
public sealed record UnitComparison(
    decimal PreviousTotal,
    decimal PreviousMaxTotal,
    decimal PreviousScoreRate,
    decimal Total,
    decimal MaxTotal,
    decimal ScoreRate,
    IReadOnlyList<DimensionChange> Dimensions,
    IReadOnlyList<IndicatorChange> Indicators,
    IReadOnlyList<DroppedIndicator> Dropped)
{
    /// <summary>Current total minus previous total.</summary>
    public decimal TotalChange => Total - PreviousTotal;

    /// <summary>Current score rate minus previous score rate, in percentage points.</summary>
    public decimal ScoreRateChange => ScoreRate - PreviousScoreRate;

    /// <summary>True when any comparison went through a link still to be confirmed (<see cref="IndicatorLink.NeedsReview"/>).</summary>
    public bool NeedsReview => Dimensions.Any(d => d.NeedsReview) || Indicators.Any(i => i.NeedsReview);
}

/// <summary>Whether a current indicator has a predecessor.</summary>
public enum ChangeStatus
{
    /// <summary>One or more previous indicators map to it: compared.</summary>
    Mapped,
    /// <summary>No previous indicator maps to it (new, or not mapped): shown as such, not compared.</summary>
    Unmapped,
}

/// <summary>Why a previous indicator has no successor.</summary>
public enum DroppedReason
{
    /// <summary>The mapping says it was dropped (撤销).</summary>
    Dropped,
    /// <summary>The mapping does not mention it, or names a code the current framework lacks.</summary>
    NoSuccessor,
}

/// <summary>A current dimension (一级指标) against what it was, for the before/after radar.</summary>
/// <param name="Code">The current dimension's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Score">Its current subtotal.</param>
/// <param name="MaxPoints">Its current points.</param>
/// <param name="ScoreRate">Its current score rate (percent).</param>
/// <param name="Status">Whether a previous dimension maps to it.</param>
/// <param name="PreviousCodes">The previous dimensions that map to it (several when merged); empty when unmapped.</param>
public sealed record DimensionChange(string Code, string Name, decimal Score, decimal MaxPoints, decimal ScoreRate, ChangeStatus Status, IReadOnlyList<string> PreviousCodes)
{
    /// <summary>The previous subtotal (summed over merged dimensions); null when unmapped.</summary>
    public decimal? PreviousScore { get; init; }

    /// <summary>The previous points (summed over merged dimensions); null when unmapped.</summary>
    public decimal? PreviousMaxPoints { get; init; }

    /// <summary>The previous score rate (percent) of <see cref="PreviousScore"/> over <see cref="PreviousMaxPoints"/>; null when unmapped.</summary>
    public decimal? PreviousScoreRate { get; init; }

    /// <summary>Current minus previous score rate, in percentage points; null when unmapped.</summary>
    public decimal? ScoreRateChange => PreviousScoreRate is { } before ? ScoreRate - before : null;

    /// <summary>True when compared through a suggested link still to be confirmed.</summary>
    public bool NeedsReview { get; init; }
}

/// <summary>A current leaf against what it was.</summary>
/// <param name="Code">The current leaf's code.</param>
/// <param name="Name">Its name.</param>
/// <param name="DimensionCode">Its dimension's code.</param>
/// <param name="Role">Regular, bonus or veto.</param>
/// <param name="Points">Its current points (a bonus leaf's cap; 0 for a veto item).</param>
/// <param name="Score">Its current official score.</param>
/// <param name="Status">Whether a previous leaf maps to it.</param>
/// <param name="PreviousCodes">The previous leaves that map to it (several when merged); empty when unmapped.</param>
public sealed record IndicatorChange(string Code, string Name, string DimensionCode, LeafRole Role, decimal Points, decimal Score, ChangeStatus Status, IReadOnlyList<string> PreviousCodes)
{
    /// <summary>Its current score rate (percent); null for a leaf without points (a veto item).</summary>
    public decimal? ScoreRate => Points > 0 ? Scoring.Score.Rate(Score, Points) : null;

    /// <summary>The previous score (summed over merged leaves); null when unmapped.</summary>
    public decimal? PreviousScore { get; init; }

    /// <summary>The previous points (summed over merged leaves); null when unmapped.</summary>
    public decimal? PreviousPoints { get; init; }

    /// <summary>The previous score rate (percent); null when unmapped or without points.</summary>
    public decimal? PreviousScoreRate => PreviousPoints is > 0 && PreviousScore is { } score ? Scoring.Score.Rate(score, PreviousPoints.Value) : null;

    /// <summary>Current minus previous score; null when unmapped or for a veto item.</summary>
    public decimal? ScoreChange => Role != LeafRole.Veto && PreviousScore is { } before ? Score - before : null;

    /// <summary>Current minus previous score rate, in percentage points: the fair change when points differ; null when either rate is.</summary>
    public decimal? ScoreRateChange => ScoreRate is { } now && PreviousScoreRate is { } before ? now - before : null;

    /// <summary>For a veto item: whether the situation is found now.</summary>
    public bool? Finding { get; init; }

    /// <summary>For a veto item: whether it was found before (in any merged predecessor).</summary>
    public bool? PreviousFinding { get; init; }

    /// <summary>True when compared through a suggested link still to be confirmed.</summary>
    public bool NeedsReview { get; init; }
}

/// <summary>A previous dimension or leaf with no successor.</summary>
/// <param name="Code">Its code in the previous framework.</param>
/// <param name="Name">Its name.</param>
/// <param name="IsDimension">True for a dimension (一级指标), false for a leaf.</param>
/// <param name="Points">Its points then.</param>
/// <param name="Score">Its official score then.</param>
/// <param name="Reason">Dropped by the mapping, or not carried over.</param>
public sealed record DroppedIndicator(string Code, string Name, bool IsDimension, decimal Points, decimal Score, DroppedReason Reason)
{
    /// <summary>Its score rate then (percent); null without points.</summary>
    public decimal? ScoreRate => Points > 0 ? Scoring.Score.Rate(Score, Points) : null;
}
