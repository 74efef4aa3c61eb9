using System.Globalization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// A number as explanations show it: rounded to at most <see cref="Decimals"/> places (halves away from zero, like
/// <c>0.##</c>), trailing zeros dropped, invariant culture. Formats straight into the interpolation buffer without
/// allocating, several times faster than a custom format string; explanations are built for every leaf of every unit.
/// </summary>
internal readonly struct Num(decimal value, int decimals) : ISpanFormattable
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000];

    public decimal Value { get; } = value;

    public int Decimals { get; } = decimals;

    /// <summary>A score: two decimals at most.</summary>
    public static Num S(decimal value) => new(value, 2);

    /// <summary>A value or parameter: four decimals at most.</summary>
    public static Num V(decimal value) => new(value, 4);

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var value = Value.Scale > Decimals ? Math.Round(Value, Decimals, MidpointRounding.AwayFromZero) : Value;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0 || bits[1] < 0)
        {
            // Beyond 2^63 units of the last place: rare enough for the general formatter.
            return value.TryFormat(destination, out charsWritten, Decimals == 2 ? "0.##" : "0.####", CultureInfo.InvariantCulture);
        }

        var unscaled = ((long)bits[1] << 32) | (uint)bits[0];
        var scale = value.Scale;
        var power = Powers[scale];
        var integer = unscaled / power;
        var fraction = unscaled % power;
        charsWritten = 0;
        if (bits[3] < 0 && unscaled != 0)
        {
            if (destination.Length < 1)
            {
                return false;
            }

            destination[0] = '-';
            charsWritten = 1;
        }

        if (!integer.TryFormat(destination[charsWritten..], out var integerChars, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        charsWritten += integerChars;
        if (fraction == 0)
        {
            return true;
        }

        var digits = scale;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        if (destination.Length < charsWritten + 1 + digits)
        {
            return false;
        }

        destination[charsWritten++] = '.';
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[charsWritten + i] = (char)('0' + (fraction % 10));
            fraction /= 10;
        }

        charsWritten += digits;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> buffer = stackalloc char[40];
        return TryFormat(buffer, out var written, default, formatProvider) ? new string(buffer[..written]) : Value.ToString(CultureInfo.InvariantCulture);
    }

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
}
