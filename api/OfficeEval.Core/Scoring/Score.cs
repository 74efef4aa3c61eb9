namespace OfficeEval.Core.Scoring;

/// <summary>
/// The one place scores are rounded: two decimals, halves away from zero (the way offices round by hand).
/// Leaf scores are rounded once; subtotals and totals are exact sums of rounded leaves.
/// Score rates are percentages rounded to two decimals; averages are rounded once, after averaging exact values.
/// Grade quotas (how many units a forced share allows) are rounded here too.
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

    /// <summary>
    /// How many of <paramref name="count"/> units a share of <paramref name="percent"/>% allows:
    /// rounded down by default (a share is a ceiling, “不超过”), or to the nearest whole unit, halves up.
    /// </summary>
    public static int Quota(int count, decimal percent, QuotaRounding rounding)
    {
        var exact = count * Math.Clamp(percent, 0m, 100m) / 100m;
        var whole = rounding == QuotaRounding.Nearest ? Math.Round(exact, 0, MidpointRounding.AwayFromZero) : decimal.Floor(exact);
        return (int)whole;
    }
}

/// <summary>How a forced share turns into a number of units.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<QuotaRounding>))]
public enum QuotaRounding
{
    /// <summary>Rounded down: a 20% share of 12 units is 2 (2.4).</summary>
    Down,
    /// <summary>Rounded to nearest, halves up: a 20% share of 13 units is 3 (2.6), of 12 is 2 (2.4).</summary>
    Nearest,
}
