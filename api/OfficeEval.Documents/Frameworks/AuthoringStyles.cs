using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Frameworks;

/// <summary>
/// The authoring workbook's cell formats, referenced by index. Codes and versions are text-formatted (@) so that Excel
/// keeps “1.10” and “2026.10” as typed; first-level rows are shaded; settings to fill are pale yellow.
/// </summary>
internal static class AuthoringStyles
{
    public const uint Default = 0;
    public const uint Title = 1;
    public const uint Heading = 2;
    public const uint Paragraph = 3;
    public const uint Header = 4;
    public const uint Text = 5;
    public const uint Code = 6;
    public const uint Number = 7;
    public const uint DimensionText = 8;
    public const uint DimensionCode = 9;
    public const uint DimensionNumber = 10;
    public const uint Input = 11;
    public const uint InputNumber = 12;
    public const uint Note = 13;
    public const uint Center = 14;
    public const uint DimensionCenter = 15;

    private const string FontName = "宋体";
    private const uint TextFormat = 49;

    private enum FontId : uint { Normal, Bold, Title, Grey, Heading }

    private enum FillId : uint { None, Gray125, Header, Input, Section }

    public static void Write(WorkbookStylesPart part)
    {
        var fonts = StylesheetParts.Fonts(StylesheetParts.Font(FontName, 11, false), StylesheetParts.Font(FontName, 11, true), StylesheetParts.Font(FontName, 16, true), StylesheetParts.Font(FontName, 10, false, "FF595959"), StylesheetParts.Font(FontName, 12, true));
        var fills = StylesheetParts.Fills("FFD9E1F2", "FFFFF2CC", "FFEDEDED");
        var left = S.HorizontalAlignmentValues.Left;
        var center = S.HorizontalAlignmentValues.Center;
        var formats = new S.CellFormats(
            Format(FontId.Normal, FillId.None, 0, S.HorizontalAlignmentValues.General, wrap: false),
            Format(FontId.Title, FillId.None, 0, left, wrap: false),
            Format(FontId.Heading, FillId.None, 0, left, wrap: false),
            Format(FontId.Normal, FillId.None, 0, left, wrap: true),
            Format(FontId.Bold, FillId.Header, 1, center, wrap: true),
            Format(FontId.Normal, FillId.None, 1, left, wrap: true),
            Format(FontId.Normal, FillId.None, 1, left, wrap: false, numberFormat: TextFormat),
            Format(FontId.Normal, FillId.None, 1, center, wrap: false),
            Format(FontId.Bold, FillId.Section, 1, left, wrap: true),
            Format(FontId.Bold, FillId.Section, 1, left, wrap: false, numberFormat: TextFormat),
            Format(FontId.Bold, FillId.Section, 1, center, wrap: false),
            Format(FontId.Normal, FillId.Input, 1, left, wrap: true, numberFormat: TextFormat),
            Format(FontId.Normal, FillId.Input, 1, center, wrap: false),
            Format(FontId.Grey, FillId.None, 1, left, wrap: true),
            Format(FontId.Normal, FillId.None, 1, center, wrap: true),
            Format(FontId.Bold, FillId.Section, 1, center, wrap: true));

        part.Stylesheet = StylesheetParts.Stylesheet(null, fonts, fills, formats);
    }

    private static S.CellFormat Format(FontId font, FillId fill, uint border, S.HorizontalAlignmentValues horizontal, bool wrap, uint numberFormat = 0U) =>
        StylesheetParts.Format((uint)font, (uint)fill, border, horizontal, S.VerticalAlignmentValues.Top, wrap, numberFormat);
}
