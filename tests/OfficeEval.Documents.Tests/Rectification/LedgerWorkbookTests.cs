using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Documents.Rectification;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Rectification;

public sealed class LedgerWorkbookTests
{
    private const string Ledger = LedgerWorkbook.LedgerSheetName;
    private const string Summary = LedgerWorkbook.SummarySheetName;

    public static TheoryData<string, FileFormatVersions> Versions() => new()
    {
        { "sample", FileFormatVersions.Office2016 },
        { "sample", FileFormatVersions.Microsoft365 },
        { "empty", FileFormatVersions.Office2016 },
        { "empty", FileFormatVersions.Microsoft365 },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_SampleAndEmpty_PassOpenXmlValidation(string sample, FileFormatVersions version)
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(sample == "empty" ? LedgerSamples.Empty() : LedgerSamples.Ledger()), Ledger);

        OpenXmlValidation.AssertValid(workbook.Document, version);
    }

    [Fact]
    public void Write_Sample_TitleAsOfLineAndHeader()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Ledger()), Ledger);

        Assert.Equal([Ledger, Summary], workbook.SheetNames);
        Assert.Equal(LedgerSamples.Title, workbook.Text("A1"));
        Assert.Equal("截至2027年4月10日　共 7 项问题，已销号 2 项，逾期 3 项", workbook.Text("A2"));
        Assert.Equal(
            ["序号", "单位编码", "单位名称", "指标", "问题类别", "问题描述", "整改要求", "整改时限", "责任人", "问题来源", "整改状态", "逾期天数", "整改情况", "销号时间", "销号意见"],
            Columns("A", "O").Select(c => workbook.Text(c + "3")));
        Assert.Equal(LedgerSamples.Title, workbook.Document.PackageProperties.Title);
    }

    [Fact]
    public void Write_Sample_OneRowPerItemInOrder()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Ledger()), Ledger);

        Assert.Equal(
            ["2", "ZF-FGW", "市发展和改革委员会", "2.1 内设机构设置规范性", "机构设置", "1个内设机构名称与“三定”规定不一致。", "按“三定”规定规范内设机构名称。"],
            Columns("A", "G").Select(c => workbook.Text(c + "5")));
        Assert.Equal(["李娜", "实地评估", "已销号", "", "已按“三定”规定调整内设机构名称。\n佐证：调整通知.pdf", "核验属实，同意销号。"],
            new[] { "I", "J", "K", "L", "M", "O" }.Select(c => workbook.Text(c + "5")));
        // No indicator, no responsible person: blank cells, still bordered.
        Assert.Equal(["", "", "待核验", "26"], new[] { "D", "I", "K", "L" }.Select(c => workbook.Text(c + "6")));
        Assert.Equal("69", workbook.Text("L10"));
        Assert.Equal(10, workbook.Sheet.Descendants<S.Row>().Count());
    }

    [Fact]
    public void Write_Sample_DatesAreSpreadsheetDatesFormattedYyyyMmDd()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Ledger()), Ledger);

        // Spreadsheet day numbers count from 1899-12-30.
        var epoch = new DateOnly(1899, 12, 30).DayNumber;
        Assert.Equal(new DateOnly(2027, 3, 31).DayNumber - epoch, int.Parse(workbook.Text("H4"), CultureInfo.InvariantCulture));
        // Closed at 18:30 UTC on 1 April is 02:30 on 2 April in China.
        Assert.Equal(new DateOnly(2027, 4, 2).DayNumber - epoch, int.Parse(workbook.Text("N5"), CultureInfo.InvariantCulture));
        Assert.Equal("", workbook.Text("N4"));
        foreach (var reference in new[] { "H4", "N5", "N4" })
        {
            var cell = workbook.Cell(reference)!;
            Assert.Null(cell.DataType);
            Assert.Equal("yyyy\\-mm\\-dd", FormatCode(workbook, cell));
        }
    }

    [Fact]
    public void Write_Sample_HeaderFrozenFilteredAndPrintedOnEveryPage()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Ledger()), Ledger);

        var pane = workbook.Sheet.Descendants<S.Pane>().Single();
        Assert.Equal((S.PaneStateValues.Frozen, 3d, 3d, "D4"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.HorizontalSplit!.Value, pane.TopLeftCell!.Value));
        Assert.Equal("A3:O10", workbook.Sheet.Descendants<S.AutoFilter>().Single().Reference!.Value);
        var names = workbook.WorkbookPart.Workbook.DefinedNames!.Elements<S.DefinedName>().ToList();
        Assert.Contains(names, n => n.Name == "_xlnm._FilterDatabase" && n.LocalSheetId?.Value == 0 && n.Text == "'整改台账'!$A$3:$O$10");
        Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId?.Value == 0 && n.Text == "'整改台账'!$3:$3");
        var setup = workbook.Sheet.Descendants<S.PageSetup>().Single();
        Assert.Equal((9U, S.OrientationValues.Landscape, 1U, 0U), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.True(workbook.Sheet.Descendants<S.PageSetupProperties>().Single().FitToPage!.Value);
    }

    [Fact]
    public void Write_Sample_LongTextWrapsAndTheRowIsTallEnough()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Ledger()), Ledger);

        var format = CellFormat(workbook, workbook.Cell("M5")!);
        Assert.True(format.Alignment!.WrapText!.Value);
        var rows = workbook.Sheet.Descendants<S.Row>().ToDictionary(r => r.RowIndex!.Value);
        // Two lines of evidence make the row taller than a one-line row.
        Assert.True(rows[5].Height!.Value > rows[4].Height!.Value, $"{rows[5].Height} vs {rows[4].Height}");
    }

    [Fact]
    public void Write_Sample_OverdueRowsColouredByAConditionalFormatOnDaysOverdue()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Ledger()), Ledger);

        var formatting = workbook.Sheet.Descendants<S.ConditionalFormatting>().Single();
        Assert.Equal("A4:O10", formatting.SequenceOfReferences!.InnerText);
        var rule = formatting.Elements<S.ConditionalFormattingRule>().Single();
        Assert.Equal((S.ConditionalFormatValues.Expression, "$L4>0"), (rule.Type!.Value, rule.Elements<S.Formula>().Single().Text));
        var dxf = workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.DifferentialFormats!.Elements<S.DifferentialFormat>().ElementAt((int)rule.FormatId!.Value);
        Assert.Equal("FFFFC7CE", dxf.Fill!.PatternFill!.BackgroundColor!.Rgb!.Value);
    }

    [Fact]
    public void Write_Sample_SummaryCountsEachUnitByStatusWithFormulasOverTheLedger()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Ledger()), Summary);

        Assert.Equal(["序号", "单位编码", "单位名称", "问题数", "待整改", "整改中", "待核验", "已销号", "逾期", "销号率"], Columns("A", "J").Select(c => workbook.Text(c + "3")));
        Assert.Equal(["1", "ZF-FGW", "市发展和改革委员会", "3", "0", "1", "1", "1", "2"], Columns("A", "I").Select(c => workbook.Text(c + "4")));
        Assert.Equal(["DW-ZZB", "2", "1", "1", "0", "0", "0"], Columns("B", "I").Where(c => c != "C").Select(c => workbook.Text(c + "5")));
        Assert.Equal(["XZ-CGJD", "2", "1", "0", "0", "1", "1"], Columns("B", "I").Where(c => c != "C").Select(c => workbook.Text(c + "6")));
        Assert.Equal(["合计", "7", "2", "2", "1", "2", "3"], Columns("A", "I").Where(c => c is not ("B" or "C")).Select(c => workbook.Text(c + "7")));
        Assert.Equal(1m / 3m, decimal.Parse(workbook.Text("J4"), CultureInfo.InvariantCulture));
        Assert.Equal(2m / 7m, decimal.Parse(workbook.Text("J7"), CultureInfo.InvariantCulture));

        Assert.Equal("SUMPRODUCT(--EXACT('整改台账'!$B$4:$B$10,$B4))", workbook.Cell("D4")!.CellFormula!.Text);
        Assert.Equal("SUMPRODUCT(EXACT('整改台账'!$B$4:$B$10,$B4)*('整改台账'!$K$4:$K$10=\"已销号\"))", workbook.Cell("H4")!.CellFormula!.Text);
        Assert.Equal("SUMPRODUCT(EXACT('整改台账'!$B$4:$B$10,$B6)*('整改台账'!$L$4:$L$10>0))", workbook.Cell("I6")!.CellFormula!.Text);
        Assert.Equal("SUM(I4:I6)", workbook.Cell("I7")!.CellFormula!.Text);
        Assert.Equal("IF(D7=0,\"\",H7/D7)", workbook.Cell("J7")!.CellFormula!.Text);
        Assert.Equal("0.0%", FormatCode(workbook, workbook.Cell("J7")!));
    }

    [Fact]
    public void Write_5000ItemsOf250Units_EveryItemListedAndCountedOnce()
    {
        var template = LedgerSamples.Ledger().Rows[0];
        string[] statuses = [.. RectificationTexts.Statuses];
        // Item j is unit j mod 250's round j ÷ 250 (0–19): statuses in turn, overdue in rounds 0, 5 and 10 (not closed).
        var rows = Enumerable.Range(0, 5000).Select(j => template with
        {
            Number = j + 1,
            UnitCode = string.Create(CultureInfo.InvariantCulture, $"U{j % 250:D3}"),
            UnitName = string.Create(CultureInfo.InvariantCulture, $"测试单位{j % 250}"),
            Status = statuses[j / 250 % 4],
            DaysOverdue = j / 250 % 4 != 3 && j / 250 % 5 == 0 ? 1 + (j % 30) : null,
        }).ToList();

        var bytes = LedgerSamples.Write(LedgerSamples.Ledger() with { Rows = rows });
        using var ledger = new GeneratedWorkbook(bytes, Ledger);
        using var summary = new GeneratedWorkbook(bytes, Summary);

        Assert.Equal(3 + 5000, ledger.Sheet.Descendants<S.Row>().Count());
        Assert.Equal("A3:O5003", ledger.Sheet.Descendants<S.AutoFilter>().Single().Reference!.Value);
        Assert.Equal(3 + 250 + 1, summary.Sheet.Descendants<S.Row>().Count());
        // Each unit has 20 items, 5 in each status; the total row adds them up.
        Assert.Equal(["U000", "20", "5", "5", "5", "5", "3"], new[] { "B", "D", "E", "F", "G", "H", "I" }.Select(c => summary.Text(c + "4")));
        Assert.Equal(["合计", "5000", "1250", "1250", "1250", "1250", "750"], new[] { "A", "D", "E", "F", "G", "H", "I" }.Select(c => summary.Text(c + "254")));
        Assert.Equal("SUMPRODUCT(--EXACT('整改台账'!$B$4:$B$5003,$B4))", summary.Cell("D4")!.CellFormula!.Text);
    }

    [Fact]
    public void Totals_CodesDifferingInCase_AreTwoUnitsAsExactCounts()
    {
        var rows = LedgerSamples.Ledger().Rows;
        var ledger = LedgerSamples.Ledger() with { Rows = [rows[0], rows[1] with { UnitCode = "zf-fgw", UnitName = "另一单位" }] };

        var totals = LedgerSummarySheet.Totals(ledger.Rows);

        Assert.Equal([("ZF-FGW", 1), ("zf-fgw", 1)], totals.Select(t => (t.Code, t.Items)));
    }

    [Fact]
    public void Write_TextWithControlCharactersAndFormulaLikeText_ValidAndKeptAsText()
    {
        var rows = LedgerSamples.Ledger().Rows;
        var ledger = LedgerSamples.Ledger() with
        {
            Rows = [rows[0] with { UnitName = "市发展\u0007和改革委员会", Description = "=SUM(A1:A9)", Evidence = "见\u0001附件\uD800" }],
        };

        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(ledger), Ledger);

        OpenXmlValidation.AssertValid(workbook.Document, FileFormatVersions.Office2016);
        Assert.Equal("市发展\uFFFD和改革委员会", workbook.Text("C4"));
        Assert.Equal("=SUM(A1:A9)", workbook.Text("F4"));
        Assert.Null(workbook.Cell("F4")!.CellFormula);
        Assert.Equal("见\uFFFD附件\uFFFD", workbook.Text("M4"));
    }

    [Fact]
    public void Write_Empty_HeaderOnlyAndAZeroTotal()
    {
        using var workbook = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Empty()), Ledger);
        using var summary = new GeneratedWorkbook(LedgerSamples.Write(LedgerSamples.Empty()), Summary);

        Assert.Equal("截至2027年4月10日　共 0 项问题，已销号 0 项，逾期 0 项", workbook.Text("A2"));
        Assert.Equal(3, workbook.Sheet.Descendants<S.Row>().Count());
        Assert.Equal("A3:O3", workbook.Sheet.Descendants<S.AutoFilter>().Single().Reference!.Value);
        Assert.Empty(workbook.Sheet.Descendants<S.ConditionalFormatting>());
        Assert.Equal(["合计", "0", "0", "0", "0", "0", "0", ""], Columns("A", "J").Where(c => c is not ("B" or "C")).Select(c => summary.Text(c + "4")));
    }

    private static S.CellFormat CellFormat(GeneratedWorkbook workbook, S.Cell cell) =>
        workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<S.CellFormat>().ElementAt((int)cell.StyleIndex!.Value);

    private static string FormatCode(GeneratedWorkbook workbook, S.Cell cell)
    {
        var id = CellFormat(workbook, cell).NumberFormatId!.Value;
        return workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<S.NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!;
    }

    private static IEnumerable<string> Columns(string from, string to)
    {
        for (var c = from[0]; c <= to[0]; c++)
        {
            yield return c.ToString();
        }
    }
}
