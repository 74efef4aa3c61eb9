using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Core.History;
using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.History;

/// <summary>Writes and reads the mapping workbook (see <see cref="MappingWorkbook"/>), in the framework authoring workbook's styles.</summary>
internal static class MappingSheets
{
    public const string MappingSheet = "指标对应关系";
    public const string NewSheet = "新版本指标";
    public const string Dropped = "撤销";

    /// <summary>More rows than any framework has dimensions and leaves; a sheet beyond it is refused.</summary>
    public const int MaxRows = 5000;

    private const int TitleRow = 1;
    private const int NoteRow = 2;
    private const int HeaderRow = 3;

    private const string FromCodeHeader = "原指标编码";
    private const string ToCodeHeader = "新指标编码";
    private const string NoteHeader = "说明";

    private static readonly string[] Headers = [FromCodeHeader, "原指标名称", "层级", "分值", ToCodeHeader, "新指标名称", "对应状态", NoteHeader];
    private static readonly double[] Widths = [12, 36, 10, 8, 12, 36, 22, 36];

    public static void Write(MappingWorkbookModel model, Stream output)
    {
        using var workbook = new WorkbookBuilder(output, AuthoringStyles.Write);
        var sheet = workbook.Sheet();
        var title = $"{model.From} → {model.To} 指标对应关系" + (model.Suggested ? "（系统建议，待确认）" : "");
        sheet.Row(TitleRow, 28, sheet.Text("A", TitleRow, title, AuthoringStyles.Title));
        sheet.Merge("A1:H1");
        sheet.Row(NoteRow, 48, sheet.Text("A", NoteRow,
            $"“{ToCodeHeader}”填写新版本中对应的一级指标或末级指标编码（一级指标只能对应一级指标，末级指标只能对应末级指标；多个原指标可对应同一新指标），"
            + $"已撤销的填“{Dropped}”，留空表示无对应。可选编码见“{NewSheet}”工作表；“{NoteHeader}”可填写调整原因。其余各列仅供参考，上传时不读取。",
            AuthoringStyles.Note));
        sheet.Merge("A2:H2");
        sheet.Row(HeaderRow, 22, [.. Headers.Select((h, i) => sheet.Text(SheetRows.ColumnName(i + 1), HeaderRow, h, AuthoringStyles.Header))]);

        var row = HeaderRow;
        foreach (var item in model.Table.Rows)
        {
            row++;
            var (style, code) = item.IsDimension ? (AuthoringStyles.DimensionText, AuthoringStyles.DimensionCode) : (AuthoringStyles.Text, AuthoringStyles.Code);
            var to = item.Status == MappingStatus.Dropped ? Dropped : item.ToCode ?? "";
            sheet.Row(row, null,
                sheet.Text("A", row, item.FromCode, code),
                sheet.Text("B", row, item.FromName, style),
                sheet.Text("C", row, item.IsDimension ? "一级指标" : "末级指标", AuthoringStyles.Center),
                SheetBuilder.Number("D", row, item.Points, AuthoringStyles.Number),
                sheet.Text("E", row, to, AuthoringStyles.Input),
                sheet.Text("F", row, item.ToName ?? "", AuthoringStyles.Text),
                sheet.Text("G", row, StatusText(item.Status), AuthoringStyles.Text),
                sheet.Text("H", row, item.Note ?? "", AuthoringStyles.Input));
        }

        sheet.Validate(SheetBuilder.TextLength(string.Create(CultureInfo.InvariantCulture, $"H{HeaderRow + 1}:H{Math.Max(row, HeaderRow + 1)}"),
            IndicatorMapping.MaxNoteLength, NoteHeader, $"调整原因，不超过 {IndicatorMapping.MaxNoteLength} 字。"));
        sheet.WriteTo(workbook.Add(MappingSheet), Widths, HeaderRow, "E" + (HeaderRow + 1).ToString(CultureInfo.InvariantCulture), landscape: true,
            tabColour: "FFC00000", protect: false, columnStyles: new Dictionary<int, uint> { [0] = AuthoringStyles.Code, [4] = AuthoringStyles.Input });

        var targets = workbook.Sheet();
        targets.Row(1, 22, [.. new[] { "编码", "名称", "层级", "分值" }.Select((h, i) => targets.Text(SheetRows.ColumnName(i + 1), 1, h, AuthoringStyles.Header))]);
        var n = 1;
        foreach (var node in model.NewIndicators)
        {
            n++;
            var (style, code) = node.IsDimension ? (AuthoringStyles.DimensionText, AuthoringStyles.DimensionCode) : (AuthoringStyles.Text, AuthoringStyles.Code);
            targets.Row(n, null,
                targets.Text("A", n, node.Code, code),
                targets.Text("B", n, node.Name, style),
                targets.Text("C", n, node.IsDimension ? "一级指标" : "末级指标", AuthoringStyles.Center),
                SheetBuilder.Number("D", n, node.Points, AuthoringStyles.Number));
        }

        targets.WriteTo(workbook.Add(NewSheet), [12, 40, 10, 8], 1, "A2", landscape: false, protect: true);
        workbook.Finish(0U, workbook.PrintTitles(MappingSheet, $"${HeaderRow}:${HeaderRow}"));
    }

