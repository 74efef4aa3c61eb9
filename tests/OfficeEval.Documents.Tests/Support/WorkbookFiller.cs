using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>
/// Fills a generated self-assessment workbook the way a unit would in Excel: finds each indicator's row by the code in
/// column A and writes its answer (H), self-score (I) and explanation (J). Works on the package directly, so the sheet
/// protection stays as generated. Depends only on DocumentFormat.OpenXml and the BCL: it is also linked into the API tests.
/// </summary>
public static class WorkbookFiller
{
    public const string SheetName = "自评表";
    public const string CodeColumn = "A";
    public const string AnswerColumn = "H";
    public const string SelfScoreColumn = "I";
    public const string ExplanationColumn = "J";

    /// <summary>Returns a copy of <paramref name="xlsx"/> with the given rows filled; throws when a code has no row.</summary>
    public static byte[] Fill(byte[] xlsx, IReadOnlyDictionary<string, FilledRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Edit(xlsx, (sheet, strings) =>
        {
            var byCode = RowsByCode(sheet, strings);
            foreach (var (code, filled) in rows)
            {
                if (!byCode.TryGetValue(code, out var row))
                {
                    throw new ArgumentException("No row has the indicator code " + code + " in column A.", nameof(rows));
                }

                if (filled.AnswerText is not null)
                {
                    SetText(CellAt(row, AnswerColumn), filled.AnswerText);
                }
                else if (filled.AnswerNumber is { } number)
                {
                    SetNumber(CellAt(row, AnswerColumn), number);
                }

                if (filled.SelfScoreText is not null)
                {
                    SetText(CellAt(row, SelfScoreColumn), filled.SelfScoreText);
                }
                else if (filled.SelfScore is { } selfScore)
                {
                    SetNumber(CellAt(row, SelfScoreColumn), selfScore);
                }

                if (filled.Explanation is not null)
                {
                    SetText(CellAt(row, ExplanationColumn), filled.Explanation);
                }
            }
        });
    }

    /// <summary>Returns a copy with the contents of the rows of two codes exchanged, as if the user had sorted the sheet.</summary>
    public static byte[] SwapRows(byte[] xlsx, string firstCode, string secondCode) => Edit(xlsx, (sheet, strings) =>
    {
        var byCode = RowsByCode(sheet, strings);
        var first = byCode[firstCode];
        var second = byCode[secondCode];
        var firstCells = first.Elements<S.Cell>().Select(c => (S.Cell)c.CloneNode(true)).ToList();
        var secondCells = second.Elements<S.Cell>().Select(c => (S.Cell)c.CloneNode(true)).ToList();
        Replace(first, secondCells);
        Replace(second, firstCells);
    });

    /// <summary>Returns a copy with <paramref name="reference"/> (e.g. <c>A5</c>) set to an inline string.</summary>
    public static byte[] SetCell(byte[] xlsx, string reference, string text) => Edit(xlsx, (sheet, _) =>
    {
        var rowIndex = uint.Parse(reference.AsSpan(ColumnOf(reference).Length), NumberStyles.None, CultureInfo.InvariantCulture);
        var row = sheet.Descendants<S.Row>().First(r => r.RowIndex?.Value == rowIndex);
        SetText(CellAt(row, ColumnOf(reference)), text);
    });

    /// <summary>
    /// Returns a copy with cells of the sheet named <paramref name="sheetName"/> set by address (e.g. <c>B6</c>): a
    /// decimal as a number, anything else as the text typed; rows are created where the sheet has none.
    /// </summary>
    public static byte[] SetCells(byte[] xlsx, string sheetName, IReadOnlyDictionary<string, object> cells) => Edit(xlsx, sheetName, (sheet, _) =>
    {
        foreach (var (reference, value) in cells)
        {
            var cell = CellAt(RowAt(sheet, reference), ColumnOf(reference));
            if (value is decimal number)
            {
                SetNumber(cell, number);
            }
            else
            {
                SetText(cell, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
            }
        }
    });

    private static byte[] Edit(byte[] xlsx, Action<S.Worksheet, string[]> edit) => Edit(xlsx, SheetName, edit);

    private static byte[] Edit(byte[] xlsx, string sheetName, Action<S.Worksheet, string[]> edit)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbookPart = document.WorkbookPart ?? throw new InvalidOperationException("The package has no workbook part.");
            var sheet = workbookPart.Workbook.Sheets?.Elements<S.Sheet>().FirstOrDefault(s => s.Name?.Value == sheetName)
                ?? throw new InvalidOperationException("The workbook has no sheet named " + sheetName + ".");
            var worksheet = ((WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!)).Worksheet;
            var strings = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            edit(worksheet, strings);
            worksheet.Save();
        }

