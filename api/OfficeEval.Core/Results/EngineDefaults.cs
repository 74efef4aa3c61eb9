using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>
/// The engine's default policies in one place, reused by the scorer, the validators and the tests. Each can be
/// overridden per campaign by passing a policy or scheme of its own.
/// </summary>
public static class EngineDefaults
{
    /// <summary>A leaf's score: the reviewers' verified score when given, else the rule's computed score.</summary>
    public static IReadOnlyList<ScoreSource> SourceOrder { get; } = [ScoreSource.Verified, ScoreSource.Computed];

    /// <summary>
    /// A / B / C by score rate: A ≥ 90%, B ≥ 60%, C below. The 90 and 60 lines follow the finance-ministry bands
    /// (优 ≥ 90, 差 &lt; 60); the three-grade split itself is a default to be set per campaign.
    /// </summary>
    public static GradeScheme GradesAbc { get; } = GradeScheme.Thresholds([("A", 90m), ("B", 60m)], "C");

    /// <summary>优 / 良 / 中 / 差 by score rate: 优 ≥ 90%, 良 ≥ 80%, 中 ≥ 60%, 差 below (the finance-ministry standard bands).</summary>
    public static GradeScheme GradesFourLevel { get; } = GradeScheme.Thresholds([("优", 90m), ("良", 80m), ("中", 60m)], "差");

    /// <summary>Score-rate band edges of the campaign distribution: ≥90, 80–90, 70–80, 60–70, &lt;60 (lower edge inclusive).</summary>
    public static IReadOnlyList<decimal> DistributionEdges { get; } = [90m, 80m, 70m, 60m];
}
