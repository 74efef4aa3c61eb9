using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Api.Tests.Features.Audit;
using OfficeEval.Api.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Api.Tests.Features.Results;

/// <summary>GET …/results/workbook on the numbers of <see cref="ResultsScenario"/>.</summary>
public sealed class ResultsWorkbookTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Download_Admin_EveryUnitByRankWithBoardsAndAValidFile()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync(Url(demo.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AuditApi.Xlsx, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2026-", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document));
        var rows = Rows(document, "评估结果");

        // Rows from 5 on: code, name, category, status, 6 × (score, rate), total, rate, self, deviation, rank, grade, board, note.
        var units = rows.Skip(4).ToList();
        Assert.Equal(["QT-GQT", "ZF-JYJ", "ZF-FGW", "DW-ZZB", "SY-ZXZX", "XZ-CGJD"], units.Select(r => r[0]));
        var dw = units[3];
        Assert.Equal(["DW-ZZB", "市委组织部", "非经济", "初审通过"], dw.Take(4));
        Assert.Equal(["19.2", "0.64"], dw.Skip(4).Take(2));
        Assert.Equal(["89.2", "0.892", "100", "10.8", "4", "B", "黄榜", ""], dw.Skip(16));
        Assert.Equal(["绿榜", "黄榜", "绿榜", "黄榜", "红榜", "红榜"], units.Select(r => r[22]));
        Assert.Equal("B", units[0][21]);

        var statistics = Rows(document, "统计分析");
        Assert.Contains(statistics, r => r.SequenceEqual(["全部已评分单位平均总分", "82.03"]));
        Assert.Contains(statistics, r => r.SequenceEqual(["A", "2", "0.3333"]));

        // Newest first: this download.
        var export = (await AuditApi.QueryAsync(admin, $"action=export&target={AuditApi.Escape($"campaign/{demo.Id}/results-workbook")}")).Items[0];
        Assert.Equal((DemoUsers.Admin, 6, bytes.Length), (export.ActorName, export.Data.GetProperty("units").GetInt32(), export.Data.GetProperty("bytes").GetInt32()));
    }

    [Fact]
    public async Task Download_Reviewer_OnlyTheAssignedUnits()
    {
        var demo = await ResultsScenario.SetUpAsync(api);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);

        var bytes = await (await reviewer.GetAsync(Url(demo.Id))).Content.ReadAsByteArrayAsync();

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Equal(["ZF-JYJ", "ZF-FGW", "DW-ZZB"], Rows(document, "评估结果").Skip(4).Select(r => r[0]));
    }

    [Fact]
    public async Task Download_UnitStaff_Forbidden()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var staff = await api.SignInAsync(DemoUsers.Staff);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Url(demo.Id))).StatusCode);
    }

    [Fact]
    public async Task Download_UnknownCampaign_NotFoundProblem()
    {
        var viewer = await api.SignInAsync(DemoUsers.Viewer);

        var response = await viewer.GetAsync(Url(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await Problem.ReadAsync(response)).Code);
    }

    private static string Url(Guid campaignId) => $"/api/campaigns/{campaignId}/results/workbook";

    /// <summary>Each row's cell texts, by column from A (blank cells as ""), up to its last cell.</summary>
    private static List<List<string>> Rows(SpreadsheetDocument document, string sheet)
    {
        var workbook = document.WorkbookPart!;
        var id = workbook.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return [.. ((WorksheetPart)workbook.GetPartById(id)).Worksheet.Descendants<S.Row>().Select(row =>
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<S.Cell>())
            {
                var column = ColumnIndex(cell.CellReference!.Value!);
                while (cells.Count < column)
                {
                    cells.Add("");
                }

                cells.Add(cell.DataType?.Value == S.CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "");
            }

            return cells;
        })];
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }
}
