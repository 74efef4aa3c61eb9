namespace OfficeEval.Core.Scoring;

/// <summary>A unit's answer to one leaf indicator.</summary>
/// <param name="IndicatorCode">The leaf's code.</param>
public sealed record Answer(string IndicatorCode)
{
    /// <summary>The option picked on a qualitative scale.</summary>
    public string? Option { get; init; }

    /// <summary>A number: a count of occurrences, a value, a percentage.</summary>
    public decimal? Number { get; init; }

    /// <summary>The score the unit gives itself (自评得分).</summary>
    public decimal? SelfScore { get; init; }

    /// <summary>情况说明: the unit's explanation.</summary>
    public string? Explanation { get; init; }
}
