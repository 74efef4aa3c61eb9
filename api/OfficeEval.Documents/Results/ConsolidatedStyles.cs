using OfficeEval.Core.Results;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// The consolidated workbook's stylesheet. Scores show two decimals, rates are fractions shown as percentages (so
/// Excel's own sums and averages work on them), and the board cell takes Excel's Good / Neutral / Bad colours, as the
/// task pane's results sheet does, so the two look alike.
/// </summary>
internal static class ConsolidatedStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Info = 2;
    public const uint Header = 3;
    public const uint Text = 4;
    public const uint Centered = 5;
    public const uint Score = 6;
    public const uint Rate = 7;
    public const uint Integer = 8;
    public const uint Deviation = 9;
    public const uint Green = 10;
    public const uint Yellow = 11;
    public const uint Red = 12;
    public const uint Label = 13;
    public const uint Heading = 14;

    /// <summary>Number formats: built-in 0.00 (2), 0.00% (10), 0 (1); the deviation's sign is shown.</summary>
    private const uint ScoreFormat = 2;
    private const uint RateFormat = 10;
    private const uint IntegerFormat = 1;
    private const uint DeviationFormat = 164;
    public const string DeviationFormatCode = "+0.00;-0.00;0.00";

    private const string FontName = StylesheetParts.TableFont;

    /// <summary>Fill (ARGB) and font colour of each board, as Excel's Good, Neutral and Bad styles.</summary>
    public static (string Fill, string Font) Colours(Board board) => board switch
    {
        Board.Green => ("FFC6EFCE", "FF006100"),
        Board.Yellow => ("FFFFEB9C", "FF9C5700"),
        Board.Red => ("FFFFC7CE", "FF9C0006"),
    };

    public static uint Of(Board board) => board switch
    {
        Board.Green => Green,
        Board.Yellow => Yellow,
        Board.Red => Red,
    };

    private enum FontId : uint { Normal, Bold, Title, Grey, Green, Yellow, Red, Heading }

    private enum FillId : uint { None, Gray125, Header, Green, Yellow, Red }

    public static S.Stylesheet Stylesheet()
    {
        var fonts = StylesheetParts.TableFonts(
            StylesheetParts.Font(FontName, 11, bold: true, colour: Colours(Board.Green).Font),
            StylesheetParts.Font(FontName, 11, bold: true, colour: Colours(Board.Yellow).Font),
            StylesheetParts.Font(FontName, 11, bold: true, colour: Colours(Board.Red).Font),
            StylesheetParts.Font(FontName, 12, bold: true));

        var fills = StylesheetParts.Fills("FFD9E1F2", Colours(Board.Green).Fill, Colours(Board.Yellow).Fill, Colours(Board.Red).Fill);

        var general = S.HorizontalAlignmentValues.General;
        var left = S.HorizontalAlignmentValues.Left;
        var center = S.HorizontalAlignmentValues.Center;
        var right = S.HorizontalAlignmentValues.Right;
        var formats = new S.CellFormats(
            Format(FontId.Normal, FillId.None, 0, general, 0),
            Format(FontId.Title, FillId.None, 0, center, 0),
            Format(FontId.Grey, FillId.None, 0, left, 0),
            Format(FontId.Bold, FillId.Header, 1, center, 0, wrap: true),
            Format(FontId.Normal, FillId.None, 1, left, 0),
            Format(FontId.Normal, FillId.None, 1, center, 0),
            Format(FontId.Normal, FillId.None, 1, right, ScoreFormat),
            Format(FontId.Normal, FillId.None, 1, right, RateFormat),
            Format(FontId.Normal, FillId.None, 1, center, IntegerFormat),
            Format(FontId.Normal, FillId.None, 1, right, DeviationFormat),
            Format(FontId.Green, FillId.Green, 1, center, 0),
            Format(FontId.Yellow, FillId.Yellow, 1, center, 0),
            Format(FontId.Red, FillId.Red, 1, center, 0),
            Format(FontId.Bold, FillId.None, 1, left, 0),
            Format(FontId.Heading, FillId.None, 0, left, 0));

        return StylesheetParts.Stylesheet(new S.NumberingFormats(new S.NumberingFormat { NumberFormatId = DeviationFormat, FormatCode = DeviationFormatCode }), fonts, fills, formats);
    }

    private static S.CellFormat Format(FontId font, FillId fill, uint border, S.HorizontalAlignmentValues horizontal, uint numberFormat, bool wrap = false) =>
        StylesheetParts.Centred((uint)font, (uint)fill, border, horizontal, wrap, numberFormat);
}
