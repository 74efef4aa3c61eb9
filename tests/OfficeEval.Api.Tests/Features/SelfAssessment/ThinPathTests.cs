using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>
/// The first path through the product, end to end over HTTP against PostgreSQL: download the unit's workbook, fill it,
/// upload it, read the campaign's results.
/// </summary>
public sealed class ThinPathTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Answers for the built-in framework and what each scores (points in brackets):
    // 1.1.1 好 → 8 [8]; 1.1.2 部分达成 → 0.6×7 = 4.2 [7]; 1.2.1 较好 → 0.8×8 = 6.4 [8]; 1.2.2 饱满 → 0.9×7 = 6.3 [7]
    //   dimension 1 = 8 + 4.2 + 6.4 + 6.3 = 24.9 of 30
    // 2.1.1 一般 → 0.6×5 = 3; 2.1.2 0 times → 5; 2.2.1 2 times × 1 → 3; 2.2.2 达成 → 5
    //   dimension 2 = 16 of 20
    // 3.1 较好 → 6.4; 3.2 3 times × 0.5 → 5.5            dimension 3 = 11.9 of 15
    // 4.1.1 1 × 2.5 → 2.5; 4.1.2 合理 → 5; 4.2.1 4 × 2 = 8 > 6 → 0 (扣完为止); 4.2.2 较合理 → 0.6×4 = 2.4
    //   dimension 4 = 9.9 of 20
    // 5.1 12 × 0.5 = 6, capped at 5 → 0; 5.2 0 → 5      dimension 5 = 5 of 10
    // 6.1 达成 → 3; 6.2 0 times → 2 (the unit's own)     dimension 6 = 5 of 5
    // total = 24.9 + 16 + 11.9 + 9.9 + 5 + 5 = 72.7 of 100
    private static readonly Dictionary<string, FilledRow> Answers = new()
    {
        ["1.1.1"] = FilledRow.Option("好", 8, "主责主业全部落实"),
        ["1.1.2"] = FilledRow.Option("部分达成", 5),
        ["1.2.1"] = FilledRow.Option("较好"),
        ["1.2.2"] = FilledRow.Option("饱满"),
        ["2.1.1"] = FilledRow.Option("一般"),
        ["2.1.2"] = FilledRow.Count(0),
        ["2.2.1"] = FilledRow.Count(2),
        ["2.2.2"] = FilledRow.Option("达成"),
        ["3.1"] = FilledRow.Option("较好"),
        ["3.2"] = FilledRow.Count(3),
        ["4.1.1"] = FilledRow.Count(1),
        ["4.1.2"] = FilledRow.Option("合理"),
        ["4.2.1"] = FilledRow.Count(4),
        ["4.2.2"] = FilledRow.Option("较合理"),
        ["5.1"] = FilledRow.Count(12),
        ["5.2"] = FilledRow.Count(0),
        // The demo's development and reform commission has its own individual indicators, 6.1 and 6.2.
        ["6.1"] = FilledRow.Option("达成"),
        ["6.2"] = FilledRow.Count(0),
    };

    [Fact]
    public async Task ThinPath_StaffFillsAndUploadsWorkbook_ResultsShowUnitTotal()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await StaffUnit(staff);

        var download = await staff.GetAsync(WorkbookUrl(campaignId, unitId));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Xlsx, download.Content.Headers.ContentType?.MediaType);
        var filled = WorkbookFiller.Fill(await download.Content.ReadAsByteArrayAsync(), Answers);

        var upload = await staff.PostAsync(WorkbookUrl(campaignId, unitId), Form(filled));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var score = (await upload.Content.ReadFromJsonAsync<ScoreBody>())!;
        Assert.Equal(72.7m, score.Total);
        Assert.Equal(100m, score.MaxTotal);
        Assert.Equal([24.9m, 16m, 11.9m, 9.9m, 5m, 5m], score.Dimensions.Select(d => d.Score));
        Assert.Equal(83m, score.Dimensions[0].ScoreRate);
        Assert.Empty(score.Problems);
        Assert.Contains("扣分上限 5 分", score.Leaves.Single(l => l.Code == "5.1").Explanation);
        Assert.Contains("扣完为止", score.Leaves.Single(l => l.Code == "4.2.1").Explanation);

        var admin = await api.SignInAsync(DemoUsers.Admin);
        var results = (await admin.GetFromJsonAsync<ResultsBody>($"/api/campaigns/{campaignId}/results"))!;
        Assert.Equal(6, results.Units.Count);
        var unit = results.Units.Single(u => u.UnitId == unitId);
        Assert.Equal(72.7m, unit.Total);
        Assert.Equal(72.7m, unit.ScoreRate);
        Assert.Equal(1, unit.Rank);
        Assert.Equal("Drafting", unit.Status);
        Assert.All(results.Units.Where(u => u.Status == "NotStarted"), u => Assert.Equal(((decimal?)null, (int?)null), (u.Total, u.Rank)));
    }

    [Fact]
    public async Task Upload_UnansweredWorkbook_StoredWithProblemsPointingAtCells()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaignId = await FirstCampaign(admin);
        var units = (await admin.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!;
        var unit = units.Single(u => u.Code == "XZ-CGJD");
        var blank = await (await admin.GetAsync(WorkbookUrl(campaignId, unit.Id))).Content.ReadAsByteArrayAsync();
        var partly = WorkbookFiller.Fill(blank, new Dictionary<string, FilledRow> { ["1.1.1"] = FilledRow.Option("优秀") });

        var upload = await admin.PostAsync(WorkbookUrl(campaignId, unit.Id), Form(partly));

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var score = (await upload.Content.ReadFromJsonAsync<ScoreBody>())!;
        Assert.Equal(0m, score.Total);
        var unknown = score.Problems.Single(p => p.Code == "answer.option_unknown");
        Assert.Equal(("自评表", "H4", "1.1.1"), (unknown.Sheet, unknown.Cell, unknown.IndicatorCode));
        Assert.Contains("好、较好、一般、差", unknown.MessageZh);
        Assert.Equal(16, score.Problems.Count(p => p.Code == "answer.missing"));
    }

    [Fact]
    public async Task Upload_TextInCountCell_RefusedNamingTheCellAndNothingStored()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await StaffUnit(staff);
        var blank = await (await staff.GetAsync(WorkbookUrl(campaignId, unitId))).Content.ReadAsByteArrayAsync();
        var before = await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers");
        var bad = WorkbookFiller.Fill(blank, new Dictionary<string, FilledRow> { ["2.1.2"] = new("两次") });

        var upload = await staff.PostAsync(WorkbookUrl(campaignId, unitId), Form(bad));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        var problem = await Problem.ReadAsync(upload);
        Assert.Equal("upload.cells_invalid", problem.Code);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal(("cell.not_a_number", "自评表", "H9"), (error.Code, error.Sheet, error.Cell));
        Assert.Equal(before, await api.Database.ScalarAsync<long>("SELECT count(*) FROM self_assessment_answers"));
    }

    [Fact]
    public async Task Upload_NotAWorkbook_UnsupportedMediaTypeProblem()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await StaffUnit(staff);

        var upload = await staff.PostAsync(WorkbookUrl(campaignId, unitId), Form("这不是工作簿"u8.ToArray()));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
        var problem = await Problem.ReadAsync(upload);
        Assert.Equal("upload.not_xlsx", problem.Code);
        Assert.Equal(problem.MessageZh, problem.Title);
    }

    [Fact]
    public async Task Upload_WorkbookOfAnotherUnit_RefusedSayingWhich()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaignId = await FirstCampaign(admin);
        var units = (await admin.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!;
        var workbookOfFirst = await (await admin.GetAsync(WorkbookUrl(campaignId, units[0].Id))).Content.ReadAsByteArrayAsync();

        var upload = await admin.PostAsync(WorkbookUrl(campaignId, units[1].Id), Form(workbookOfFirst));

        Assert.Equal(HttpStatusCode.Conflict, upload.StatusCode);
        Assert.Equal("upload.wrong_unit", (await Problem.ReadAsync(upload)).Code);
    }

    [Fact]
    public async Task Workbook_StaffOfAnotherUnit_Forbidden()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, ownUnit) = await StaffUnit(staff);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var other = (await admin.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!.First(u => u.Id != ownUnit);

        var download = await staff.GetAsync(WorkbookUrl(campaignId, other.Id));
        var upload = await staff.PostAsync(WorkbookUrl(campaignId, other.Id), Form([1, 2, 3]));

        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Equal("forbidden", (await Problem.ReadAsync(download)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
    }

    [Fact]
    public async Task Upload_Reviewer_ForbiddenEvenForAssignedUnit()
    {
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var campaignId = await FirstCampaign(reviewer);
        var assigned = (await reviewer.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!;
        var workbook = await (await reviewer.GetAsync(WorkbookUrl(campaignId, assigned[0].Id))).Content.ReadAsByteArrayAsync();

        var upload = await reviewer.PostAsync(WorkbookUrl(campaignId, assigned[0].Id), Form(workbook));

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
    }

    [Theory]
    [InlineData(DemoUsers.Admin, 6)]
    [InlineData(DemoUsers.Viewer, 6)]
    [InlineData(DemoUsers.Reviewer, 3)]
    [InlineData(DemoUsers.Staff, 1)]
    public async Task Results_EachRole_SeesOnlyItsUnits(string user, int expectedUnits)
    {
        var client = await api.SignInAsync(user);
        var campaignId = await FirstCampaign(client);

        var units = (await client.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!;
        var results = (await client.GetFromJsonAsync<ResultsBody>($"/api/campaigns/{campaignId}/results"))!;

        Assert.Equal(expectedUnits, units.Count);
        Assert.Equal(units.Select(u => u.Id).Order(), results.Units.Select(u => u.UnitId).Order());
    }

    private static string WorkbookUrl(Guid campaignId, Guid unitId) => $"/api/campaigns/{campaignId}/units/{unitId}/self-assessment/workbook";

    private static MultipartFormDataContent Form(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return new MultipartFormDataContent { { file, "file", "自评表.xlsx" } };
    }

    private static async Task<Guid> FirstCampaign(HttpClient client) =>
        (await client.GetFromJsonAsync<List<CampaignBody>>("/api/campaigns"))!.Single().Id;

    private static async Task<(Guid Campaign, Guid Unit)> StaffUnit(HttpClient staff)
    {
        var campaignId = await FirstCampaign(staff);
        var units = (await staff.GetFromJsonAsync<List<UnitBody>>($"/api/campaigns/{campaignId}/units"))!;
        return (campaignId, Assert.Single(units).Id);
    }

    private sealed record CampaignBody(Guid Id, int Year, string Name);

    private sealed record UnitBody(Guid Id, string Code, string Name, string Kind);

    private sealed record ScoreBody(decimal Total, decimal MaxTotal, decimal ScoreRate, List<DimensionBody> Dimensions, List<LeafBody> Leaves, List<ProblemError> Problems);

    private sealed record DimensionBody(string Code, decimal Score, decimal MaxPoints, decimal ScoreRate);

    private sealed record LeafBody(string Code, decimal Score, string Explanation);

    private sealed record ResultsBody(Guid CampaignId, List<UnitResultBody> Units);

    private sealed record UnitResultBody(Guid UnitId, string Status, decimal? Total, decimal? ScoreRate, int? Rank);
}
