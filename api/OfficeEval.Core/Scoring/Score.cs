namespace OfficeEval.Core.Scoring;

/// <summary>
/// The one place scores are rounded: two decimals, halves away from zero (the way offices round by hand).
/// Leaf scores are rounded once; subtotals and totals are exact sums of rounded leaves.
/// Score rates are percentages rounded to two decimals.
/// </summary>
public static class Score
{
    /// <summary>Decimals kept in every reported score.</summary>
    public const int Decimals = 2;

    /// <summary>Rounds a score to <see cref="Decimals"/> places, halves away from zero.</summary>
    public static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>Score rate (得分率) as a percentage, two decimals; 0 when nothing was possible.</summary>
    public static decimal Rate(decimal score, decimal max) => max <= 0 ? 0 : Round(score * 100m / max);

    /// <summary>Clamps a value into [0, max].</summary>
    public static decimal Clamp(decimal value, decimal max) => Math.Min(Math.Max(value, 0), max);
}
