using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Frameworks;

/// <summary>The framework endpoints against the real database: formats, drafts and published versions, access.</summary>
public sealed class FrameworkEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A small valid framework: one dimension of 10 points with a scale leaf and a deduction leaf.</summary>
    private static FrameworkDefinition Small(string code, string version = "1") => new(code, "小型测试指标体系", version, 10m, [UnitKind.Government],
    [
        new IndicatorNode("1", "履职情况", 10m,
        [
            new IndicatorNode("1.1", "主责主业", 6m, [], new QualitativeScaleRule([new("好", 1m), new("一般", 0.6m), new("差", 0m)])) { EvaluationPoints = ["职责履行到位"] },
            new IndicatorNode("1.2", "违规事项", 4m, [], new DeductionRule(1m)),
        ]),
    ]);

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, FrameworkRecord.Json), Encoding.UTF8, "application/json");

    private static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Form(byte[] xlsx)
    {
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue(FrameworkEndpoints.XlsxContentType);
        return new MultipartFormDataContent { { file, "file", "framework.xlsx" } };
    }

    private static byte[] Workbook(FrameworkDefinition framework)
    {
        using var stream = new MemoryStream();
        FrameworkWorkbook.Write(framework, stream);
        return stream.ToArray();
    }

    private async Task<List<FrameworkSummary>> ListAsync(HttpClient client) => (await client.GetFromJsonAsync<List<FrameworkSummary>>("/api/frameworks", Web))!;

    private async Task<FrameworkSummary> ImportAsync(HttpClient admin, FrameworkDefinition framework)
    {
        var response = await admin.PostAsync("/api/frameworks", Json(framework));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FrameworkSummary>(Web))!;
    }

    private Task<long> CountAsync(string sql) => api.Database.ScalarAsync<long>(sql);

    [Fact]
    public async Task List_AsViewer_EveryBuiltInPublishedWithItsFigures()
    {
        var viewer = await api.SignInAsync(DemoUsers.Viewer);

        var list = await ListAsync(viewer);

        foreach (var builtIn in BuiltInFrameworks.All)
        {
            var item = Assert.Single(list, f => f.Code == builtIn.Code && f.Version == builtIn.Version);
            Assert.Equal((builtIn.Name, builtIn.TotalPoints, builtIn.Leaves().Count()), (item.Name, item.TotalPoints, item.LeafCount));
            Assert.False(item.IsDraft);
            Assert.NotNull(item.PublishedAt);
            Assert.True(item.IsBuiltIn);
            Assert.Equal(builtIn.ApplicableKinds.Select(k => k.ToString()), item.ApplicableKinds);
        }

        Assert.Equal(["乡镇（街道）"], list.Single(f => f.Code == "TOWN").ApplicableKindNames);
    }

    [Fact]
    public async Task Get_BuiltIn_DefinitionJsonEqualsTheTemplate()
    {
        var viewer = await api.SignInAsync(DemoUsers.Reviewer);
        var id = (await ListAsync(viewer)).Single(f => f.Code == "INST").Id;

        var json = await viewer.GetStringAsync($"/api/frameworks/{id}");

        var read = JsonSerializer.Deserialize<FrameworkDefinition>(json, FrameworkRecord.Json)!;
        Assert.Equal(JsonSerializer.Serialize(BuiltInFrameworks.PublicInstitution2026, FrameworkRecord.Json), JsonSerializer.Serialize(read, FrameworkRecord.Json));
        Assert.StartsWith("{\"code\":\"INST\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_BuiltIn_AuthoringWorkbookReadsBackEqual()
    {
        var viewer = await api.SignInAsync(DemoUsers.Viewer);
        var id = (await ListAsync(viewer)).Single(f => f.Code == "TOWN").Id;

        var response = await viewer.GetAsync($"/api/frameworks/{id}/workbook");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FrameworkEndpoints.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("TOWN-2026.1", response.Content.Headers.ContentDisposition?.FileNameStar ?? "", StringComparison.Ordinal);
        using var stream = await response.Content.ReadAsStreamAsync();
        var read = FrameworkWorkbook.Read(stream);
        Assert.Equal(JsonSerializer.Serialize(BuiltInFrameworks.Township2026, FrameworkRecord.Json), JsonSerializer.Serialize(read.Framework, FrameworkRecord.Json));
    }

    [Fact]
    public async Task Template_FilledAndImported_BecomesADraft()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var template = await admin.GetByteArrayAsync("/api/frameworks/authoring-template");
        var filled = WorkbookFiller.SetCells(template, "体系设置",
            new Dictionary<string, object> { ["B2"] = "TPL", ["B3"] = "模板导入测试", ["B4"] = "2026.1", ["B5"] = 10m });

        var response = await admin.PostAsync("/api/frameworks", Form(filled));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<FrameworkSummary>(Web))!;
        Assert.Equal(("TPL", "2026.1", 1, true, false), (created.Code, created.Version, created.LeafCount, created.IsDraft, created.IsBuiltIn));
        Assert.Equal($"/api/frameworks/{created.Id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Import_Workbook_StoredAsDraftAndAudited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var edited = WorkbookFiller.SetCells(Workbook(BuiltInFrameworks.Government2026), "体系设置",
            new Dictionary<string, object> { ["B2"] = "GOV-CITY", ["B3"] = "市政府部门评估指标体系" });

        var response = await admin.PostAsync("/api/frameworks", Form(edited));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<FrameworkSummary>(Web))!;
        Assert.True(created.IsDraft);
        Assert.Null(created.PublishedAt);
        Assert.Equal(BuiltInFrameworks.Government2026.Leaves().Count(), created.LeafCount);
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM audit_entries WHERE action = 'framework.imported' AND target = 'framework/{created.Id}'"));
        Assert.Equal("xlsx", await api.Database.ScalarAsync<string>($"SELECT details::jsonb->'data'->>'format' FROM audit_entries WHERE target = 'framework/{created.Id}'"));
        var stored = JsonSerializer.Deserialize<FrameworkDefinition>(await admin.GetStringAsync($"/api/frameworks/{created.Id}"), FrameworkRecord.Json)!;
        Assert.Equal("市政府部门评估指标体系", stored.Name);
    }

    [Fact]
    public async Task Import_Json_StoredAsDraft()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var created = await ImportAsync(admin, Small("JSON-1"));

        Assert.Equal(("JSON-1", "1", 2, true), (created.Code, created.Version, created.LeafCount, created.IsDraft));
        Assert.Equal(["Government"], created.ApplicableKinds);
    }

    [Fact]
    public async Task Import_ExistingCodeAndVersion_Conflict()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        await ImportAsync(admin, Small("DUP"));

        var again = await admin.PostAsync("/api/frameworks", Json(Small("DUP")));
        var builtIn = await admin.PostAsync("/api/frameworks", Form(Workbook(BuiltInFrameworks.Party2026)));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("framework.exists", (await Problem.ReadAsync(again)).Code);
        Assert.Equal(HttpStatusCode.Conflict, builtIn.StatusCode);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM frameworks WHERE code = 'DUP'"));
    }

    [Fact]
    public async Task Import_WorkbookWithMistakes_422EveryProblemBySheetAndCellNothingStored()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var edited = WorkbookFiller.SetCells(Workbook(Small("XLSX-BAD")), "指标", new Dictionary<string, object> { ["H3"] = "好=1，一般=0.6", ["D4"] = "四" });

        var response = await admin.PostAsync("/api/frameworks", Form(edited));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("framework.invalid", problem.Code);
        Assert.Equal([("authoring.rule_parameters", "指标", "H3"), ("authoring.not_a_number", "指标", "D4")],
            problem.Errors!.Select(e => (e.Code, e.Sheet!, e.Cell!)));
        Assert.All(problem.Errors!, e => Assert.False(string.IsNullOrEmpty(e.MessageEn)));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM frameworks WHERE code = 'XLSX-BAD'"));
    }

    [Fact]
    public async Task Import_EngineProblemInWorkbook_LocatedToItsRow()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var edited = WorkbookFiller.SetCells(Workbook(Small("XLSX-SUM")), "指标", new Dictionary<string, object> { ["D4"] = 3m });

        var problem = await Problem.ReadAsync(await admin.PostAsync("/api/frameworks", Form(edited)));

        var error = Assert.Single(problem.Errors!);
        Assert.Equal(("indicator.points_mismatch", "指标", "D2", "1"), (error.Code, error.Sheet, error.Cell, error.IndicatorCode));
    }

    [Fact]
    public async Task Import_MacroWorkbook_RefusedWith415()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", "bad", "xlsm-content-type.xlsx"));

        var response = await admin.PostAsync("/api/frameworks", Form(bytes));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("upload.macro", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Import_FileFieldMissingOrWrongMediaType_Refused()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var noFile = await admin.PostAsync("/api/frameworks", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        var text = await admin.PostAsync("/api/frameworks", new StringContent("code=1", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("upload.file_missing", (await Problem.ReadAsync(noFile)).Code);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task Import_MalformedJson_400NamingThePath()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var json = JsonSerializer.Serialize(Small("JSON-SYNTAX"), FrameworkRecord.Json).Replace("\"perOccurrence\":1", "\"perOccurrence\":\"一\"", StringComparison.Ordinal);

        var response = await admin.PostAsync("/api/frameworks", RawJson(json));
        var unknownKind = await admin.PostAsync("/api/frameworks", RawJson(json.Replace("\"kind\":\"deduction\",\"perOccurrence\":\"一\"", "\"kind\":\"magic\"", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("framework.json_invalid", problem.Code);
        Assert.Equal("$.dimensions[0].children[1].rule.perOccurrence", Assert.Single(problem.Errors!).Field);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal("framework.json_invalid", (await Problem.ReadAsync(unknownKind)).Code);
    }

    [Fact]
    public async Task Import_InvalidJsonFramework_422WithJsonPaths()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var small = Small("JSON-BAD");
        var framework = small with
        {
            Dimensions =
            [
                small.Dimensions[0] with
                {
                    Children = [small.Dimensions[0].Children[0] with { Points = 7m }, small.Dimensions[0].Children[1] with { Rule = new DeductionRule(5m) }],
                },
            ],
        };

        var response = await admin.PostAsync("/api/frameworks", Json(framework));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(
            [("indicator.points_mismatch", "$.dimensions[0].points"), ("rule.deduction_step_over_points", "$.dimensions[0].children[1].rule")],
            problem.Errors!.Select(e => (e.Code, e.Field!)));
    }

    [Fact]
    public async Task Import_JsonWithNullsAndUnwritableNames_422WithJsonPaths()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        const string json = """
            {"code":"JSON-NULL","name":"","version":"1","totalPoints":10,"dimensions":[null,
              {"code":"1","name":"维度","points":10,"children":[{"code":"1.1","name":"叶","points":10,"children":[],
                "rule":{"kind":"qualitative","options":[{"label":"好=优","fraction":1}]}}]}]}
            """;

        var problem = await Problem.ReadAsync(await admin.PostAsync("/api/frameworks", RawJson(json)));

        Assert.Equal("framework.invalid", problem.Code);
        Assert.Equal(["$.name", "$.dimensions[0]", "$.dimensions[1].children[0].rule.options[0].label"], problem.Errors!.Select(e => e.Field!));
    }

    [Fact]
    public async Task Replace_Draft_TakesTheNewContent()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var draft = await ImportAsync(admin, Small("REPL"));
        var renamed = Small("REPL") with { Name = "改名后的指标体系" };

        var response = await admin.PutAsync($"/api/frameworks/{draft.Id}", Form(Workbook(renamed)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = JsonSerializer.Deserialize<FrameworkDefinition>(await admin.GetStringAsync($"/api/frameworks/{draft.Id}"), FrameworkRecord.Json)!;
        Assert.Equal("改名后的指标体系", stored.Name);
        Assert.Equal(2L, await CountAsync($"SELECT count(*) FROM audit_entries WHERE action = 'framework.imported' AND target = 'framework/{draft.Id}'"));
    }

    [Fact]
    public async Task Publish_Draft_PublishedAuditedAndImmutable()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var draft = await ImportAsync(admin, Small("PUB"));

        var publish = await admin.PostAsync($"/api/frameworks/{draft.Id}/publish", null);

        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var published = (await publish.Content.ReadFromJsonAsync<FrameworkSummary>(Web))!;
        Assert.False(published.IsDraft);
        Assert.NotNull(published.PublishedAt);
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM audit_entries WHERE action = 'framework.published' AND target = 'framework/{draft.Id}'"));

        var again = await admin.PostAsync($"/api/frameworks/{draft.Id}/publish", null);
        var replace = await admin.PutAsync($"/api/frameworks/{draft.Id}", Json(Small("PUB") with { Name = "改" }));
        var delete = await admin.DeleteAsync($"/api/frameworks/{draft.Id}");
        foreach (var refused in new[] { again, replace, delete })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("framework.published", (await Problem.ReadAsync(refused)).Code);
        }

        var stored = JsonSerializer.Deserialize<FrameworkDefinition>(await admin.GetStringAsync($"/api/frameworks/{draft.Id}"), FrameworkRecord.Json)!;
        Assert.Equal("小型测试指标体系", stored.Name);
    }

    [Fact]
    public async Task Publish_StoredDraftThatNoLongerValidates_422AndStaysDraft()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var draft = await ImportAsync(admin, Small("PUB-BAD"));
        await api.Database.ScalarAsync<int>(
            $"UPDATE frameworks SET definition = jsonb_set(definition, '{{totalPoints}}', '12') WHERE id = '{draft.Id}' RETURNING 1");

        var response = await admin.PostAsync($"/api/frameworks/{draft.Id}/publish", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await Problem.ReadAsync(response)).Errors!);
        Assert.Equal(("framework.total_mismatch", "$.totalPoints"), (error.Code, error.Field));
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM frameworks WHERE id = '{draft.Id}' AND published_at IS NOT NULL"));
    }

    [Fact]
    public async Task NewVersion_FromPublishedBuiltIn_DraftCopyWithThatVersion()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var party = (await ListAsync(admin)).Single(f => f.Code == "PARTY");

        var response = await admin.PostAsJsonAsync($"/api/frameworks/{party.Id}/versions", new { version = "2027.1" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copy = (await response.Content.ReadFromJsonAsync<FrameworkSummary>(Web))!;
        Assert.Equal(("PARTY", "2027.1", true, false), (copy.Code, copy.Version, copy.IsDraft, copy.IsBuiltIn));
        var stored = JsonSerializer.Deserialize<FrameworkDefinition>(await admin.GetStringAsync($"/api/frameworks/{copy.Id}"), FrameworkRecord.Json)!;
        Assert.Equal(
            JsonSerializer.Serialize(BuiltInFrameworks.Party2026 with { Version = "2027.1" }, FrameworkRecord.Json),
            JsonSerializer.Serialize(stored, FrameworkRecord.Json));

        var again = await admin.PostAsJsonAsync($"/api/frameworks/{party.Id}/versions", new { version = "2027.1" });
        var blank = await admin.PostAsJsonAsync($"/api/frameworks/{party.Id}/versions", new { version = " " });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        Assert.Equal("version", Assert.Single((await Problem.ReadAsync(blank)).Errors!).Field);
    }

    [Fact]
    public async Task Delete_UnusedDraft_Gone()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var draft = await ImportAsync(admin, Small("DEL"));

        var response = await admin.DeleteAsync($"/api/frameworks/{draft.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/frameworks/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/frameworks/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task Delete_DraftUsedByACampaign_ConflictAndKept()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var draft = await ImportAsync(admin, Small("USED"));
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Campaigns.Add(new Campaign { Id = Guid.CreateVersion7(), Year = 2030, Name = "引用草稿的批次", FrameworkId = draft.Id, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var response = await admin.DeleteAsync($"/api/frameworks/{draft.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("framework.in_use", (await Problem.ReadAsync(response)).Code);
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM frameworks WHERE id = '{draft.Id}'"));
    }

    [Fact]
    public async Task FindUsable_DraftRefusedPublishedGiven()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var draft = await ImportAsync(admin, Small("USABLE"));
        var published = (await ListAsync(admin)).Single(f => f.Code == "GOV");
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var (none, draftProblem) = await PublishedFrameworks.FindUsableAsync(db, draft.Id, CancellationToken.None);
        var (found, noProblem) = await PublishedFrameworks.FindUsableAsync(db, published.Id, CancellationToken.None);
        var (_, missing) = await PublishedFrameworks.FindUsableAsync(db, Guid.NewGuid(), CancellationToken.None);

        Assert.Null(none);
        Assert.Equal(409, draftProblem!.StatusCode);
        Assert.Equal("framework.not_published", (string?)draftProblem.ProblemDetails.Extensions["code"]);
        Assert.Equal("GOV", found!.Code);
        Assert.True(found.IsPublished);
        Assert.Null(noProblem);
        Assert.Equal(404, missing!.StatusCode);
        Assert.DoesNotContain(await db.Frameworks.Published().Select(f => f.Id).ToListAsync(), id => id == draft.Id);
    }

    [Fact]
    public async Task Access_StaffForbiddenEverywhere_ReviewerReadsButCannotChange()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var id = (await ListAsync(reviewer)).First().Id;

        foreach (var url in new[] { "/api/frameworks", $"/api/frameworks/{id}", $"/api/frameworks/{id}/workbook", "/api/frameworks/authoring-template" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/frameworks", Json(Small("STAFF")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync("/api/frameworks", Json(Small("REVIEWER")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsync($"/api/frameworks/{id}", Json(Small("REVIEWER")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync($"/api/frameworks/{id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsJsonAsync($"/api/frameworks/{id}/versions", new { version = "9" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.DeleteAsync($"/api/frameworks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/frameworks")).StatusCode);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM frameworks WHERE code IN ('STAFF', 'REVIEWER')"));
    }

    [Fact]
    public async Task OpenApi_DescribesEveryFrameworkEndpoint()
    {
        var paths = (await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/frameworks").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/frameworks/{frameworkId}").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/frameworks/{frameworkId}").TryGetProperty("delete", out _));
        Assert.True(paths.TryGetProperty("/api/frameworks/{frameworkId}/workbook", out _));
        Assert.True(paths.TryGetProperty("/api/frameworks/{frameworkId}/versions", out _));
        Assert.True(paths.TryGetProperty("/api/frameworks/{frameworkId}/publish", out _));
        Assert.True(paths.TryGetProperty("/api/frameworks/authoring-template", out _));
        Assert.True(paths.TryGetProperty("/api/ahp", out _));
    }

    [Fact]
    public async Task Startup_SecondInstanceOnTheSameDatabase_BuiltInsSeededOnce()
    {
        await using (var second = new ApiInstance(api.Database))
        {
            await using var scope = second.Services.CreateAsyncScope();
        }

        foreach (var builtIn in BuiltInFrameworks.All)
        {
            Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM frameworks WHERE code = '{builtIn.Code}' AND version = '{builtIn.Version}' AND published_at IS NOT NULL"));
        }
    }
}