    private static string StatusText(MappingStatus status) => status switch
    {
        MappingStatus.Mapped => "对应",
        MappingStatus.NeedsReview => "待确认（编码相同、名称不同）",
        MappingStatus.Dropped => "撤销",
        MappingStatus.Unmapped => "无对应",
    };

    public static MappingWorkbookReadResult Read(Stream input, UploadLimits limits)
    {
        try
        {
            return UploadedWorkbook.Read(input, limits, workbookPart => ReadWorkbook(workbookPart, limits));
        }
        catch (WorkbookRejectedException e)
        {
            return new MappingWorkbookReadResult([], [new WorkbookProblem(e.Code, e.MessageZh, e.Message)]);
        }
    }

    private static MappingWorkbookReadResult ReadWorkbook(WorkbookPart workbookPart, UploadLimits limits)
    {
        var rows = SheetRows.Load(workbookPart, MappingSheet, SheetRows.SharedStrings(workbookPart));
        if (rows is null)
        {
            return Refused(new WorkbookProblem("mapping.sheet_missing", $"工作簿中找不到“{MappingSheet}”工作表，请使用系统导出的指标对应关系表。",
                $"The workbook has no sheet named \"{MappingSheet}\"; use the mapping workbook the system exports.", MappingSheet));
        }

        var header = rows.Rows.FindIndex(r => Column(r.Cells, FromCodeHeader) is not null && Column(r.Cells, ToCodeHeader) is not null);
        if (header < 0)
        {
            return Refused(new WorkbookProblem("mapping.columns_missing", $"“{MappingSheet}”工作表中找不到“{FromCodeHeader}”和“{ToCodeHeader}”两列的表头。",
                $"Sheet \"{MappingSheet}\" has no header row with the columns {FromCodeHeader} and {ToCodeHeader}.", MappingSheet, "A" + HeaderRow.ToString(CultureInfo.InvariantCulture)));
        }

        var cells = rows.Rows[header].Cells;
        var (fromColumn, toColumn, noteColumn) = (Column(cells, FromCodeHeader)!, Column(cells, ToCodeHeader)!, Column(cells, NoteHeader));
        var body = rows.Rows.Skip(header + 1).Where(r => !string.IsNullOrWhiteSpace(r.Cells.GetValueOrDefault(fromColumn))).ToList();
        if (body.Count > MaxRows)
        {
            return Refused(new WorkbookProblem("mapping.too_many_rows", $"“{MappingSheet}”工作表的行数超过 {MaxRows} 行。",
                $"Sheet \"{MappingSheet}\" has more than {MaxRows} rows.", MappingSheet));
        }

        var links = new List<MappingWorkbookLink>();
        var problems = new List<WorkbookProblem>();
        foreach (var (row, values) in body)
        {
            // Codes are normalised (full-width digits and dots typed in Chinese input become ASCII); a note keeps its text.
            string? Cell(string column, string name, bool code = true)
            {
                var text = values.GetValueOrDefault(column);
                if (text is { Length: var length } && length > limits.MaxCellText)
                {
                    problems.Add(new WorkbookProblem("cell.too_long", $"“{name}”单元格内容过长（超过 {limits.MaxCellText} 字）。",
                        $"The {name} cell is longer than {limits.MaxCellText} characters.", MappingSheet, SheetRows.Address(column, row)));
                    return null;
                }

                return text is null ? null : code ? SheetRows.Normalize(text) : text.Trim();
            }

            var from = Cell(fromColumn, FromCodeHeader);
            var to = Cell(toColumn, ToCodeHeader);
            var note = noteColumn is null ? null : Cell(noteColumn, NoteHeader, code: false);
            if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to))
            {
                continue;
            }

            links.Add(new MappingWorkbookLink(
                new IndicatorLink(from, to == Dropped ? null : to) { Note = string.IsNullOrEmpty(note) ? null : note },
                SheetRows.Address(fromColumn, row), SheetRows.Address(toColumn, row), SheetRows.Address(noteColumn ?? "H", row)));
        }

        return new MappingWorkbookReadResult(problems.Count == 0 ? links : [], problems);
    }

    private static MappingWorkbookReadResult Refused(WorkbookProblem problem) => new([], [problem]);

    /// <summary>The letter of the column headed <paramref name="header"/> in a row, or null.</summary>
    private static string? Column(Dictionary<string, string> cells, string header) =>
        cells.Where(c => SheetRows.Normalize(c.Value) == header).Select(c => c.Key).OrderBy(SheetRows.ColumnIndex).FirstOrDefault();
}
