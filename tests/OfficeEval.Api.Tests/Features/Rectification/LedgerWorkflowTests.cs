using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerApi;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerFactory;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// An item's life over HTTP — entered, started, submitted with evidence, returned, submitted again, closed (销号),
/// reopened, edited — with its history and an audit entry for every step; and what each step refuses: evidence
/// without a description, closing, returning or reopening without a note, changes without the revision read.
/// </summary>
public sealed class LedgerWorkflowTests(LedgerFactory api) : IClassFixture<LedgerFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task Lifecycle_EveryStep_InTheHistoryAndTheAuditLog()
    {
        var reviewer = await api.ClientAsync(GroupReviewer);
        var staff = await api.ClientAsync(UnitStaff);
        var admin = await api.ClientAsync(Admin);
        var created = await ReadAsync(await SendAsync(reviewer, HttpMethod.Post, UnitUrl(api.Demo.Id, api.Unit), NewItem()));
        var id = created["id"]!.GetValue<Guid>();
        var url = ItemUrl(api.Demo.Id, api.Unit, id);
        Assert.Equal(("1.1.1", "主责主业履行情况", "职责履行", "待整改", "手工录入"), (created["indicatorCode"]!.GetValue<string>(), created["indicatorName"]!.GetValue<string>(),
            created["categoryZh"]!.GetValue<string>(), created["statusZh"]!.GetValue<string>(), created["sourceZh"]!.GetValue<string>()));
        Assert.Equal(["edit"], created["actions"]!.AsArray().Select(a => a!.GetValue<string>()));

        var started = await ReadAsync(await SendAsync(staff, HttpMethod.Post, url + "/start", new { note = "已部署整改" }, 1));
        Assert.Equal(["submit"], started["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        var form = new MultipartFormDataContent
        {
            { new StringContent("职责清单已在门户网站公开"), "description" },
            { new ByteArrayContent(Png) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "files", "网站截图.png" },
        };
        var submitted = await ReadAsync(await SendAsync(staff, HttpMethod.Post, url + "/submit", form, 2));
        Assert.Equal("Submitted", submitted["status"]!.GetValue<string>());
        var returned = await ReadAsync(await SendAsync(reviewer, HttpMethod.Post, url + "/return", new { note = "缺少动态调整机制的文件" }, 3));
        Assert.Equal("Rectifying", returned["status"]!.GetValue<string>());
        await ReadAsync(await SendAsync(staff, HttpMethod.Post, url + "/submit", new { description = "已印发动态调整办法" }, 4));
        var closed = await ReadAsync(await SendAsync(reviewer, HttpMethod.Post, url + "/close", new { note = "经核验，整改到位，同意销号" }, 5));
        Assert.Equal(("Closed", "已销号"), (closed["status"]!.GetValue<string>(), closed["statusZh"]!.GetValue<string>()));
        Assert.NotNull(closed["closedAt"]);
        var reopened = await ReadAsync(await SendAsync(admin, HttpMethod.Post, url + "/reopen", new { note = "回头看发现清单未更新" }, 6));
        Assert.Null(reopened["closedAt"]);
        var edited = await SendAsync(reviewer, HttpMethod.Patch, url, new { deadline = "2027-09-30", responsiblePerson = "" }, 7);
        Assert.Equal("\"8\"", edited.Headers.ETag!.Tag);

        var item = await ReadAsync(await staff.GetAsync(url));
        Assert.Equal(8, item["revision"]!.GetValue<int>());
        Assert.Equal(("2027-09-30", null), (item["deadline"]!.GetValue<string>(), item["responsiblePerson"]?.GetValue<string>()));
        var history = item["history"]!.AsArray().Select(h => (
            h!["action"]!.GetValue<string>(), h["fromStatus"]?.GetValue<string>(), h["toStatus"]?.GetValue<string>(), h["note"]?.GetValue<string>())).ToList();
        Assert.Equal(
        [
            ("created", null, "Open", null),
            ("start", "Open", "Rectifying", "已部署整改"),
            ("submit", "Rectifying", "Submitted", "职责清单已在门户网站公开"),
            ("return", "Submitted", "Rectifying", "缺少动态调整机制的文件"),
            ("submit", "Rectifying", "Submitted", "已印发动态调整办法"),
            ("close", "Submitted", "Closed", "经核验，整改到位，同意销号"),
            ("reopen", "Closed", "Rectifying", "回头看发现清单未更新"),
            ("changed", "Rectifying", "Rectifying", "整改时限：2027-06-30 → 2027-09-30；责任人：办公室 王伟 → （无）"),
        ], history);
        Assert.Equal(["评估专员", "市发展和改革委员会填报人", "市发展和改革委员会填报人", "评估专员", "市发展和改革委员会填报人", "评估专员", "编办管理员", "评估专员"],
            item["history"]!.AsArray().Select(h => h!["byName"]!.GetValue<string>()));
        var evidence = item["evidence"]!.AsArray();
        Assert.Equal(["职责清单已在门户网站公开", "已印发动态调整办法"], evidence.Select(e => e!["description"]!.GetValue<string>()));
        var file = evidence[0]!["files"]!.AsArray().Single()!;
        Assert.Equal(("网站截图.png", Png.Length, "image/png"), (file["name"]!.GetValue<string>(), file["size"]!.GetValue<int>(), file["contentType"]!.GetValue<string>()));
        Assert.Empty(evidence[1]!["files"]!.AsArray());

        var audit = await AuditAsync(api, id);
        Assert.Equal(["rectification.created", "rectification.started", "rectification.submitted", "rectification.returned", "rectification.submitted",
            "rectification.closed", "rectification.reopened", "rectification.changed"], audit.Select(a => a.Action));
        Assert.Equal(("Submitted", "Closed"), (audit[5].Details.GetProperty("before").GetProperty("status").GetString(), audit[5].Details.GetProperty("after").GetProperty("status").GetString()));
        Assert.Equal("经核验，整改到位，同意销号", audit[5].Details.GetProperty("data").GetProperty("note").GetString());
        Assert.Equal("网站截图.png", audit[2].Details.GetProperty("data").GetProperty("files")[0].GetProperty("name").GetString());
        Assert.Equal(("2027-06-30", "2027-09-30"), (audit[7].Details.GetProperty("before").GetProperty("deadline").GetString(), audit[7].Details.GetProperty("after").GetProperty("deadline").GetString()));
    }

    [Fact]
    public async Task Submit_WithoutDescription_422NamingItAndNothingChanges()
    {
        var staff = await api.ClientAsync(UnitStaff);
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Rectifying);
        var url = ItemUrl(api.Demo.Id, api.Unit, id, "/submit");
        var onlyFile = new MultipartFormDataContent { { new ByteArrayContent(Png), "files", "截图.png" } };

        foreach (var body in new object?[] { new { description = "  " }, new { }, null, onlyFile })
        {
            var response = await SendAsync(staff, HttpMethod.Post, url, body, 1);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await Problem.ReadAsync(response);
            var error = Assert.Single(problem.Errors!);
            Assert.Equal(("rectification.note_missing", "description"), (error.Code, error.Field));
            Assert.False(string.IsNullOrEmpty(error.MessageZh) || string.IsNullOrEmpty(error.MessageEn));
        }

        var stored = await StoredAsync(api, id);
        Assert.Equal((RectificationStatus.Rectifying, 1), (stored!.Status, stored.Revision));
        Assert.Empty(stored.Evidence);
        Assert.False(Directory.Exists(Path.Combine(api.Database.FilesFolder, "rectification", id.ToString("N"))));
    }

    [Theory]
    [InlineData("close", RectificationStatus.Submitted)]
    [InlineData("return", RectificationStatus.Submitted)]
    [InlineData("reopen", RectificationStatus.Closed)]
    public async Task Verification_WithoutNote_422NamingTheNote(string action, RectificationStatus from)
    {
        var reviewer = await api.ClientAsync(GroupReviewer);
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, from);
        var url = ItemUrl(api.Demo.Id, api.Unit, id, "/" + action);

        foreach (var body in new object?[] { new { note = " \n " }, new { }, null })
        {
            var response = await SendAsync(reviewer, HttpMethod.Post, url, body, 1);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var error = Assert.Single((await Problem.ReadAsync(response)).Errors!);
            Assert.Equal(("rectification.note_missing", "note"), (error.Code, error.Field));
        }

        var tooLong = await SendAsync(reviewer, HttpMethod.Post, url, new { note = new string('长', 2001) }, 1);
        Assert.Equal("rectification.note_too_long", Assert.Single((await Problem.ReadAsync(tooLong)).Errors!).Code);
        Assert.Equal((from, 1), ((await StoredAsync(api, id))!.Status, (await StoredAsync(api, id))!.Revision));
        Assert.Empty(await AuditAsync(api, id));
    }

    [Fact]
    public async Task Changes_WithoutOrWithAnOldRevision_428And412WithTheCurrentItem()
    {
        var staff = await api.ClientAsync(UnitStaff);
        var reviewer = await api.ClientAsync(GroupReviewer);
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Open);
        var url = ItemUrl(api.Demo.Id, api.Unit, id);

        var noRevision = await SendAsync(staff, HttpMethod.Post, url + "/start", new { });
        Assert.Equal(HttpStatusCode.PreconditionRequired, noRevision.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(staff, HttpMethod.Post, url + "/start", new { }, 1)).StatusCode);

        var stale = await SendAsync(reviewer, HttpMethod.Patch, url, new { description = "改过的描述" }, 1);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var body = (await stale.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("precondition.failed", "\"2\"", "Rectifying"), (body["code"]!.GetValue<string>(), body["currentETag"]!.GetValue<string>(), body["current"]!["status"]!.GetValue<string>()));
        Assert.Equal("档案管理不规范", (await StoredAsync(api, id))!.Description);
    }

    [Fact]
    public async Task Create_BadFields_422NamingEachFieldInChineseAndEnglish()
    {
        var reviewer = await api.ClientAsync(GroupReviewer);
        var url = UnitUrl(api.Demo.Id, api.Unit);

        var empty = await Problem.ReadAsync(await SendAsync(reviewer, HttpMethod.Post, url, new { }));
        var wrong = await Problem.ReadAsync(await SendAsync(reviewer, HttpMethod.Post, url, new
        {
            indicatorCode = "9.9",
            category = "人事",
            description = new string('问', 2001),
            requirement = "整改",
            deadline = "2027-02-30",
            responsiblePerson = new string('人', 101),
        }));

        Assert.Equal(("rectification.invalid", 422), (empty.Code, empty.Status));
        Assert.Equal(["category", "deadline", "description", "requirement"], empty.Errors!.Select(e => e.Field!).Order());
        Assert.Equal(
            [("category", "rectification.category_invalid"), ("deadline", "rectification.deadline_invalid"), ("description", "rectification.description_too_long"),
                ("indicatorCode", "rectification.indicator_unknown"), ("responsiblePerson", "rectification.responsible_person_too_long")],
            wrong.Errors!.Select(e => (e.Field!, e.Code)).Order());
        Assert.All(wrong.Errors!, e => Assert.False(string.IsNullOrEmpty(e.MessageZh) || string.IsNullOrEmpty(e.MessageEn)));
        Assert.DoesNotContain((await ReadAsync(await reviewer.GetAsync(url)))["items"]!.AsArray(), i => i!["description"]!.GetValue<string>().StartsWith('问'));
    }

    [Fact]
    public async Task Create_CategoryInChineseAndAnIndividualIndicator_Accepted()
    {
        var reviewer = await api.ClientAsync(GroupReviewer);

        var response = await SendAsync(reviewer, HttpMethod.Post, UnitUrl(api.Demo.Id, api.Unit), new
        {
            indicatorCode = "6.2",
            category = "编制使用",
            description = "价格监测报表迟报 2 次",
            requirement = "建立报送提醒机制",
            deadline = "2027-05-31",
        });

        var item = await ReadAsync(response);
        Assert.Equal(("Staffing", "6.2", "价格监测预警", null), (item["category"]!.GetValue<string>(), item["indicatorCode"]!.GetValue<string>(),
            item["indicatorName"]!.GetValue<string>(), item["responsiblePerson"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Patch_NothingChanged_SameRevisionAndNoAuditEntry()
    {
        var reviewer = await api.ClientAsync(GroupReviewer);
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Open);

        var response = await SendAsync(reviewer, HttpMethod.Patch, ItemUrl(api.Demo.Id, api.Unit, id), new { description = " 档案管理不规范 " }, 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Empty(await AuditAsync(api, id));
    }

    [Fact]
    public async Task Delete_OpenItem_GoneButAudited()
    {
        var admin = await api.ClientAsync(Admin);
        var id = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Open);

        var response = await SendAsync(admin, HttpMethod.Delete, ItemUrl(api.Demo.Id, api.Unit, id), null, 1);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await StoredAsync(api, id));
        var (action, details) = Assert.Single(await AuditAsync(api, id));
        Assert.Equal(("rectification.deleted", "档案管理不规范"), (action, details.GetProperty("before").GetProperty("description").GetString()));
    }

    [Fact]
    public async Task RemoveUnitFromCampaign_WithLedgerItems_409AndTheItemsStay()
    {
        var admin = await api.ClientAsync(Admin);
        var unit = api.Demo["XZ-CGJD"];
        var id = await SeedAsync(api, api.Demo.Id, unit, RectificationStatus.Open);

        var response = await admin.DeleteAsync($"/api/campaigns/{api.Demo.Id}/units/{unit}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("campaign_unit.has_rectification", (await Problem.ReadAsync(response)).Code);
        Assert.NotNull(await StoredAsync(api, id));
    }
}
