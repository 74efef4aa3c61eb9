using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Documents.Results;
using OfficeEval.Documents.Tests.Support;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Results;

public sealed class ConsolidatedWorkbookTests
{
    private const string ResultsSheet = ConsolidatedWorkbook.ResultsSheetName;
    private const string StatisticsSheet = ConsolidatedWorkbook.StatisticsSheetName;

    [Theory]
    [InlineData(FileFormatVersions.Office2016)]
    [InlineData(FileFormatVersions.Microsoft365)]
    public void Write_Sample_PassesOpenXmlValidation(FileFormatVersions version)
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        OpenXmlValidation.AssertValid(workbook.Document, version);
    }

    [Fact]
    public void Write_Sample_HasTheResultsAndStatisticsSheets()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        Assert.Equal(["评估结果", "统计分析"], workbook.SheetNames);
        Assert.Equal("2026年度机构编制执行情况和使用效益评估 评估结果汇总表", workbook.Text("A1"));
        Assert.Equal("结果尚未定档，仅供参考；满分 100 分；生成时间 2027-03-01 09:30", workbook.Text("A2"));
        Assert.Equal("2026年度机构编制执行情况和使用效益评估 评估结果汇总表", workbook.Document.PackageProperties.Title);
    }

    [Fact]
    public void Write_Sample_WritesTheTwoLevelHeading()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        Assert.Equal(
            ["单位编码", "单位名称", "类别", "自评状态", "机构编制执行（40分）", "", "人员使用效益（35分）", "", "满意度（25分）", "",
             "总分（100分）", "得分率", "自评总分", "自评偏差", "排名", "等次", "红黄绿榜", "备注"],
            Columns("A", "R").Select(c => workbook.Text(c + "3")));
        Assert.Equal(["得分", "得分率", "得分", "得分率", "得分", "得分率"], Columns("E", "J").Select(c => workbook.Text(c + "4")));
        var merges = workbook.Sheet.Descendants<S.MergeCell>().Select(m => m.Reference!.Value).ToList();
        Assert.Contains("E3:F3", merges);
        Assert.Contains("A3:A4", merges);
        Assert.Contains("Q3:Q4", merges);
    }

    [Fact]
    public void Write_Sample_ReadsBackEveryFigure()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        // 市委组织部: 36 + 30 + 22.25 = 88.25, self 90.
        Assert.Equal(["DW-ZZB", "市委组织部", "非经济", "已实地评估"], Columns("A", "D").Select(c => workbook.Text(c + "6")));
        Assert.Equal(["36", "0.9", "30", "0.8571", "22.25", "0.89"], Columns("E", "J").Select(c => workbook.Text(c + "6")));
        Assert.Equal(["88.25", "0.8825", "90", "1.75", "2", "良", "黄榜", ""], Columns("K", "R").Select(c => workbook.Text(c + "6")));
        Assert.Equal(["XZ-CGJD", "城关街道"], Columns("A", "B").Select(c => workbook.Text(c + "8")));
        Assert.Equal(["56.5", "0.565", "70", "13.5", "4", "差", "红榜", "连续两次红榜"], Columns("K", "R").Select(c => workbook.Text(c + "8")));
        Assert.Equal(9, workbook.Sheet.Descendants<S.Row>().Count());
    }

    [Fact]
    public void Write_UnitNotStarted_LeavesItsFiguresBlankNotZero()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        Assert.Equal(["QT-GQT", "共青团市委", "非经济", "未开始"], Columns("A", "D").Select(c => workbook.Text(c + "9")));
        foreach (var column in Columns("E", "R"))
        {
            var cell = workbook.Cell(column + "9");
            Assert.NotNull(cell);
            Assert.Null(cell.CellValue);
            Assert.Null(cell.InlineString);
        }
    }

    [Fact]
    public void Write_Sample_FillsEachBoardCellInItsColour()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        Assert.Equal(("绿榜", "FFC6EFCE"), (workbook.Text("Q5"), Fill(workbook, "Q5")));
        Assert.Equal(("黄榜", "FFFFEB9C"), (workbook.Text("Q6"), Fill(workbook, "Q6")));
        Assert.Equal(("黄榜", "FFFFEB9C"), (workbook.Text("Q7"), Fill(workbook, "Q7")));
        Assert.Equal(("红榜", "FFFFC7CE"), (workbook.Text("Q8"), Fill(workbook, "Q8")));
        Assert.Null(Fill(workbook, "Q9"));
        Assert.Null(Fill(workbook, "P5"));
    }

    [Fact]
    public void Write_Sample_FormatsScoresRatesAndDeviations()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        Assert.Equal("0.00", NumberFormat(workbook, "E5"));
        Assert.Equal("0.00%", NumberFormat(workbook, "F5"));
        Assert.Equal("0.00", NumberFormat(workbook, "K5"));
        Assert.Equal("0.00%", NumberFormat(workbook, "L5"));
        Assert.Equal(ConsolidatedStyles.DeviationFormatCode, NumberFormat(workbook, "N5"));
        Assert.Equal("0", NumberFormat(workbook, "O5"));
        // Codes and names are inline strings: text whatever they hold, and no shared-string table grows with the rows.
        Assert.Equal(S.CellValues.InlineString, workbook.Cell("A5")!.DataType!.Value);
        Assert.Null(workbook.WorkbookPart.SharedStringTablePart);
    }

    [Fact]
    public void Write_Sample_FreezesFiltersAndPrintsTheHeading()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), ResultsSheet);

        var pane = workbook.Sheet.Descendants<S.Pane>().Single();
        Assert.Equal((S.PaneStateValues.Frozen, 2D, 4D, "C5"), (pane.State!.Value, pane.HorizontalSplit!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        Assert.Equal("A4:R9", workbook.Sheet.Elements<S.AutoFilter>().Single().Reference!.Value);
        var setup = workbook.Sheet.Elements<S.PageSetup>().Single();
        Assert.Equal((9U, S.OrientationValues.Landscape, 1U, 0U), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        var names = workbook.WorkbookPart.Workbook.DefinedNames!.Elements<S.DefinedName>().ToDictionary(n => n.Name!.Value!, n => n.Text);
        Assert.Equal("'评估结果'!$A:$B,'评估结果'!$3:$4", names["_xlnm.Print_Titles"]);
        Assert.Equal("'评估结果'!$A$4:$R$9", names["_xlnm._FilterDatabase"]);
    }

    [Fact]
    public void Write_Sample_StatisticsSheetHasAveragesDistributionGradesAndBoards()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), StatisticsSheet);

        var rows = workbook.Sheet.Descendants<S.Row>()
            .Select(r => string.Join("|", r.Elements<S.Cell>().Select(c => workbook.Text(c.CellReference!.Value!))))
            .ToList();

        Assert.Contains("汇总表所列单位（个）|5", rows);
        Assert.Contains("其中已评分单位（个）|4", rows);
        // (95.5 + 88.25 + 77 + 56.5) / 4 = 79.3125 → 79.31.
        Assert.Contains("全部已评分单位平均总分|79.31", rows);
        Assert.Contains("一级指标|分值|单位数|平均得分|平均得分率", rows);
        // (38 + 36 + 30 + 20) / 4 = 31 of 40: 77.5%.
        Assert.Equal("机构编制执行|40|4|31|0.775", rows[10]);
        Assert.Contains("90%及以上|1|0.25", rows);
        Assert.Contains("60%以下|1|0.25", rows);
        Assert.Contains("优|1|0.25", rows);
        Assert.Contains("良|1|0.25", rows);
        Assert.Contains("绿榜|1|0.25", rows);
        Assert.Contains("黄榜|2|0.5", rows);
        Assert.Contains("红榜|1|0.25", rows);
    }

    [Fact]
    public void Write_Sample_ChartsTheDimensionsAverageRatesAsClusteredColumns()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(), StatisticsSheet);

        var sheetPart = workbook.Sheet.WorksheetPart!;
        var chart = sheetPart.DrawingsPart!.ChartParts.Single().ChartSpace;
        var bar = chart.Descendants<C.BarChart>().Single();
        Assert.Equal(C.BarDirectionValues.Column, bar.BarDirection!.Val!.Value);
        Assert.Equal(C.BarGroupingValues.Clustered, bar.BarGrouping!.Val!.Value);
        var series = bar.Elements<C.BarChartSeries>().Single();
        Assert.Equal("'统计分析'!$A$11:$A$13", series.GetFirstChild<C.CategoryAxisData>()!.Descendants<C.Formula>().Single().Text);
        Assert.Equal("'统计分析'!$E$11:$E$13", series.GetFirstChild<C.Values>()!.Descendants<C.Formula>().Single().Text);
        Assert.Equal(["机构编制执行", "人员使用效益", "满意度"], series.GetFirstChild<C.CategoryAxisData>()!.Descendants<C.StringPoint>().Select(p => p.InnerText));
        // Cached as the sheet holds them: 77.5%, (33.5 + 30 + 27 + 21) / 4 / 35 = 79.64%, (24 + 22.25 + 20 + 15.5) / 4 / 25 = 81.75%.
        Assert.Equal(["0.775", "0.7964", "0.8175"], series.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>().Select(p => p.InnerText));
        Assert.Equal(["0.775", "0.7964", "0.8175"], new[] { "E11", "E12", "E13" }.Select(workbook.Text));
    }

    [Fact]
    public void Write_FinalizedResults_SaysWhen()
    {
        var info = ConsolidatedSamples.Info() with { FinalizedAt = new DateTimeOffset(2027, 2, 28, 10, 0, 0, TimeSpan.FromHours(8)) };

        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(info: info), ResultsSheet);

        Assert.StartsWith("结果已于 2027-02-28 定档；", workbook.Text("A2"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HostileNames_StayTextAndTheFileStaysValid()
    {
        var rows = new[]
        {
            new ConsolidatedRow("=1+1", "=HYPERLINK(\"http://x\")") { Category = " 经济 " },
            new ConsolidatedRow("C\u0001D", "名称\u0000含\uD800控制字符"),
        };

        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write(rows), ResultsSheet);

        Assert.Equal(["=1+1", "=HYPERLINK(\"http://x\")", " 经济 "], Columns("A", "C").Select(c => workbook.Text(c + "5")));
        Assert.Null(workbook.Cell("A5")!.CellFormula);
        Assert.Equal(["C\uFFFDD", "名称\uFFFD含\uFFFD控制字符"], Columns("A", "B").Select(c => workbook.Text(c + "6")));
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(workbook.Document));
    }

    [Fact]
    public void Write_NoUnits_StillAValidWorkbookWithTheHeading()
    {
        using var workbook = new GeneratedWorkbook(ConsolidatedSamples.Write([], ConsolidatedSamples.Info(Core.Results.CampaignStatistics.Compute([]))), ResultsSheet);

        Assert.Equal("A4:R4", workbook.Sheet.Elements<S.AutoFilter>().Single().Reference!.Value);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(workbook.Document));
    }

    [Fact]
    public async Task WriteAsync_SameRows_SameBytesAsWrite()
    {
        using var output = new MemoryStream();

        await ConsolidatedWorkbook.WriteAsync(ConsolidatedSamples.Info(), ConsolidatedSamples.Rows().ToAsyncEnumerable(), output);

        Assert.Equal(ConsolidatedSamples.Write(), output.ToArray());
    }

    [Fact]
    public void Write_Sample_EveryEntryIsDatedAtGeneration()
    {
        using var zip = new ZipArchive(new MemoryStream(ConsolidatedSamples.Write()), ZipArchiveMode.Read);

        Assert.All(zip.Entries, e => Assert.Equal(ConsolidatedSamples.GeneratedAt.DateTime, e.LastWriteTime.DateTime));
        Assert.Contains(zip.Entries, e => e.FullName == "xl/charts/chart1.xml");
    }

    private static IEnumerable<string> Columns(string from, string to)
    {
        for (var c = from[0]; c <= to[0]; c++)
        {
            yield return c.ToString();
        }
    }

    private static S.CellFormat Format(GeneratedWorkbook workbook, string reference) =>
        workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<S.CellFormat>().ElementAt((int)workbook.Cell(reference)!.StyleIndex!.Value);

    private static string? Fill(GeneratedWorkbook workbook, string reference)
    {
        var fill = workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fills!.Elements<S.Fill>().ElementAt((int)Format(workbook, reference).FillId!.Value);
        return fill.PatternFill?.PatternType?.Value == S.PatternValues.Solid ? fill.PatternFill.ForegroundColor!.Rgb!.Value : null;
    }

    private static string NumberFormat(GeneratedWorkbook workbook, string reference)
    {
        var id = Format(workbook, reference).NumberFormatId!.Value;
        return id switch
        {
            1 => "0",
            2 => "0.00",
            10 => "0.00%",
            _ => workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<S.NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!,
        };
    }
}
