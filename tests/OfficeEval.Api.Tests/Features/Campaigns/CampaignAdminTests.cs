using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Campaigns;

/// <summary>Setting up a campaign: units register, campaign, its units and approved figures, individual indicators, reviewer groups, progress.</summary>
public sealed class CampaignAdminTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task NewCampaign_WithUnitsGroupsAndPastDeadlines_ShowsProgressAndLateUnits()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var demo = (await admin.GetFromJsonAsync<JsonObject>($"/api/campaigns/{await DemoCampaign(admin)}"))!;
        var frameworkId = demo["framework"]!["id"]!.GetValue<Guid>();

        var parent = await CreateUnit(admin, new { code = "XJ-ZF", name = "某县人民政府", kind = "Government", category = "经济", level = "县" });
        var town = await CreateUnit(admin, new { code = "XJ-DZZ", name = "东镇", kind = "乡镇（街道）", category = "经济", level = "乡", parentId = parent });

        var created = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            year = 2025,
            name = "2025年度乡镇机构编制评估",
            frameworkId,
            deadlines = new object[]
            {
                new { stage = "单位自评", code = "self_assessment", due = "2025-03-31" },
                new { stage = "实地评估", code = "field_review", due = "2099-01-31" },
            },
            contacts = new[] { new { name = "王敏", role = "业务咨询", phone = "0000-1111" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var put = await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/units/{town}", new { approvedEstablishment = 42, approvedLeadershipPosts = 5 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var detail = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("某县人民政府", 42, "NotStarted"), (detail["parentName"]!.GetValue<string>(), detail["approvedEstablishment"]!.GetValue<int>(), detail["status"]!.GetValue<string>()));

        var reviewerId = await UserId(DemoUsers.Reviewer);
        var group = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reviewer-groups", new { name = "第二组", memberIds = new[] { reviewerId }, unitIds = new[] { town } });
        Assert.Equal(HttpStatusCode.Created, group.StatusCode);

        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);
        var visible = (await reviewer.GetFromJsonAsync<JsonArray>($"/api/campaigns/{campaignId}/units"))!;
        Assert.Equal("XJ-DZZ", Assert.Single(visible)!["code"]!.GetValue<string>());

        var progress = (await admin.GetFromJsonAsync<JsonObject>($"/api/campaigns/{campaignId}/progress"))!;
        Assert.Equal(1, progress["byStatus"]!["NotStarted"]!.GetValue<int>());
        var stages = progress["stages"]!.AsArray().ToDictionary(s => s!["code"]!.GetValue<string>(), s => s!);
        Assert.True(stages["self_assessment"]["overdue"]!.GetValue<bool>());
        Assert.Equal(town, stages["self_assessment"]["lateUnits"]![0]!.GetValue<Guid>());
        Assert.False(stages["field_review"]["overdue"]!.GetValue<bool>());
        Assert.Null(stages["initial_review"]["due"]);
        Assert.Equal("第二组", progress["units"]![0]!["reviewerGroup"]!.GetValue<string>());
    }

    [Fact]
    public async Task Campaign_InvalidFields_Is422PerFieldAndUnpublishedFrameworkRefused()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsJsonAsync("/api/campaigns", new
        {
            year = 1999,
            name = "",
            frameworkId = Guid.NewGuid(),
            deadlines = new[] { new { stage = "自评", code = "nope", due = "2026-01-01" } },
            resultsPolicy = new { grades = new[] { new { label = "A", minScoreRate = 60 }, new { label = "B", minScoreRate = 90 } }, lowestGrade = "C", greenPerCategory = 1, redPerCategory = 1 },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fields = (await Problem.ReadAsync(response)).Errors!.Select(e => e.Field).ToHashSet();
        Assert.Equal(new[] { "deadlines[0].code", "frameworkId", "name", "resultsPolicy.grades", "year" }, fields.Select(f => f!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task IndividualIndicators_PointsMustMatchTheDimension()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaignId = await DemoCampaign(admin);
        var unitId = await DemoUnit(admin, campaignId, "ZF-JYJ");
        var url = $"/api/campaigns/{campaignId}/units/{unitId}/individual-indicators";

        var wrong = await admin.PutAsJsonAsync(url, new[] { Indicator("6.1", "双减落实", 3m) });
        var right = await admin.PutAsJsonAsync(url, new[] { Indicator("6.1", "双减落实", 3m), Indicator("6.2", "教师编制统筹", 2m) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains((await Problem.ReadAsync(wrong)).Errors!, e => e.Code == "individual.points_mismatch");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var workbook = await admin.GetAsync($"/api/campaigns/{campaignId}/units/{unitId}/self-assessment/workbook");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var staff = await api.SignInAsync(DemoUsers.Staff);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync(url, Array.Empty<object>())).StatusCode);
    }

    [Fact]
    public async Task ReviewerGroups_RefuseNonReviewersAndUnitsTakenByAnotherGroup()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var campaignId = await DemoCampaign(admin);
        var taken = await DemoUnit(admin, campaignId, "DW-ZZB");
        var staffId = await UserId(DemoUsers.Staff);

        var notReviewer = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reviewer-groups", new { name = "组A", memberIds = new[] { staffId }, unitIds = Array.Empty<Guid>() });
        var unitTaken = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reviewer-groups", new { name = "组B", memberIds = Array.Empty<Guid>(), unitIds = new[] { taken } });

        Assert.Equal("memberIds[0]", Assert.Single((await Problem.ReadAsync(notReviewer)).Errors!).Field);
        Assert.Equal(HttpStatusCode.Conflict, unitTaken.StatusCode);
        Assert.Equal("reviewer_group.unit_taken", (await Problem.ReadAsync(unitTaken)).Code);
    }

    [Fact]
    public async Task Units_DuplicateCodeIs409AndBadKindIs422()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var duplicate = await admin.PostAsJsonAsync("/api/units", new { code = "ZF-FGW", name = "重复", kind = "Government" });
        var badKind = await admin.PostAsJsonAsync("/api/units", new { code = "X-1", name = "某单位", kind = "公司", level = "区" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(["kind", "level"], (await Problem.ReadAsync(badKind)).Errors!.Select(e => e.Field!).Order().ToArray());
    }

    private static object Indicator(string code, string name, decimal points) => new
    {
        code,
        name,
        points,
        children = Array.Empty<object>(),
        rule = new { kind = "qualitative", options = new[] { new { label = "达成", fraction = 1m }, new { label = "未达成", fraction = 0m } } },
        evidenceChecklist = new[] { "佐证材料" },
    };

    private static async Task<Guid> CreateUnit(HttpClient admin, object unit)
    {
        var response = await admin.PostAsJsonAsync("/api/units", unit);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    internal static async Task<Guid> DemoCampaign(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/campaigns"))!.Single(c => c!["year"]!.GetValue<int>() == 2026)!["id"]!.GetValue<Guid>();

    internal static async Task<Guid> DemoUnit(HttpClient client, Guid campaignId, string code) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/campaigns/{campaignId}/units"))!.Single(u => u!["code"]!.GetValue<string>() == code)!["id"]!.GetValue<Guid>();

    private Task<Guid> UserId(string email) => api.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
}
