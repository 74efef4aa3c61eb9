using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using OfficeEval.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace OfficeEval.Reliability.Tests;

/// <summary>
/// PostgreSQL stopped under load (issue 11, item 2). The API runs on a cluster of the test's own; 30 clients loop over
/// draft saves (If-Match), validation, drafts (as the office and as a reviewer, whose access is a database lookup),
/// results, the rectification ledger, who-am-I, sign-in and refresh, the public questionnaire API, and what needs no
/// database (the questionnaire page, /health/live), with /health/ready polled beside them. PostgreSQL is stopped
/// (fast shutdown) for <see cref="DownFor"/> and started again. What must hold:
/// <list type="bullet">
/// <item>every answer is the request's working answer or 503 database-unavailable (Retry-After, problem details with
/// code and messages in zh and en): never a 500, another 5xx, a 401, or no answer;</item>
/// <item>while the server is down every request that needs it gets that 503, the rest work, /health/ready is red and
/// /health/live green;</item>
/// <item>no answer takes longer than the connection string's connect timeout plus its command timeout (as
/// appsettings.json sets them), and none while the server is down longer than the connect timeout;</item>
/// <item>within <see cref="RecoveryBound"/> of PostgreSQL accepting connections again /health/ready is green and
/// every request started from then on works;</item>
/// <item>every acknowledged save is in the database; a save that got 503 is absent or whole; every committed save is
/// one whole revision with its audit entry.</item>
/// </list>
/// </summary>
public sealed class DatabaseOutageTests(OutageApi outage, ITestOutputHelper output) : IClassFixture<OutageApi>
{
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(5);

    /// <summary>Load kept up after the recovery bound, so that every kind of request is seen working after it.</summary>
    private static readonly TimeSpan AfterRecovery = TimeSpan.FromSeconds(3);

    private const string Save = "save draft";

