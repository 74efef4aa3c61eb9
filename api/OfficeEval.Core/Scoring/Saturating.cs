namespace OfficeEval.Core.Scoring;

/// <summary>
/// Decimal arithmetic that saturates at <see cref="decimal.MaxValue"/> / <see cref="decimal.MinValue"/> instead of
/// throwing: answers come from users' cells and may hold 1E+28, and the engine never throws on bad input.
/// A saturated intermediate is always clamped into [0, points] afterwards.
/// </summary>
internal static class Saturating
{
    public static decimal Mul(decimal a, decimal b)
    {
        if (a == 0 || b == 0)
        {
            return 0;
        }

        var absB = Math.Abs(b);
        if (absB > 1 && Math.Abs(a) > decimal.MaxValue / absB)
        {
            return (a > 0) == (b > 0) ? decimal.MaxValue : decimal.MinValue;
        }

        return a * b;
    }

    public static decimal Sub(decimal a, decimal b)
    {
        if (b < 0 && a > decimal.MaxValue + b)
        {
            return decimal.MaxValue;
        }

        if (b > 0 && a < decimal.MinValue + b)
        {
            return decimal.MinValue;
        }

        return a - b;
    }

    public static decimal Add(decimal a, decimal b)
    {
        if (b > 0 && a > decimal.MaxValue - b)
        {
            return decimal.MaxValue;
        }

        if (b < 0 && a < decimal.MinValue - b)
        {
            return decimal.MinValue;
        }

        return a + b;
    }

    /// <summary>a ÷ b for b ≠ 0.</summary>
    public static decimal Div(decimal a, decimal b)
    {
        var absB = Math.Abs(b);
        if (absB < 1 && Math.Abs(a) > decimal.MaxValue * absB)
        {
            return (a > 0) == (b > 0) ? decimal.MaxValue : decimal.MinValue;
        }

        return a / b;
    }
}
