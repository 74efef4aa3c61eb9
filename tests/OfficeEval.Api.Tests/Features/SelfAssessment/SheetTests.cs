using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>The task pane's live path: 自评表's used range read as the workbook reader reads it, validated and saved.</summary>
public sealed class SheetTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Header = ["指标编码", "一级指标", "二级指标", "三级指标", "评估要点", "评分标准", "分值", "自评结果（选项/次数）", "自评得分", "情况说明", "佐证材料"];

    /// <summary>
    /// The used range from A1: title, info, header, then one row per leaf of the unit's framework in order (1.1.1 on
    /// row 4 … 2.1.2 on row 9), blank but for the leaves given (code, answer, self-score, explanation).
    /// </summary>
    private static object Sheet(params (string Code, object? Answer, object? SelfScore, string? Explanation)[] given) => new
    {
        rowIndex = 0,
        columnIndex = 0,
        values = new List<object?[]>
        {
            new object?[] { "2026年度自评表", "", "", "", "", "", "", "", "", "", "" },
            new object?[] { "单位：市发展和改革委员会", "", "", "", "", "", "", "", "", "", "" },
            Header,
        }.Concat(Drafts.StaffFramework.Leaves().Select(l => given.FirstOrDefault(g => g.Code == l.Node.Code) is { Code: not null } r
            ? new object?[] { r.Code, "", "", "", "", "", l.Node.Points, r.Answer ?? "", r.SelfScore ?? "", r.Explanation ?? "", "" }
            : new object?[] { l.Node.Code, "", "", "", "", "", l.Node.Points, "", "", "", "" })).ToList(),
    };

    [Fact]
    public async Task Validate_ReadsCellsLikeTheWorkbookReader_ProblemsByCell()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);

        var response = await staff.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/sheet/validate"),
            Sheet(("1.1.1", "较好", 6.4m, "按时完成"), ("2.1.2", "两次", null, null)));

        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var leaf = body["leaves"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "1.1.1")!;
        Assert.Equal((6.4m, 6.4m), (leaf["score"]!.GetValue<decimal>(), leaf["selfScore"]!.GetValue<decimal>()));
        var cell = body["problems"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "cell.not_a_number")!;
        Assert.Equal(("自评表", "H9"), (cell["sheet"]!.GetValue<string>(), cell["cell"]!.GetValue<string>()));
        Assert.False(body["readyToSubmit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Save_RefusesUnreadableCellsThenSavesKeepingEvidence()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);
        revision = Drafts.RevisionOf(await Drafts.PatchAsync(staff, campaignId, unitId, revision,
            new { indicatorCode = "1.1.1", option = "好", evidence = new[] { "年度工作总结" } }));

        var bad = await Drafts.SendAsync(staff, HttpMethod.Put, Drafts.Url(campaignId, unitId, "/sheet"), Sheet(("2.1.2", "两次", null, null)), revision);
        var missing = await Drafts.SendAsync(staff, HttpMethod.Put, Drafts.Url(campaignId, unitId, "/sheet"), Sheet(("1.1.1", "较好", 6m, null)), null);
        var saved = await Drafts.SendAsync(staff, HttpMethod.Put, Drafts.Url(campaignId, unitId, "/sheet"),
            Sheet(("1.1.1", "较好", 6m, "补充说明"), ("2.1.2", 1, 4m, null)), revision);
        var stale = await Drafts.SendAsync(staff, HttpMethod.Put, Drafts.Url(campaignId, unitId, "/sheet"), Sheet(("1.1.1", "差", null, null)), revision);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("H9", Assert.Single((await Problem.ReadAsync(bad)).Errors!).Cell);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var answers = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["answers"]!.AsArray();
        var first = answers.Single(a => a!["indicatorCode"]!.GetValue<string>() == "1.1.1")!;
        Assert.Equal(("较好", "年度工作总结"), (first["option"]!.GetValue<string>(), first["evidence"]![0]!.GetValue<string>()));
        Assert.Equal(1m, answers.Single(a => a!["indicatorCode"]!.GetValue<string>() == "2.1.2")!["number"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task Info_GivesTheSheetAndTheCurrentStructureHash()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);

        var info = (await staff.GetFromJsonAsync<JsonObject>(Drafts.Url(campaignId, unitId, "/sheet")))!;

        Assert.Equal("自评表", info["sheet"]!.GetValue<string>());
        Assert.Equal("urn:officeeval:self-assessment:v1", info["identityNamespace"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16,}$", info["structureHash"]!.GetValue<string>());
        Assert.Contains(info["structureHash"]!.GetValue<string>(), info["identityXml"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Inserting the template's sheets into another workbook (the pane's "insert template") drops the file's custom XML
    /// part and properties; the pane adds the identity part the sheet info gives, and the upload is recognised again.
    /// </summary>
    [Fact]
    public async Task Upload_OfAWorkbookThatLostItsIdentity_IsRecognisedOnceThePaneAddsTheIdentityPart()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var info = (await staff.GetFromJsonAsync<JsonObject>(Drafts.Url(campaignId, unitId, "/sheet")))!;
        var template = await staff.GetByteArrayAsync(Drafts.Url(campaignId, unitId, "/workbook"));

        var stripped = Rewrite(template, document =>
        {
            var workbook = document.WorkbookPart!;
            workbook.DeleteParts([.. workbook.CustomXmlParts]);
            if (document.CustomFilePropertiesPart is { } properties)
            {
                document.DeletePart(properties);
            }
        });
        var restored = Rewrite(stripped, document =>
        {
            var part = document.WorkbookPart!.AddCustomXmlPart(DocumentFormat.OpenXml.Packaging.CustomXmlPartType.CustomXml);
            using var stream = part.GetStream(FileMode.Create);
            using var writer = new StreamWriter(stream);
            writer.Write(info["identityXml"]!.GetValue<string>());
        });

        var refused = await staff.PostAsync(Drafts.Url(campaignId, unitId, "/workbook/validate"), Form(stripped));
        var accepted = await staff.PostAsync(Drafts.Url(campaignId, unitId, "/workbook/validate"), Form(restored));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static byte[] Rewrite(byte[] xlsx, Action<DocumentFormat.OpenXml.Packaging.SpreadsheetDocument> change)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            change(document);
        }

        return stream.ToArray();
    }

    private static MultipartFormDataContent Form(byte[] xlsx) =>
        new() { { new ByteArrayContent(xlsx) { Headers = { ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") } }, "file", "book.xlsx" } };
}
