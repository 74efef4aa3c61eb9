using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>The stylesheet: a few cell formats, referenced by index. Input cells are pale yellow and unlocked.</summary>
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
    public const uint Section = 10;
    public const uint Note = 11;
    public const uint TotalPercent = 12;
    public const uint Automatic = 13;
    public const uint InputDate = 14;
    public const uint Heading = 15;
    public const uint LockedCenter = 16;

    private const string FontName = "宋体";
    private const uint DateFormat = 164;

    private enum FontId : uint { Normal, Bold, Title, Grey, Heading }

    private enum FillId : uint { None, Gray125, Header, Input, Section, Automatic }

    public static void Write(WorkbookStylesPart part)
    {
        var fonts = StylesheetParts.Fonts(
            StylesheetParts.Font(FontName, 11, bold: false),
            StylesheetParts.Font(FontName, 11, bold: true),
            StylesheetParts.Font(FontName, 16, bold: true),
            StylesheetParts.Font(FontName, 10, bold: false, colour: "FF595959"),
            StylesheetParts.Font(FontName, 12, bold: true));

        var fills = StylesheetParts.Fills("FFD9E1F2", "FFFFF2CC", "FFEDEDED", "FFF2F2F2");

        var left = S.HorizontalAlignmentValues.Left;
        var center = S.HorizontalAlignmentValues.Center;
        var formats = new S.CellFormats(
            Format(FontId.Normal, FillId.None, 0, S.HorizontalAlignmentValues.General, locked: true, wrap: false),
            Format(FontId.Title, FillId.None, 0, center, locked: true, wrap: false),
            Format(FontId.Normal, FillId.None, 0, left, locked: true, wrap: false),
            Format(FontId.Bold, FillId.Header, 1, center, locked: true, wrap: true),
            Format(FontId.Normal, FillId.None, 1, left, locked: true, wrap: true),
            Format(FontId.Normal, FillId.None, 1, center, locked: true, wrap: false),
            Format(FontId.Normal, FillId.Input, 1, left, locked: false, wrap: true),
            Format(FontId.Normal, FillId.Input, 1, center, locked: false, wrap: false),
            Format(FontId.Bold, FillId.None, 1, center, locked: true, wrap: false),
            Format(FontId.Bold, FillId.None, 1, center, locked: true, wrap: false),
            Format(FontId.Bold, FillId.Section, 1, left, locked: true, wrap: false),
            Format(FontId.Normal, FillId.None, 0, left, locked: true, wrap: true, top: true),
            Format(FontId.Bold, FillId.None, 1, center, locked: true, wrap: false, numberFormat: 10U),
            Format(FontId.Grey, FillId.Automatic, 1, center, locked: true, wrap: true),
            Format(FontId.Normal, FillId.Input, 1, center, locked: false, wrap: false, numberFormat: DateFormat),
            Format(FontId.Heading, FillId.None, 0, left, locked: true, wrap: false),
            Format(FontId.Normal, FillId.None, 1, center, locked: true, wrap: true));

        part.Stylesheet = StylesheetParts.Stylesheet(new S.NumberingFormats(new S.NumberingFormat { NumberFormatId = DateFormat, FormatCode = "yyyy\\-mm\\-dd" }), fonts, fills, formats);
    }

    private static S.CellFormat Format(FontId font, FillId fill, uint border, S.HorizontalAlignmentValues horizontal, bool locked, bool wrap, uint numberFormat = 0U, bool top = false) =>
        StylesheetParts.Format((uint)font, (uint)fill, border, horizontal, top ? S.VerticalAlignmentValues.Top : S.VerticalAlignmentValues.Center, wrap, numberFormat, locked);
}
