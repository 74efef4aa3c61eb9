using System.Text.Json;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Audit;

/// <summary>
/// The retention purge. Entries are written on a clock set well in the past (the database refuses to delete anything
/// younger than 180 days by its own clock), then purged by calling PurgeAsync with a cutoff, as the daily run does.
/// </summary>
public sealed class AuditRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-800);

    private AuditDatabase _audit = null!;

    public async Task InitializeAsync()
    {
        _audit = await AuditDatabase.CreateAsync(Start);
        await _audit.AppendAsync(10, "old");
        _audit.Clock.Now = Start.AddDays(300);
        await _audit.AppendAsync(5, "kept");
    }

    public async Task DisposeAsync() => await _audit.DisposeAsync();

    [Fact]
    public async Task Purge_OldEntries_RemovedAnchoredAndTheKeptChainValid()
    {
        var result = await _audit.PurgeAsync(Start.AddDays(100));

        Assert.Equal(new AuditRetention.PurgeResult(10, 1, 10, 16), result);
        var entries = await _audit.EntriesAsync();
        Assert.Equal(Enumerable.Range(11, 6).Select(i => (long)i), entries.Select(e => e.Seq));
        var anchor = entries[^1];
        Assert.Equal(AuditActions.AuditPurged, anchor.Action);
        var record = JsonDocument.Parse(anchor.Details).RootElement.GetProperty("data");
        Assert.Equal(10, record.GetProperty("toSeq").GetInt64());
        Assert.Equal(entries[0].PrevHash, record.GetProperty("lastPurgedHash").GetString());

        var check = await _audit.VerifyAsync();
        Assert.True(check.Valid, check.MessageEn);
        Assert.Equal((6L, 11L, 10L), (check.EntriesChecked, check.FirstSeq, check.PurgedThroughSeq));
        Assert.Null(await _audit.OfflineCheckAsync());
    }

    [Fact]
    public async Task Purge_ThenAKeptEntryDeleted_MissingAtThatSeq()
    {
        await _audit.PurgeAsync(Start.AddDays(100));
        await _audit.TamperAsync("DELETE FROM audit_entries WHERE seq = 13");

        var check = await _audit.VerifyAsync();

        Assert.Equal((13L, AuditBreaks.Missing), (check.BrokenSeq, check.Reason));
        Assert.Equal((13L, AuditBreaks.Missing), await _audit.OfflineCheckAsync());
    }

    [Fact]
    public async Task Purge_ThenTheFirstKeptEntryDeleted_MissingRightAfterTheAnchor()
    {
        await _audit.PurgeAsync(Start.AddDays(100));
        await _audit.TamperAsync("DELETE FROM audit_entries WHERE seq = 11");

        var check = await _audit.VerifyAsync();

        Assert.Equal((11L, AuditBreaks.Missing), (check.BrokenSeq, check.Reason));
        Assert.Equal((11L, AuditBreaks.Missing), await _audit.OfflineCheckAsync());
    }

    [Fact]
    public async Task Purge_ThenTheFirstKeptEntryEdited_Edited()
    {
        await _audit.PurgeAsync(Start.AddDays(100));
        await _audit.TamperAsync("UPDATE audit_entries SET actor_name = 'nobody' WHERE seq = 11");

        var check = await _audit.VerifyAsync();

        Assert.Equal((11L, AuditBreaks.Edited), (check.BrokenSeq, check.Reason));
    }

    [Fact]
    public async Task Purge_Twice_TheSecondStartsFromTheFirstsAnchor()
    {
        await _audit.PurgeAsync(Start.AddDays(100));
        _audit.Clock.Now = Start.AddDays(600);
        await _audit.AppendAsync(3, "newest");

        var second = await _audit.PurgeAsync(Start.AddDays(400));

        Assert.Equal(new AuditRetention.PurgeResult(6, 11, 16, 20), second);
        var check = await _audit.VerifyAsync();
        Assert.True(check.Valid, check.MessageEn);
        Assert.Equal((4L, 17L, 16L), (check.EntriesChecked, check.FirstSeq, check.PurgedThroughSeq));
        Assert.Null(await _audit.OfflineCheckAsync());
    }

    [Fact]
    public async Task Purge_NothingOldEnough_RemovesNothingAndRecordsNothing()
    {
        var result = await _audit.PurgeAsync(Start.AddDays(-1));

        Assert.Equal(AuditRetention.Nothing, result);
        Assert.Equal(15, (await _audit.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Purge_TimesStepBackBetweenNeighbours_StopsBeforeTheFirstYoungEntry()
    {
        // Entries are timed when staged and numbered when saved, so a later seq can carry an earlier time.
        _audit.Clock.Now = Start.AddDays(50);
        await _audit.AppendAsync(2, "late-old");
        _audit.Clock.Now = Start.AddDays(300);

        var result = await _audit.PurgeAsync(Start.AddDays(100));

        Assert.Equal((10L, 1L, 10L), (result.Count, result.FromSeq, result.ToSeq));
        Assert.Contains(await _audit.EntriesAsync(), e => e.Target == "late-old/0");
        Assert.True((await _audit.VerifyAsync()).Valid);
    }

    [Fact]
    public async Task Purge_CutoffWithinTheRetentionPeriod_RefusedAndNothingRemoved()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _audit.PurgeAsync(_audit.Clock.Now.AddDays(-179)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _audit.PurgeAsync(Start.AddDays(100), retentionDays: 250));

        Assert.Equal(15, (await _audit.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Purge_BrokenChainInTheRange_RefusedAndTheEvidenceKept()
    {
        await _audit.TamperAsync("UPDATE audit_entries SET target = 'changed' WHERE seq = 3");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _audit.PurgeAsync(Start.AddDays(100)));

        Assert.Contains("broken at entry 3", error.Message);
        Assert.Equal(15, (await _audit.EntriesAsync()).Count);
    }

    [Fact]
    public async Task Startup_RetentionBelow180Days_RefusedNamingTheSetting()
    {
        var api = new ShortRetentionApi();
        await ((IAsyncLifetime)api).InitializeAsync();
        try
        {
            var error = Assert.ThrowsAny<Exception>(api.CreateClient);

            var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
            Assert.Contains("OfficeEval:AuditRetentionDays is 90", messages);
            Assert.Contains("at least 180 days", messages);
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private sealed class ShortRetentionApi : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OfficeEval:AuditRetentionDays"] = "90" };
    }
}
