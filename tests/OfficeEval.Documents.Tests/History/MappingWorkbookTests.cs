using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;
using OfficeEval.Documents.History;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.History;

/// <summary>
/// The mapping workbook between two versions of the sample framework: 2026.1 and a 2027.1 where 1.1.1 is renamed and
/// 3.2 gone, 3.1 taking its 7 points (15 in all).
/// </summary>
public class MappingWorkbookTests
{
    private static readonly FrameworkDefinition From = ReportSamples.Framework();

    private static readonly FrameworkDefinition To = From with
    {
        Version = "2027.1",
        Dimensions = [.. From.Dimensions.Select(d => d.Code switch
        {
            "1" => d with { Children = [d.Children[0] with { Children = [d.Children[0].Children[0] with { Name = "年度重点工作任务完成情况" }, d.Children[0].Children[1]] }, d.Children[1]] },
            "3" => d with { Children = [d.Children[0] with { Points = 15m }] },
            _ => d,
        })],
    };

    private static MappingWorkbookModel Model(IndicatorMapping mapping) =>
        new("LN-GOV 2026.1", "LN-GOV 2027.1", MappingTable.Describe(From, To, mapping), [.. IndicatorMapping.MappableNodes(To).Select(n => new MappingNode(n.Node.Code, n.Node.Name, n.IsDimension, n.Node.Points))])
        {
            Suggested = mapping.Suggested,
        };

    private static byte[] Write(IndicatorMapping mapping) => GeneratedReport.Write(s => MappingWorkbook.Write(Model(mapping), s));

    private static MappingWorkbookReadResult Read(byte[] xlsx) => MappingWorkbook.Read(new MemoryStream(xlsx));

    [Fact]
    public void Write_Suggestion_ValidWorkbookWithEveryOldIndicatorAndTheNewOnes()
    {
        var xlsx = Write(IndicatorMapping.Suggest(From, To));
        using var workbook = new GeneratedWorkbook(xlsx, MappingWorkbook.SheetName);

        foreach (var version in new[] { FileFormatVersions.Office2010, FileFormatVersions.Office2016 })
        {
            var errors = new OpenXmlValidator(version).Validate(workbook.Document).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
        }

        Assert.Equal(["指标对应关系", "新版本指标"], workbook.SheetNames);
        Assert.Equal("LN-GOV 2026.1 → LN-GOV 2027.1 指标对应关系（系统建议，待确认）", workbook.Text("A1"));
        Assert.Equal(["原指标编码", "原指标名称", "层级", "分值", "新指标编码", "新指标名称", "对应状态", "说明"], "ABCDEFGH".Select(c => workbook.Text(c + "3")));
        var rows = IndicatorMapping.MappableNodes(From).ToList();
        Assert.Equal(rows.Select(r => r.Node.Code), Enumerable.Range(4, rows.Count).Select(r => workbook.Text("A" + r)));
        var renamed = 4 + rows.FindIndex(r => r.Node.Code == "1.1.1");
        Assert.Equal(("1.1.1", "年度重点工作任务完成情况", "待确认（编码相同、名称不同）"), (workbook.Text("E" + renamed), workbook.Text("F" + renamed), workbook.Text("G" + renamed)));
        var gone = 4 + rows.FindIndex(r => r.Node.Code == "3.2");
        Assert.Equal(("", "无对应"), (workbook.Text("E" + gone), workbook.Text("G" + gone)));
        Assert.Equal(S.PaneStateValues.Frozen, workbook.Sheet.Descendants<S.Pane>().Single().State!.Value);
        using var targets = new GeneratedWorkbook(xlsx, "新版本指标");
        Assert.Equal(IndicatorMapping.MappableNodes(To).Select(n => n.Node.Code), Enumerable.Range(2, IndicatorMapping.MappableNodes(To).Count()).Select(r => targets.Text("A" + r)));
    }

