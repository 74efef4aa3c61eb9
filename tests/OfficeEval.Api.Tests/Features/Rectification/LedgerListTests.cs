using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerApi;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerFactory;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// The campaign's ledger as the office side lists it: the units each may see (a reviewer those of their group), the
/// filters, and what each may do to each item.
/// </summary>
public sealed class LedgerListTests(LedgerFactory api) : IClassFixture<LedgerFactory>
{
    [Fact]
    public async Task List_ByWhom_TheUnitsEachMaySee()
    {
        await api.ClientAsync(Admin);
        var fgw = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Open);
        var gqt = await SeedAsync(api, api.Demo.Id, api.Demo["QT-GQT"], RectificationStatus.Open);

        var admin = await IdsAsync(Admin, "");
        var viewer = await IdsAsync(Viewer, "");
        var reviewer = await IdsAsync(GroupReviewer, "");
        var other = await IdsAsync(OtherReviewer, "");

        Assert.Contains(fgw, admin);
        Assert.Contains(gqt, admin);
        Assert.Equal(admin, viewer);
        Assert.Contains(fgw, reviewer);
        Assert.DoesNotContain(gqt, reviewer);
        Assert.Contains(gqt, other);
        Assert.DoesNotContain(fgw, other);
        foreach (var staff in new[] { UnitStaff, OtherStaff })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await api.ClientAsync(staff)).GetAsync(CampaignUrl(api.Demo.Id))).StatusCode);
        }
    }

    [Fact]
    public async Task List_Filters_StatusCategorySourceUnit()
    {
        await api.ClientAsync(Admin);
        var zzb = api.Demo["DW-ZZB"];
        var open = await SeedAsync(api, api.Demo.Id, zzb, RectificationStatus.Open, source: ProblemSource.Survey, sourceRef: "1.2.1");
        var submitted = await SeedAsync(api, api.Demo.Id, zzb, RectificationStatus.Submitted);
        var closed = await SeedAsync(api, api.Demo.Id, zzb, RectificationStatus.Closed);

        Assert.Equal([open, submitted, closed], await IdsAsync(Admin, $"?unitId={zzb}"));
        Assert.Equal([open, submitted], await IdsAsync(Admin, $"?unitId={zzb}&status=Open,Submitted"));
        Assert.Equal([open], await IdsAsync(Admin, $"?unitId={zzb}&source=Survey"));
        Assert.Equal([open, submitted, closed], await IdsAsync(Admin, $"?unitId={zzb}&category=管理规范"));
        Assert.Empty(await IdsAsync(Admin, $"?unitId={zzb}&category=Staffing"));

        var bad = await (await api.ClientAsync(Admin)).GetAsync(CampaignUrl(api.Demo.Id, "?status=Done&category=人事&overdue=maybe&unitId=x&source=Manual"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(["category", "overdue", "status", "unitId"], (await Problem.ReadAsync(bad)).Errors!.Select(e => e.Field!).Order());
    }

    [Fact]
    public async Task List_Actions_WhatEachMayDoNow()
    {
        await api.ClientAsync(Admin);
        var submitted = await SeedAsync(api, api.Demo.Id, api.Unit, RectificationStatus.Submitted);

        var admin = await ActionsAsync(Admin, submitted);
        var reviewer = await ActionsAsync(GroupReviewer, submitted);
        var viewer = await ActionsAsync(Viewer, submitted);
        var staff = await ActionsAsync(UnitStaff, submitted);

        Assert.Equal(["close", "return"], admin);
        Assert.Equal(["close", "return"], reviewer);
        Assert.Empty(viewer);
        Assert.Empty(staff);
    }

    private async Task<List<Guid>> IdsAsync(string who, string query) =>
        [.. (await (await api.ClientAsync(who)).GetFromJsonAsync<JsonObject>(CampaignUrl(api.Demo.Id, query)))!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];

    private async Task<List<string>> ActionsAsync(string who, Guid id) =>
        [.. (await ReadAsync(await (await api.ClientAsync(who)).GetAsync(ItemUrl(api.Demo.Id, api.Unit, id))))["actions"]!.AsArray().Select(a => a!.GetValue<string>())];
}
