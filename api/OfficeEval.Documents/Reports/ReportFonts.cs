using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// The typefaces of GB/T 9704 and how each falls back where it is not installed. A run names one East Asian font; the
/// font table gives each an alternate name (<c>w:altName</c>, which Word and WPS try next), the GB2312 character set
/// and a generic family, from which every renderer picks a Chinese face of the right style. Latin letters and digits
/// are set in Times New Roman (Liberation Serif on Linux, metric-compatible). What each platform renders is listed
/// in docs/reports.md.
/// </summary>
internal static class ReportFonts
{
    /// <summary>Body text and levels 3–4 (仿宋). On Windows with the official fonts installed; else its alternate 仿宋.</summary>
    public const string Fangsong = "仿宋_GB2312";

    /// <summary>Level-2 headings (楷体).</summary>
    public const string Kaiti = "楷体_GB2312";

    /// <summary>Level-1 headings and table headers (黑体).</summary>
    public const string Heiti = "黑体";

    /// <summary>Page numbers (宋体).</summary>
    public const string Songti = "宋体";

    /// <summary>The title (小标宋).</summary>
    public const string Title = "方正小标宋简体";

    /// <summary>Latin letters and digits.</summary>
    public const string Latin = "Times New Roman";

    /// <summary>East Asian text in <paramref name="eastAsia"/>, Latin in <see cref="Latin"/>.</summary>
    public static W.RunFonts Run(string eastAsia) => new()
    {
        Ascii = Latin,
        HighAnsi = Latin,
        EastAsia = eastAsia,
        ComplexScript = Latin,
    };

    /// <summary>Every font the documents name, with its fallbacks (see the class summary).</summary>
    public static void Write(FontTablePart part)
    {
        part.Fonts = new W.Fonts(
            Font(Latin, null, "00", W.FontFamilyValues.Roman, "02020603050405020304"),
            Font(Songti, "SimSun", "86", W.FontFamilyValues.Roman, "02010600030101010101"),
            Font(Fangsong, "仿宋", "86", W.FontFamilyValues.Roman, null),
            Font(Kaiti, "楷体", "86", W.FontFamilyValues.Roman, null),
            Font(Heiti, "SimHei", "86", W.FontFamilyValues.Swiss, "02010609060101010101"),
            Font(Title, "宋体", "86", W.FontFamilyValues.Roman, null));
    }

    private static W.Font Font(string name, string? altName, string charset, W.FontFamilyValues family, string? panose)
    {
        var font = new W.Font { Name = name };
        if (altName is not null)
        {
            font.Append(new W.AltName { Val = altName });
        }

        if (panose is not null)
        {
            font.Append(new W.Panose1Number { Val = panose });
        }

        font.Append(
            new W.FontCharSet { Val = charset },
            new W.FontFamily { Val = family },
            new W.Pitch { Val = W.FontPitchValues.Variable });
        return font;
    }
}
