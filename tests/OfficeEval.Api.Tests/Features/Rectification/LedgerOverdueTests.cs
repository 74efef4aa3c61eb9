using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Tests.Features.Audit;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerApi;
using static OfficeEval.Api.Tests.Features.Rectification.LedgerFactory;

namespace OfficeEval.Api.Tests.Features.Rectification;

/// <summary>
/// The API on a clock the test sets, one second before the next midnight in China Standard Time: the last day
/// <see cref="Deadline"/> of a deadline is still on time until that midnight, whatever the server's time zone.
/// </summary>
public sealed class LedgerClockFactory : LedgerFactory
{
    public LedgerClockFactory()
    {
        var china = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        Deadline = DateOnly.FromDateTime(china.DateTime);
        Midnight = new DateTimeOffset(Deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        Clock = new ManualClock(Midnight.AddSeconds(-1));
    }

    public ManualClock Clock { get; }

    /// <summary>Today in China Standard Time, when the clock is set.</summary>
    public DateOnly Deadline { get; }

    /// <summary>The midnight (China Standard Time) that ends <see cref="Deadline"/>, in UTC as the clock gives time.</summary>
    public DateTimeOffset Midnight { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// Overdue is computed on every read for China Standard Time's today: past the deadline and not closed (a submitted
/// item too, marked as awaiting verification), with the days counted; the unit's list of what is due, earliest first.
/// </summary>
public sealed class LedgerOverdueTests(LedgerClockFactory api) : IClassFixture<LedgerClockFactory>
{
    [Fact]
    public async Task Overdue_AtTheChinaStandardTimeMidnight_FromTheDayAfterTheDeadline()
    {
        var staff = await api.ClientAsync(UnitStaff);
        var campaign = await WorkflowCampaignAsync();
        var dueToday = await SeedAsync(api, campaign, api.Unit, RectificationStatus.Rectifying, api.Deadline);
        var submitted = await SeedAsync(api, campaign, api.Unit, RectificationStatus.Submitted, api.Deadline.AddDays(-3));
        var closed = await SeedAsync(api, campaign, api.Unit, RectificationStatus.Closed, api.Deadline.AddDays(-30));
        api.Clock.Now = api.Midnight.AddSeconds(-1);

        var before = await ItemsAsync(staff, campaign, "?closed=true");

        Assert.Equal(api.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), before["asOf"]!.GetValue<string>());
        Assert.Equal((false, 0), Overdue(before, dueToday));
        Assert.Equal((true, 3), Overdue(before, submitted));
        Assert.True(Item(before, submitted)["awaitingVerification"]!.GetValue<bool>());
        Assert.Equal((false, 0), Overdue(before, closed));
        Assert.Equal(1, before["counts"]!["overdue"]!.GetValue<int>());

        api.Clock.Now = api.Midnight;
        var after = await ItemsAsync(staff, campaign, "?closed=true");

        Assert.Equal((true, 1), Overdue(after, dueToday));
        Assert.False(Item(after, dueToday)["awaitingVerification"]!.GetValue<bool>());
        Assert.Equal((true, 4), Overdue(after, submitted));
        Assert.Equal((false, 0), Overdue(after, closed));
        Assert.Equal(2, after["counts"]!["overdue"]!.GetValue<int>());
        var office = (await (await api.ClientAsync(Admin)).GetFromJsonAsync<JsonObject>(CampaignUrl(campaign, "?overdue=true")))!;
        Assert.Equal([submitted, dueToday], office["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        // Stored as it was: overdue is never written.
        Assert.Equal(RectificationStatus.Rectifying, (await StoredAsync(api, dueToday))!.Status);
    }

    [Fact]
    public async Task UnitList_WhatIsDue_EarliestDeadlineFirstClosedOnlyWhenAsked()
    {
        var staff = await api.ClientAsync(UnitStaff);
        var campaign = await WorkflowCampaignAsync();
        var later = await SeedAsync(api, campaign, api.Unit, RectificationStatus.Open, api.Deadline.AddDays(40));
        var sooner = await SeedAsync(api, campaign, api.Unit, RectificationStatus.Rectifying, api.Deadline.AddDays(5));
        var late = await SeedAsync(api, campaign, api.Unit, RectificationStatus.Submitted, api.Deadline.AddDays(-2));
        var closed = await SeedAsync(api, campaign, api.Unit, RectificationStatus.Closed, api.Deadline.AddDays(-60));
        await SeedAsync(api, campaign, api.Demo["DW-ZZB"], RectificationStatus.Open, api.Deadline);

        var due = await ItemsAsync(staff, campaign, "");
        var all = await ItemsAsync(staff, campaign, "?closed=true");

        Assert.Equal([late, sooner, later], due["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal([late, sooner, later, closed], all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal((4, 1, 1, 1, 1, 1), Counts(due));
    }

    [Theory]
    [InlineData("2027-03-31T23:59:59+08:00", "2027-03-31", RectificationStatus.Rectifying, null)]
    [InlineData("2027-03-31T15:59:59Z", "2027-03-31", RectificationStatus.Open, null)]
    [InlineData("2027-03-31T16:00:00Z", "2027-03-31", RectificationStatus.Open, 1)]
    [InlineData("2027-04-01T00:00:00+08:00", "2027-03-31", RectificationStatus.Submitted, 1)]
    [InlineData("2027-04-01T00:00:00-05:00", "2027-03-31", RectificationStatus.Rectifying, 1)]
    [InlineData("2028-03-01T00:00:00+08:00", "2028-02-28", RectificationStatus.Rectifying, 2)]
    [InlineData("2027-05-01T00:00:00+08:00", "2027-03-31", RectificationStatus.Closed, null)]
    public void DaysOverdue_ChinaStandardTimeCalendarDays(string now, string deadline, RectificationStatus status, int? days)
    {
        var today = RectificationWorkflow.Today(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));

        Assert.Equal(days, RectificationWorkflow.DaysOverdue(DateOnly.Parse(deadline, CultureInfo.InvariantCulture), status, today));
    }

    /// <summary>A campaign of its own per test (the demo campaign's units), so lists hold only the test's items.</summary>
    private async Task<Guid> WorkflowCampaignAsync()
    {
        await api.ClientAsync(Admin);
        return await WorkflowSetup.WithDb(api, async db =>
        {
            var demo = await db.Campaigns.FindAsync(api.Demo.Id);
            var campaign = new Campaign
            {
                Id = Guid.CreateVersion7(),
                Year = 2026,
                Name = "逾期测试 " + Guid.NewGuid().ToString("N")[..6],
                FrameworkId = demo!.FrameworkId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            campaign.Units = [.. api.Demo.Units.Values.Select(u => new CampaignUnit { CampaignId = campaign.Id, UnitId = u })];
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            return campaign.Id;
        });
    }

    private async Task<JsonObject> ItemsAsync(HttpClient client, Guid campaign, string query) =>
        await ReadAsync(await client.GetAsync(UnitUrl(campaign, api.Unit) + query));

    private static JsonNode Item(JsonObject list, Guid id) => list["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!;

    private static (bool, int) Overdue(JsonObject list, Guid id) => (Item(list, id)["overdue"]!.GetValue<bool>(), Item(list, id)["daysOverdue"]!.GetValue<int>());

    private static (int, int, int, int, int, int) Counts(JsonObject list)
    {
        var c = list["counts"]!;
        return (c["total"]!.GetValue<int>(), c["open"]!.GetValue<int>(), c["rectifying"]!.GetValue<int>(), c["submitted"]!.GetValue<int>(),
            c["closed"]!.GetValue<int>(), c["overdue"]!.GetValue<int>());
    }
}
