using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Jobs;

/// <summary>The worker's statements on their own, with no worker running: claims under contention, fencing, recovery.</summary>
public sealed class ReportJobStoreTests(ReportJobStoreTests.NoWorkerApi api) : IClassFixture<ReportJobStoreTests.NoWorkerApi>
{
    private ReportJobStore Store => api.Services.GetRequiredService<ReportJobStore>();

    [Fact]
    public async Task Claim_EightClaimersOnFortyJobs_EachJobClaimedOnce()
    {
        await ClearAsync();
        var ids = await QueueAsync(40);

        var claimed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = new List<ReportJobStore.Claim>();
            while (await Store.ClaimAsync(CancellationToken.None) is { } claim)
            {
                mine.Add(claim);
            }

            return mine;
        })));

        var all = claimed.SelectMany(c => c).ToList();
        Assert.Equal(ids.Order(), all.Select(c => c.Id).Order());
        Assert.All(all, c => Assert.Equal(1, c.Attempt));
        Assert.Equal(40L, await ScalarAsync<long>("SELECT count(*) FROM report_jobs WHERE status = 'Running' AND attempts = 1"));
    }

    [Fact]
    public async Task Claim_SeveralQueued_OldestFirst()
    {
        await ClearAsync();
        var ids = await QueueAsync(3);

        Assert.Equal(ids[0], (await Store.ClaimAsync(CancellationToken.None))!.Id);
        Assert.Equal(ids[1], (await Store.ClaimAsync(CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task Recover_StaleClaimTakenOver_OldWorkersWritesMatchNothing()
    {
        await ClearAsync();
        var id = (await QueueAsync(1))[0];
        var first = (await Store.ClaimAsync(CancellationToken.None))!;
        await ScalarAsync<int>($"UPDATE report_jobs SET heartbeat_at = now() - interval '1 hour' WHERE id = '{id}' RETURNING 1");

        var recovered = await Store.RecoverStaleAsync(TimeSpan.FromMinutes(2), 3, CancellationToken.None);
        var second = (await Store.ClaimAsync(CancellationToken.None))!;

        Assert.Equal((id, ReportJobStatus.Queued, 1), Assert.Single(recovered));
        Assert.Equal((id, 2), (second.Id, second.Attempt));
        Assert.False(await Store.HeartbeatAsync(first, CancellationToken.None));
        Assert.False(await Store.ProgressAsync(first, 5, 0, [], CancellationToken.None));
        Assert.False(await Store.SucceedAsync(first, 6, 0, [], "report-jobs/x-1.zip", 1, CancellationToken.None));
        Assert.True(await Store.ProgressAsync(second, 1, 0, [], CancellationToken.None));
        Assert.Equal("Running|1|2", await ScalarAsync<string>($"SELECT status || '|' || done || '|' || attempts FROM report_jobs WHERE id = '{id}'"));
    }

    [Fact]
    public async Task Recover_FreshHeartbeat_LeftAlone()
    {
        await ClearAsync();
        await QueueAsync(1);
        var claim = (await Store.ClaimAsync(CancellationToken.None))!;

        Assert.Empty(await Store.RecoverStaleAsync(TimeSpan.FromMinutes(2), 3, CancellationToken.None));
        Assert.True(await Store.HeartbeatAsync(claim, CancellationToken.None));
    }

    [Fact]
    public async Task Heartbeat_JobCancelled_ReportsTheClaimLost()
    {
        await ClearAsync();
        var id = (await QueueAsync(1))[0];
        var claim = (await Store.ClaimAsync(CancellationToken.None))!;

        await ScalarAsync<int>($"UPDATE report_jobs SET status = 'Cancelled' WHERE id = '{id}' RETURNING 1");

        Assert.False(await Store.HeartbeatAsync(claim, CancellationToken.None));
        Assert.False(await Store.ProgressAsync(claim, 1, 0, [], CancellationToken.None));
        Assert.Null(await Store.ClaimAsync(CancellationToken.None));
    }

    /// <summary>Starts the instance (which migrates the database) and removes every job.</summary>
    private async Task ClearAsync()
    {
        _ = api.Services;
        await api.Database.ScalarAsync<long>("WITH d AS (DELETE FROM report_jobs RETURNING 1) SELECT count(*) FROM d");
    }

    /// <summary>Queues <paramref name="count"/> jobs on the demo campaign, a second apart, oldest first (each its own kind: one active job per campaign and kind).</summary>
    private async Task<List<Guid>> QueueAsync(int count)
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < count; i++)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO report_jobs (id, kind, campaign_id, requested_by, status, total, done, failed, unit_errors, created_at, attempts)
                VALUES (@id, @kind, @campaign, @id, 'Queued', 0, 0, 0, '[]', now() - (@age * interval '1 second'), 0)
                """, connection);
            command.Parameters.AddWithValue("id", ids[i]);
            command.Parameters.AddWithValue("kind", $"test_{i}");
            command.Parameters.AddWithValue("campaign", demo.Id);
            command.Parameters.AddWithValue("age", (double)(count - i));
            await command.ExecuteNonQueryAsync();
        }

        return ids;
    }

    private Task<T> ScalarAsync<T>(string sql) => api.Database.ScalarAsync<T>(sql);

    public sealed class NoWorkerApi : JobsApi
    {
        protected override bool Worker => false;
    }
}
