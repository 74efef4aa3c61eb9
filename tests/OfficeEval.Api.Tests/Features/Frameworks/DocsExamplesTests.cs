using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Api.Features.Ahp;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Api.Tests.Features.Frameworks;

/// <summary>docs/frameworks.md's examples work as written: its JSON imports, its 指标 table is what the export writes, its AHP request answers.</summary>
public sealed partial class DocsExamplesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static string Page()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OfficeEval.sln")))
        {
            directory = directory.Parent;
        }

        return File.ReadAllText(Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root was not found."), "docs", "frameworks.md"));
    }

    private static List<string> JsonBlocks() => [.. JsonBlock().Matches(Page()).Select(m => m.Groups[1].Value)];

    [Fact]
    public async Task FullExample_JsonImportsAndExportsAsTheTableShows()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsync("/api/frameworks", new StringContent(JsonBlocks()[0], Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<FrameworkSummary>(Web))!;
        Assert.Equal(("EXAMPLE", 8), (created.Code, created.LeafCount));
        var exported = Cells(await admin.GetByteArrayAsync($"/api/frameworks/{created.Id}/workbook"));
        var rows = Page().Split('\n').Where(l => TableRow().IsMatch(l)).Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();
        Assert.Equal(11, rows.Count);
        foreach (var row in rows)
        {
            // | 指标编码 | 层级 | 指标名称 | 分值 | 评估要点 | 评分标准 | 规则类型 | 规则参数 | 佐证材料 |
            var written = exported[row[1]];
            Assert.Equal((row[2], row[3], row[4], row[7], row[8]), (written["B"], written["C"], written["D"], written.GetValueOrDefault("G", ""), written.GetValueOrDefault("H", "")));
            Assert.Equal(row[9].Replace("↵", "\n", StringComparison.Ordinal), written.GetValueOrDefault("I", ""));
        }
    }

    [Fact]
    public async Task AhpExample_Answers()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsync("/api/ahp", new StringContent(JsonBlocks()[1], Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<AhpResponse>(Web))!;
        Assert.True(result.Consistent);
        Assert.Equal(100m, result.Weights.Sum(w => w.Points));
    }

    [Fact]
    public async Task Import_RuleWithoutKind_400()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var json = JsonBlocks()[0].Replace("\"kind\": \"survey\", ", "", StringComparison.Ordinal).Replace("EXAMPLE", "EXAMPLE-NOKIND", StringComparison.Ordinal);

        var response = await admin.PostAsync("/api/frameworks", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("framework.json_invalid", (await Problem.ReadAsync(response)).Code);
    }

    /// <summary>The 指标 sheet's cells by indicator code, then by column letter.</summary>
    private static Dictionary<string, Dictionary<string, string>> Cells(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToArray();
        var sheet = workbook.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == "指标");
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var row in ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<S.Row>().Skip(1))
        {
            var cells = row.Elements<S.Cell>().Where(c => c.CellValue is not null).ToDictionary(
                c => new string([.. c.CellReference!.Value!.TakeWhile(char.IsAsciiLetter)]),
                c => c.DataType?.Value == S.CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] : c.CellValue!.Text);
            rows[cells["A"]] = cells;
        }

        return rows;
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"^\| \d+(\.\d+)* \| \d \|")]
    private static partial Regex TableRow();
}
