using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Documents.Rectification;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Rectification;

/// <summary>The ledger workbook as LibreOffice opens it: each sheet as CSV (cells as shown), the summary's formulas recomputed, and the whole printed to PDF.</summary>
[Collection(LibreOffice.Collection)]
public sealed class LedgerWorkbookLibreOfficeTests
{
    /// <summary>CSV in UTF-8, comma-separated, quoted text, cells as shown; the last token is the sheet (1, 2).</summary>
    private static string CsvFilter(int sheet) => string.Create(CultureInfo.InvariantCulture, $"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,{sheet}");

    [LibreOfficeFact]
    public void ConvertToCsv_Ledger_ShowsEveryItemWithDatesAndOverdueDays()
    {
        var lines = Csv(LedgerSamples.Write(LedgerSamples.Ledger()), 1, LedgerWorkbook.LedgerSheetName);

        // Title, as-of line, header, seven items; the two-line evidence quoted over two lines.
        Assert.Equal(11, lines.Count);
        Assert.Equal("序号,单位编码,单位名称,指标,问题类别,问题描述,整改要求,整改时限,责任人,问题来源,整改状态,逾期天数,整改情况,销号时间,销号意见", lines[2]);
        Assert.Equal("1,ZF-FGW,市发展和改革委员会,1.1.1 重点工作任务完成情况,职责履行,年度重点工作任务中有2项未按期完成。,制定任务清单，按月调度，确保完成。,2027-03-31,张伟,实地评估,整改中,10,,,", lines[3]);
        Assert.Equal("2,ZF-FGW,市发展和改革委员会,2.1 内设机构设置规范性,机构设置,1个内设机构名称与“三定”规定不一致。,按“三定”规定规范内设机构名称。,2027-05-31,李娜,实地评估,已销号,,\"已按“三定”规定调整内设机构名称。\n佐证：调整通知.pdf\",2027-04-02,核验属实，同意销号。",
            lines[4] + "\n" + lines[5]);
        Assert.EndsWith(",2027-01-31,周杰,实地评估,待整改,69,,,", lines[10], StringComparison.Ordinal);
    }

    [LibreOfficeFact]
    public void ConvertToCsv_SummaryWithItsCachedValuesRemoved_RecomputesTheSameFigures()
    {
        var written = LedgerSamples.Write(LedgerSamples.Ledger());

        var cached = Csv(written, 2, LedgerWorkbook.SummarySheetName);
        var recomputed = Csv(WithoutCachedResults(written), 2, LedgerWorkbook.SummarySheetName);

        Assert.Equal(
        [
            "序号,单位编码,单位名称,问题数,待整改,整改中,待核验,已销号,逾期,销号率",
            "1,ZF-FGW,市发展和改革委员会,3,0,1,1,1,2,33.3%",
            "2,DW-ZZB,市委组织部,2,1,1,0,0,0,0.0%",
            "3,XZ-CGJD,城关街道,2,1,0,0,1,1,50.0%",
            "合计,,,7,2,2,1,2,3,28.6%",
        ], recomputed.Skip(2));
        Assert.Equal(cached, recomputed);
    }

    [LibreOfficeFact]
    public void ConvertToCsv_EmptySummaryWithItsCachedValuesRemoved_RecomputesZeros()
    {
        var recomputed = Csv(WithoutCachedResults(LedgerSamples.Write(LedgerSamples.Empty())), 2, LedgerWorkbook.SummarySheetName);

        Assert.Equal("合计,,,0,0,0,0,0,0,", recomputed[^1]);
    }

    [LibreOfficeFact("pdftotext", "pdfinfo")]
    public void ConvertToPdf_Sample_PrintsBothSheetsOnLandscapeAndPortraitA4()
    {
        var (text, pages) = LibreOffice.Print(LedgerSamples.Write(LedgerSamples.Ledger()), "ledger.xlsx", LibreOffice.CalcPdfFilter);

        Assert.Contains("发现问题整改台账", text, StringComparison.Ordinal);
        Assert.Contains("截至2027年4月10日", text, StringComparison.Ordinal);
        Assert.Contains("城关街道", text, StringComparison.Ordinal);
        Assert.Contains("督办事项1件未按期办结。", text, StringComparison.Ordinal);
        Assert.Contains("2027-01-31", text, StringComparison.Ordinal);
        Assert.Contains("整改情况汇总", text, StringComparison.Ordinal);
        Assert.Contains("28.6%", text, StringComparison.Ordinal);
        var sizes = pages.Select(p => ((int)Math.Round(p.Width), (int)Math.Round(p.Height))).ToList();
        Assert.Equal((842, 595), sizes[0]);
        Assert.Equal((595, 842), sizes[^1]);
    }

    private static List<string> Csv(byte[] xlsx, int sheet, string sheetName)
    {
        var csv = Encoding.UTF8.GetString(LibreOffice.Convert(xlsx, "ledger.xlsx", CsvFilter(sheet), outputFileName: $"ledger-{sheetName}.csv"));
        return [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];
    }

    /// <summary>
    /// The workbook with every formula's cached result removed: LibreOffice shows a cached result as it is (it does not
    /// recalculate xlsx files on load), but computes a formula that has none.
    /// </summary>
    private static byte[] WithoutCachedResults(byte[] xlsx)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            foreach (var part in document.WorkbookPart!.WorksheetParts)
            {
                foreach (var cell in part.Worksheet.Descendants<S.Cell>().Where(c => c.CellFormula is not null))
                {
                    cell.CellValue = null;
                    cell.DataType = null;
                }

                part.Worksheet.Save();
            }
        }

        return stream.ToArray();
    }
}
