using System.Security.Cryptography;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Documents.Surveys;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace OfficeEval.Documents.Tests.Surveys;

public class SurveyLinksWorkbookTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 6, 30, 15, 59, 0, TimeSpan.Zero);

    [Fact]
    public void Write_PersonGroup_OneRowPerLinkSortedByUnitWithTitleAndHeader()
    {
        using var workbook = new GeneratedWorkbook(LinkSamples.Write(LinkSamples.Person()), SurveyLinksWorkbook.SheetName);

        Assert.Equal("2026 年度部门履职满意度调查 问卷链接分发清单", workbook.Text("A1"));
        Assert.StartsWith("答卷群体：服务对象　有效期至：2026-06-30 23:59（北京时间）　共 5 个链接\n按被评估单位分页，共 3 个被评估单位", workbook.Text("A2"), StringComparison.Ordinal);
        Assert.Equal(["序号", "被评估单位编码", "被评估单位", "答卷群体", "链接", "二维码"], "ABCDEF".Select(c => workbook.Text(c + "3")));
        Assert.Equal(["DW-A", "DW-A", "DW-B", "DW-B", "DW-C"], Enumerable.Range(4, 5).Select(r => workbook.Text("B" + r)));
        Assert.Equal(["1", "2", "3", "4", "5"], Enumerable.Range(4, 5).Select(r => workbook.Text("A" + r)));
        var link = workbook.Cell("E4")!;
        Assert.Equal($"HYPERLINK(\"{LinkSamples.Person().Rows[1].Url}\")", link.CellFormula!.Text);
        Assert.Equal(LinkSamples.Person().Rows[1].Url, link.CellValue!.Text);
        Assert.All(workbook.Sheet.Descendants<S.Row>().Where(r => r.RowIndex!.Value > 3), r => Assert.True(r.Height!.Value >= 95));
    }

    [Fact]
    public void Write_MutualGroup_RespondentUnitColumnsAndSortedByTheUnitAnswering()
    {
        using var workbook = new GeneratedWorkbook(LinkSamples.Write(LinkSamples.Mutual()), SurveyLinksWorkbook.SheetName);

        Assert.Equal(["序号", "被评估单位编码", "被评估单位", "评价单位编码", "评价单位", "答卷群体", "链接", "二维码"], "ABCDEFGH".Select(c => workbook.Text(c + "3")));
        Assert.Equal(["XZ-1:DW-A", "XZ-1:DW-B", "XZ-2:DW-A", "XZ-2:DW-B"], Enumerable.Range(4, 4).Select(r => workbook.Text("D" + r) + ":" + workbook.Text("B" + r)));
        Assert.Contains("单位互评：按评价单位分页，共 2 个评价单位", workbook.Text("A2"), StringComparison.Ordinal);
        Assert.Contains("问卷关闭前有效", workbook.Text("A2"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Sheet_PrintsHeaderOnEveryPageFittedToWidthWithAPagePerUnit()
    {
        using var workbook = new GeneratedWorkbook(LinkSamples.Write(LinkSamples.Person()), SurveyLinksWorkbook.SheetName);

        var names = workbook.WorkbookPart.Workbook.DefinedNames!.Elements<S.DefinedName>().ToDictionary(n => n.Name!.Value!, n => n.Text);
        Assert.Equal("'分发清单'!$3:$3", names["_xlnm.Print_Titles"]);
        Assert.Equal("'分发清单'!$A$1:$F$8", names["_xlnm.Print_Area"]);
        var setup = workbook.Sheet.GetFirstChild<S.PageSetup>()!;
        Assert.Equal((9U, 1U, 0U), (setup.PaperSize!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.Equal([5U, 7U], workbook.Sheet.GetFirstChild<S.RowBreaks>()!.Elements<S.Break>().Select(b => b.Id!.Value));
        Assert.Equal(S.PaneStateValues.Frozen, workbook.Sheet.Descendants<S.Pane>().Single().State!.Value);
    }

    [Fact]
    public void Write_Drawing_OnePictureInEachRowsQrCellAndOneImagePerDistinctLink()
    {
        var document = LinkSamples.Person() with { Rows = [.. LinkSamples.Person().Rows, LinkSamples.Person().Rows[0]] };
        using var workbook = new GeneratedWorkbook(LinkSamples.Write(document), SurveyLinksWorkbook.SheetName);
        var drawing = ((WorksheetPart)workbook.Sheet.WorksheetPart!).DrawingsPart!;

        var anchors = drawing.WorksheetDrawing.Elements<Xdr.TwoCellAnchor>().ToList();
        Assert.Equal(6, anchors.Count);
        Assert.All(anchors, a => Assert.Equal(("5", "5"), (a.FromMarker!.ColumnId!.Text, a.ToMarker!.ColumnId!.Text)));
        Assert.Equal(Enumerable.Range(3, 6).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture)), anchors.Select(a => a.FromMarker!.RowId!.Text));
        Assert.Equal(5, drawing.ImageParts.Count());
        Assert.All(drawing.ImageParts, p => Assert.Equal("image/png", p.ContentType));
        // The repeated link's two rows show the same image.
        var embeds = anchors.Select(a => a.Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value).ToList();
        Assert.Equal(5, embeds.Distinct().Count());
        Assert.Equal(embeds[2], embeds[4]);
    }

    [Fact]
    public void Write_PersonAndMutual_PassTheOpenXmlValidator()
    {
        foreach (var document in new[] { LinkSamples.Person(), LinkSamples.Mutual(), LinkSamples.Person() with { Rows = [] } })
        {
            using var workbook = new GeneratedWorkbook(LinkSamples.Write(document), SurveyLinksWorkbook.SheetName);
            foreach (var version in new[] { FileFormatVersions.Office2010, FileFormatVersions.Office2016 })
            {
                var errors = new OpenXmlValidator(version).Validate(workbook.Document).ToList();
                Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
            }
        }
    }

    [Fact]
    public void Write_SameBatch_SameBytes()
    {
        Assert.Equal(LinkSamples.Write(LinkSamples.Mutual()), LinkSamples.Write(LinkSamples.Mutual()));
    }

    [Fact]
    public void Png_TwoLinks_DifferentPngsOfAPrintableSize()
    {
        var rows = LinkSamples.Person().Rows;

        var first = SurveyLinksSheet.Png(rows[0].Url);
        var second = SurveyLinksSheet.Png(rows[1].Url);

        Assert.NotEqual(first, second);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], first[..4]);
        // Width from the IHDR chunk: (modules + 8 of quiet zone) × 6 pixels; a 50-character link needs version 3 or 4 at level M.
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(first.AsSpan(16, 4));
        Assert.InRange(width, (29 + 8) * 6, (33 + 8) * 6);
    }

    [ZbarFact]
    public void Write_EachQrImage_DecodesToItsRowsLink()
    {
        var document = LinkSamples.Mutual();
        using var workbook = new GeneratedWorkbook(LinkSamples.Write(document), SurveyLinksWorkbook.SheetName);
        var drawing = ((WorksheetPart)workbook.Sheet.WorksheetPart!).DrawingsPart!;

        foreach (var anchor in drawing.WorksheetDrawing.Elements<Xdr.TwoCellAnchor>())
        {
            var row = int.Parse(anchor.FromMarker!.RowId!.Text, System.Globalization.CultureInfo.InvariantCulture) + 1;
            var image = (ImagePart)drawing.GetPartById(anchor.Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single().Embed!.Value!);
            using var stream = image.GetStream();
            using var png = new MemoryStream();
            stream.CopyTo(png);

            Assert.Equal(workbook.Cell("G" + row)!.CellValue!.Text, Zbar.Decode(png.ToArray()));
        }
    }
}

