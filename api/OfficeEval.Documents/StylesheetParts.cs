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

    /// <summary>The fonts given, counted.</summary>
    public static S.Fonts Fonts(params S.Font[] fonts) => new(fonts) { Count = (uint)fonts.Length };

    /// <summary>The font of the tables' workbooks (results, surveys, ledger).</summary>
    public const string TableFont = "宋体";

    /// <summary>
    /// The fonts of a table workbook: 0 normal and 1 bold (11 pt), 2 the title (16 pt bold), 3 notes (10 pt grey), in
    /// <see cref="TableFont"/>; then <paramref name="more"/> from 4.
    /// </summary>
    public static S.Fonts TableFonts(params S.Font[] more) => Fonts(
    [
        Font(TableFont, 11, bold: false),
        Font(TableFont, 11, bold: true),
        Font(TableFont, 16, bold: true),
        Font(TableFont, 10, bold: false, colour: "FF595959"),
        .. more,
    ]);

    /// <summary>Dates as 2026-03-31 (the hyphens escaped, so no locale turns them into its own separator).</summary>
    public const string DateFormatCode = "yyyy\\-mm\\-dd";

    /// <summary>The two fills Excel reserves (none, gray125) followed by solid fills of the colours given (ARGB hex).</summary>
    public static S.Fills Fills(params string[] solidColours)
    {
        var fills = new S.Fills(new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }), new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 }));
        foreach (var colour in solidColours)
        {
            fills.Append(Solid(colour));
        }

        fills.Count = (uint)fills.ChildElements.Count;
        return fills;
    }

    /// <summary>Border 0, none, and border 1, thin on all four sides.</summary>
    public static S.Borders Borders()
    {
        var thin = new S.Border(
            new S.LeftBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.RightBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.TopBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.BottomBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.DiagonalBorder());
        return new S.Borders(new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder()), thin) { Count = 2U };
    }

    /// <summary>A stylesheet of these parts, with the single "Normal" cell style every format derives from.</summary>
    public static S.Stylesheet Stylesheet(S.NumberingFormats? numberingFormats, S.Fonts fonts, S.Fills fills, S.CellFormats formats)
    {
        formats.Count = (uint)formats.ChildElements.Count;
        var stylesheet = new S.Stylesheet();
        if (numberingFormats is not null)
        {
            numberingFormats.Count = (uint)numberingFormats.ChildElements.Count;
            stylesheet.Append(numberingFormats);
        }

        stylesheet.Append(
            fonts,
            fills,
            Borders(),
            new S.CellStyleFormats(new S.CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            formats,
            new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
        return stylesheet;
    }

    /// <summary>A cell format centred vertically, wrapping text only when <paramref name="wrap"/> (see <see cref="Format"/>).</summary>
    public static S.CellFormat Centred(uint font, uint fill, uint border, S.HorizontalAlignmentValues horizontal, bool wrap, uint numberFormat = 0U) =>
        Format(font, fill, border, horizontal, S.VerticalAlignmentValues.Center, wrap ? true : null, numberFormat);

    /// <summary>
    /// A cell format applying its font, fill, border, alignment and number format (0 for General); with
    /// <paramref name="locked"/> given, its protection too. <paramref name="wrap"/> null leaves wrapping unset.
    /// </summary>
    public static S.CellFormat Format(uint font, uint fill, uint border, S.HorizontalAlignmentValues horizontal, S.VerticalAlignmentValues vertical,
        bool? wrap, uint numberFormat = 0U, bool? locked = null)
    {
        var format = new S.CellFormat(new S.Alignment { Horizontal = horizontal, Vertical = vertical, WrapText = wrap })
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = fill,
            BorderId = border,
            FormatId = 0U,
            ApplyNumberFormat = numberFormat != 0U,
            ApplyFont = true,
            ApplyFill = true,
            ApplyBorder = true,
            ApplyAlignment = true,
        };
        if (locked is { } value)
        {
            format.Append(new S.Protection { Locked = value });
            format.ApplyProtection = true;
        }

        return format;
    }
}
