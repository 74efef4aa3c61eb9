using DocumentFormat.OpenXml;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents;

/// <summary>Pieces the product's spreadsheet stylesheets are built from.</summary>
internal static class StylesheetParts
{
    /// <summary>A font with a CJK character set (134, GB2312), so Excel and WPS pick the Chinese face.</summary>
    public static S.Font Font(string name, double size, bool bold, string? colour = null)
    {
        var font = new S.Font();
        if (bold)
        {
            font.Append(new S.Bold());
        }

        font.Append(new S.FontSize { Val = size });
        if (colour is not null)
        {
            font.Append(new S.Color { Rgb = HexBinaryValue.FromString(colour) });
        }

        font.Append(new S.FontName { Val = name }, new S.FontFamilyNumbering { Val = 2 }, new S.FontCharSet { Val = 134 });
        return font;
    }

    /// <summary>A solid fill of the colour (ARGB hex).</summary>
    public static S.Fill Solid(string argb) =>
        new(new S.PatternFill(new S.ForegroundColor { Rgb = HexBinaryValue.FromString(argb) }, new S.BackgroundColor { Indexed = 64U }) { PatternType = S.PatternValues.Solid });
}
