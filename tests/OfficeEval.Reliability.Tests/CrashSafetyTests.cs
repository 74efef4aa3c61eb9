using System.Diagnostics;
using System.Globalization;
using Npgsql;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace OfficeEval.Reliability.Tests;

/// <summary>
/// Crash safety (issue 11, item 1): the API process is killed with SIGKILL at random points, at least 50 times, while
/// clients submit self-evaluations, save field reviews, work ledger items with evidence files and run report batches
/// (see <see cref="CrashWorkload"/>). After each restart on the same database and files folder, every acknowledged
/// write is there exactly as acknowledged, a write lost at the kill is wholly there or wholly absent, nothing is
/// half-written (<see cref="CrashInvariants"/>), and a batch whose worker was killed is taken back and finishes.
/// The seed is printed (and named in any failure): OFFICEEVAL_CRASH_SEED and OFFICEEVAL_CRASH_KILLS replay a run.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    /// <summary>How long the batches may take to finish once the kills stop.</summary>
    private static readonly TimeSpan DrainWithin = TimeSpan.FromSeconds(120);

    /// <summary>The longest a kill waits for the request or the writes it lands after.</summary>
    private static readonly TimeSpan SignalWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SIGKILL_at_random_points_loses_no_acknowledged_write_and_leaves_nothing_half_written()
    {
        var plan = CrashPlan.FromEnvironment();
        output.WriteLine(plan.Describe());
        var clock = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync();
        await using var api = ApiProcess.Create("crash", database.ConnectionString, database.FilesFolder, CrashWorkload.Settings);
        await using var sql = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true }.ConnectionString);
        try
        {
            await RunAsync(plan, api, sql, database.FilesFolder, clock);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new CrashFailure($"{e.GetType().Name}: {e.Message}\n{plan.Describe()}\n--- the instance's last output ---\n{api.Tail(40)}", e);
        }
    }

    /// <summary>
    /// SIGTERM (an orchestrator stopping the instance) in the middle of an evidence upload: the instance stops taking
    /// new connections at once, yet the request in flight is finished and answered before the process exits, and
    /// what it acknowledged is there after the restart.
    /// </summary>
    [Fact]
    public async Task SIGTERM_finishes_the_request_in_flight_before_the_process_exits()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = ApiProcess.Create("sigterm", database.ConnectionString, database.FilesFolder);
        await api.StartAsync();
        using var admin = new CrashSession(api, "admin@demo.local");
        var campaignId = (await Setup.Ok(admin.GetAsync("/api/campaigns"), "list campaigns")).Json[0]!["id"]!.GetValue<Guid>();
        var unitId = (await Setup.Ok(admin.GetAsync($"/api/campaigns/{campaignId}/units"), "list units")).Json.AsArray()
            .Single(u => u!["code"]!.GetValue<string>() == "SY-ZXZX")!["id"]!.GetValue<Guid>();
        var url = $"/api/campaigns/{campaignId}/units/{unitId}/rectification";
        var item = await Setup.Ok(admin.SendJsonAsync(HttpMethod.Post, url, new { category = "Management", description = "优雅停机测试", requirement = "按期整改", deadline = "2027-06-30" }), "create an item");
        var id = item.Json["id"]!.GetValue<Guid>();
        var started = await Setup.Ok(admin.SendJsonAsync(HttpMethod.Post, $"{url}/{id}/start", new { }, item.Revision), "start the item");

        // 3 MB sent over about three seconds.
        var evidence = new byte[3_000_000];
        new Random(7).NextBytes(evidence);
        "%PDF-1.4\n"u8.CopyTo(evidence);
        var upload = new TrickleContent(evidence, chunks: 60, pause: TimeSpan.FromMilliseconds(50));
        var submitting = admin.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/{id}/submit")
            {
                Content = new MultipartFormDataContent
                {
                    { new StringContent("停机前提交的整改情况"), "description" },
                    { upload, "files", "停机佐证.pdf" },
                },
            };
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{started.Revision}\""));
            return request;
        });
        await upload.Started;
        var stopping = api.StopAsync(TimeSpan.FromSeconds(30));

        // The instance stops listening while the upload is still going.
        var refusedMidUpload = false;
        for (var i = 0; i < 100 && !upload.Finished && !refusedMidUpload; i++)
        {
            using var probe = api.Client(timeout: TimeSpan.FromSeconds(1));
            try
            {
                using var _ = await probe.GetAsync("/health/live");
                await Task.Delay(20);
            }
            catch (Exception e) when (CrashSession.IsLost(e))
            {
                refusedMidUpload = !upload.Finished;
            }
        }

        var reply = await submitting;
        await stopping;

        Assert.True(refusedMidUpload, "The instance still took new connections while the upload was in flight: SIGTERM did not start the shutdown.\n" + api.Tail());
        Assert.True(reply is { Ok: true }, $"The request in flight at SIGTERM was answered {reply?.ToString() ?? "nothing (cut off)"}.\n{api.Tail()}");
        Assert.False(api.IsRunning);
        var fileId = reply!.Json["evidence"]![0]!["files"]![0]!["id"]!.GetValue<Guid>();

        await api.StartAsync();
        admin.Reconnect();
        var after = await Setup.Ok(admin.GetAsync($"{url}/{id}"), "read the item");
        var download = await Setup.Ok(admin.GetAsync($"{url}/{id}/files/{fileId}"), "download the evidence");
        Assert.Equal("Submitted", after.Json["status"]!.GetValue<string>());
        Assert.Equal(evidence, download.Bytes);
    }

    private async Task RunAsync(CrashPlan plan, ApiProcess api, NpgsqlDataSource sql, string filesFolder, Stopwatch clock)
    {
        // Kill 1 lands in the very first start: migrations and the demo seed must survive it.
        await KillInStartUpAsync(api, plan.Kills[0]);
        await api.StartAsync();
        using var workload = await CrashWorkload.PrepareAsync(api, plan);
        var setUp = clock.Elapsed;

        var restarts = new List<TimeSpan>();
        var checks = new List<TimeSpan>();
        foreach (var kill in plan.Kills.Skip(1))
        {
            if (kill.Point == KillPoint.StartUp)
            {
                await KillInStartUpAsync(api, kill);
                output.WriteLine(kill.ToString());
                continue;
            }

            var began = clock.Elapsed;
            if (!api.IsRunning)
            {
                await api.StartAsync();
                restarts.Add(clock.Elapsed - began);
                workload.Reconnect();
                await CheckAsync(plan, api, workload, Check(workload, sql, filesFolder, plan.Kills[kill.Number - 2]));
                checks.Add(clock.Elapsed - began - restarts[^1]);
            }

            var acknowledged = workload.Flows.Sum(f => f.Tally.Acknowledged);
            var round = new CrashRound(kill);
            var traffic = workload.Flows.Select(flow => Task.Run(() => flow.RunAsync(round))).ToList();
            // Bounded: should the awaited request or writes not come (a client failed), the kill lands anyway.
            await Task.WhenAny(kill.Point == KillPoint.MidRequest ? round.TargetSent : round.Written, Task.Delay(SignalWithin));
            await Task.Delay(kill.Delay);
            round.End();
            api.Kill();
            await Task.WhenAll(traffic);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kill}: {workload.Flows.Sum(f => f.Tally.Acknowledged) - acknowledged} writes acknowledged in the round (restart before it {restarts.LastOrDefault().TotalSeconds:0.0} s, check {checks.LastOrDefault().TotalSeconds:0.0} s)"));
        }

        // The last restart: everything checked once more, every item read again, the batches left to finish.
        await api.StartAsync();
        workload.Reconnect();
        var check = Check(workload, sql, filesFolder, plan.Kills[^1]);
        await CheckAsync(plan, api, workload, check);
        await workload.Batch.DrainAsync(check, DrainWithin);
        foreach (var ledger in workload.Ledgers)
        {
            await ledger.VerifyAsync(check, everyItem: true);
        }

        var found = await CrashInvariants.CheckAsync(check);
        var leftovers = workload.Ledgers.Sum(l => l.CheckLeftovers(check, found.EvidenceFiles));
        workload.Batch.CheckFolder(check, found.ReportResults);
        var verify = await check.GetJsonAsync("audit", "/api/audit/verify");
        if (verify?["valid"]?.GetValue<bool>() != true)
        {
            check.Fail("audit", $"GET /api/audit/verify: {verify?.ToJsonString()}");
        }

        Report(plan, check, api);
        var tally = CrashTally.Sum(workload.Flows.Select(f => f.Tally));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Kills.Count} kills in {clock.Elapsed.TotalSeconds:0} s (set-up {setUp.TotalSeconds:0} s, {api.Starts} starts; restart to ready {Median(restarts):0.0} s and check {Median(checks):0.0} s, medians): {tally}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{workload.Batch.Jobs} report jobs of {workload.Units} units, all succeeded; {workload.Batch.Resumed} after their worker was killed (at most {workload.Batch.MostAttempts} attempts); {leftovers} evidence files of lost submissions left unnamed in the files folder"));
        foreach (var flow in workload.Flows)
        {
            output.WriteLine($"  {flow.Name}: {flow.Tally}");
        }

        // The workload did what the test is about: writes acknowledged and checked across kills, batches taken back.
        Assert.True(tally.Checked >= plan.Kills.Count, $"Only {tally.Checked} acknowledged writes were checked after {plan.Kills.Count} kills.\n{plan.Describe()}");
        Assert.True(plan.Kills.Count < 10 || workload.Batch.Resumed > 0, $"No report job was interrupted and taken back in {plan.Kills.Count} kills.\n{plan.Describe()}");
    }

    private static double Median(List<TimeSpan> times) => times.Count == 0 ? 0 : times.Order().ElementAt(times.Count / 2).TotalSeconds;

    /// <summary>Starts the instance and kills it <see cref="Kill.Delay"/> later, ready or not.</summary>
    private static async Task KillInStartUpAsync(ApiProcess api, Kill kill)
    {
        var starting = api.StartAsync();
        await Task.Delay(kill.Delay);
        if (starting.IsFaulted)
        {
            // It exited on its own before the kill: a start that fails (the previous kill broke something).
            await starting;
        }

        api.Kill();
        try
        {
            await starting;
        }
        catch (InvalidOperationException)
        {
            // Exited before it was ready: killed.
        }
    }

    private static CrashCheck Check(CrashWorkload workload, NpgsqlDataSource sql, string filesFolder, Kill after) =>
        new(workload.Admin, sql, filesFolder, after);

    private static async Task CheckAsync(CrashPlan plan, ApiProcess api, CrashWorkload workload, CrashCheck check)
    {
        // The clients check what they own side by side: the first requests after a start are slow (JIT), not busy.
        await Task.WhenAll(workload.Flows.Select(flow => flow.VerifyAsync(check)));
        await CrashInvariants.CheckAsync(check);
        Report(plan, check, api);
    }

    private static void Report(CrashPlan plan, CrashCheck check, ApiProcess api)
    {
        if (check.Failures.Count > 0)
        {
            Assert.Fail($"After {check.After}:\n  " +
                string.Join("\n  ", check.Failures) + $"\n{plan.Describe()}\n--- the instance's last output ---\n{api.Tail(40)}");
        }
    }
}
