using System.Globalization;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Surveys.SurveyFormLayout;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// One sheet of the questionnaire workbook read as a table: the header row is the first row naming two of its columns
/// (so a title may stand above it), columns are found by header in any order, unknown columns are ignored, and rows
/// blank in every known column are skipped. Cells longer than the upload limit are reported and read as blank.
/// </summary>
internal sealed class SurveyFormTable
{
    private readonly Dictionary<Column, string> _letters;
    private readonly List<WorkbookProblem> _problems;
    private readonly UploadLimits _limits;

    private SurveyFormTable(SheetRows sheet, int headerIndex, Dictionary<Column, string> letters, UploadLimits limits, List<WorkbookProblem> problems)
    {
        Sheet = sheet.Sheet;
        _letters = letters;
        _limits = limits;
        _problems = problems;
        HeaderRow = sheet.Rows[headerIndex].Row;
        Rows = [.. sheet.Rows.Skip(headerIndex + 1).Where(r => letters.Values.Any(l => !string.IsNullOrWhiteSpace(r.Cells.GetValueOrDefault(l))))];
    }

    public string Sheet { get; }

    public int HeaderRow { get; }

    /// <summary>The rows under the header with something in a known column, in sheet order.</summary>
    public List<(int Row, Dictionary<string, string> Cells)> Rows { get; }

    /// <summary>The table of <paramref name="sheet"/>, or null when its header row or a required column is missing (reported).</summary>
    public static SurveyFormTable? Read(SheetRows sheet, IReadOnlyList<Column> columns, UploadLimits limits, List<WorkbookProblem> problems)
    {
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            var letters = new Dictionary<Column, string>();
            foreach (var (letter, text) in sheet.Rows[i].Cells.OrderBy(c => SheetRows.ColumnIndex(c.Key)))
            {
                if (columns.FirstOrDefault(c => c.Matches(text) && !letters.ContainsKey(c)) is { } column)
                {
                    letters[column] = letter;
                }
            }

            if (letters.Count < Math.Min(2, columns.Count))
            {
                continue;
            }

            var missing = columns.Where(c => c.Required && !letters.ContainsKey(c)).ToList();
            foreach (var column in missing)
            {
                problems.Add(new WorkbookProblem("surveyform.column_missing", $"“{sheet.Sheet}”工作表缺少“{column.Header}”列（{column.Chinese}）。",
                    $"Sheet \"{sheet.Sheet}\" has no \"{column.Header}\" column.", sheet.Sheet, SheetRows.Address("A", sheet.Rows[i].Row)));
            }

            return missing.Count == 0 ? new SurveyFormTable(sheet, i, letters, limits, problems) : null;
        }

        var headers = string.Join("、", columns.Where(c => c.Required).Select(c => c.Header));
        problems.Add(new WorkbookProblem("surveyform.header_missing", $"“{sheet.Sheet}”工作表缺少表头行（{headers}）。",
            $"Sheet \"{sheet.Sheet}\" has no header row ({headers}).", sheet.Sheet, "A1"));
        return null;
    }

    /// <summary>The address of <paramref name="column"/> in row <paramref name="row"/> (column A when the sheet lacks it).</summary>
    public string Cell(Column column, int row) => SheetRows.Address(_letters.GetValueOrDefault(column) ?? "A", row);

    /// <summary>The cell's text, untrimmed; blank when the column is missing or the text is over the limit (reported).</summary>
    public string Text(Column column, (int Row, Dictionary<string, string> Cells) row, string? field = null)
    {
        var text = _letters.TryGetValue(column, out var letter) ? row.Cells.GetValueOrDefault(letter) ?? "" : "";
        if (text.Length > _limits.MaxCellText)
        {
            Problem("surveyform.too_long", column, row.Row, field,
                string.Create(CultureInfo.InvariantCulture, $"单元格内容超过 {_limits.MaxCellText} 个字符。"),
                string.Create(CultureInfo.InvariantCulture, $"The cell holds more than {_limits.MaxCellText} characters."));
            return "";
        }

        return text;
    }

    /// <summary>Reports a problem in <paramref name="column"/> of row <paramref name="row"/>.</summary>
    public void Problem(string code, Column column, int row, string? field, string zh, string en) =>
        _problems.Add(new WorkbookProblem(code, zh, en, Sheet, Cell(column, row)) { Field = field });

    /// <summary>
    /// Reports the first row past <paramref name="max"/> and returns true when there is one: the rest of the sheet is
    /// not read, however long it is.
    /// </summary>
    public bool TooMany(int max, string what)
    {
        if (Rows.Count <= max)
        {
            return false;
        }

        _problems.Add(new WorkbookProblem("surveyform.too_many_rows",
            string.Create(CultureInfo.InvariantCulture, $"“{Sheet}”工作表的{what}超过 {max} 行，多出的行未读取。"),
            string.Create(CultureInfo.InvariantCulture, $"Sheet \"{Sheet}\" has more than {max} rows; the rest was not read."),
            Sheet, SheetRows.Address("A", Rows[max].Row)));
        Rows.RemoveRange(max, Rows.Count - max);
        return true;
    }
}
