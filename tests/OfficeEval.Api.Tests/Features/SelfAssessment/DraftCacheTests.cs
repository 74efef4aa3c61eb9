using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.SelfAssessment;

/// <summary>
/// Checking a draft from memory (<see cref="DraftCache"/>): the copy is used, a change made elsewhere (another
/// instance, or SQL) reaches it through the database's notification, this instance's own writes are read back at once,
/// and nothing stale is served across a lost listener connection.
/// </summary>
public sealed class DraftCacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private DraftCache Cache => api.Services.GetRequiredService<DraftCache>();

    [Fact]
    public async Task A_change_made_in_the_database_by_someone_else_reaches_the_check_through_its_notification()
    {
        var (staff, campaignId, unitId) = await CheckedFromMemoryAsync();

        await SetNumberInDatabaseAsync(unitId, 2m);

        await WaitUntilAsync(async () => await CheckedNumberAsync(staff, campaignId, unitId) == 2m, "the check sees the new number");
    }

    [Fact]
    public async Task A_save_through_this_instance_is_checked_at_once()
    {
        var (staff, campaignId, unitId) = await CheckedFromMemoryAsync();

        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);
        (await Drafts.PatchAsync(staff, campaignId, unitId, revision, new { indicatorCode = "3.2", number = 3m })).EnsureSuccessStatusCode();

        // Evicted before the save answered: no waiting for the notification.
        Assert.Null(Cache.Find(campaignId, unitId));
        Assert.Equal(3m, await CheckedNumberAsync(staff, campaignId, unitId));
    }

    [Fact]
    public async Task While_the_listener_is_reconnecting_nothing_is_served_from_memory_and_a_change_meanwhile_is_seen()
    {
        var (staff, campaignId, unitId) = await CheckedFromMemoryAsync();

        // The listener's connection dies; a change made before it subscribes again notifies nobody.
        var terminated = await api.Database.ScalarAsync<long>("""
            SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'OfficeEval draft notifications') t
            """);
        Assert.Equal(1, terminated);
        await WaitUntilAsync(() => !Cache.IsListening, "the listener noticed");
        Assert.Null(Cache.Find(campaignId, unitId));
        await SetNumberInDatabaseAsync(unitId, 1m);

        Assert.Equal(1m, await CheckedNumberAsync(staff, campaignId, unitId));
        await WaitUntilAsync(() => Cache.IsListening, "the listener subscribed again");
        Assert.Equal(1m, await CheckedNumberAsync(staff, campaignId, unitId));
        Assert.NotNull(Cache.Find(campaignId, unitId));
    }

    [Fact]
    public void A_copy_read_while_something_was_evicted_is_not_kept()
    {
        var cache = new DraftCache();
        cache.SetListening(true);
        var (campaignId, unitId) = (Guid.NewGuid(), Guid.NewGuid());
        var entry = new DraftCache.Entry(null!, null);

        var before = cache.Generation;
        cache.Notified($"{Guid.NewGuid()}/{Guid.NewGuid()}");
        Assert.False(cache.Add(campaignId, unitId, entry, before));
        Assert.Null(cache.Find(campaignId, unitId));

        Assert.True(cache.Add(campaignId, unitId, entry, cache.Generation));
        Assert.Same(entry, cache.Find(campaignId, unitId));
        cache.Notified($"{campaignId}/{unitId}");
        Assert.Null(cache.Find(campaignId, unitId));

        Assert.True(cache.Add(campaignId, unitId, entry, cache.Generation));
        cache.Notified(DraftCache.ProbePrefix + "another instance subscribing");
        Assert.Same(entry, cache.Find(campaignId, unitId));
        cache.Notified(DraftCache.Everything);
        Assert.Equal(0, cache.Count);

        Assert.True(cache.Add(campaignId, unitId, entry, cache.Generation));
        cache.SetListening(false);
        Assert.Null(cache.Find(campaignId, unitId));
        Assert.False(cache.Add(campaignId, unitId, entry, cache.Generation));
    }

    /// <summary>The staff's draft with 4 for leaf 3.2, saved through the API, then checked once: the check's copy is in memory.</summary>
    private async Task<(HttpClient Staff, Guid CampaignId, Guid UnitId)> CheckedFromMemoryAsync()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var (_, revision) = await Drafts.GetAsync(staff, campaignId, unitId);
        (await Drafts.PatchAsync(staff, campaignId, unitId, revision, new { indicatorCode = "3.2", number = 4m })).EnsureSuccessStatusCode();
        await WaitUntilAsync(() => Cache.IsListening, "the listener subscribed");
        Assert.Equal(4m, await CheckedNumberAsync(staff, campaignId, unitId));
        Assert.NotNull(Cache.Find(campaignId, unitId));
        return (staff, campaignId, unitId);
    }

    /// <summary>
    /// Leaf 3.2's number as the check read it from the stored draft (no unsaved answers sent), recognised by its score:
    /// the score the same check gives that number sent as an unsaved answer.
    /// </summary>
    private static async Task<decimal?> CheckedNumberAsync(HttpClient staff, Guid campaignId, Guid unitId)
    {
        var stored = await ScoreAsync(staff, campaignId, unitId, null);
        foreach (var number in Numbers)
        {
            if (await ScoreAsync(staff, campaignId, unitId, number) == stored)
            {
                return number;
            }
        }

        return null;
    }

    /// <summary>Numbers for leaf 3.2 that score differently (checked by <see cref="Numbers_score_differently"/>).</summary>
    private static readonly decimal[] Numbers = [4m, 3m, 2m, 1m];

    [Fact]
    public async Task Numbers_score_differently()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaignId, unitId) = await Drafts.StaffUnit(staff);
        var scores = new List<decimal>();
        foreach (var number in Numbers)
        {
            scores.Add(await ScoreAsync(staff, campaignId, unitId, number));
        }

        Assert.Equal(Numbers.Length, scores.Distinct().Count());
    }

    private static async Task<decimal> ScoreAsync(HttpClient staff, Guid campaignId, Guid unitId, decimal? unsaved)
    {
        object[] answers = unsaved is { } number ? [new { indicatorCode = "3.2", number }] : [];
        var response = await staff.PostAsJsonAsync(Drafts.Url(campaignId, unitId, "/validate"), new { answers });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["leaves"]!.AsArray().Single(l => l!["code"]!.GetValue<string>() == "3.2")!["score"]!.GetValue<decimal>();
    }

    private Task SetNumberInDatabaseAsync(Guid unitId, decimal number) =>
        api.Database.ScalarAsync<int>(FormattableString.Invariant($"""
            WITH changed AS (
                UPDATE self_assessment_answers a SET number = {number}
                FROM self_assessments s
                WHERE a.self_assessment_id = s.id AND s.unit_id = '{unitId}' AND a.indicator_code = '3.2'
                RETURNING 1)
            SELECT count(*)::int FROM changed
            """));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {Patience.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);
}
