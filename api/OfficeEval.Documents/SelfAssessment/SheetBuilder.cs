using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// Collects one worksheet's rows, merged ranges and data validations, then writes the worksheet with protection
/// (no password: staff can always unprotect) and A4 print setup.
/// </summary>
internal sealed class SheetBuilder(SharedStrings strings)
{
    private readonly S.SheetData _data = new();
    private readonly List<string> _merges = [];
    private readonly List<S.DataValidation> _validations = [];

    public SharedStrings Strings { get; } = strings;

    public void Row(int index, double? height, params S.Cell[] cells)
    {
        var row = new S.Row(cells) { RowIndex = (uint)index };
        if (height is { } h)
        {
            row.Height = h;
            row.CustomHeight = true;
        }

        _data.Append(row);
    }

    public void Merge(string range) => _merges.Add(range);

    public void Validate(S.DataValidation validation) => _validations.Add(validation);

    public S.Cell Text(string column, int row, string text, uint style) => new()
    {
        CellReference = Ref(column, row),
        DataType = S.CellValues.SharedString,
        CellValue = new S.CellValue(Strings.Index(text).ToString(CultureInfo.InvariantCulture)),
        StyleIndex = style,
    };

    public static S.Cell Number(string column, int row, decimal value, uint style) => new()
    {
        CellReference = Ref(column, row),
        CellValue = new S.CellValue(Num(value)),
        StyleIndex = style,
    };

    public static S.Cell Blank(string column, int row, uint style) => new() { CellReference = Ref(column, row), StyleIndex = style };

    /// <summary>
    /// A formula cell; <paramref name="cached"/> is shown until the spreadsheet recalculates. Pass null for a formula
    /// over cells the unit fills: the cell then holds an empty result, which LibreOffice computes on load. LibreOffice
    /// does not honour <c>fullCalcOnLoad</c>: a cached number would stay on screen, in its PDF and in the file it saves.
    /// </summary>
    public static S.Cell Formula(string column, int row, string formula, decimal? cached, uint style)
    {
        var cell = new S.Cell { CellReference = Ref(column, row), CellFormula = new S.CellFormula(formula), StyleIndex = style };
        if (cached is { } value)
        {
            cell.CellValue = new S.CellValue(Num(value));
        }
        else
        {
            cell.DataType = S.CellValues.String;
            cell.CellValue = new S.CellValue("");
        }

        return cell;
    }

    /// <summary>A data validation with a zh-CN input prompt and the same text as its error message.</summary>
    public static S.DataValidation Validation(string cells, S.DataValidationValues type, string formula1, string? formula2, string promptTitle, string prompt)
    {
        var validation = Prompted(cells, type, promptTitle, prompt, prompt);
        if (type == S.DataValidationValues.Whole || type == S.DataValidationValues.Decimal)
        {
            validation.Operator = formula2 is null ? S.DataValidationOperatorValues.GreaterThanOrEqual : S.DataValidationOperatorValues.Between;
        }

        validation.Append(new S.Formula1(formula1));
        if (formula2 is not null)
        {
            validation.Append(new S.Formula2(formula2));
        }

        return validation;
    }

    /// <summary>A text-length validation (at most <paramref name="maxLength"/> characters), with a prompt.</summary>
    public static S.DataValidation TextLength(string cells, int maxLength, string promptTitle, string prompt)
    {
        var validation = Prompted(cells, S.DataValidationValues.TextLength, promptTitle, prompt,
            string.Create(CultureInfo.InvariantCulture, $"内容不能超过 {maxLength} 个字符。"));
        validation.Operator = S.DataValidationOperatorValues.LessThanOrEqual;
        validation.Append(new S.Formula1(maxLength.ToString(CultureInfo.InvariantCulture)));
        return validation;
    }

    /// <summary>A validation of <paramref name="cells"/> that shows <paramref name="prompt"/> on entry and <paramref name="error"/> on a bad value.</summary>
    private static S.DataValidation Prompted(string cells, S.DataValidationValues type, string promptTitle, string prompt, string error) => new()
    {
        Type = type,
        AllowBlank = true,
        ShowInputMessage = true,
        ShowErrorMessage = true,
        PromptTitle = promptTitle,
        Prompt = prompt,
        ErrorTitle = "输入无效",
        Error = error,
        SequenceOfReferences = new ListValue<StringValue> { InnerText = cells },
    };

