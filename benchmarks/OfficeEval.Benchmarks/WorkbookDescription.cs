using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Benchmarks;

/// <summary>
/// What a workbook contains, read back from its package with the Open XML SDK, in terms another library can rebuild:
/// every sheet with its columns, row heights, cells (values, formulas, shared strings resolved, a style index), merged
/// ranges, data validations, protection, frozen panes and print setup; the styles the cells use, resolved to fonts,
/// fills, borders, alignment, number format and protection; workbook protection and defined names; and the custom XML
/// parts. Values are the effective ones: where the file leaves an attribute out, the OOXML default is given.
/// </summary>
/// <param name="Workbook">Workbook-level settings.</param>
/// <param name="DefaultFont">The font of the Normal style: cells without a style, and the unit of column widths.</param>
/// <param name="Styles">The distinct cell styles, in order of first use; cells refer to them by index.</param>
/// <param name="Sheets">The worksheets, in tab order.</param>
/// <param name="CustomXml">The custom XML parts of the workbook part, with their properties parts, as stored.</param>
/// <param name="NotDescribed">Workbook content this description leaves out (other parts, chart sheets).</param>
internal sealed record WorkbookDescription(
    WorkbookSettings Workbook,
    FontInfo DefaultFont,
    IReadOnlyList<StyleInfo> Styles,
    IReadOnlyList<SheetInfo> Sheets,
    IReadOnlyList<CustomXmlInfo> CustomXml,
    IReadOnlyList<string> NotDescribed);

/// <summary>Workbook protection, calculation and the defined names other than the print titles and areas (see <see cref="PrintInfo"/>).</summary>
internal sealed record WorkbookSettings(bool LockStructure, bool LockWindows, bool FullCalcOnLoad, IReadOnlyList<DefinedNameInfo> DefinedNames);

/// <summary>A defined name; <paramref name="LocalSheet"/> names the sheet it is local to.</summary>
internal sealed record DefinedNameInfo(string Name, string? LocalSheet, string Value);

/// <summary>One worksheet. Rows list only those with a height or hidden; cells only those present in the file.</summary>
internal sealed record SheetInfo(
    string Name,
    string State,
    string? TabColor,
    double? DefaultRowHeight,
    double? DefaultColumnWidth,
    IReadOnlyList<ColumnInfo> Columns,
    IReadOnlyList<RowInfo> Rows,
    IReadOnlyList<CellInfo> Cells,
    IReadOnlyList<string> Merges,
    IReadOnlyList<ValidationInfo> DataValidations,
    ProtectionInfo? Protection,
    ViewInfo? View,
    PrintInfo Print,
    IReadOnlyList<string> NotDescribed);

/// <summary>Columns <paramref name="Min"/> to <paramref name="Max"/> (1-based).</summary>
internal sealed record ColumnInfo(int Min, int Max, double? Width, bool Hidden);

/// <summary>A row's height in points, or hidden.</summary>
internal sealed record RowInfo(int Index, double? Height, bool Hidden);

/// <summary>
/// A cell: <paramref name="Type"/> is <c>s</c> (text, shared strings resolved), <c>n</c>, <c>b</c>, <c>e</c> or <c>d</c>,
/// or null for an empty cell; <paramref name="Formula"/> is without the leading <c>=</c>, and <paramref name="Value"/>
/// then holds the cached result. <paramref name="Style"/> indexes <see cref="WorkbookDescription.Styles"/>.
/// </summary>
internal sealed record CellInfo(string Ref, int Style, string? Type, string? Value, string? Formula);

/// <summary>A data validation on <paramref name="Ref"/> (space-separated ranges); <paramref name="List"/> splits an inline list.</summary>
internal sealed record ValidationInfo(
    string Ref,
    string Type,
    string? Operator,
    bool AllowBlank,
    bool ShowInputMessage,
    bool ShowErrorMessage,
    string ErrorStyle,
    string? PromptTitle,
    string? Prompt,
    string? ErrorTitle,
    string? Error,
    string? Formula1,
    string? Formula2,
    IReadOnlyList<string>? List);

/// <summary>Sheet protection: true means the action is protected (the OOXML attribute's meaning), with its defaults applied.</summary>
internal sealed record ProtectionInfo(
    bool Sheet,
    bool Objects,
    bool Scenarios,
    bool FormatCells,
    bool FormatColumns,
    bool FormatRows,
    bool InsertColumns,
    bool InsertRows,
    bool InsertHyperlinks,
    bool DeleteColumns,
    bool DeleteRows,
    bool SelectLockedCells,
    bool Sort,
    bool AutoFilter,
    bool PivotTables,
    bool SelectUnlockedCells,
    bool HasPassword);

