namespace OfficeEval.Core.Ahp;

/// <summary>
/// The constants of the analytic hierarchy process (层次分析法) in one place: the Saaty scale's bounds, the random
/// index table, the consistency limit, tolerances and the decimals reported.
/// </summary>
public static class AhpPolicy
{
    /// <summary>The largest matrix accepted (the random index table stops at 15).</summary>
    public const int MaxOrder = 15;

    /// <summary>The smallest Saaty value, 1/9 (extremely less important).</summary>
    public const double MinEntry = 1d / 9d;

    /// <summary>The largest Saaty value, 9 (extremely more important).</summary>
    public const double MaxEntry = 9d;

    /// <summary>
    /// Relative tolerance when checking the diagonal, the scale bounds and reciprocity (|a_ij × a_ji − 1| ≤ 0.05).
    /// Reciprocals typed with two decimals are up to 4% off (0.13 for 1/8, 0.14 for 1/7) and must pass, while
    /// neighbouring Saaty values are at least 12.5% apart (9 against 8) and are still told apart.
    /// </summary>
    public const double EntryTolerance = 0.05;

    /// <summary>A matrix is acceptably consistent when its consistency ratio, as reported, is at most 0.1 (Saaty).</summary>
    public const decimal ConsistencyRatioLimit = 0.1m;

    /// <summary>Power iteration stops when no weight moves by more than this between iterations.</summary>
    public const double ConvergenceTolerance = 1e-12;

    /// <summary>Power iteration gives up after this many iterations (positive matrices converge long before).</summary>
    public const int MaxIterations = 10_000;

    /// <summary>Decimals of the reported weights (which are adjusted to sum to exactly 1).</summary>
    public const int WeightDecimals = 4;

    /// <summary>Decimals of the reported λmax, CI and CR.</summary>
    public const int RatioDecimals = 4;

    /// <summary>
    /// Saaty's random consistency index RI for n = 1…15 (index n − 1): the mean CI of random reciprocal matrices
    /// (T. L. Saaty, <i>The Analytic Hierarchy Process</i>, 1980; extended to n = 15 as transcribed in the R package
    /// AHPWR). n = 12 is 1.48 as published there; another transcription gives 1.53 — this table is the one used.
    /// </summary>
    public static IReadOnlyList<decimal> RandomIndex { get; } =
        [0m, 0m, 0.58m, 0.90m, 1.12m, 1.24m, 1.32m, 1.41m, 1.45m, 1.49m, 1.51m, 1.48m, 1.56m, 1.57m, 1.59m];

    /// <summary>The random index for a matrix of order <paramref name="n"/> (1…<see cref="MaxOrder"/>).</summary>
    public static decimal RandomIndexFor(int n) =>
        n is >= 1 and <= MaxOrder ? RandomIndex[n - 1] : throw new ArgumentOutOfRangeException(nameof(n), n, "The order must be 1 to 15.");
}
