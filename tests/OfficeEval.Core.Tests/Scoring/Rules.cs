using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

/// <summary>Rules and answers used across the rule, framework and results tests.</summary>
internal static class Rules
{
    /// <summary>
    /// 预算控制率-style bands in points on a 5-point leaf, contiguous, every edge kind:
    /// <code>
    /// 值≤0        → 5      (upper edge inclusive)
    /// 0&lt;值≤10    → 4      (lower exclusive, upper inclusive)
    /// 10&lt;值&lt;20   → 3      (both exclusive)
    /// 20≤值≤30    → 2      (both inclusive)
    /// 值&gt;30       → 0      (lower exclusive)
    /// </code>
    /// </summary>
    public static BandsRule BudgetBands() => new(
    [
        new Band(null, null, 0m, true, 5m),
        new Band(0m, false, 10m, true, 4m),
        new Band(10m, false, 20m, false, 3m),
        new Band(20m, true, 30m, true, 2m),
        new Band(30m, false, null, null, 0m),
    ], BandScoreKind.Points);

    /// <summary>Workload saturation as fractions: ≥90 → 1, 80 ≤ v &lt; 90 → 0.9, 65 ≤ v &lt; 80 → 0.7, &lt;65 → 0.4.</summary>
    public static BandsRule SaturationBands() => new(
    [
        new Band(90m, true, null, null, 1m),
        new Band(80m, true, 90m, false, 0.9m),
        new Band(65m, true, 80m, false, 0.7m),
        new Band(null, null, 65m, false, 0.4m),
    ]);

    /// <summary>Staff ≤35 / 36–50 / 51–60 / over 60 with factors 1 / 0.8 / 0.5 / 0, counted from the age-band table.</summary>
    public static ShareRule AgeShares() => new(
    [
        new ShareFactor("35岁及以下", 1m, AgeBand.UpTo35),
        new ShareFactor("36-50岁", 0.8m, AgeBand.From36To50),
        new ShareFactor("51-60岁", 0.5m, AgeBand.From51To60),
        new ShareFactor("60岁以上", 0m, AgeBand.Over60),
    ], ShareSource.AgeBands);

    public static Answer Number(string code, decimal? value) => new(code) { Number = value };

    public static LeafScore Score(ScoringRule rule, decimal? number, decimal points = 10m, string code = "1.1") =>
        RuleScorer.ScoreLeaf(code, points, rule, new Answer(code) { Number = number });
}