internal static class LinkSamples
{
    public static SurveyLinksDocument Person() => new("2026 年度部门履职满意度调查", "服务对象", false, new DateTimeOffset(2026, 6, 30, 15, 59, 0, TimeSpan.Zero),
    [
        Row(1, "DW-B", "市发展和改革委员会", null, null),
        Row(2, "DW-A", "市委组织部", null, null),
        Row(3, "DW-C", "市财政局", null, null),
        Row(4, "DW-A", "市委组织部", null, null),
        Row(5, "DW-B", "市发展和改革委员会", null, null),
    ]);

    public static SurveyLinksDocument Mutual() => new("2026 年度部门履职满意度调查", "乡镇（街道）", true, null,
    [
        Row(6, "DW-B", "市发展和改革委员会", "XZ-2", "城关街道"),
        Row(7, "DW-A", "市委组织部", "XZ-2", "城关街道"),
        Row(8, "DW-A", "市委组织部", "XZ-1", "东城镇"),
        Row(9, "DW-B", "市发展和改革委员会", "XZ-1", "东城镇"),
    ]);

    public static byte[] Write(SurveyLinksDocument document)
    {
        using var stream = new MemoryStream();
        SurveyLinksWorkbook.Write(document, stream);
        return stream.ToArray();
    }

    /// <summary>A row with a token as issued (k and 22 characters of base64url), the same every run for the same <paramref name="seed"/>.</summary>
    private static SurveyLinkRow Row(int seed, string unit, string name, string? respondent, string? respondentName)
    {
        var bytes = SHA256.HashData(BitConverter.GetBytes(seed));
        var code = "k" + Convert.ToBase64String(bytes, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new SurveyLinkRow(unit, name, respondent, respondentName, code, "https://pg.example.gov.cn/s/" + code);
    }
}