    [Fact]
    public async Task Stopping_PostgreSQL_under_load_answers_503_with_Retry_After_and_everything_works_again_within_5_s_with_no_acknowledged_write_lost()
    {
        var api = outage.Api;
        await outage.ReadyAsync();
        var (connectTimeout, responseBound) = (outage.ConnectTimeout, outage.ResponseBound);
        var clientTimeout = responseBound + TimeSpan.FromSeconds(10);
        using var admin = api.Client(outage.AdminToken, clientTimeout);
        using var reviewer = api.Client(outage.ReviewerToken, clientTimeout);
        using var anonymous = api.Client(timeout: clientTimeout);

        var clock = Stopwatch.StartNew();
        await using var load = new OutageLoad(clock);
        var writers = outage.Units.Select((unit, i) => new OutageWriter(outage.CampaignId, unit, $"load-w{i}", admin)).ToList();
        foreach (var writer in writers)
        {
            await writer.StartAsync();
            load.Loop(() => writer.SaveOnceAsync(load), TimeSpan.FromMilliseconds(20));
        }

        var requests = Requests(admin, reviewer, anonymous);
        // 30 clients in all: the writers, and the reading kinds in one to four loops each.
        foreach (var request in requests)
        {
            for (var i = 0; i < request.Loops; i++)
            {
                load.Loop(() => request.SendAsync(load), request.Pause);
            }
        }

        // Every kind works before the outage.
        var kinds = requests.Select(r => r.Kind).Prepend(Save).ToArray();
        Assert.True(await load.WaitUntilAsync(s => kinds.All(k => s.Count(x => x.Kind == k && x.Success) >= 3), TimeSpan.FromSeconds(60)),
            "Not every kind of request worked before the outage:\n" + Describe(load.Samples.Where(s => !s.Success)) + "\n" + api.Tail());
        await Task.Delay(TimeSpan.FromSeconds(1));

        var stopRequested = clock.Elapsed;
        TimeSpan stopped, startRequested;
        await outage.Cluster.StopAsync();
        try
        {
            stopped = clock.Elapsed;
            await Task.Delay(DownFor);
        }
        finally
        {
            startRequested = clock.Elapsed;
            await outage.Cluster.StartAsync();
        }

        // pg_ctl -w returns once the server accepts connections.
        var accepting = clock.Elapsed;
        var recoveryDeadline = accepting + RecoveryBound;
        await Task.Delay(recoveryDeadline + AfterRecovery - clock.Elapsed);
        await load.StopAsync();
        var samples = load.Samples.OrderBy(s => s.Started).ToList();

        var failures = new List<string>();
        void Check(bool condition, string what, IEnumerable<OutageSample>? offenders = null)
        {
            if (!condition)
            {
                failures.Add(what + (offenders is null ? "" : "\n" + Describe(offenders)));
            }
        }

        // Every answer, whenever it came: the working answer or the database-unavailable 503.
        var wrong = samples.Where(s => !s.Success && !s.IsDatabaseUnavailable).ToList();
        Check(wrong.Count == 0, $"{wrong.Count} answers were neither the working answer nor 503 database-unavailable with Retry-After and a problem body (zh, en):", wrong);

        var slow = samples.Where(s => s.Elapsed > responseBound).ToList();
        Check(slow.Count == 0, $"{slow.Count} answers took longer than the bound of {responseBound.TotalSeconds} s (connect timeout {connectTimeout.TotalSeconds} s + command timeout {outage.CommandTimeout.TotalSeconds} s):", slow);

        // While the server is down: requests that need it get 503, the rest work.
        var down = samples.Where(s => s.Started >= stopped && s.Ended <= startRequested).ToList();
        var downWrong = down.Where(s => s.NeedsDatabase ? !s.IsDatabaseUnavailable : !s.Success).ToList();
        Check(downWrong.Count == 0, $"{downWrong.Count} answers while PostgreSQL was down were not 503 database-unavailable (or, needing no database, not working):", downWrong);
        var downSlow = down.Where(s => s.Elapsed > connectTimeout).ToList();
        Check(downSlow.Count == 0, $"{downSlow.Count} answers while PostgreSQL was down took longer than the connect timeout ({connectTimeout.TotalSeconds} s):", downSlow);
        foreach (var kind in kinds)
        {
            Check(down.Any(s => s.Kind == kind), $"No '{kind}' request both started and ended while PostgreSQL was down: the outage was not observed for it.");
        }

        Check(down.Any(s => s.Kind == OutageLoad.Ready && s.IsDatabaseUnavailable), "/health/ready was never red while PostgreSQL was down.");

        // Back: readiness green within the bound, and everything started after the bound working.
        var firstReady = samples.FirstOrDefault(s => s.Kind == OutageLoad.Ready && s.Started >= accepting && s.Success);
        Check(firstReady is not null && firstReady.Ended <= recoveryDeadline,
            $"/health/ready was not green within {RecoveryBound.TotalSeconds} s of PostgreSQL accepting connections (first green: {(firstReady is null ? "never" : $"{(firstReady.Ended - accepting).TotalSeconds:0.000} s")}).");
        var late = samples.Where(s => s.Started >= recoveryDeadline && !s.Success).ToList();
        Check(late.Count == 0, $"{late.Count} requests started more than {RecoveryBound.TotalSeconds} s after PostgreSQL accepted connections failed:", late);
        foreach (var kind in kinds)
        {
            Check(samples.Any(s => s.Kind == kind && s.Started >= recoveryDeadline && s.Success), $"No '{kind}' request worked after the recovery bound.");
        }

        var workerRounds = CheckProcess(api, failures);
        var writes = await CheckWritesAsync(outage.Database, outage.CampaignId, writers);
        failures.AddRange(writes.Failures);

        var recovered = samples.Where(s => s.Started >= accepting && !s.Success).Select(s => s.Ended - accepting).DefaultIfEmpty(TimeSpan.Zero).Max();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"requests: {samples.Count} ({samples.Count(s => s.Success)} working, {samples.Count(s => s.IsDatabaseUnavailable)} × 503 database-unavailable)")
            .AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL: fast shutdown took {(stopped - stopRequested).TotalSeconds:0.000} s, down {(startRequested - stopped).TotalSeconds:0.000} s, start took {(accepting - startRequested).TotalSeconds:0.000} s")
            .AppendLine(CultureInfo.InvariantCulture, $"while down: {down.Count} answers, slowest {Max(down):0.000} s; slowest answer overall {Max(samples):0.000} s (bound {responseBound.TotalSeconds} s)")
            .AppendLine(CultureInfo.InvariantCulture, $"/health/ready green {(firstReady is null ? "never" : $"{(firstReady.Ended - accepting).TotalSeconds:0.000} s")} after PostgreSQL accepted connections")
            .AppendLine(CultureInfo.InvariantCulture, $"every request working from {recovered.TotalSeconds:0.000} s after PostgreSQL accepted connections (bound {RecoveryBound.TotalSeconds} s)")
            .AppendLine(CultureInfo.InvariantCulture, $"saves: {writers.Sum(w => w.Acknowledged.Count)} acknowledged (all found), {writers.Sum(w => w.Unacknowledged.Count)} unacknowledged ({writes.UnacknowledgedCommitted} of them committed, whole)")
            .AppendLine(CultureInfo.InvariantCulture, $"report job worker: {workerRounds} failed rounds logged")
            .AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL stopped at {stopRequested.TotalSeconds:0.000} s, down at {stopped.TotalSeconds:0.000} s, started at {startRequested.TotalSeconds:0.000} s, accepting at {accepting.TotalSeconds:0.000} s; slowest answers:")
            .AppendLine(Describe(samples.OrderByDescending(s => s.Elapsed).Take(3)))
            .AppendLine("slowest answers while down:")
            .AppendLine(Describe(down.OrderByDescending(s => s.Elapsed).Take(3)));
        foreach (var kind in kinds)
        {
            var of = samples.Where(s => s.Kind == kind).ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-22} {of.Count,6} sent, {of.Count(s => s.Success),6} working, {of.Count(s => s.IsDatabaseUnavailable),5} × 503");
        }

        output.WriteLine(report.ToString());
        Assert.True(failures.Count == 0, string.Join("\n\n", failures) + "\n\n" + report + "\n" + api.Tail(80));
    }

    /// <summary>
    /// The restart nobody saw: PostgreSQL restarted while the API was idle, its pool full of connections the server has
    /// closed. Requests that come after the restart, one at a time as an office's users send them, must not fail.
    /// </summary>
    [Fact]
    public async Task After_PostgreSQL_restarts_while_the_API_is_idle_the_requests_that_follow_work()
    {
        var api = outage.Api;
        await outage.ReadyAsync();
        using var admin = api.Client(outage.AdminToken, outage.ResponseBound + TimeSpan.FromSeconds(10));
        using var reviewer = api.Client(outage.ReviewerToken, outage.ResponseBound + TimeSpan.FromSeconds(10));
        using var anonymous = api.Client(timeout: outage.ResponseBound + TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        await using var load = new OutageLoad(clock);
        var writer = new OutageWriter(outage.CampaignId, outage.Units[0], "idle-w", admin);
        await writer.StartAsync();
        var requests = Requests(admin, reviewer, anonymous);

        // Fill the pool: many requests at once leave as many idle connections behind.
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(requests.SelectMany(r => Enumerable.Range(0, r.Loops).Select(_ => r.SendAsync(load))));
        }

        var warm = load.Samples.Where(s => !s.Success).ToList();
        Assert.True(warm.Count == 0, "Requests failed before the restart:\n" + Describe(warm));

        // A quiet API while it happens: every pooled connection idle for longer than the API's check window.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await outage.Cluster.StopAsync();
        await outage.Cluster.StartAsync();
        var accepting = clock.Elapsed;
        // One request at a time, each kind in turn, as long as the recovery bound.
        var rounds = 0;
        while (clock.Elapsed < accepting + RecoveryBound)
        {
            rounds++;
            await writer.SaveOnceAsync(load);
            foreach (var request in requests)
            {
                await request.SendAsync(load);
            }
        }

        var after = load.Samples.Where(s => s.Started >= accepting).OrderBy(s => s.Started).ToList();
        var failed = after.Where(s => !s.Success).ToList();
        output.WriteLine($"{rounds} rounds, {after.Count} requests after the restart, {failed.Count} failed");
        var failures = new List<string>();
        CheckProcess(api, failures);
        failures.AddRange((await CheckWritesAsync(outage.Database, outage.CampaignId, [writer])).Failures);
        Assert.True(failed.Count == 0 && failures.Count == 0,
            $"{failed.Count} of {after.Count} requests after PostgreSQL restarted failed:\n{Describe(failed)}\n{string.Join("\n", failures)}\n{api.Tail(40)}");
    }

    /// <summary>
    /// An API (re)started while PostgreSQL is down does not give up: it waits for the database (up to
    /// OfficeEval:DatabaseStartupTimeoutSeconds, 60 s), applies what start-up applies once it is up, and is then ready.
    /// </summary>
    [Fact]
    public async Task An_API_started_while_PostgreSQL_is_down_waits_for_it_and_is_ready_once_it_is_up()
    {
        var api = outage.Api;
        await outage.ReadyAsync();
        await api.StopAsync();
        await outage.Cluster.StopAsync();
        var starting = api.StartAsync(TimeSpan.FromSeconds(90));
        try
        {
            Assert.True(await WaitForOutputAsync(api, "Waiting for the database", TimeSpan.FromSeconds(60)),
                "The API did not say it was waiting for the database:\n" + api.Tail());
            // Still waiting a while later: alive, not ready.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.True(api.IsRunning, "The API exited while PostgreSQL was down:\n" + api.Tail());
            Assert.False(starting.IsCompleted, "The API was ready while PostgreSQL was down.");
        }
        finally
        {
            await outage.Cluster.StartAsync();
        }

        await starting;
        using var admin = api.Client(outage.AdminToken);
        using var response = await admin.GetAsync($"/api/campaigns/{outage.CampaignId}/results");
        Assert.True(response.IsSuccessStatusCode, $"After start-up: {(int)response.StatusCode}\n{api.Tail()}");
    }

    /// <summary>Waits until the instance has written a line holding <paramref name="text"/>; false when <paramref name="within"/> passes first.</summary>
    private static async Task<bool> WaitForOutputAsync(ApiProcess api, string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && api.IsRunning)
        {
            if (api.Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return api.Output.Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>A kind of request, the client it goes with, how many loops send it under load and the pause between sends.</summary>
    private sealed record Request(string Kind, bool NeedsDatabase, HttpClient Client, Func<HttpRequestMessage> Message, int Success, int Loops, TimeSpan Pause)
    {
        public Task SendAsync(OutageLoad load) => load.SendAsync(Kind, NeedsDatabase, Client, Message, Success);
    }

    /// <summary>
    /// What the office's clients send besides saves: drafts (as the office, and as a reviewer, whose access is looked
    /// up in the database), validation, results, the ledger, who-am-I, sign-in and refresh, the public questionnaire
    /// API with an unknown code (404 from a lookup), and what needs no database: the questionnaire page and liveness;
    /// and readiness.
    /// </summary>
    private List<Request> Requests(HttpClient admin, HttpClient reviewer, HttpClient anonymous)
    {
        var (campaignId, units, reviewerUnits) = (outage.CampaignId, outage.Units, outage.ReviewerUnits);
        var busy = TimeSpan.FromMilliseconds(10);
        var next = 0;
        Guid Next(IReadOnlyList<Guid> of) => of[Interlocked.Increment(ref next) % of.Count];
        string Draft(IReadOnlyList<Guid> of) => $"/api/campaigns/{campaignId}/units/{Next(of)}/self-assessment";
        return
        [
            new("get draft", true, admin, () => new(HttpMethod.Get, Draft(units)), 200, 4, busy),
            new("validate draft", true, admin, () => new(HttpMethod.Post, Draft(units) + "/validate") { Content = JsonContent.Create(new { }) }, 200, 4, busy),
            new("get draft as reviewer", true, reviewer, () => new(HttpMethod.Get, Draft(reviewerUnits)), 200, 2, busy),
            new("results", true, admin, () => new(HttpMethod.Get, $"/api/campaigns/{campaignId}/results"), 200, 2, busy),
            new("ledger", true, admin, () => new(HttpMethod.Get, $"/api/campaigns/{campaignId}/units/{Next(units)}/rectification"), 200, 2, busy),
            new("me", true, admin, () => new(HttpMethod.Get, "/api/me"), 200, 1, busy),
            new("sign in", true, anonymous, () => new(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { email = "viewer@demo.local", password = ApiProcess.DemoPassword }),
            }, 200, 2, TimeSpan.FromMilliseconds(100)),
            new("refresh", true, anonymous, () => new(HttpMethod.Post, "/api/auth/refresh")
            {
                Content = JsonContent.Create(new { refreshToken = outage.ViewerRefreshToken }),
            }, 200, 1, TimeSpan.FromMilliseconds(100)),
            new("public questionnaire", true, anonymous, () => new(HttpMethod.Get, $"/api/public/surveys/{UnknownSurveyCode()}"), 404, 2, busy),
            new("questionnaire page", false, anonymous, () => new(HttpMethod.Get, "/s/any-code"), 200, 1, busy),
            new("health-live", false, anonymous, () => new(HttpMethod.Get, "/health/live"), 200, 1, TimeSpan.FromMilliseconds(100)),
            new(OutageLoad.Ready, true, anonymous, () => new(HttpMethod.Get, "/health/ready"), 200, 1, TimeSpan.FromMilliseconds(100)),
        ];
    }

    /// <summary>
    /// The API process after an outage: still running, no unhandled exception, no 500 logged, and its report job worker
    /// backing off (a failed round waits a poll, 2 s) rather than spinning. Returns the worker's failed rounds.
    /// </summary>
    private static int CheckProcess(ApiProcess api, List<string> failures)
    {
        if (!api.IsRunning)
        {
            failures.Add("The API process exited.");
        }

        var log = api.Output.ToList();
        if (log.Any(l => l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add("The API logged an unhandled exception.");
        }

        if (log.Any(l => l.Contains(" responded 500 ", StringComparison.Ordinal)))
        {
            failures.Add("The API logged a 500 response.");
        }

        var workerRounds = log.Count(l => l.Contains("Report job worker", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        var allowed = (int)((DownFor.TotalSeconds + RecoveryBound.TotalSeconds) / 2) + 4;
        if (workerRounds > allowed)
        {
            failures.Add($"The report job worker logged {workerRounds} failed rounds (at most {allowed} expected with its 2 s poll): it does not back off.");
        }

        return workerRounds;
    }

    private sealed record WriteCheck(List<string> Failures, int UnacknowledgedCommitted);

    /// <summary>
    /// After recovery, in the database: each unit's committed saves since the writer started are the revisions after
    /// its start up to the draft's, each with one audit entry
    /// holding one tag in both leaves (whole); every acknowledged save is among them with its revision; a committed save
    /// that was not acknowledged is one the writer sent (503 or no answer); the draft holds the last one, whole.
    /// </summary>
    private static async Task<WriteCheck> CheckWritesAsync(string connectionString, Guid campaignId, IReadOnlyList<OutageWriter> writers)
    {
        var failures = new List<string>();
        var unacknowledgedCommitted = 0;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var writer in writers)
        {
            var committed = new Dictionary<int, string>();
            await using (var command = new NpgsqlCommand(
                "SELECT details FROM audit_entries WHERE action = 'self_assessment.answers_changed' AND campaign_id = @c AND unit_id = @u ORDER BY seq", connection))
            {
                command.Parameters.AddWithValue("c", campaignId);
                command.Parameters.AddWithValue("u", writer.UnitId);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var details = JsonNode.Parse(reader.GetString(0))!;
                    var revision = details["data"]!["revision"]!.GetValue<int>();
                    if (revision <= writer.StartRevision)
                    {
                        continue;
                    }

                    var tags = OutageWriter.Leaves.Select(code => details["after"]?[code]?["explanation"]?.GetValue<string>()).Distinct().ToList();
                    if (tags is not [{ } tag])
                    {
                        failures.Add($"Unit {writer.UnitId}: revision {revision} is half a save: {string.Join(", ", tags)}");
                        continue;
                    }

                    if (!committed.TryAdd(revision, tag))
                    {
                        failures.Add($"Unit {writer.UnitId}: revision {revision} was committed twice ({committed[revision]}, {tag}).");
                    }
                }
            }

            var (finalRevision, answers) = await DraftAsync(connection, campaignId, writer.UnitId);
            if (!committed.Keys.Order().SequenceEqual(Enumerable.Range(writer.StartRevision + 1, finalRevision - writer.StartRevision)))
            {
                failures.Add($"Unit {writer.UnitId}: the draft is at revision {finalRevision}, but the audited saves are revisions {string.Join(", ", committed.Keys.Order())}.");
            }

            foreach (var (revision, tag) in writer.Acknowledged)
            {
                if (!committed.TryGetValue(revision, out var found) || found != tag)
                {
                    failures.Add($"Unit {writer.UnitId}: the acknowledged save {tag} (revision {revision}) is not in the database (found {found ?? "nothing"}).");
                }
            }

            var acknowledgedTags = writer.Acknowledged.Select(a => a.Tag).ToHashSet();
            foreach (var (revision, tag) in committed.Where(c => !acknowledgedTags.Contains(c.Value)))
            {
                if (writer.Unacknowledged.Contains(tag))
                {
                    unacknowledgedCommitted++;
                }
                else
                {
                    failures.Add($"Unit {writer.UnitId}: revision {revision} holds {tag}, which this test never sent.");
                }
            }

            var last = committed.GetValueOrDefault(finalRevision);
            var held = OutageWriter.Leaves.Select(code => answers.GetValueOrDefault(code)).Distinct().ToList();
            if (held is not [{ } heldTag] || heldTag != last)
            {
                failures.Add($"Unit {writer.UnitId}: the draft holds {string.Join(", ", held)} in its leaves, not the whole last save {last}.");
            }
        }

        return new WriteCheck(failures, unacknowledgedCommitted);
    }

    private static async Task<(int Revision, Dictionary<string, string?> Explanations)> DraftAsync(NpgsqlConnection connection, Guid campaignId, Guid unitId)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.revision, a.indicator_code, a.explanation
            FROM self_assessments s LEFT JOIN self_assessment_answers a ON a.self_assessment_id = s.id
            WHERE s.campaign_id = @c AND s.unit_id = @u
            """, connection);
        command.Parameters.AddWithValue("c", campaignId);
        command.Parameters.AddWithValue("u", unitId);
        await using var reader = await command.ExecuteReaderAsync();
        var revision = 0;
        var explanations = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            revision = reader.GetInt32(0);
            if (!reader.IsDBNull(1))
            {
                explanations[reader.GetString(1)] = reader.IsDBNull(2) ? null : reader.GetString(2);
            }
        }

        return (revision, explanations);
    }

    /// <summary>A well-formed single-use questionnaire code (k + 22 base64url characters) that no link has: looked up in the database.</summary>
    private static string UnknownSurveyCode() =>
        "k" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static double Max(IEnumerable<OutageSample> samples) => samples.Select(s => s.Elapsed.TotalSeconds).DefaultIfEmpty(0).Max();

    private static string Describe(IEnumerable<OutageSample> samples)
    {
        var list = samples.ToList();
        return string.Join('\n', list.Take(15).Select(s => "  " + s)) + (list.Count > 15 ? $"\n  … and {list.Count - 15} more" : "");
    }
}
