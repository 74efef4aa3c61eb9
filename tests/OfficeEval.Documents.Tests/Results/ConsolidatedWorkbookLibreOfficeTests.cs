using System.Text;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Results;

/// <summary>The consolidated workbook as LibreOffice opens it: the results sheet as CSV, and both sheets printed to PDF.</summary>
[Collection(LibreOffice.Collection)]
public sealed class ConsolidatedWorkbookLibreOfficeTests
{
    /// <summary>CSV in UTF-8 (76), comma-separated, quoted text, cells as shown.</summary>
    private const string CsvFilter = "csv:Text - txt - csv (StarCalc):44,34,76";

    [LibreOfficeFact]
    public void ConvertToCsv_Sample_ShowsEveryUnitWithItsFormattedFigures()
    {
        var csv = Encoding.UTF8.GetString(LibreOffice.Convert(ConsolidatedSamples.Write(), "results.xlsx", CsvFilter));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal(9, lines.Count);
        Assert.StartsWith("2026年度机构编制执行情况和使用效益评估 评估结果汇总表", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("单位编码,单位名称,类别,自评状态,机构编制执行（40分）,,", lines[2], StringComparison.Ordinal);
        Assert.Equal("DW-ZZB,市委组织部,非经济,已实地评估,36.00,90.00%,30.00,85.71%,22.25,89.00%,88.25,88.25%,90.00,+1.75,2,良,黄榜,", lines[5]);
        Assert.Equal("XZ-CGJD,城关街道,经济,已实地评估,20.00,50.00%,21.00,60.00%,15.50,62.00%,56.50,56.50%,70.00,+13.50,4,差,红榜,连续两次红榜", lines[7]);
        Assert.Equal("QT-GQT,共青团市委,非经济,未开始,,,,,,,,,,,,,,", lines[8]);
    }

    [LibreOfficeFact("pdftotext")]
    public void ConvertToPdf_Sample_PrintsBothSheetsAndTheChart()
    {
        var (text, _) = LibreOffice.Print(ConsolidatedSamples.Write(), "results.xlsx", LibreOffice.CalcPdfFilter);

        Assert.Contains("评估结果汇总表", text, StringComparison.Ordinal);
        Assert.Contains("市发展和改革委员会", text, StringComparison.Ordinal);
        Assert.Contains("统计分析", text, StringComparison.Ordinal);
        // The chart's title is drawn as text only when LibreOffice rendered the chart part.
        Assert.Contains("各一级指标平均得分率", text, StringComparison.Ordinal);
    }
}