/// <summary>The first sheet view: frozen panes, the active cell, grid lines, zoom.</summary>
internal sealed record ViewInfo(bool ShowGridLines, uint? ZoomScale, bool TabSelected, FreezeInfo? Freeze, string? ActiveCell);

/// <summary>Frozen panes: <paramref name="XSplit"/> columns and <paramref name="YSplit"/> rows.</summary>
internal sealed record FreezeInfo(int XSplit, int YSplit, string? TopLeftCell);

/// <summary>
/// Print setup: paper size code (9 is A4), orientation, fit to page, margins in inches, the print titles and area
/// (without the sheet name, e.g. <c>3:3</c> and <c>A3:K254</c>; several areas are comma-separated), header and footer.
/// </summary>
internal sealed record PrintInfo(
    uint PaperSize,
    string Orientation,
    bool FitToPage,
    uint FitToWidth,
    uint FitToHeight,
    uint Scale,
    MarginsInfo? Margins,
    string? TitleRows,
    string? TitleColumns,
    string? Area,
    string? OddHeader,
    string? OddFooter,
    bool HorizontalCentered,
    bool VerticalCentered);

/// <summary>Page margins in inches.</summary>
internal sealed record MarginsInfo(double Left, double Right, double Top, double Bottom, double Header, double Footer);

/// <summary>A cell style resolved from the stylesheet; <paramref name="NumberFormat"/> is the format code.</summary>
internal sealed record StyleInfo(FontInfo Font, FillInfo? Fill, BorderInfo? Border, AlignmentInfo? Alignment, string NumberFormat, bool Locked, bool Hidden);

/// <summary>A font; <paramref name="Family"/> and <paramref name="Charset"/> as stored (134 is GB2312).</summary>
internal sealed record FontInfo(string? Name, double? Size, bool Bold, bool Italic, string? Underline, bool Strike, ColorInfo? Color, int? Family, int? Charset, string? Scheme);

/// <summary>A pattern fill; null on a style means no fill.</summary>
internal sealed record FillInfo(string Pattern, ColorInfo? Foreground, ColorInfo? Background);

/// <summary>The edges that have a line; null on a style means no border.</summary>
internal sealed record BorderInfo(EdgeInfo? Left, EdgeInfo? Right, EdgeInfo? Top, EdgeInfo? Bottom, EdgeInfo? Diagonal);

/// <summary>One edge: its line style (<c>thin</c>, …) and colour.</summary>
internal sealed record EdgeInfo(string Style, ColorInfo? Color);

/// <summary>Alignment; null on a style means the defaults (general, bottom, no wrap).</summary>
internal sealed record AlignmentInfo(string? Horizontal, string? Vertical, bool WrapText, uint? Indent, int? TextRotation, bool ShrinkToFit);

/// <summary>A colour: an ARGB value, a theme colour with tint, an indexed colour, or automatic.</summary>
internal sealed record ColorInfo(string? Argb, uint? Theme, double? Tint, uint? Indexed, bool Auto);

/// <summary>A custom XML part and its properties part: their part names and contents as stored (UTF-8, without a byte-order mark).</summary>
internal sealed record CustomXmlInfo(string ItemUri, string Item, string? PropertiesUri, string? Properties);

