using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>The workbook endpoints beyond the thin path: campaign data in the template, data tables, checking without saving.</summary>
public sealed class WorkbookApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task Download_StaffUnit_CarriesDeadlinesContactsApprovedFiguresAndIndividualIndicators()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await StaffUnit(staff);

        var bytes = await (await staff.GetAsync(Url(campaignId, unitId))).Content.ReadAsByteArrayAsync();

        var instructions = Texts(bytes, "填表说明");
        Assert.Contains("2026年12月15日", instructions.Values);
        Assert.Contains("李红", instructions.Values);
        var staffing = Texts(bytes, "编制与人员");
        Assert.Equal("38", staffing["B5"]);
        var assessment = Texts(bytes, "自评表");
        var individual = assessment.Where(kv => kv.Key.StartsWith('A') && kv.Value.StartsWith("6.", StringComparison.Ordinal)).Select(kv => kv.Value).Order().ToList();
        Assert.Equal(["6.1", "6.2"], individual);
        Assert.Contains("价格监测预警", assessment.Values);
    }

    [Fact]
    public async Task Upload_WithDataTables_StoresThemAndReturnsWarnings()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await StaffUnit(staff);
        var blank = await (await staff.GetAsync(Url(campaignId, unitId))).Content.ReadAsByteArrayAsync();
        var filled = WorkbookFiller.SetCells(blank, "编制与人员", new Dictionary<string, object> { ["B6"] = 36m, ["B15"] = 10m, ["B16"] = 10m, ["B17"] = 10m });
        filled = WorkbookFiller.SetCells(filled, "工作量测算", new Dictionary<string, object> { ["C2"] = 2m, ["B4"] = "项目审批", ["C4"] = 2000m, ["D4"] = 45m });

        var upload = await staff.PostAsync(Url(campaignId, unitId), Form(filled));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var body = (await upload.Content.ReadFromJsonAsync<ScoreBody>())!;
        var warning = Assert.Single(body.Problems, p => p.IsWarning);
        Assert.Equal(("data.sum_mismatch", "编制与人员", "B19"), (warning.Code, warning.Sheet, warning.Cell));
        Assert.NotNull(body.Workload);
        Assert.Equal(36L, await api.Database.ScalarAsync<long>(
            $"SELECT (data_tables->'facts'->>'actualStaff')::bigint FROM self_assessments WHERE unit_id = '{unitId}'"));
        Assert.Equal("项目审批", await api.Database.ScalarAsync<string>(
            $"SELECT data_tables->'workloadTasks'->0->>'name' FROM self_assessments WHERE unit_id = '{unitId}'"));
    }

    [Fact]
    public async Task Validate_FilledWorkbook_ScoresWithExplanationsAndSavesNothing()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaignId = (await admin.GetFromJsonAsync<List<IdBody>>("/api/campaigns"))!.Single().Id;
        var unit = (await admin.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!.Single(u => u.Code == "SY-ZXZX");
        var blank = await (await admin.GetAsync(Url(campaignId, unit.Id))).Content.ReadAsByteArrayAsync();
        var filled = WorkbookFiller.Fill(blank, new Dictionary<string, FilledRow> { ["1.1.1"] = FilledRow.Option("较好", 6m), ["3.2"] = FilledRow.Count(2) });
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers");

        var check = await admin.PostAsync(Url(campaignId, unit.Id) + "/validate", Form(filled));

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var body = (await check.Content.ReadFromJsonAsync<ScoreBody>())!;
        Assert.Equal(6.4m, body.Leaves.Single(l => l.Code == "1.1.1").Score);
        Assert.Contains("较好", body.Leaves.Single(l => l.Code == "1.1.1").Explanation, StringComparison.Ordinal);
        Assert.Contains(body.Problems, p => p.Code == "answer.missing" && p.Sheet == "自评表" && p.Cell is not null);
        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers"));
        Assert.Equal(0L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM self_assessments WHERE unit_id = '{unit.Id}'"));
    }

    [Fact]
    public async Task Upload_ErrorsInDataTables_AreRefusedWithTheirCellsAndNothingStored()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await StaffUnit(staff);
        var blank = await (await staff.GetAsync(Url(campaignId, unitId))).Content.ReadAsByteArrayAsync();
        var filled = WorkbookFiller.SetCells(blank, "编制与人员", new Dictionary<string, object> { ["B6"] = "三十六" });
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers");

        var upload = await staff.PostAsync(Url(campaignId, unitId), Form(filled));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        var problem = await Problem.ReadAsync(upload);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal(("cell.not_whole", "编制与人员", "B6"), (error.Code, error.Sheet, error.Cell));
        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers"));
    }

    [Fact]
    public async Task Upload_WorkbookReSavedWithoutItsCustomXml_IsStillRecognised()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await StaffUnit(staff);
        var blank = await (await staff.GetAsync(Url(campaignId, unitId))).Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream();
        stream.Write(blank);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            // What LibreOffice and WPS do when they save: the custom XML part is dropped, document properties stay.
            document.WorkbookPart!.DeleteParts(document.WorkbookPart.CustomXmlParts.ToList());
        }

        var check = await staff.PostAsync(Url(campaignId, unitId) + "/validate", Form(stream.ToArray()));

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    private static Dictionary<string, string> Texts(byte[] xlsx, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToArray();
        var sheet = workbook.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        return part.Worksheet.Descendants<S.Cell>().Where(c => c.CellValue is not null).ToDictionary(
            c => c.CellReference!.Value!,
            c => c.DataType?.Value == S.CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.CellValue!.Text);
    }

    private static string Url(Guid campaignId, Guid unitId) => $"/api/campaigns/{campaignId}/units/{unitId}/self-assessment/workbook";

    private static MultipartFormDataContent Form(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return new MultipartFormDataContent { { file, "file", "自评表.xlsx" } };
    }

    private static async Task<(Guid Campaign, Guid Unit)> StaffUnit(HttpClient staff)
    {
        var campaignId = (await staff.GetFromJsonAsync<List<IdBody>>("/api/campaigns"))!.Single().Id;
        var units = (await staff.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!;
        return (campaignId, Assert.Single(units).Id);
    }

    private sealed record IdBody(Guid Id);

    private sealed record UnitBody(Guid Id, string Code);

    private sealed record ScoreBody(decimal Total, List<LeafBody> Leaves, List<ProblemError> Problems, WorkloadBody? Workload);

    private sealed record LeafBody(string Code, decimal Score, string Explanation);

    private sealed record WorkloadBody(decimal? SaturationPercent, string? Band);
}
