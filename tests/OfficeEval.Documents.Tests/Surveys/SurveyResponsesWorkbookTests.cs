using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Surveys;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.Surveys;

public class SurveyResponsesWorkbookTests
{
    [Fact]
    public void Write_Responses_OneRowEachWithRawValuesBlankWhenSkippedGreyWhenNotAsked()
    {
        using var workbook = new GeneratedWorkbook(ResponseSamples.Write(), SurveyResponsesWorkbook.ResponsesSheetName);

        Assert.Equal(["被评估单位编码", "被评估单位", "答卷群体", "提交日期", "Q1", "Q2", "A-1.2_b", "Q4"], "ABCDEFGH".Select(c => workbook.Text(c + "1")));
        Assert.Equal("办事需要多次跑腿、\n重复提交材料。", workbook.Text("F2"));
        // 服务对象 answered Q1 = 5 and the reverse-worded Q2 = 1, written as answered; A-1.2_b and Q4 are not asked of them.
        Assert.Equal(["DW-A", "市委组织部", "服务对象", "46145", "5", "1", "", ""], "ABCDEFGH".Select(c => workbook.Text(c + "3")));
        Assert.Equal([SurveyStyles.NotAsked, SurveyStyles.NotAsked], new[] { "G3", "H3" }.Select(c => workbook.Cell(c)!.StyleIndex!.Value));
        // 乡镇（街道） skipped the optional Q4: blank, but not grey.
        Assert.Equal(["乡镇（街道）", "3", "", "1", ""], new[] { "C5", "E5", "F5", "G5", "H5" }.Select(workbook.Text));
        Assert.Equal(SurveyStyles.Centered, workbook.Cell("H5")!.StyleIndex!.Value);
        Assert.Equal(SurveyStyles.Date, workbook.Cell("D3")!.StyleIndex!.Value);
        Assert.Equal("yyyy\\-mm\\-dd", workbook.WorkbookPart.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<S.NumberingFormat>().Single().FormatCode!.Value);
        Assert.Equal(5, workbook.Sheet.Descendants<S.Row>().Count());
        Assert.Equal("A2:H5", workbook.Sheet.GetFirstChild<S.AutoFilter>()!.Reference!.Value);
    }

    [Fact]
    public void Write_Notes_CountValuesWithTheFormsLabelsReverseItemsAndTheAnonymityStatement()
    {
        using var workbook = new GeneratedWorkbook(ResponseSamples.Write(), SurveyResponsesWorkbook.NotesSheetName);
        var text = string.Join("\n", workbook.Sheet.Descendants<S.Cell>().Select(c => workbook.Text(c.CellReference!.Value!)));

        Assert.Contains("共 3 份", text, StringComparison.Ordinal);
        Assert.Contains("五级满意度 1 很不满意，2 不太满意，3 说不清，4 比较满意，5 很满意", text, StringComparison.Ordinal);
        Assert.Contains("三级满意度 1 不满意（差），2 基本满意，3 满意", text, StringComparison.Ordinal);
        Assert.Contains("反向计分题：Q2、Q4。", text, StringComparison.Ordinal);
        Assert.Contains("不含任何可识别答卷人的信息", text, StringComparison.Ordinal);
        Assert.Contains("不含评价单位", text, StringComparison.Ordinal);
        Assert.Equal(["A-1.2_b", "对工作作风的评价 <a&b>", "三级满意度", "内部人员、乡镇（街道）", "2.1", "否", "否"], "ABCDEFG".Select(c => workbook.Text(c + "11")));
    }

    [Fact]
    public void Write_ResponsesAndNoResponses_PassTheOpenXmlValidator()
    {
        foreach (var rows in new[] { ResponseSamples.Rows(), [] })
        {
            using var workbook = new GeneratedWorkbook(ResponseSamples.Write(rows: rows), SurveyResponsesWorkbook.ResponsesSheetName);
            foreach (var version in new[] { FileFormatVersions.Office2010, FileFormatVersions.Office2016 })
            {
                var errors = new OpenXmlValidator(version).Validate(workbook.Document).ToList();
                Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
            }

            Assert.Equal(["答卷", "说明"], workbook.SheetNames);
        }
    }