    [Fact]
    public void Read_AsWritten_TheSameLinksBack()
    {
        var mapping = IndicatorMapping.Suggest(From, To) with { Suggested = false };
        mapping = mapping with { Links = [.. mapping.Links, new IndicatorLink("3.2", null) { Note = "指标撤销，分值并入3.1" }] };

        var read = Read(Write(mapping));

        Assert.Empty(read.Problems);
        Assert.Equal(mapping.Links.Select(l => (l.FromCode, l.ToCode, l.Note)).OrderBy(l => l.FromCode, StringComparer.Ordinal),
            read.Links.Select(l => (l.Link.FromCode, l.Link.ToCode, l.Link.Note)).OrderBy(l => l.FromCode, StringComparer.Ordinal));
    }

    [Fact]
    public void Read_EditedCells_NewCodesDroppedMarksBlanksAndNotesWithTheirCells()
    {
        var xlsx = Write(IndicatorMapping.Suggest(From, To));
        var rows = IndicatorMapping.MappableNodes(From).Select(n => n.Node.Code).ToList();
        string Row(string code) => (4 + rows.IndexOf(code)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var edited = WorkbookFiller.SetCells(xlsx, MappingWorkbook.SheetName, new Dictionary<string, object>
        {
            // Typed with a Chinese input method: full-width digits and dot.
            ["E" + Row("3.2")] = "３．１",
            ["H" + Row("3.2")] = "  并入，机构职责分工  ",
            ["E" + Row("2.2")] = MappingWorkbook.DroppedMark,
            ["E" + Row("1.2")] = "",
        });

        var read = Read(edited);

        Assert.Empty(read.Problems);
        var links = read.Links.ToDictionary(l => l.Link.FromCode);
        Assert.Equal(("3.1", "并入，机构职责分工", "E" + Row("3.2"), "H" + Row("3.2")), (links["3.2"].Link.ToCode, links["3.2"].Link.Note, links["3.2"].ToCell, links["3.2"].NoteCell));
        Assert.True(links.ContainsKey("2.2"));
        Assert.Null(links["2.2"].Link.ToCode);
        Assert.False(links.ContainsKey("1.2"));
        Assert.Equal("A" + Row("1.1.1"), links["1.1.1"].FromCell);
        Assert.Empty(new IndicatorMapping([.. read.Links.Select(l => l.Link)]).Validate(From, To));
    }

    [Fact]
    public void Read_NotAWorkbookOrNoMappingSheet_OneProblemAndNoLinks()
    {
        var garbage = Read("这不是工作簿"u8.ToArray());
        var other = Read(GeneratedReport.Write(s => OfficeEval.Documents.Frameworks.FrameworkWorkbook.Write(From, s)));

        Assert.Equal(("upload.not_xlsx", 0), (Assert.Single(garbage.Problems).Code, garbage.Links.Count));
        Assert.Equal(("mapping.sheet_missing", "指标对应关系"), (Assert.Single(other.Problems).Code, other.Problems[0].Sheet));
        Assert.Empty(other.Links);
    }

    [Fact]
    public void Read_HeaderGoneOrCellTooLong_ProblemsByCellAndNoLinks()
    {
        var xlsx = Write(IndicatorMapping.Suggest(From, To));
        var noHeader = Read(WorkbookFiller.SetCells(xlsx, MappingWorkbook.SheetName, new Dictionary<string, object> { ["E3"] = "新编码" }));
        var tooLong = Read(WorkbookFiller.SetCells(xlsx, MappingWorkbook.SheetName, new Dictionary<string, object> { ["H5"] = new string('长', 4001) }));

        Assert.Equal(("mapping.columns_missing", "A3"), (Assert.Single(noHeader.Problems).Code, noHeader.Problems[0].Cell));
        Assert.Equal(("cell.too_long", "指标对应关系", "H5"), (Assert.Single(tooLong.Problems).Code, tooLong.Problems[0].Sheet, tooLong.Problems[0].Cell));
        Assert.Empty(tooLong.Links);
    }
}
