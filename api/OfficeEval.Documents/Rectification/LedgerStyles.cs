using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Rectification;

/// <summary>
/// The ledger workbook's stylesheet, referenced by index: the consolidated workbook's look (宋体, blue headers, thin
/// borders), text wrapped in its column, dates as yyyy-mm-dd, and one differential format — Excel's Bad colours — that
/// the ledger's conditional format puts on overdue rows.
/// </summary>
internal static class LedgerStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Info = 2;
    public const uint Header = 3;
    public const uint Text = 4;
    public const uint Centered = 5;
    public const uint Date = 6;
    public const uint Integer = 7;
    public const uint Rate = 8;
    public const uint TotalLabel = 9;
    public const uint TotalInteger = 10;
    public const uint TotalRate = 11;

    /// <summary>The differential format of an overdue row.</summary>
    public const uint OverdueFormat = 0;

    private const uint DateFormat = 164;
    private const uint IntegerFormat = 1;
    private const uint RateFormat = 165;

    private enum FontId : uint { Normal, Bold, Title, Grey }

    private enum FillId : uint { None, Gray125, Header, Total }

    public static S.Stylesheet Stylesheet()
    {
        var fonts = StylesheetParts.TableFonts();
        var fills = StylesheetParts.Fills("FFD9E1F2", "FFF2F2F2");

        var left = S.HorizontalAlignmentValues.Left;
        var center = S.HorizontalAlignmentValues.Center;
        var formats = new S.CellFormats(
            Format(FontId.Normal, FillId.None, 0, S.HorizontalAlignmentValues.General, wrap: false),
            Format(FontId.Title, FillId.None, 0, center, wrap: false),
            Format(FontId.Grey, FillId.None, 0, left, wrap: false),
            Format(FontId.Bold, FillId.Header, 1, center, wrap: true),
            Format(FontId.Normal, FillId.None, 1, left, wrap: true),
            Format(FontId.Normal, FillId.None, 1, center, wrap: true),
            Format(FontId.Normal, FillId.None, 1, center, wrap: false, DateFormat),
            Format(FontId.Normal, FillId.None, 1, center, wrap: false, IntegerFormat),
            Format(FontId.Normal, FillId.None, 1, center, wrap: false, RateFormat),
            Format(FontId.Bold, FillId.Total, 1, center, wrap: false),
            Format(FontId.Bold, FillId.Total, 1, center, wrap: false, IntegerFormat),
            Format(FontId.Bold, FillId.Total, 1, center, wrap: false, RateFormat));

        var stylesheet = StylesheetParts.Stylesheet(
            new S.NumberingFormats(
                new S.NumberingFormat { NumberFormatId = DateFormat, FormatCode = StylesheetParts.DateFormatCode },
                new S.NumberingFormat { NumberFormatId = RateFormat, FormatCode = "0.0%" }),
            fonts, fills, formats);
        stylesheet.Append(new S.DifferentialFormats(
            new S.DifferentialFormat(
                new S.Font(new S.Color { Rgb = "FF9C0006" }),
                new S.Fill(new S.PatternFill(new S.BackgroundColor { Rgb = "FFFFC7CE" }) { PatternType = S.PatternValues.Solid })))
        { Count = 1U });
        return stylesheet;
    }

    private static S.CellFormat Format(FontId font, FillId fill, uint border, S.HorizontalAlignmentValues horizontal, bool wrap, uint numberFormat = 0U) =>
        StylesheetParts.Centred((uint)font, (uint)fill, border, horizontal, wrap, numberFormat);
}
