using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>Everything the engine scores one unit from.</summary>
/// <param name="Answers">The unit's answers (自评), keyed by leaf code.</param>
public sealed record UnitInput(IReadOnlyDictionary<string, Answer> Answers)
{
    /// <summary>The reviewers' field-evaluation results (实地评估), keyed by leaf code.</summary>
    public IReadOnlyDictionary<string, Verification> Verified { get; init; } = Empty<Verification>.Map;

    /// <summary>The unit's data tables, for metric rules and age-band share rules.</summary>
    public UnitFacts? Facts { get; init; }

    /// <summary>Survey results as a fraction 0..1 per survey-linked leaf code.</summary>
    public IReadOnlyDictionary<string, decimal> SurveyFractions { get; init; } = Empty<decimal>.Map;

    private static class Empty<T>
    {
        public static readonly IReadOnlyDictionary<string, T> Map = new Dictionary<string, T>(StringComparer.Ordinal);
    }
}

/// <summary>
/// A reviewer's verification of one leaf: the verified score (实地评估得分) of a scored or bonus leaf, or the
/// verified finding of a veto leaf. Either overrides the unit's own answer as the scoring policy says.
/// </summary>
/// <param name="Score">The verified score, 0..the leaf's points.</param>
/// <param name="Finding">For a veto leaf: whether the situation was found.</param>
public sealed record Verification(decimal? Score = null, bool? Finding = null);

/// <summary>How a unit's leaf scores are chosen.</summary>
/// <param name="SourceOrder">
/// Sources in order of preference; the first available one gives the leaf's score. <see cref="ScoreSource.Computed"/>
/// is always available and is implied at the end when missing. A verified or self score is available when given
/// and within [0, points]. Veto leaves take a verified finding over the answer whatever the order.
/// </param>
public sealed record ScoringPolicy(IReadOnlyList<ScoreSource> SourceOrder)
{
    /// <summary>Verified over computed: the reviewers' score when they gave one, else the rule's score.</summary>
    public static ScoringPolicy Default { get; } = new(EngineDefaults.SourceOrder);

    /// <summary>
    /// Whether to build the Chinese explanations (<see cref="LeafScore.Explanation"/> and <see cref="UnitScore.Explanation"/>);
    /// true by default. Turn it off where no explanation is shown, e.g. when a whole campaign is consolidated for
    /// ranking, grades, boards and statistics: every score, subtotal, total, finding and problem is the same either
    /// way, and only the explanations are then empty strings. Building them is a large share of scoring's time and
    /// memory.
    /// </summary>
    public bool Explain { get; init; } = true;
}