    /// <summary>Writes the worksheet into <paramref name="part"/>.</summary>
    /// <param name="part">The worksheet part.</param>
    /// <param name="widths">Column widths from A; a negative width hides the column.</param>
    /// <param name="frozenRows">Rows frozen at the top (0 for none).</param>
    /// <param name="activeCell">The cell selected when the sheet opens.</param>
    /// <param name="landscape">A4 landscape, else portrait; fitted to one page wide either way.</param>
    /// <param name="tabColour">ARGB colour of the sheet tab, or null.</param>
    /// <param name="protect">Protect the sheet (no password); off for sheets the user edits freely.</param>
    /// <param name="columnStyles">Default cell formats by column index from 0, for cells the user adds (e.g. text format for codes).</param>
    public void WriteTo(WorksheetPart part, IReadOnlyList<double> widths, int frozenRows, string activeCell, bool landscape, string? tabColour = null,
        bool protect = true, IReadOnlyDictionary<int, uint>? columnStyles = null)
    {
        var view = new S.SheetView { WorkbookViewId = 0U };
        if (frozenRows > 0)
        {
            var topLeft = "A" + (frozenRows + 1).ToString(CultureInfo.InvariantCulture);
            view.Append(
                new S.Pane { VerticalSplit = frozenRows, TopLeftCell = topLeft, ActivePane = S.PaneValues.BottomLeft, State = S.PaneStateValues.Frozen },
                new S.Selection { Pane = S.PaneValues.BottomLeft, ActiveCell = activeCell, SequenceOfReferences = new ListValue<StringValue> { InnerText = activeCell } });
        }
        else
        {
            view.Append(new S.Selection { ActiveCell = activeCell, SequenceOfReferences = new ListValue<StringValue> { InnerText = activeCell } });
        }

        var properties = new S.SheetProperties(new S.PageSetupProperties { FitToPage = true });
        if (tabColour is not null)
        {
            properties.InsertAt(new S.TabColor { Rgb = HexBinaryValue.FromString(tabColour) }, 0);
        }

        var sheet = new S.Worksheet(
            properties,
            new S.SheetViews(view),
            new S.SheetFormatProperties { DefaultRowHeight = 15 },
            new S.Columns(widths.Select((w, i) => new S.Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Math.Abs(w),
                CustomWidth = true,
                Hidden = w < 0 ? true : null,
                Style = columnStyles is not null && columnStyles.TryGetValue(i, out var style) ? style : null,
            })),
            _data);
        if (protect)
        {
            // Protection without a password: the form's structure is not edited by accident, yet staff never need one.
            sheet.Append(new S.SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false, AutoFilter = false, Sort = false });
        }

        if (_merges.Count > 0)
        {
            sheet.Append(new S.MergeCells(_merges.Select(m => new S.MergeCell { Reference = m })) { Count = (uint)_merges.Count });
        }

        if (_validations.Count > 0)
        {
            sheet.Append(new S.DataValidations(_validations) { Count = (uint)_validations.Count });
        }

        sheet.Append(
            new S.PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new S.PageSetup
            {
                PaperSize = 9U,
                Orientation = landscape ? S.OrientationValues.Landscape : S.OrientationValues.Portrait,
                FitToWidth = 1U,
                FitToHeight = 0U,
            },
            new S.HeaderFooter(new S.OddFooter("&C第 &P 页，共 &N 页")));
        part.Worksheet = sheet;
    }

    public static string Ref(string column, int row) => column + row.ToString(CultureInfo.InvariantCulture);

    public static string Num(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>The shared-string table, built as cells are written.</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _items = [];

    public int Index(string text)
    {
        if (!_index.TryGetValue(text, out var i))
        {
            i = _items.Count;
            _items.Add(text);
            _index.Add(text, i);
        }

        return i;
    }

    public void Write(SharedStringTablePart part) =>
        part.SharedStringTable = new S.SharedStringTable(_items.Select(t => new S.SharedStringItem(new S.Text(t) { Space = SpaceProcessingModeValues.Preserve })))
        {
            Count = (uint)_items.Count,
            UniqueCount = (uint)_items.Count,
        };
}
