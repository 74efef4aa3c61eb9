using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Validation;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Support;

public class WorkbookFillerTests
{
    private static readonly Dictionary<string, FilledRow> Rows = new(StringComparer.Ordinal)
    {
        ["1.1"] = FilledRow.Option("好", 7.5m, "说明"),
        ["1.2.1"] = FilledRow.Count(3m),
    };

    [Fact]
    public void Fill_GeneratedWorkbook_WritesCellsAndKeepsProtection()
    {
        using var workbook = new GeneratedWorkbook(WorkbookFiller.Fill(TestTemplates.Generate(), Rows));

        Assert.Equal(("好", "7.5", "说明"), (workbook.Text("H4"), workbook.Text("I4"), workbook.Text("J4")));
        Assert.Equal("3", workbook.Text("H5"));
        Assert.Equal("", workbook.Text("H6"));
        Assert.True(workbook.Sheet.GetFirstChild<S.SheetProtection>()!.Sheet!.Value);
        Assert.False(workbook.IsLocked("H4"));
    }

    [Fact]
    public void Fill_GeneratedWorkbook_StaysValid()
    {
        using var workbook = new GeneratedWorkbook(WorkbookFiller.Fill(TestTemplates.Generate(), Rows));

        var errors = new OpenXmlValidator(FileFormatVersions.Office2016).Validate(workbook.Document).ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Fill_UnknownCode_Throws()
    {
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal) { ["9.9"] = FilledRow.Count(1m) };

        Assert.Throws<ArgumentException>(() => WorkbookFiller.Fill(TestTemplates.Generate(), rows));
    }

    [Fact]
    public void SwapRows_TwoCodes_ExchangesRowContents()
    {
        using var workbook = new GeneratedWorkbook(WorkbookFiller.SwapRows(TestTemplates.Generate(), "1.1", "1.2.2"));

        Assert.Equal(("1.2.2", "1.1"), (workbook.Text("A4"), workbook.Text("A6")));
        Assert.Equal(("制度完善", "工作机制"), (workbook.Text("D4"), workbook.Text("C6")));
    }
}
