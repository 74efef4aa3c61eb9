using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>A unit's scores.</summary>
/// <param name="Total">The dimension subtotals plus the bonus (within each pool's cap); 0 when a 一票否决 item was found.</param>
/// <param name="MaxTotal">The framework's total points.</param>
/// <param name="ScoreRate">得分率 in percent, of <paramref name="MaxTotal"/>; above 100 is possible with bonus.</param>
/// <param name="Dimensions">Per first-level indicator.</param>
/// <param name="Leaves">Per leaf, in framework order.</param>
/// <param name="Problems">Every problem with the answers, facts, survey results and verifications.</param>
public sealed record UnitScore(decimal Total, decimal MaxTotal, decimal ScoreRate, IReadOnlyList<DimensionScore> Dimensions, IReadOnlyList<LeafScore> Leaves, IReadOnlyList<EngineProblem> Problems)
{
    /// <summary>Sum of the dimension subtotals (基础得分), before bonus and veto.</summary>
    public decimal BaseTotal { get; init; }

    /// <summary>Bonus added to the total: the sum of every pool's awarded points.</summary>
    public decimal Bonus { get; init; }

    /// <summary>Per bonus pool: what the leaves claimed and what was awarded.</summary>
    public IReadOnlyList<BonusPoolScore> BonusPools { get; init; } = [];

    /// <summary>The veto items found.</summary>
    public IReadOnlyList<VetoFinding> Vetoes { get; init; } = [];

    /// <summary>True when a 一票否决 item zeroed the total.</summary>
    public bool Vetoed { get; init; }

    /// <summary>How the total was reached, in Chinese; the empty string when scored with <see cref="ScoringPolicy.Explain"/> off.</summary>
    public string Explanation { get; init; } = "";
}

/// <summary>A first-level indicator's subtotal.</summary>
/// <param name="Code">Dimension code.</param>
/// <param name="Name">Dimension name.</param>
/// <param name="Score">Sum of its counted leaves' scores (bonus and veto leaves excluded).</param>
/// <param name="MaxPoints">Its points.</param>
/// <param name="ScoreRate">得分率 in percent.</param>
public sealed record DimensionScore(string Code, string Name, decimal Score, decimal MaxPoints, decimal ScoreRate);

/// <summary>A bonus pool's result for one unit.</summary>
/// <param name="Code">Pool code.</param>
/// <param name="Name">Pool name.</param>
/// <param name="Claimed">Sum of its leaves' scores.</param>
/// <param name="Cap">The pool's cap.</param>
/// <param name="Awarded">min(<paramref name="Claimed"/>, <paramref name="Cap"/>): what is added to the total.</param>
public sealed record BonusPoolScore(string Code, string Name, decimal Claimed, decimal Cap, decimal Awarded);

/// <summary>A veto item found for a unit.</summary>
/// <param name="Code">The veto leaf's code.</param>
/// <param name="Name">The veto leaf's name.</param>
/// <param name="Effect">Cap the grade or zero the total.</param>
/// <param name="MaxGrade">For a grade cap: the best grade allowed; null for “one below the best”.</param>
public sealed record VetoFinding(string Code, string Name, VetoEffect Effect, string? MaxGrade);
