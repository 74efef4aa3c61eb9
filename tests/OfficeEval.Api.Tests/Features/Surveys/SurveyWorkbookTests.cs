using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Documents.Surveys;
using static OfficeEval.Api.Tests.Features.Surveys.SurveyApi;

namespace OfficeEval.Api.Tests.Features.Surveys;

/// <summary>
/// The questionnaire through Excel: the authoring workbook out and back in (same rules as JSON, problems by sheet and
/// cell, refused files with their status), the distribution workbook of a new batch (its links answer), and the raw
/// responses workbook.
/// </summary>
public sealed class SurveyWorkbookTests(SurveyApiFactory api) : IClassFixture<SurveyApiFactory>
{
    [Fact]
    public async Task AuthoringWorkbook_TemplateThenFormRoundTrip_SavedAsJsonWouldBe()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");

        var template = await admin.GetAsync(Url(campaign.Id, "/workbook"));
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var blank = SurveyFormWorkbook.Read(new MemoryStream(await template.Content.ReadAsByteArrayAsync()));
        Assert.Contains(blank.Problems, p => p.Code == "survey.no_items");

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(admin, campaign.Id, Form())).StatusCode);
        var exported = await admin.GetAsync(Url(campaign.Id, "/workbook"));
        var bytes = await exported.Content.ReadAsByteArrayAsync();
        Assert.Equal(Form().Items.Select(i => i.Code), SurveyFormWorkbook.Read(new MemoryStream(bytes)).Form!.Items.Select(i => i.Code));

        // Back in with a changed title: replaces the draft, If-Match required as for JSON.
        var changed = Form() with { Title = "改过的标题" };
        using var edited = new MemoryStream();
        SurveyFormWorkbook.Write(changed, edited);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await UploadAsync(admin, campaign.Id, edited.ToArray(), null)).StatusCode);
        var saved = await UploadAsync(admin, campaign.Id, edited.ToArray(), 1);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("改过的标题", 2), (view["form"]!["title"]!.GetValue<string>(), view["revision"]!.GetValue<int>()));
        Assert.Equal(1L, await CountAsync(api, $"SELECT count(*) FROM audit_entries WHERE campaign_id = '{campaign.Id}' AND action = 'survey.saved' AND details LIKE '%xlsx%'"));
    }

    [Fact]
    public async Task AuthoringWorkbook_Problems_BySheetAndCell_IndicatorByField_NothingSaved()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        var bad = Form() with { Items = [.. Form().Items.Select(i => i.Code == "Q2" ? i with { Code = "Q1" } : i)] };
        using var duplicate = new MemoryStream();
        SurveyFormWorkbook.Write(bad, duplicate);

        var refused = await UploadAsync(admin, campaign.Id, duplicate.ToArray(), null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await Problem.ReadAsync(refused);
        Assert.Contains(problem.Errors!, i => i.Code == "survey.item_code" && i.Sheet == "survey" && i.Cell == "B3");

        // A code the workbook reads well but the campaign's framework cannot score: named by field.
        var unknown = Form() with { Items = [.. Form().Items.Select(i => i.Code == "Q2" ? i with { IndicatorCode = "9.9.9" } : i)] };
        using var wrongIndicator = new MemoryStream();
        SurveyFormWorkbook.Write(unknown, wrongIndicator);
        var unlinked = await Problem.ReadAsync(await UploadAsync(admin, campaign.Id, wrongIndicator.ToArray(), null));
        Assert.Contains(unlinked.Errors!, i => i.Code == "survey.item_indicator" && i.Field == "items[1].indicatorCode");

        var notXlsx = await UploadAsync(admin, campaign.Id, "plain text, not a workbook"u8.ToArray(), null);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notXlsx.StatusCode);
        Assert.Equal("upload.not_xlsx", (await Problem.ReadAsync(notXlsx)).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Url(campaign.Id))).StatusCode);
    }

    [Fact]
    public async Task DistributionWorkbook_OneRowPerLink_LinksAnswer_CodesNotStored()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW", "ZF-JYJ");
        await OpenAsync(admin, campaign.Id);

        var response = await admin.PostAsync(Url(campaign.Id, "/tokens/workbook"), Body(new { group = People, unitIds = campaign.Units.Values, count = 3 }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var urls = Hyperlinks(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(6, urls.Count);
        var code = urls[0][(urls[0].LastIndexOf('/') + 1)..];
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(api.CreateClient(), code, "203.0.113.40", PersonAnswers(4, 3))).StatusCode);
        Assert.Equal(0L, await CountAsync(api, $"SELECT count(*) FROM survey_tokens WHERE encode(token_hash, 'escape') LIKE '%{code}%'"));

        var bad = await admin.PostAsync(Url(campaign.Id, "/tokens/workbook"), Body(new { group = "不存在的群体", unitIds = campaign.Units.Values, count = 3 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
    }

    [Fact]
    public async Task ResponsesWorkbook_RowsAsStored_Audited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaign = await NewCampaignAsync(api, "ZF-FGW");
        await OpenAsync(admin, campaign.Id);
        var codes = Codes(await IssueAsync(admin, campaign.Id, new { group = People, unitIds = campaign.Units.Values, count = 2 }));
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(api.CreateClient(), code, "203.0.113.41", PersonAnswers(5, 2, 1))).StatusCode);
        }

        var response = await admin.GetAsync(Url(campaign.Id, "/responses/workbook"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var rows = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Row>()).Select(r => r.InnerText).ToList();
        Assert.Equal(2, rows.Count(r => r.Contains("市发展和改革委员会", StringComparison.Ordinal) && r.Contains(People, StringComparison.Ordinal)));
        Assert.Equal(1L, await CountAsync(api, $"SELECT count(*) FROM audit_entries WHERE campaign_id = '{campaign.Id}' AND action = 'export' AND details LIKE '%xlsx%'"));
        var unitStaff = await api.SignInAsync(DemoUsers.Staff);
        Assert.Equal(HttpStatusCode.Forbidden, (await unitStaff.GetAsync(Url(campaign.Id, "/responses/workbook"))).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, Guid campaignId, byte[] workbook, int? revision)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "问卷.xlsx");
        using var request = new HttpRequestMessage(HttpMethod.Put, Url(campaignId, "/workbook")) { Content = content };
        if (revision is { } r)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{r}\""));
        }

        return await admin.SendAsync(request);
    }

    /// <summary>The links of the distribution sheet, from its HYPERLINK formulas.</summary>
    private static List<string> Hyperlinks(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var sheet = document.WorkbookPart!.WorksheetParts.First();
        return [.. sheet.Worksheet.Descendants<CellFormula>().Select(f => f.Text)
            .Where(f => f.StartsWith("HYPERLINK(", StringComparison.Ordinal))
            .Select(f => f.Split('"')[1])];
    }
}
