using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Story;

/// <summary>
/// A whole campaign through HTTP only, as the office, two units and a reviewer live it: a new framework version is
/// published, a campaign set up with units, individual indicators and a reviewer group; units fill, validate and
/// submit; a submission is returned, corrected and resubmitted; both are accepted, field-reviewed and finalised; the
/// results carry ranks, grades, boards and deviations; progress, the audit trail and its chain agree.
/// </summary>
public sealed class CampaignStoryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Campaign_FromFrameworkToFinalResults_ThroughTheApi()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);

        // 1. The office copies the common framework as version 2027.1 and publishes it.
        var frameworks = (await admin.GetFromJsonAsync<JsonArray>("/api/frameworks"))!;
        var common = frameworks.Single(f => f!["code"]!.GetValue<string>() == "COMMON" && f["version"]!.GetValue<string>() == "2026.1")!["id"]!.GetValue<Guid>();
        var copy = await Ok(await admin.PostAsJsonAsync($"/api/frameworks/{common}/versions", new { version = "2027.1" }), HttpStatusCode.Created);
        var frameworkId = copy["id"]!.GetValue<Guid>();
        var draftCampaign = await admin.PostAsJsonAsync("/api/campaigns", CampaignBody(frameworkId));
        Assert.Equal("campaign.invalid", (await Problem.ReadAsync(draftCampaign)).Code);
        await Ok(await admin.PostAsync($"/api/frameworks/{frameworkId}/publish", null));

        // 2. The campaign, its two units with approved figures, the commission's individual indicators, a reviewer group.
        var campaignId = (await Ok(await admin.PostAsJsonAsync("/api/campaigns", CampaignBody(frameworkId)), HttpStatusCode.Created))["id"]!.GetValue<Guid>();
        var units = (await admin.GetFromJsonAsync<JsonArray>("/api/units"))!;
        Guid Unit(string code) => units.Single(u => u!["code"]!.GetValue<string>() == code)!["id"]!.GetValue<Guid>();
        var (fgw, jyj) = (Unit("ZF-FGW"), Unit("ZF-JYJ"));
        await Ok(await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/units/{fgw}", new { approvedEstablishment = 40, approvedLeadershipPosts = 5 }));
        await Ok(await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/units/{jyj}", new { approvedEstablishment = 60, approvedLeadershipPosts = 6 }));
        await Ok(await admin.PutAsJsonAsync($"/api/campaigns/{campaignId}/units/{fgw}/individual-indicators",
            Drafts.StaffFramework.Leaves().Where(l => l.Node.IsIndividual).Select(l => l.Node)));
        var reviewerId = (await reviewer.GetFromJsonAsync<JsonObject>("/api/me"))!["id"]!.GetValue<Guid>();
        await Ok(await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reviewer-groups", new { name = "第一组", memberIds = new[] { reviewerId }, unitIds = new[] { fgw, jyj } }), HttpStatusCode.Created);

        // 3. The commission's staff see only their unit, download the workbook, fill the draft and submit.
        Assert.Equal([fgw], (await staff.GetFromJsonAsync<JsonArray>($"/api/campaigns/{campaignId}/units"))!.Select(u => u!["id"]!.GetValue<Guid>()));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(Drafts.Url(campaignId, fgw, "/workbook"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Drafts.Url(campaignId, jyj))).StatusCode);
        var revision = await Drafts.FillCompletelyAsync(staff, campaignId, fgw);
        var check = (await (await staff.PostAsJsonAsync(Drafts.Url(campaignId, fgw, "/validate"), new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(check["readyToSubmit"]!.GetValue<bool>());
        await Ok(await Drafts.SendAsync(staff, HttpMethod.Post, Drafts.Url(campaignId, fgw, "/submit"), null, revision));

        // The office fills for the education bureau (a weaker self-evaluation) and submits it.
        var (_, jyjRevision) = await Drafts.GetAsync(admin, campaignId, jyj);
        var answers = Drafts.CompleteAnswers().Where(a => !((dynamic)a).indicatorCode.StartsWith("6.")).ToList();
        answers.Add(new { indicatorCode = "6.1", option = "部分达成", selfScore = 3m, evidence = new[] { "个性指标佐证材料" } });
        answers.Add(new { indicatorCode = "1.1.1", option = "一般", selfScore = 6m, evidence = new[] { "年度工作总结", "重点工作台账" } });
        var jyjSaved = await Drafts.PatchAsync(admin, campaignId, jyj, jyjRevision, answers.GroupBy(a => (string)((dynamic)a).indicatorCode).Select(g => g.Last()).ToArray());
        await Ok(await Drafts.SendAsync(admin, HttpMethod.Post, Drafts.Url(campaignId, jyj, "/submit"), null, Drafts.RevisionOf(jyjSaved)));

        // 4. 初审: the commission's submission is returned with a comment on 3.2; corrected and resubmitted; both accepted.
        await Ok(await reviewer.PostAsJsonAsync(Drafts.Url(campaignId, fgw, "/return"),
            new { comment = "请核实职责交叉情况", indicators = new[] { new { indicatorCode = "3.2", comment = "与市场监管局存在交叉" } } }));
        var (returned, returnedRevision) = await Drafts.GetAsync(staff, campaignId, fgw);
        Assert.Equal("3.2", returned["returned"]!["indicators"]![0]!["indicatorCode"]!.GetValue<string>());
        var corrected = await Drafts.PatchAsync(staff, campaignId, fgw, returnedRevision,
            new { indicatorCode = "3.2", number = 2m, selfScore = 6m, explanation = "与市场监管局交叉 2 项", evidence = new[] { "职责交叉事项说明" } });
        await Ok(await Drafts.SendAsync(staff, HttpMethod.Post, Drafts.Url(campaignId, fgw, "/submit"), null, Drafts.RevisionOf(corrected)));
        await Ok(await reviewer.PostAsJsonAsync(Drafts.Url(campaignId, fgw, "/accept"), new { version = 2 }));
        await Ok(await reviewer.PostAsJsonAsync(Drafts.Url(campaignId, jyj, "/accept"), new { version = 1 }));
        var comparison = (await staff.GetFromJsonAsync<JsonObject>(Drafts.Url(campaignId, fgw, "/versions/compare?from=1&to=2")))!;
        Assert.Equal("3.2", Assert.Single(comparison["changes"]!.AsArray())!["code"]!.GetValue<string>());

        // 5. 实地评估: the reviewer verifies 1.1.1 of the commission lower than claimed, records a problem, completes both.
        var reviewUrl = $"/api/campaigns/{campaignId}/units/{fgw}/review";
        var review = await reviewer.GetAsync(reviewUrl);
        var reviewRevision = Drafts.RevisionOf(review);
        var verified = await Drafts.SendAsync(reviewer, HttpMethod.Put, reviewUrl + "/items/1.1.1",
            new { verifiedScore = 6.4m, comment = "重点工作台账不完整", problems = new[] { new { description = "台账未按月更新", requirement = "建立月度更新机制" } } }, reviewRevision);
        await Ok(verified);
        await Ok(await Drafts.SendAsync(reviewer, HttpMethod.Post, reviewUrl + "/complete", null, Drafts.RevisionOf(verified)));
        var jyjReview = $"/api/campaigns/{campaignId}/units/{jyj}/review";
        await Ok(await Drafts.SendAsync(reviewer, HttpMethod.Post, jyjReview + "/complete", null, Drafts.RevisionOf(await reviewer.GetAsync(jyjReview))));

        // 6. Progress: every stage up to the field review done; the office finalises.
        var progress = (await admin.GetFromJsonAsync<JsonObject>($"/api/campaigns/{campaignId}/progress"))!;
        Assert.Equal(2, progress["byStatus"]!["FieldReviewed"]!.GetValue<int>());
        Assert.All(progress["stages"]!.AsArray().Where(s => s!["code"]!.GetValue<string>() != "results"), s => Assert.Equal(0, s!["pending"]!.GetValue<int>()));
        await Ok(await admin.PostAsync($"/api/campaigns/{campaignId}/results/finalize", null));

        // 7. Results: official totals from verified scores, deviations, ranks, grades, boards.
        var results = (await admin.GetFromJsonAsync<JsonObject>($"/api/campaigns/{campaignId}/results"))!;
        var byCode = results["units"]!.AsArray().ToDictionary(u => u!["unitCode"]!.GetValue<string>(), u => u!);
        var (f, j) = (byCode["ZF-FGW"], byCode["ZF-JYJ"]);
        Assert.Equal((99m, 97.4m, 1.6m), (f["selfTotal"]!.GetValue<decimal>(), f["total"]!.GetValue<decimal>(), f["deviation"]!.GetValue<decimal>()));
        Assert.True(j["total"]!.GetValue<decimal>() < f["total"]!.GetValue<decimal>());
        Assert.Equal((1, 2), (f["rank"]!.GetValue<int>(), j["rank"]!.GetValue<int>()));
        Assert.Equal(("A", "Final"), (f["grade"]!.GetValue<string>(), f["status"]!.GetValue<string>()));
        Assert.NotNull(results["finalizedAt"]);

        // The commission's staff now see their official result; a field review cannot change any more.
        var own = (await staff.GetFromJsonAsync<JsonObject>($"/api/campaigns/{campaignId}/units/{fgw}/results"))!;
        Assert.Contains("97.4", own.ToJsonString(), StringComparison.Ordinal);
        var late = await Drafts.SendAsync(reviewer, HttpMethod.Put, reviewUrl + "/items/1.1.2", new { verifiedScore = 1m }, Drafts.RevisionOf(await reviewer.GetAsync(reviewUrl)));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);

        // 8. The audit trail tells the story, and its chain is intact.
        var page = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?campaignId={campaignId}&limit=500"))!;
        var actions = page["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "campaign.created", "campaign.unit_changed", "campaign.reviewer_group_changed", "export",
            "self_assessment.answers_changed", "self_assessment.submitted", "self_assessment.returned", "self_assessment.accepted",
            "review.changed", "review.completed", "results.finalized",
        }, actions);
        var verification = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
        Assert.True(verification["valid"]!.GetValue<bool>(), verification.ToJsonString());
    }

    private static object CampaignBody(Guid frameworkId) => new
    {
        year = 2027,
        name = "2027年度机构编制执行情况和使用效益评估",
        frameworkId,
        deadlines = new object[]
        {
            new { stage = "单位自评", code = "self_assessment", due = "2099-03-31" },
            new { stage = "初审", code = "initial_review", due = "2099-04-15" },
            new { stage = "实地评估", code = "field_review", due = "2099-05-31" },
            new { stage = "结果反馈", code = "results", due = "2099-06-30" },
        },
        contacts = new[] { new { name = "李红", role = "评估业务咨询", phone = "0000-12345678" } },
    };

    private static async Task<JsonObject> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }
}
