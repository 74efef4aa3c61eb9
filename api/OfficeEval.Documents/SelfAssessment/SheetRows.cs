using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>A worksheet read as rows of cell texts, with the helpers the sheet readers share.</summary>
internal sealed class SheetRows
{
    private SheetRows(string sheet, List<(int Row, Dictionary<string, string> Cells)> rows)
    {
        Sheet = sheet;
        Rows = rows;
    }

    public string Sheet { get; }

    /// <summary>Rows as (row number, column letter → text), in sheet order.</summary>
    public List<(int Row, Dictionary<string, string> Cells)> Rows { get; }

    /// <summary>The worksheet named <paramref name="name"/>, or null when the workbook has none.</summary>
    public static SheetRows? Load(WorkbookPart workbookPart, string name, string[] strings)
    {
        var sheet = workbookPart.Workbook?.Sheets?.Elements<S.Sheet>().FirstOrDefault(s => s.Name?.Value == name);
        if (sheet?.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part)
        {
            return null;
        }

        var rows = new List<(int, Dictionary<string, string>)>();
        var data = part.Worksheet?.GetFirstChild<S.SheetData>();
        if (data is null)
        {
            return new SheetRows(name, rows);
        }

        var lastRow = 0;
        foreach (var row in data.Elements<S.Row>())
        {
            var rowNumber = row.RowIndex?.Value is { } r ? (int)r : lastRow + 1;
            lastRow = rowNumber;
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            var columnIndex = 0;
            foreach (var cell in row.Elements<S.Cell>())
            {
                columnIndex++;
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : ColumnName(columnIndex);
                columnIndex = ColumnIndex(column);
                var text = CellText(cell, strings);
                if (text.Length > 0)
                {
                    cells[column] = text;
                }
            }

            rows.Add((rowNumber, cells));
        }

        return new SheetRows(name, rows);
    }

    /// <summary>The shared strings of the workbook, by index.</summary>
    /// <summary>
    /// Rows from a grid of cell texts as a spreadsheet host hands them out (a used range): row <paramref name="firstRow"/>
    /// and column <paramref name="firstColumn"/> (both from 1) are the grid's top-left cell; empty texts are left out.
    /// </summary>
    public static SheetRows FromGrid(string sheet, IReadOnlyList<IReadOnlyList<string>> values, int firstRow, int firstColumn)
    {
        var rows = new List<(int, Dictionary<string, string>)>(values.Count);
        for (var r = 0; r < values.Count; r++)
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < values[r].Count; c++)
            {
                if (values[r][c] is { Length: > 0 } text)
                {
                    cells[ColumnName(firstColumn + c)] = text;
                }
            }

            rows.Add((firstRow + r, cells));
        }

        return new SheetRows(sheet, rows);
    }

    public static string[] SharedStrings(WorkbookPart workbookPart) =>
        workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<S.SharedStringItem>().Select(item => item.InnerText).ToArray() ?? [];

    /// <summary>The first row holding a cell equal (normalized) to <paramref name="text"/>, with that cell's column.</summary>
    public (int Index, string Column)? Find(string text)
    {
        var wanted = Normalize(text);
        for (var i = 0; i < Rows.Count; i++)
        {
            foreach (var (column, value) in Rows[i].Cells)
            {
                if (Normalize(value) == wanted)
                {
                    return (i, column);
                }
            }
        }

        return null;
    }

    public static string Address(string column, int row) => column + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Full-width digits and letters become ASCII (NFKC); surrounding spaces are dropped.</summary>
    public static string Normalize(string text) => text.Normalize(NormalizationForm.FormKC).Trim();

    public static decimal? ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static string ColumnOf(string reference)
    {
        var end = 0;
        while (end < reference.Length && char.IsAsciiLetter(reference[end]))
        {
            end++;
        }

        return reference[..end].ToUpperInvariant();
    }

    public static int ColumnIndex(string column)
    {
        var index = 0;
        foreach (var c in column)
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index;
    }

    public static string ColumnName(int index)
    {
        var name = "";
        while (index > 0)
        {
            var rem = (index - 1) % 26;
            name = (char)('A' + rem) + name;
            index = (index - 1) / 26;
        }

        return name;
    }

    private static string CellText(S.Cell cell, string[] strings)
    {
        var type = cell.DataType?.Value;
        if (type == S.CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        if (type == S.CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Length ? strings[i] : "";
        }

        return value;
    }
}
