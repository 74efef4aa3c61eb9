using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>Opens workbook bytes read-only to inspect what was generated.</summary>
internal sealed class GeneratedWorkbook : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly string[] _strings;

    public GeneratedWorkbook(byte[] xlsx, string sheet = "自评表")
    {
        _stream = new MemoryStream(xlsx, writable: false);
        Document = SpreadsheetDocument.Open(_stream, false);
        WorkbookPart = Document.WorkbookPart!;
        SheetNames = [.. WorkbookPart.Workbook.Sheets!.Elements<S.Sheet>().Select(s => s.Name!.Value!)];
        Sheet = ((WorksheetPart)WorkbookPart.GetPartById(WorkbookPart.Workbook.Sheets!.Elements<S.Sheet>().First(s => s.Name?.Value == sheet).Id!.Value!)).Worksheet;
        _strings = WorkbookPart.SharedStringTablePart?.SharedStringTable?.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
    }

    public SpreadsheetDocument Document { get; }

    public WorkbookPart WorkbookPart { get; }

    /// <summary>Every sheet's name, in order.</summary>
    public IReadOnlyList<string> SheetNames { get; }

    /// <summary>The sheet inspected (自评表 unless another was named).</summary>
    public S.Worksheet Sheet { get; }

    public S.Cell? Cell(string reference) => Sheet.Descendants<S.Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);

    /// <summary>The text a user sees in the cell (shared, inline or raw value); empty for a blank or missing cell.</summary>
    public string Text(string reference)
    {
        var cell = Cell(reference);
        if (cell is null)
        {
            return "";
        }

        if (cell.DataType?.Value == S.CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        return cell.DataType?.Value == S.CellValues.SharedString ? _strings[int.Parse(value, CultureInfo.InvariantCulture)] : value;
    }

    /// <summary>The protection the cell's style gives it: locked unless its format says Locked=false (Excel's default is locked).</summary>
    public bool IsLocked(string reference)
    {
        var cell = Cell(reference) ?? throw new InvalidOperationException("No cell " + reference + ".");
        var format = WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<S.CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        return format.Protection?.Locked?.Value ?? true;
    }

    public void Dispose()
    {
        Document.Dispose();
        _stream.Dispose();
    }
}
