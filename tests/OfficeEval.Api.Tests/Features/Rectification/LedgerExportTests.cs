using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerApi;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerFactory;
using Xlsx = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// The ledger's exports through the API: the 整改台账 workbook of the items the user may see, and a unit's feedback
/// letter of what it still has to rectify, each a valid Open XML document and audited as an export. (How they are laid
/// out is tested with the writers, in the Documents tests.)
/// </summary>
public sealed class LedgerExportTests(LedgerFactory api) : IClassFixture<LedgerFactory>
{
    [Fact]
    public async Task Ledger_OfficeSide_ValidWorkbookOfTheItemsEachMaySee()
    {
        var admin = await api.ClientAsync(Admin);
        var reviewer = await api.ClientAsync(GroupReviewer);
        await ClosedWithNoteAsync("核验通过，准予销号");
        await SeedAsync(api, api.Demo.Id, api.Demo["DW-ZZB"], RectificationStatus.Rectifying, new DateOnly(2020, 1, 31));
        await SeedAsync(api, api.Demo.Id, api.Demo["QT-GQT"], RectificationStatus.Open);

        var all = await DownloadAsync(admin, CampaignUrl(api.Demo.Id, "/ledger.xlsx"));
        var reviewers = await DownloadAsync(reviewer, CampaignUrl(api.Demo.Id, "/ledger.xlsx"));
        var onlyOverdue = await DownloadAsync(admin, CampaignUrl(api.Demo.Id, "/ledger.xlsx?overdue=true"));

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", all.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("整改台账.xlsx", all.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var (sheets, text) = Workbook(await all.Content.ReadAsByteArrayAsync());
        Assert.Equal(["整改台账", "汇总"], sheets);
        Assert.Contains("核验通过，准予销号", text, StringComparison.Ordinal);
        Assert.Contains("市委组织部", text, StringComparison.Ordinal);
        Assert.Contains("共青团市委", text, StringComparison.Ordinal);
        Assert.Equal(await CountAsync(admin, ""), Rows(await all.Content.ReadAsByteArrayAsync()));
        Assert.Equal(await CountAsync(reviewer, ""), Rows(await reviewers.Content.ReadAsByteArrayAsync()));
        Assert.DoesNotContain("共青团市委", Workbook(await reviewers.Content.ReadAsByteArrayAsync()).Text, StringComparison.Ordinal);
        Assert.Equal(await CountAsync(admin, "?overdue=true"), Rows(await onlyOverdue.Content.ReadAsByteArrayAsync()));
        Assert.True(await CountAsync(admin, "?overdue=true") >= 1);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientAsync(UnitStaff)).GetAsync(CampaignUrl(api.Demo.Id, "/ledger.xlsx"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.GetAsync(CampaignUrl(api.Demo.Id, "/ledger.xlsx?status=Done"))).StatusCode);
        Assert.Contains(await ExportsAsync(), e => e.Contains("\"rectification_ledger\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Letter_Unit_ValidDocumentOfWhatItStillHasToRectify()
    {
        var staff = await api.ClientAsync(UnitStaff);
        var reviewer = await api.ClientAsync(GroupReviewer);
        await ReadAsync(await SendAsync(reviewer, HttpMethod.Post, UnitUrl(api.Demo.Id, api.Unit), NewItem("政务公开栏目长期未更新", "2027-05-31")));
        await ClosedWithNoteAsync("已销号");

        var response = await staff.GetAsync(UnitUrl(api.Demo.Id, api.Unit, "/letter.docx?documentNumber=编办函〔2027〕3号&reportDue=2027-07-15"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        var text = Document(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("市发展和改革委员会：", text, StringComparison.Ordinal);
        Assert.Contains("政务公开栏目长期未更新", text, StringComparison.Ordinal);
        Assert.Contains("2027年5月31日", text, StringComparison.Ordinal);
        Assert.Contains("2027年7月15日", text, StringComparison.Ordinal);
        Assert.Contains("编办函〔2027〕3号", text, StringComparison.Ordinal);
        Assert.Contains("机构编制委员会办公室", text, StringComparison.Ordinal);
        // Closed items are done: the letter lists what is still to rectify.
        Assert.DoesNotContain("档案管理不规范", text, StringComparison.Ordinal);
        // No field review completed yet: no result to state.
        Assert.Contains("评估结果待定档后另行通知", text, StringComparison.Ordinal);
        Assert.Contains(await ExportsAsync(), e => e.Contains("\"rectification_letter\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Letter_AfterTheFieldReview_StatesScoreAndGrade()
    {
        // Signing in sets the fixture's demo campaign up: first, whichever test of the class runs first.
        var reviewer = await api.ClientAsync(GroupReviewer);
        var unit = api.Demo["ZF-JYJ"];
        await SeedAsync(api, api.Demo.Id, unit, RectificationStatus.Open);
        await WorkflowSetup.SetAssessmentAsync(api, api.Demo.Id, unit, WorkflowSetup.PerfectAnswers().Values, OfficeEval.Api.Features.SelfAssessment.SelfAssessmentStatus.FieldReviewed);
        await WorkflowSetup.SetReviewAsync(api, api.Demo.Id, unit, new Dictionary<string, decimal> { ["1.1.1"] = 8 }, ReviewStatus.Completed);

        var text = Document(await (await DownloadAsync(reviewer, UnitUrl(api.Demo.Id, unit, "/letter.docx"))).Content.ReadAsByteArrayAsync());

        Assert.Contains("核定得分为100", text, StringComparison.Ordinal);
        Assert.Contains("评估等次为A", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Letter_BadParametersOrAnotherUnit_422ByFieldOr403()
    {
        var staff = await api.ClientAsync(UnitStaff);

        var bad = await staff.GetAsync(UnitUrl(api.Demo.Id, api.Unit, "/letter.docx?reportDue=2027-02-30&documentNumber=" + new string('号', 51)));
        var other = await staff.GetAsync(UnitUrl(api.Demo.Id, api.Demo["DW-ZZB"], "/letter.docx"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["documentNumber", "reportDue"], (await Problem.ReadAsync(bad)).Errors!.Select(e => e.Field!).Order());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    /// <summary>An item of the unit closed through the API with <paramref name="note"/>.</summary>
    private async Task<Guid> ClosedWithNoteAsync(string note)
    {
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Submitted);
        var closed = await SendAsync(await api.ClientAsync(GroupReviewer), HttpMethod.Post, ItemUrl(api.Demo.Id, api.Unit, id, "/close"), new { note }, 1);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        return id;
    }

    private static async Task<HttpResponseMessage> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        return response;
    }

    private async Task<int> CountAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonObject>(CampaignUrl(api.Demo.Id, query)))!["items"]!.AsArray().Count;

    /// <summary>Validates the workbook; returns its sheet names and all its text.</summary>
    private static (List<string> Sheets, string Text) Workbook(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document));
        var sheets = document.WorkbookPart!.Workbook.Descendants<Xlsx.Sheet>().Select(s => s.Name!.Value!).ToList();
        var text = new StringBuilder();
        foreach (var part in document.WorkbookPart.WorksheetParts)
        {
            text.AppendJoin('\n', part.Worksheet.Descendants<Xlsx.Text>().Select(t => t.Text)).Append('\n');
        }

        text.AppendJoin('\n', document.WorkbookPart.SharedStringTablePart?.SharedStringTable.Descendants<Xlsx.Text>().Select(t => t.Text) ?? []);
        return (sheets, text.ToString());
    }

    /// <summary>The items listed on 整改台账: its rows below the header (row 3) that number an item in column A.</summary>
    private static int Rows(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = document.WorkbookPart!.Workbook.Descendants<Xlsx.Sheet>().Single(s => s.Name == "整改台账");
        var part = (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Xlsx.Row>().Count(r => r.RowIndex! > 3 && r.Elements<Xlsx.Cell>().Any(c => c.CellReference!.Value!.StartsWith('A') && c.CellValue is not null));
    }

    /// <summary>Validates the document; returns its body's text, paragraph by paragraph.</summary>
    private static string Document(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document));
        return string.Join('\n', document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    private async Task<List<string>> ExportsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT details FROM audit_entries WHERE action = 'export' ORDER BY seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<string>();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(0));
        }

        return details;
    }
}
