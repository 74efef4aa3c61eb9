using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>The stylesheet: a few cell formats, referenced by index.</summary>
internal static class WorkbookStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Info = 2;
    public const uint Header = 3;
    public const uint Locked = 4;
    public const uint LockedNumber = 5;
    public const uint Input = 6;
    public const uint InputNumber = 7;
    public const uint TotalLabel = 8;
    public const uint TotalNumber = 9;

    private const string FontName = "宋体";

    public static void Write(WorkbookStylesPart part)
    {
        var fonts = new S.Fonts(
            Font(11, bold: false),
            Font(11, bold: true),
            Font(16, bold: true))
        { Count = 3U };

        var fills = new S.Fills(
            new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }),
            new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 }),
            Solid("FFD9E1F2"),
            Solid("FFFFF2CC"))
        { Count = 4U };

        var thin = new S.Border(
            new S.LeftBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.RightBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.TopBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.BottomBorder(new S.Color { Auto = true }) { Style = S.BorderStyleValues.Thin },
            new S.DiagonalBorder());
        var borders = new S.Borders(new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder()), thin) { Count = 2U };

        var formats = new S.CellFormats(
            Format(0, 0, 0, S.HorizontalAlignmentValues.General, locked: true, wrap: false),
            Format(2, 0, 0, S.HorizontalAlignmentValues.Center, locked: true, wrap: false),
            Format(0, 0, 0, S.HorizontalAlignmentValues.Left, locked: true, wrap: false),
            Format(1, 2, 1, S.HorizontalAlignmentValues.Center, locked: true, wrap: true),
            Format(0, 0, 1, S.HorizontalAlignmentValues.Left, locked: true, wrap: true),
            Format(0, 0, 1, S.HorizontalAlignmentValues.Center, locked: true, wrap: false),
            Format(0, 3, 1, S.HorizontalAlignmentValues.Left, locked: false, wrap: true),
            Format(0, 3, 1, S.HorizontalAlignmentValues.Center, locked: false, wrap: false),
            Format(1, 0, 1, S.HorizontalAlignmentValues.Center, locked: true, wrap: false),
            Format(1, 0, 1, S.HorizontalAlignmentValues.Center, locked: true, wrap: false))
        { Count = 10U };

        part.Stylesheet = new S.Stylesheet(
            fonts,
            fills,
            borders,
            new S.CellStyleFormats(new S.CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            formats,
            new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
    }

    private static S.Font Font(double size, bool bold)
    {
        var font = new S.Font();
        if (bold)
        {
            font.Append(new S.Bold());
        }

        font.Append(new S.FontSize { Val = size }, new S.FontName { Val = FontName }, new S.FontFamilyNumbering { Val = 2 }, new S.FontCharSet { Val = 134 });
        return font;
    }

    private static S.Fill Solid(string argb) =>
        new(new S.PatternFill(new S.ForegroundColor { Rgb = HexBinaryValue.FromString(argb) }, new S.BackgroundColor { Indexed = 64U }) { PatternType = S.PatternValues.Solid });

    private static S.CellFormat Format(uint font, uint fill, uint border, S.HorizontalAlignmentValues horizontal, bool locked, bool wrap) =>
        new(
            new S.Alignment { Horizontal = horizontal, Vertical = S.VerticalAlignmentValues.Center, WrapText = wrap },
            new S.Protection { Locked = locked })
        {
            NumberFormatId = 0U,
            FontId = font,
            FillId = fill,
            BorderId = border,
            FormatId = 0U,
            ApplyFont = true,
            ApplyFill = true,
            ApplyBorder = true,
            ApplyAlignment = true,
            ApplyProtection = true,
        };
}
