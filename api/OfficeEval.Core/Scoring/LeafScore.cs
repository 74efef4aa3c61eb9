namespace OfficeEval.Core.Scoring;

/// <summary>The score of one leaf.</summary>
/// <param name="Code">Leaf code.</param>
/// <param name="Points">Leaf points (the maximum; for a bonus leaf its cap; 0 for a veto leaf).</param>
/// <param name="Value">The leaf's score, rounded, within [0, points]: from the first available source
/// (see <see cref="Source"/>); <see cref="RuleScorer.ScoreLeaf"/> alone gives the rule's score.</param>
/// <param name="SelfScore">The unit's own score, as entered.</param>
/// <param name="Explanation">How <paramref name="Value"/> was reached, in Chinese; the empty string when the unit was
/// scored with <see cref="Results.ScoringPolicy.Explain"/> off.</param>
/// <param name="Problems">Problems with the answer, the facts, the survey result or the verification.</param>
public sealed record LeafScore(string Code, decimal Points, decimal Value, decimal? SelfScore, string Explanation, IReadOnlyList<EngineProblem> Problems)
{
    /// <summary>The score the rule computed from the answer, the unit's facts or the survey result.</summary>
    public decimal Computed { get; init; }

    /// <summary>The reviewers' verified score (实地评估得分), when given and valid.</summary>
    public decimal? Verified { get; init; }

    /// <summary>Where <see cref="LeafScore.Value"/> came from.</summary>
    public ScoreSource Source { get; init; } = ScoreSource.Computed;

    /// <summary>Whether the leaf counts in subtotals, feeds a bonus pool, or is a veto item.</summary>
    public LeafRole Role { get; init; }

    /// <summary>For a veto leaf: whether the situation was found (after verification); null otherwise.</summary>
    public bool? Finding { get; init; }

    /// <summary>Self-score minus verified score (自评偏差); null unless both are present.</summary>
    public decimal? Deviation => SelfScore is { } self && Verified is { } verified ? self - verified : null;
}

/// <summary>Where a leaf's score comes from; the order of preference is set by the scoring policy.</summary>
public enum ScoreSource
{
    /// <summary>Computed by the leaf's rule (answer, facts or survey).</summary>
    Computed,
    /// <summary>Verified by the reviewers in the field evaluation.</summary>
    Verified,
    /// <summary>The unit's self-score.</summary>
    SelfScore,
}

/// <summary>How a leaf takes part in a unit's total.</summary>
public enum LeafRole
{
    /// <summary>Counts in its dimension's subtotal.</summary>
    Regular,
    /// <summary>Feeds a bonus pool, added to the total up to the pool's cap.</summary>
    Bonus,
    /// <summary>A veto item: no score; a finding caps the grade or zeroes the total.</summary>
    Veto,
}
