using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// The stylesheet of the distribution and responses workbooks, referenced by index: the consolidated workbook's look
/// (宋体, blue headers, thin borders), plus links, dates and the grey of an item a group is not asked.
/// </summary>
internal static class SurveyStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Info = 2;
    public const uint Header = 3;
    public const uint Text = 4;
    public const uint Centered = 5;
    public const uint Link = 6;
    public const uint Date = 7;
    public const uint NotAsked = 8;
    public const uint Paragraph = 9;
    public const uint Heading = 10;
    public const uint Code = 11;

    private const uint DateFormat = 164;
    private const uint TextFormat = 49;

    private enum FontId : uint { Normal, Bold, Title, Grey, Link, Heading }

    private enum FillId : uint { None, Gray125, Header, NotAsked }

    public static S.Stylesheet Stylesheet()
    {
        var link = StylesheetParts.Font(StylesheetParts.TableFont, 11, bold: false, colour: "FF0563C1");
        link.InsertAt(new S.Underline(), 0);
        var fonts = StylesheetParts.TableFonts(link, StylesheetParts.Font(StylesheetParts.TableFont, 12, bold: true));
        var fills = StylesheetParts.Fills("FFD9E1F2", "FFF2F2F2");

        var left = S.HorizontalAlignmentValues.Left;
        var center = S.HorizontalAlignmentValues.Center;
        var formats = new S.CellFormats(
            Format(FontId.Normal, FillId.None, 0, S.HorizontalAlignmentValues.General, wrap: false),
            Format(FontId.Title, FillId.None, 0, left, wrap: false),
            Format(FontId.Grey, FillId.None, 0, left, wrap: true),
            Format(FontId.Bold, FillId.Header, 1, center, wrap: true),
            Format(FontId.Normal, FillId.None, 1, left, wrap: true),
            Format(FontId.Normal, FillId.None, 1, center, wrap: false),
            Format(FontId.Link, FillId.None, 1, left, wrap: true),
            Format(FontId.Normal, FillId.None, 1, center, wrap: false, DateFormat),
            Format(FontId.Normal, FillId.NotAsked, 1, center, wrap: false),
            StylesheetParts.Format((uint)FontId.Normal, (uint)FillId.None, 0, left, S.VerticalAlignmentValues.Top, true),
            Format(FontId.Heading, FillId.None, 0, left, wrap: false),
            Format(FontId.Normal, FillId.None, 1, left, wrap: false, TextFormat));

        return StylesheetParts.Stylesheet(new S.NumberingFormats(new S.NumberingFormat { NumberFormatId = DateFormat, FormatCode = StylesheetParts.DateFormatCode }), fonts, fills, formats);
    }

    private static S.CellFormat Format(FontId font, FillId fill, uint border, S.HorizontalAlignmentValues horizontal, bool wrap, uint numberFormat = 0U) =>
        StylesheetParts.Centred((uint)font, (uint)fill, border, horizontal, wrap, numberFormat);
}
