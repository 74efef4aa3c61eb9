using System.Globalization;

namespace OfficeEval.Core.Scoring;

/// <summary>A band as explanations show it, e.g. <c>80≤值&lt;90</c>, <c>值≥90</c>, <c>值&lt;60</c>; formats without allocating.</summary>
internal readonly struct BandText(Band band) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (band.From is null && band.To is null)
        {
            return Write(destination, ref charsWritten, "任意值");
        }

        if (band.From is { } from)
        {
            if (band.To is null)
            {
                return Write(destination, ref charsWritten, band.FromInclusive == true ? "值≥" : "值>")
                    && Write(destination, ref charsWritten, Num.V(from));
            }

            if (!Write(destination, ref charsWritten, Num.V(from)) || !Write(destination, ref charsWritten, band.FromInclusive == true ? "≤" : "<"))
            {
                return false;
            }
        }

        return Write(destination, ref charsWritten, "值")
            && Write(destination, ref charsWritten, band.ToInclusive == true ? "≤" : "<")
            && Write(destination, ref charsWritten, Num.V(band.To!.Value));
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => string.Create(CultureInfo.InvariantCulture, $"{this}");

    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    private static bool Write(Span<char> destination, ref int written, string text)
    {
        if (!text.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += text.Length;
        return true;
    }

    private static bool Write(Span<char> destination, ref int written, Num number)
    {
        if (!number.TryFormat(destination[written..], out var chars, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        written += chars;
        return true;
    }
}
