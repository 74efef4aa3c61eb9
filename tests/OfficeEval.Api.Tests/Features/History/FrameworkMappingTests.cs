using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Documents.Tests.Support;
using OfficeEval.Core.History;

namespace OfficeEval.Api.Tests.Features.History;

/// <summary>The indicator mapping from the demo framework's 2024.1 version (<see cref="HistorySetup.Previous2024"/>) to 2026.1.</summary>
public sealed class FrameworkMappingTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Guid _previous;
    private Guid _current;

    public async Task InitializeAsync()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        _current = await HistorySetup.DemoFrameworkAsync(api, demo.Id);
        _previous = await WorkflowSetup.WithDb(api, db => db.Frameworks.Where(f => f.Version == "2024.1").Select(f => f.Id).SingleOrDefaultAsync());
        if (_previous == Guid.Empty)
        {
            _previous = await HistorySetup.AddFrameworkAsync(api, HistorySetup.Previous2024);
        }

        // Each test starts from no stored mapping.
        await WorkflowSetup.WithDb(api, db => db.FrameworkMappings.ExecuteDeleteAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Url => $"/api/frameworks/{_previous}/mappings/{_current}";

    /// <summary>Every old dimension and leaf to the same code, but 5.3, merged into 5.2.</summary>
    private static List<object> FullMapping() =>
    [
        .. IndicatorMapping.MappableNodes(HistorySetup.Previous2024).Select(n => (object)new
        {
            fromCode = n.Node.Code,
            toCode = n.Node.Code == "5.3" ? "5.2" : n.Node.Code,
            note = n.Node.Code == "5.3" ? "并入机构编制纪律" : null,
        }),
    ];

    private static (string? To, string Status) Row(JsonNode view, string code)
    {
        var row = view["links"]!.AsArray().Single(r => r!["fromCode"]!.GetValue<string>() == code)!;
        return (row["toCode"]?.GetValue<string>(), row["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_NothingStored_SuggestionFlagsRenamedAndLeavesTheRestUnmapped()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var view = (await admin.GetFromJsonAsync<JsonNode>(Url))!;

        Assert.Equal("Suggested", view["source"]!.GetValue<string>());
        Assert.Equal(("2024.1", "2026.1"), (view["from"]!["version"]!.GetValue<string>(), view["to"]!["version"]!.GetValue<string>()));
        Assert.Equal(("1", "Mapped"), Row(view, "1"));
        Assert.Equal(("1.1.1", "NeedsReview"), Row(view, "1.1.1"));
        Assert.Equal(("5.2", "Mapped"), Row(view, "5.2"));
        Assert.Equal((null, "Unmapped"), Row(view, "5.3"));
        // Dimensions and leaves only: 1.1 is an inner indicator.
        Assert.DoesNotContain(view["links"]!.AsArray(), r => r!["fromCode"]!.GetValue<string>() == "1.1");
        Assert.Empty(view["newWithoutPredecessor"]!.AsArray());
        Assert.Empty(view["problems"]!.AsArray());
    }

    [Fact]
    public async Task Get_TheOtherWay_NewIndicatorsWithoutPredecessorListed()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var view = (await admin.GetFromJsonAsync<JsonNode>($"/api/frameworks/{_current}/mappings/{_previous}"))!;

        Assert.Equal(["5.3"], view["newWithoutPredecessor"]!.AsArray().Select(n => n!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_ValidMapping_StoredAuditedAndReadBack()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var start = await WorkflowSetup.WithDb(api, db => db.AuditEntries.MaxAsync(e => e.Seq));

        var response = await admin.PutAsJsonAsync(Url, new { links = FullMapping() });
        var view = (await admin.GetFromJsonAsync<JsonNode>(Url))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Stored", view["source"]!.GetValue<string>());
        Assert.Equal(("1.1.1", "Mapped"), Row(view, "1.1.1"));
        Assert.Equal(("5.2", "Mapped"), Row(view, "5.3"));
        Assert.Equal("并入机构编制纪律", view["links"]!.AsArray().Single(r => r!["fromCode"]!.GetValue<string>() == "5.3")!["note"]!.GetValue<string>());
        var audit = await WorkflowSetup.WithDb(api, db => db.AuditEntries.Where(e => e.Action == "framework.mapping_saved" && e.Seq > start).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal($"framework/{_previous}/mappings/{_current}", entry.Target);
        Assert.Contains("5.3", entry.Details);
    }

    [Fact]
    public async Task Put_DroppedAndMissing_DroppedExplicitlyOthersUnmapped()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PutAsJsonAsync(Url, new { links = new object[] { new { fromCode = "5.3", toCode = (string?)null }, new { fromCode = "1.1.1", toCode = "1.1.1" } } });
        var view = (await response.Content.ReadFromJsonAsync<JsonNode>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((null, "Dropped"), Row(view, "5.3"));
        Assert.Equal(("1.1.1", "Mapped"), Row(view, "1.1.1"));
        Assert.Equal((null, "Unmapped"), Row(view, "5.2"));
        Assert.Contains(view["newWithoutPredecessor"]!.AsArray(), n => n!["code"]!.GetValue<string>() == "5.2");
    }

    [Fact]
    public async Task Put_InvalidLinks_422ByFieldAndNothingStored()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        await admin.PutAsJsonAsync(Url, new { links = FullMapping() });

        var response = await admin.PutAsJsonAsync(Url, new
        {
            links = new object[]
            {
                new { fromCode = "1.1.1", toCode = "1.1.1" },
                new { fromCode = "9.9", toCode = "1.1.2" },
                new { fromCode = "1", toCode = "1.1.1" },
                new { fromCode = "1.1.2", toCode = "2" },
                new { fromCode = "1.1.1", toCode = "1.1.2" },
                new { fromCode = "3.1", toCode = "3.9" },
                new { fromCode = "1.2", toCode = "1.2" },
            },
        });
        var problem = await Problem.ReadAsync(response);
        var view = (await admin.GetFromJsonAsync<JsonNode>(Url))!;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("mapping.invalid", problem.Code);
        Assert.Equal(
        [
            ("mapping.from_unknown", "links[1].fromCode"),
            ("mapping.kind_mismatch", "links[2].toCode"),
            ("mapping.kind_mismatch", "links[3].toCode"),
            ("mapping.from_duplicate", "links[4].fromCode"),
            ("mapping.to_unknown", "links[5].toCode"),
            ("mapping.from_not_mappable", "links[6].fromCode"),
            ("mapping.to_not_mappable", "links[6].toCode"),
        ], problem.Errors!.Select(e => (e.Code, e.Field!)));
        Assert.All(problem.Errors!, e => Assert.False(string.IsNullOrEmpty(e.MessageZh) || string.IsNullOrEmpty(e.MessageEn)));
        // The earlier mapping stands, untouched.
        Assert.Equal("Stored", view["source"]!.GetValue<string>());
        Assert.Equal(("5.2", "Mapped"), Row(view, "5.3"));
    }

    [Fact]
    public async Task Put_NoLinksListOrTheSameVersion_422()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var missing = await Problem.ReadAsync(await admin.PutAsJsonAsync(Url, new { }));
        var same = await Problem.ReadAsync(await admin.PutAsJsonAsync($"/api/frameworks/{_current}/mappings/{_current}", new { links = Array.Empty<object>() }));

        Assert.Equal((422, "links"), (missing.Status, missing.Errors!.Single().Field));
        Assert.Equal((422, "mapping.same_framework"), (same.Status, same.Errors!.Single().Code));
    }

    [Fact]
    public async Task Put_EmptyList_RemovesTheStoredMapping()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        await admin.PutAsJsonAsync(Url, new { links = FullMapping() });

        var response = await admin.PutAsJsonAsync(Url, new { links = Array.Empty<object>() });

        Assert.Equal("Suggested", (await response.Content.ReadFromJsonAsync<JsonNode>())!["source"]!.GetValue<string>());
        Assert.Equal(0, await WorkflowSetup.WithDb(api, db => db.FrameworkMappings.CountAsync()));
    }

    [Fact]
    public async Task Get_UnknownFramework_404()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync($"/api/frameworks/{_previous}/mappings/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Access_OfficeReadsAdminWrites()
    {
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var staff = await api.SignInAsync(DemoUsers.Staff);

        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutAsJsonAsync(Url, new { links = FullMapping() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Url)).StatusCode);
        Assert.Equal(0, await WorkflowSetup.WithDb(api, db => db.FrameworkMappings.CountAsync()));
    }

    private static string RowOf(string code) =>
        (4 + IndicatorMapping.MappableNodes(HistorySetup.Previous2024).Select(n => n.Node.Code).ToList().IndexOf(code)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] xlsx)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", "mapping.xlsx");
        return await client.PutAsync(Url + "/workbook", content);
    }

    [Fact]
    public async Task Workbook_SuggestionExportedEditedAndImported_StoredAsEdited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var start = await WorkflowSetup.WithDb(api, db => db.AuditEntries.MaxAsync(e => e.Seq));

        var export = await admin.GetAsync(Url + "/workbook");
        var xlsx = await export.Content.ReadAsByteArrayAsync();
        var edited = WorkbookFiller.SetCells(xlsx, "指标对应关系", new Dictionary<string, object>
        {
            ["E" + RowOf("5.3")] = "5.2",
            ["H" + RowOf("5.3")] = "并入机构编制纪律",
            ["E" + RowOf("3.2")] = "撤销",
        });
        var response = await UploadAsync(admin, edited);
        var view = (await admin.GetFromJsonAsync<JsonNode>(Url))!;

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("指标对应关系", export.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Stored", view["source"]!.GetValue<string>());
        Assert.Equal(("5.2", "Mapped"), Row(view, "5.3"));
        Assert.Equal((null, "Dropped"), Row(view, "3.2"));
        // The suggestion's links came back with the file: now confirmed.
        Assert.Equal(("1.1.1", "Mapped"), Row(view, "1.1.1"));
        var actions = await WorkflowSetup.WithDb(api, db => db.AuditEntries.Where(e => e.Seq > start).Select(e => e.Action).ToListAsync());
        Assert.Equal(["export", "framework.mapping_saved"], actions);
    }

    [Fact]
    public async Task Workbook_UnknownOrMismatchedCodes_422OnTheirCellsAndNothingStored()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var xlsx = await admin.GetByteArrayAsync(Url + "/workbook");
        var edited = WorkbookFiller.SetCells(xlsx, "指标对应关系", new Dictionary<string, object>
        {
            ["E" + RowOf("1.1.1")] = "9.9",
            ["E" + RowOf("2")] = "2.1.1",
        });

        var problem = await Problem.ReadAsync(await UploadAsync(admin, edited));

        Assert.Equal((422, "mapping.invalid"), (problem.Status, problem.Code));
        Assert.Equal([("mapping.to_unknown", "指标对应关系", "E" + RowOf("1.1.1")), ("mapping.kind_mismatch", "指标对应关系", "E" + RowOf("2"))],
            problem.Errors!.Select(e => (e.Code, e.Sheet!, e.Cell!)));
        Assert.Equal(0, await WorkflowSetup.WithDb(api, db => db.FrameworkMappings.CountAsync()));
    }

    [Fact]
    public async Task Workbook_NotAWorkbook_RefusedAsSuch()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var problem = await Problem.ReadAsync(await UploadAsync(admin, "不是工作簿"u8.ToArray()));

        Assert.Equal((415, "upload.not_xlsx"), (problem.Status, problem.Code));
        Assert.Equal(0, await WorkflowSetup.WithDb(api, db => db.FrameworkMappings.CountAsync()));
    }
}