    [Fact]
    public void Write_Package_HoldsNoTimeOfExport()
    {
        var first = ResponseSamples.Write();

        Assert.Equal(first, ResponseSamples.Write());
        Assert.All(ZipEntries.Read(first), e => Assert.DoesNotContain(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-", System.Text.Encoding.UTF8.GetString(e.Content), StringComparison.Ordinal));
    }

    [Fact]
    public void Write_UnknownItemCodesAndValues_OnlyTheFormsItemsWritten()
    {
        var rows = new[] { new SurveyRawResponse("DW-A", "市委组织部", RespondentGroups.Public, new DateOnly(2026, 5, 1), new Dictionary<string, int> { ["Q1"] = 9, ["Q9"] = 3 }) };
        using var workbook = new GeneratedWorkbook(ResponseSamples.Write(rows: rows), SurveyResponsesWorkbook.ResponsesSheetName);

        Assert.Equal(["9", "", "", ""], "EFGH".Select(c => workbook.Text(c + "3")));
        Assert.Null(workbook.Cell("I3"));
    }

    [Fact]
    public async Task WriteAsync_RowsAsTheyArrive_SameWorkbookAsWrite()
    {
        using var stream = new MemoryStream();

        await SurveyResponsesWorkbook.WriteAsync(SurveySamples.EveryFeature(), ResponseSamples.Rows().ToAsyncEnumerable(), stream);

        Assert.Equal(ResponseSamples.Write(), stream.ToArray());
    }
}

/// <summary>The responses workbook holds what it writes and no more: its live memory does not grow with the rows.</summary>
[Collection(Results.MemoryCollection.Name)]
public sealed class SurveyResponsesWorkbookMemoryTests
{
    private const int Rows = 60_000;
    private const int SampleEvery = 10_000;

    [Fact]
    public void Write_60000Responses_LiveMemoryDoesNotGrowWithTheRows()
    {
        var samples = new List<(int Row, long Live)>();
        var output = new CountingStream();

        SurveyResponsesWorkbook.Write(SurveySamples.EveryFeature(), Generate(samples), output);

        Assert.True(output.Length > 1_000_000, $"{output.Length} bytes written");
        Assert.True(samples[^1].Live - samples[0].Live < 1_000_000,
            "Live heap: " + string.Join(", ", samples.Select(s => $"row {s.Row:N0}: {s.Live:N0}")));
    }

    private static IEnumerable<SurveyRawResponse> Generate(List<(int Row, long Live)> samples)
    {
        var groups = RespondentGroups.Standard;
        for (var i = 1; i <= Rows; i++)
        {
            var group = groups[i % groups.Count];
            yield return new SurveyRawResponse($"U{i / 50:D5}", $"测试单位{i / 50}", group, new DateOnly(2026, 5, 1 + (i % 28)),
                new Dictionary<string, int> { ["Q1"] = 1 + (i % 5), ["Q2"] = 1 + (i % 4), ["A-1.2_b"] = 1 + (i % 3), ["Q4"] = 1 + (i % 2) });
            if (i % SampleEvery == 0)
            {
                samples.Add((i, GC.GetTotalMemory(forceFullCollection: true)));
            }
        }
    }
}

internal static class ResponseSamples
{
    public static SurveyRawResponse[] Rows() =>
    [
        new("DW-A", "市委组织部", RespondentGroups.ServiceUsers, new DateOnly(2026, 5, 3), new Dictionary<string, int> { ["Q1"] = 5, ["Q2"] = 1 }),
        new("DW-A", "市委组织部", RespondentGroups.InternalStaff, new DateOnly(2026, 5, 4), new Dictionary<string, int> { ["Q1"] = 4, ["A-1.2_b"] = 2 }),
        new("DW-B", "市发展和改革委员会", RespondentGroups.Townships, new DateOnly(2026, 5, 5), new Dictionary<string, int> { ["Q1"] = 3, ["A-1.2_b"] = 1 }),
    ];

    public static byte[] Write(SurveyForm? form = null, IEnumerable<SurveyRawResponse>? rows = null)
    {
        using var stream = new MemoryStream();
        SurveyResponsesWorkbook.Write(form ?? SurveySamples.EveryFeature(), rows ?? Rows(), stream);
        return stream.ToArray();
    }
}
