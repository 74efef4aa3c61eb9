using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Surveys;

/// <summary>
/// A workbook as someone might type it, not as the writer makes it: sheets of rows from A1, a string as inline text, a
/// decimal as a number, a bool as a boolean cell, null as no cell.
/// </summary>
internal static class HandMadeWorkbook
{
    public static byte[] Build(params (string Name, object?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var list = new S.Sheets();
            for (var s = 0; s < sheets.Length; s++)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var data = new S.SheetData();
                for (var r = 0; r < sheets[s].Rows.Length; r++)
                {
                    var row = new S.Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < sheets[s].Rows[r].Length; c++)
                    {
                        var reference = (char)('A' + c) + (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        switch (sheets[s].Rows[r][c])
                        {
                            case string text:
                                row.Append(new S.Cell(new S.InlineString(new S.Text(text) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, DataType = S.CellValues.InlineString });
                                break;
                            case decimal number:
                                row.Append(new S.Cell(new S.CellValue(number.ToString(System.Globalization.CultureInfo.InvariantCulture))) { CellReference = reference });
                                break;
                            case bool flag:
                                row.Append(new S.Cell(new S.CellValue(flag ? "1" : "0")) { CellReference = reference, DataType = S.CellValues.Boolean });
                                break;
                        }
                    }

                    data.Append(row);
                }

                part.Worksheet = new S.Worksheet(data);
                list.Append(new S.Sheet { Name = sheets[s].Name, SheetId = (uint)(s + 1), Id = workbookPart.GetIdOfPart(part) });
            }

            workbookPart.Workbook = new S.Workbook(list);
        }

        return stream.ToArray();
    }
}
