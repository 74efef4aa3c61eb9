namespace OfficeEval.Core.Scoring;

/// <summary>A unit's answer to one leaf indicator.</summary>
/// <param name="IndicatorCode">The leaf's code.</param>
public sealed record Answer(string IndicatorCode)
{
    /// <summary>The option picked on a qualitative scale.</summary>
    public string? Option { get; init; }

    /// <summary>A number: a count of occurrences, a value, a percentage (18.5 for 18.5%).</summary>
    public decimal? Number { get; init; }

    /// <summary>A veto item's finding: true when the situation was found (有), false when not (无).</summary>
    public bool? Finding { get; init; }

    /// <summary>Counts per group for a <see cref="ShareRule"/> answered by the unit, keyed by the group's label.</summary>
    public IReadOnlyDictionary<string, decimal>? Counts { get; init; }

    /// <summary>The score the unit gives itself (自评得分).</summary>
    public decimal? SelfScore { get; init; }

    /// <summary>情况说明: the unit's explanation.</summary>
    public string? Explanation { get; init; }
}