        return stream.ToArray();
    }

    private static Dictionary<string, S.Row> RowsByCode(S.Worksheet sheet, string[] strings)
    {
        var rows = new Dictionary<string, S.Row>(StringComparer.Ordinal);
        foreach (var row in sheet.Descendants<S.Row>())
        {
            var codeCell = row.Elements<S.Cell>().FirstOrDefault(c => ColumnOf(c.CellReference?.Value ?? "") == CodeColumn);
            var code = codeCell is null ? "" : Text(codeCell, strings).Trim();
            if (code.Length > 0)
            {
                rows.TryAdd(code, row);
            }
        }

        return rows;
    }

    private static string Text(S.Cell cell, string[] strings)
    {
        if (cell.DataType?.Value == S.CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == S.CellValues.SharedString && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Length
            ? strings[i]
            : value;
    }

    /// <summary>The row of <paramref name="reference"/>, created in row order when the sheet has none.</summary>
    private static S.Row RowAt(S.Worksheet sheet, string reference)
    {
        var index = uint.Parse(reference.AsSpan(ColumnOf(reference).Length), NumberStyles.None, CultureInfo.InvariantCulture);
        var data = sheet.GetFirstChild<S.SheetData>() ?? throw new InvalidOperationException("The sheet has no sheetData.");
        var existing = data.Elements<S.Row>().FirstOrDefault(r => r.RowIndex?.Value == index);
        if (existing is not null)
        {
            return existing;
        }

        var row = new S.Row { RowIndex = index };
        var next = data.Elements<S.Row>().FirstOrDefault(r => r.RowIndex?.Value > index);
        if (next is null)
        {
            data.Append(row);
        }
        else
        {
            data.InsertBefore(row, next);
        }

        return row;
    }

    /// <summary>The row's cell in <paramref name="column"/>, created in column order when the row has none.</summary>
    public static S.Cell CellAt(S.Row row, string column)
    {
        var reference = column + row.RowIndex!.Value.ToString(CultureInfo.InvariantCulture);
        var existing = row.Elements<S.Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (existing is not null)
        {
            return existing;
        }

        var cell = new S.Cell { CellReference = reference };
        var next = row.Elements<S.Cell>().FirstOrDefault(c => ColumnIndex(ColumnOf(c.CellReference?.Value ?? "")) > ColumnIndex(column));
        if (next is null)
        {
            row.Append(cell);
        }
        else
        {
            row.InsertBefore(cell, next);
        }

        return cell;
    }

    private static void SetText(S.Cell cell, string text)
    {
        cell.RemoveAllChildren();
        cell.DataType = S.CellValues.InlineString;
        cell.Append(new S.InlineString(new S.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>Makes <paramref name="cell"/> hold <paramref name="value"/> as a number.</summary>
    public static void SetNumber(S.Cell cell, decimal value)
    {
        cell.RemoveAllChildren();
        cell.DataType = null;
        cell.Append(new S.CellValue(value.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Puts <paramref name="cells"/> into <paramref name="row"/>, rewriting their references to its row number.</summary>
    private static void Replace(S.Row row, List<S.Cell> cells)
    {
        var number = row.RowIndex!.Value.ToString(CultureInfo.InvariantCulture);
        row.RemoveAllChildren<S.Cell>();
        foreach (var cell in cells)
        {
            cell.CellReference = ColumnOf(cell.CellReference!.Value!) + number;
            row.Append(cell);
        }
    }

    /// <summary>The column letters of an A1 reference.</summary>
    public static string ColumnOf(string reference) => new([.. reference.TakeWhile(char.IsAsciiLetter)]);

    private static int ColumnIndex(string column) => column.Aggregate(0, (index, c) => (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1));
}

/// <summary>What a unit types into one indicator's row. Text wins over a number when both are set.</summary>
/// <param name="AnswerText">Text typed into the answer cell (an option, or a deliberately malformed count).</param>
/// <param name="AnswerNumber">A number in the answer cell (a count).</param>
/// <param name="SelfScore">A number in the self-score cell.</param>
/// <param name="Explanation">Text in the explanation cell.</param>
/// <param name="SelfScoreText">Text typed into the self-score cell instead of a number.</param>
public sealed record FilledRow(string? AnswerText = null, decimal? AnswerNumber = null, decimal? SelfScore = null, string? Explanation = null, string? SelfScoreText = null)
{
    /// <summary>An option picked on a qualitative scale.</summary>
    public static FilledRow Option(string option, decimal? selfScore = null, string? explanation = null) => new(option, null, selfScore, explanation);

    /// <summary>A count of occurrences, as a number cell.</summary>
    public static FilledRow Count(decimal count, decimal? selfScore = null, string? explanation = null) => new(null, count, selfScore, explanation);
}