/// <summary>Builds a <see cref="WorkbookDescription"/> from a package.</summary>
internal static class WorkbookDescriber
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Worksheet children this description covers; anything else is listed in SheetInfo.NotDescribed.
    private static readonly HashSet<string> Described =
    [
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetProtection", "mergeCells",
        "dataValidations", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    ];

    private static readonly Dictionary<uint, string> BuiltInFormats = new()
    {
        [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%", [10] = "0.00%",
        [11] = "0.00E+00", [12] = "# ?/?", [13] = "# ??/??", [14] = "mm-dd-yy", [15] = "d-mmm-yy", [16] = "d-mmm",
        [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM", [20] = "h:mm", [21] = "h:mm:ss", [22] = "m/d/yy h:mm",
        [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)", [39] = "#,##0.00;(#,##0.00)", [40] = "#,##0.00;[Red](#,##0.00)",
        [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mmss.0", [48] = "##0.0E+0", [49] = "@",
    };

    public static WorkbookDescription Describe(Stream package)
    {
        using var document = SpreadsheetDocument.Open(package, false);
        var workbookPart = document.WorkbookPart ?? throw new InvalidOperationException("The package has no workbook part.");
        var workbook = workbookPart.Workbook;
        var sheets = workbook.Sheets?.Elements<S.Sheet>().ToList() ?? [];
        var strings = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<S.SharedStringItem>().ToArray() ?? [];
        var styles = new StyleTable(workbookPart.WorkbookStylesPart?.Stylesheet);
        var notDescribed = new List<string>();

        var names = workbook.DefinedNames?.Elements<S.DefinedName>().ToList() ?? [];
        string? SheetOf(S.DefinedName name) => name.LocalSheetId?.Value is { } i && i < sheets.Count ? sheets[(int)i].Name?.Value : null;
        bool IsPrintName(S.DefinedName name) => name.Name?.Value is "_xlnm.Print_Titles" or "_xlnm.Print_Area" && name.LocalSheetId is not null;

        var sheetInfos = new List<SheetInfo>();
        foreach (var sheet in sheets)
        {
            if (workbookPart.GetPartById(sheet.Id!.Value!) is not WorksheetPart part)
            {
                notDescribed.Add("sheet " + sheet.Name?.Value + " (not a worksheet)");
                continue;
            }

            var local = names.Where(n => IsPrintName(n) && SheetOf(n) == sheet.Name?.Value).ToList();
            sheetInfos.Add(DescribeSheet(sheet, part.Worksheet, strings, styles, local));
        }

        var settings = new WorkbookSettings(
            workbook.WorkbookProtection?.LockStructure?.Value ?? false,
            workbook.WorkbookProtection?.LockWindows?.Value ?? false,
            workbook.CalculationProperties?.FullCalculationOnLoad?.Value ?? false,
            [.. names.Where(n => !IsPrintName(n)).Select(n => new DefinedNameInfo(n.Name?.Value ?? "", SheetOf(n), n.Text))]);

        var customXml = workbookPart.CustomXmlParts
            .Select(p => new CustomXmlInfo(
                p.Uri.OriginalString,
                ReadText(p.GetStream(FileMode.Open, FileAccess.Read)),
                p.CustomXmlPropertiesPart?.Uri.OriginalString,
                p.CustomXmlPropertiesPart is { } props ? ReadText(props.GetStream(FileMode.Open, FileAccess.Read)) : null))
            .ToList();

        foreach (var other in workbookPart.Parts.Select(p => p.OpenXmlPart))
        {
            if (other is not (WorksheetPart or SharedStringTablePart or WorkbookStylesPart or CustomXmlPart or ThemePart or CalculationChainPart))
            {
                notDescribed.Add("part " + other.Uri);
            }
        }

        return new WorkbookDescription(settings, styles.DefaultFont, styles.Used, sheetInfos, customXml, notDescribed);
    }

    private static SheetInfo DescribeSheet(S.Sheet sheet, S.Worksheet worksheet, S.SharedStringItem[] strings, StyleTable styles, List<S.DefinedName> printNames)
    {
        var notDescribed = worksheet.ChildElements.Select(e => e.LocalName).Where(n => !Described.Contains(n)).Distinct().ToList();

        var columns = worksheet.GetFirstChild<S.Columns>()?.Elements<S.Column>()
            .Select(c => new ColumnInfo((int)(c.Min?.Value ?? 0), (int)(c.Max?.Value ?? 0), c.Width?.Value, c.Hidden?.Value ?? false))
            .ToList() ?? [];

        var rows = new List<RowInfo>();
        var cells = new List<CellInfo>();
        foreach (var row in worksheet.GetFirstChild<S.SheetData>()?.Elements<S.Row>() ?? [])
        {
            var index = (int)(row.RowIndex?.Value ?? 0);
            var height = row.Height?.Value;
            if (height is not null || row.Hidden?.Value == true)
            {
                rows.Add(new RowInfo(index, height, row.Hidden?.Value ?? false));
            }

            foreach (var cell in row.Elements<S.Cell>())
            {
                cells.Add(DescribeCell(cell, strings, styles, notDescribed));
            }
        }

        var validations = worksheet.GetFirstChild<S.DataValidations>()?.Elements<S.DataValidation>().Select(DescribeValidation).ToList() ?? [];
        var merges = worksheet.GetFirstChild<S.MergeCells>()?.Elements<S.MergeCell>().Select(m => m.Reference?.Value ?? "").Order(StringComparer.Ordinal).ToList() ?? [];
        var format = worksheet.GetFirstChild<S.SheetFormatProperties>();
        var properties = worksheet.GetFirstChild<S.SheetProperties>();

        return new SheetInfo(
            sheet.Name?.Value ?? "",
            sheet.State?.InnerText ?? "visible",
            properties?.TabColor?.Rgb?.Value,
            format?.DefaultRowHeight?.Value,
            format?.DefaultColumnWidth?.Value,
            columns,
            rows,
            cells,
            merges,
            validations,
            DescribeProtection(worksheet.GetFirstChild<S.SheetProtection>()),
            DescribeView(worksheet.GetFirstChild<S.SheetViews>()?.GetFirstChild<S.SheetView>()),
            DescribePrint(worksheet, properties, printNames),
            notDescribed);
    }

    private static CellInfo DescribeCell(S.Cell cell, S.SharedStringItem[] strings, StyleTable styles, List<string> notDescribed)
    {
        var style = styles.IndexOf(cell.StyleIndex?.Value ?? 0);
        var formula = cell.CellFormula;
        if (formula?.FormulaType is not null && formula.FormulaType.Value != S.CellFormulaValues.Normal && !notDescribed.Contains("shared or array formulas"))
        {
            notDescribed.Add("shared or array formulas");
        }

        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        string? kind;
        string? value;
        if (type == S.CellValues.SharedString)
        {
            kind = "s";
            var item = int.TryParse(raw, NumberStyles.None, Inv, out var i) && i >= 0 && i < strings.Length ? strings[i] : null;
            if (item?.Elements<S.Run>().Any() == true && !notDescribed.Contains("rich text (formatting runs)"))
            {
                notDescribed.Add("rich text (formatting runs)");
            }

            value = item?.InnerText ?? "";
        }
        else if (type == S.CellValues.InlineString)
        {
            (kind, value) = ("s", cell.InlineString?.InnerText ?? "");
        }
        else if (type == S.CellValues.String)
        {
            (kind, value) = ("s", raw ?? "");
        }
        else if (type == S.CellValues.Boolean)
        {
            (kind, value) = ("b", raw);
        }
        else if (type == S.CellValues.Error)
        {
            (kind, value) = ("e", raw);
        }
        else if (type == S.CellValues.Date)
        {
            (kind, value) = ("d", raw);
        }
        else
        {
            (kind, value) = raw is null ? (null, null) : ("n", raw);
        }

        return new CellInfo(cell.CellReference?.Value ?? "", style, kind, value, formula?.Text is { Length: > 0 } f ? f : null);
    }

    private static ValidationInfo DescribeValidation(S.DataValidation validation)
    {
        var type = validation.Type?.InnerText ?? "none";
        var formula1 = validation.Formula1?.Text;
        IReadOnlyList<string>? list = type == "list" && formula1 is ['"', .., '"'] ? formula1[1..^1].Split(',') : null;
        return new ValidationInfo(
            validation.SequenceOfReferences?.InnerText ?? "",
            type,
            validation.Operator?.InnerText ?? (type is "none" or "list" or "custom" ? null : "between"),
            validation.AllowBlank?.Value ?? false,
            validation.ShowInputMessage?.Value ?? false,
            validation.ShowErrorMessage?.Value ?? false,
            validation.ErrorStyle?.InnerText ?? "stop",
            validation.PromptTitle?.Value,
            validation.Prompt?.Value,
            validation.ErrorTitle?.Value,
            validation.Error?.Value,
            formula1,
            validation.Formula2?.Text,
            list);
    }

    private static ProtectionInfo? DescribeProtection(S.SheetProtection? p) => p is null ? null : new ProtectionInfo(
        p.Sheet?.Value ?? false,
        p.Objects?.Value ?? false,
        p.Scenarios?.Value ?? false,
        p.FormatCells?.Value ?? true,
        p.FormatColumns?.Value ?? true,
        p.FormatRows?.Value ?? true,
        p.InsertColumns?.Value ?? true,
        p.InsertRows?.Value ?? true,
        p.InsertHyperlinks?.Value ?? true,
        p.DeleteColumns?.Value ?? true,
        p.DeleteRows?.Value ?? true,
        p.SelectLockedCells?.Value ?? false,
        p.Sort?.Value ?? true,
        p.AutoFilter?.Value ?? true,
        p.PivotTables?.Value ?? true,
        p.SelectUnlockedCells?.Value ?? false,
        p.Password is not null || p.HashValue is not null);

    private static ViewInfo? DescribeView(S.SheetView? view)
    {
        if (view is null)
        {
            return null;
        }

        var pane = view.GetFirstChild<S.Pane>();
        var frozen = pane?.State?.Value is S.PaneStateValues.Frozen or S.PaneStateValues.FrozenSplit;
        var freeze = frozen ? new FreezeInfo((int)(pane!.HorizontalSplit?.Value ?? 0), (int)(pane.VerticalSplit?.Value ?? 0), pane.TopLeftCell?.Value) : null;
        var selections = view.Elements<S.Selection>().ToList();
        var active = selections.FirstOrDefault(s => pane?.ActivePane is not null && s.Pane?.Value == pane.ActivePane.Value) ?? selections.LastOrDefault();
        return new ViewInfo(view.ShowGridLines?.Value ?? true, view.ZoomScale?.Value, view.TabSelected?.Value ?? false, freeze, active?.ActiveCell?.Value);
    }

    private static PrintInfo DescribePrint(S.Worksheet worksheet, S.SheetProperties? properties, List<S.DefinedName> printNames)
    {
        var setup = worksheet.GetFirstChild<S.PageSetup>();
        var margins = worksheet.GetFirstChild<S.PageMargins>();
        var options = worksheet.GetFirstChild<S.PrintOptions>();
        var headerFooter = worksheet.GetFirstChild<S.HeaderFooter>();

        string? titleRows = null, titleColumns = null, area = null;
        foreach (var name in printNames)
        {
            var ranges = name.Text.Split(',').Select(r => r[(r.LastIndexOf('!') + 1)..].Replace("$", "", StringComparison.Ordinal)).ToList();
            if (name.Name?.Value == "_xlnm.Print_Area")
            {
                area = string.Join(",", ranges);
                continue;
            }

            foreach (var range in ranges)
            {
                if (range.All(c => char.IsAsciiDigit(c) || c == ':'))
                {
                    titleRows = range;
                }
                else
                {
                    titleColumns = range;
                }
            }
        }

        return new PrintInfo(
            setup?.PaperSize?.Value ?? 1,
            setup?.Orientation?.InnerText ?? "default",
            properties?.PageSetupProperties?.FitToPage?.Value ?? false,
            setup?.FitToWidth?.Value ?? 1,
            setup?.FitToHeight?.Value ?? 1,
            setup?.Scale?.Value ?? 100,
            margins is null ? null : new MarginsInfo(margins.Left?.Value ?? 0, margins.Right?.Value ?? 0, margins.Top?.Value ?? 0, margins.Bottom?.Value ?? 0, margins.Header?.Value ?? 0, margins.Footer?.Value ?? 0),
            titleRows,
            titleColumns,
            area,
            headerFooter?.OddHeader?.Text,
            headerFooter?.OddFooter?.Text,
            options?.HorizontalCentered?.Value ?? false,
            options?.VerticalCentered?.Value ?? false);
    }

    private static string ReadText(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Resolves cell formats (<c>cellXfs</c>) to <see cref="StyleInfo"/> and numbers the distinct ones in order of first use.</summary>
    private sealed class StyleTable
    {
        private readonly S.CellFormat[] _formats;
        private readonly S.Font[] _fonts;
        private readonly S.Fill[] _fills;
        private readonly S.Border[] _borders;
        private readonly Dictionary<uint, string> _customFormats;
        private readonly Dictionary<StyleInfo, int> _index = [];
        private readonly Dictionary<uint, int> _byFormat = [];

        public StyleTable(S.Stylesheet? stylesheet)
        {
            _formats = stylesheet?.CellFormats?.Elements<S.CellFormat>().ToArray() ?? [];
            _fonts = stylesheet?.Fonts?.Elements<S.Font>().ToArray() ?? [];
            _fills = stylesheet?.Fills?.Elements<S.Fill>().ToArray() ?? [];
            _borders = stylesheet?.Borders?.Elements<S.Border>().ToArray() ?? [];
            _customFormats = stylesheet?.NumberingFormats?.Elements<S.NumberingFormat>()
                .Where(f => f.NumberFormatId is not null)
                .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
            var normal = stylesheet?.CellStyleFormats?.Elements<S.CellFormat>().FirstOrDefault()?.FontId?.Value ?? 0;
            DefaultFont = DescribeFont(normal < _fonts.Length ? _fonts[normal] : null);
        }

        public FontInfo DefaultFont { get; }

        public List<StyleInfo> Used { get; } = [];

        public int IndexOf(uint cellFormat)
        {
            if (_byFormat.TryGetValue(cellFormat, out var known))
            {
                return known;
            }

            var style = Resolve(cellFormat < _formats.Length ? _formats[cellFormat] : null);
            if (!_index.TryGetValue(style, out var index))
            {
                index = Used.Count;
                Used.Add(style);
                _index.Add(style, index);
            }

            _byFormat.Add(cellFormat, index);
            return index;
        }

        private StyleInfo Resolve(S.CellFormat? format)
        {
            var font = format?.FontId?.Value is { } f && f < _fonts.Length ? _fonts[f] : _fonts.FirstOrDefault();
            var fill = format?.FillId?.Value is { } l && l < _fills.Length ? _fills[l] : null;
            var border = format?.BorderId?.Value is { } b && b < _borders.Length ? _borders[b] : null;
            var numberFormat = format?.NumberFormatId?.Value ?? 0;
            var protection = format?.Protection;
            return new StyleInfo(
                DescribeFont(font),
                DescribeFill(fill),
                DescribeBorder(border),
                DescribeAlignment(format?.Alignment),
                _customFormats.TryGetValue(numberFormat, out var code) ? code : BuiltInFormats.GetValueOrDefault(numberFormat, "builtin:" + numberFormat.ToString(Inv)),
                protection?.Locked?.Value ?? true,
                protection?.Hidden?.Value ?? false);
        }

        private static AlignmentInfo? DescribeAlignment(S.Alignment? alignment)
        {
            if (alignment is null)
            {
                return null;
            }

            var info = new AlignmentInfo(
                alignment.Horizontal?.InnerText is { } horizontal && horizontal != "general" ? horizontal : null,
                alignment.Vertical?.InnerText is { } vertical && vertical != "bottom" ? vertical : null,
                alignment.WrapText?.Value ?? false,
                alignment.Indent?.Value is { } indent && indent > 0 ? indent : null,
                alignment.TextRotation?.Value is { } rotation && rotation > 0 ? (int)rotation : null,
                alignment.ShrinkToFit?.Value ?? false);
            return info is { Horizontal: null, Vertical: null, WrapText: false, Indent: null, TextRotation: null, ShrinkToFit: false } ? null : info;
        }

        private static FontInfo DescribeFont(S.Font? font) => new(
            font?.FontName?.Val?.Value,
            font?.FontSize?.Val?.Value,
            font?.Bold is { } bold && (bold.Val?.Value ?? true),
            font?.Italic is { } italic && (italic.Val?.Value ?? true),
            font?.Underline is { } underline ? underline.Val?.InnerText ?? "single" : null,
            font?.Strike is { } strike && (strike.Val?.Value ?? true),
            DescribeColor(font?.Color),
            font?.FontFamilyNumbering?.Val?.Value,
            font?.FontCharSet?.Val?.Value,
            font?.FontScheme?.Val?.InnerText is { } scheme && scheme != "none" ? scheme : null);

        private static FillInfo? DescribeFill(S.Fill? fill)
        {
            var pattern = fill?.PatternFill;
            if (fill?.GradientFill is not null)
            {
                return new FillInfo("gradient", null, null);
            }

            var type = pattern?.PatternType?.InnerText ?? "none";
            return type == "none" ? null : new FillInfo(type, DescribeColor(pattern!.ForegroundColor), DescribeColor(pattern.BackgroundColor));
        }

        private static BorderInfo? DescribeBorder(S.Border? border)
        {
            if (border is null)
            {
                return null;
            }

            var edges = new BorderInfo(Edge(border.LeftBorder), Edge(border.RightBorder), Edge(border.TopBorder), Edge(border.BottomBorder), Edge(border.DiagonalBorder));
            return edges is { Left: null, Right: null, Top: null, Bottom: null, Diagonal: null } ? null : edges;
        }

        private static EdgeInfo? Edge(S.BorderPropertiesType? edge) =>
            edge?.Style?.InnerText is { } style && style != "none" ? new EdgeInfo(style, DescribeColor(edge.Color)) : null;

        private static ColorInfo? DescribeColor(S.ColorType? color) => color is null ? null : new ColorInfo(
            color.Rgb?.Value,
            color.Theme?.Value,
            color.Tint?.Value is { } tint && tint != 0 ? tint : null,
            color.Indexed?.Value,
            color.Auto?.Value ?? false);
    }
}
