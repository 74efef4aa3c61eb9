using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Demo;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Reliability.Tests.Support;
using Xunit.Abstractions;
using static OfficeEval.Reliability.Tests.Support.ScaleOutFlow;

namespace OfficeEval.Reliability.Tests;

/// <summary>
/// Scale-out: two API processes on one database and one files folder, started together on a new database
/// (<see cref="ScaleOutCluster"/>). Migrations are applied once, tokens of either are accepted by the other (the key
/// ring is in the database), a report job is run by one worker of one instance only, and a user whose requests
/// alternate between the instances works as against one.
/// </summary>
public sealed class ScaleOutTests(ScaleOutCluster cluster, ITestOutputHelper output) : IClassFixture<ScaleOutCluster>
{
    private const string Admin = "admin@demo.local";
    private const string Staff = "staff@demo.local";

    [Fact]
    public async Task Start_TwoAtOnceOnANewDatabase_MigrationsAppliedOnce_DemoAndFrameworksSeededOnce_OneKey()
    {
        var versions = DatabaseMigrator.Scripts().Select(s => s.Version).ToList();
        Assert.Equal((long)versions.Count, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal((long)versions.Count, await cluster.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM schema_migrations WHERE version IN ({string.Join(", ", versions.Select(v => $"'{v}'"))})"));

        // One instance applied every script; the other, once it had the lock, found nothing to apply.
        var applied = cluster.FirstStartOutput.SelectMany(o => o.Value.Where(l => l.Contains("Applied migrations", StringComparison.Ordinal)).Select(l => (o.Key, Line: l))).ToList();
        var (by, line) = Assert.Single(applied);
        Assert.All(versions, v => Assert.Contains(v, line, StringComparison.Ordinal));
        var published = cluster.FirstStartOutput.SelectMany(o => o.Value.Where(l => l.Contains("Published built-in frameworks", StringComparison.Ordinal))).ToList();
        Assert.Single(published);
        output.WriteLine($"Migrations applied by {by}");

        Assert.Equal(4L, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(1L, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM campaigns WHERE year = 2026"));
        Assert.Equal((long)DemoSeeder.DemoUnits.Count, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM units"));
        Assert.Equal((long)DemoSeeder.DemoUnits.Count, await cluster.Database.ScalarAsync<long>(
            "SELECT count(*) FROM campaign_units WHERE campaign_id IN (SELECT id FROM campaigns WHERE year = 2026)"));
        Assert.Equal((long)BuiltInFrameworks.All.Count, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM frameworks"));
        Assert.Equal(1L, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE friendly_name LIKE 'key-%'"));
    }

    [Fact]
    public async Task Tokens_IssuedByEither_AcceptedAndRefreshedByTheOther()
    {
        foreach (var (issuer, other) in new[] { (cluster.A, cluster.B), (cluster.B, cluster.A) })
        {
            var tokens = await LoginAsync(issuer, Staff);

            Assert.True(await MeStatusAsync(other, tokens.AccessToken) == HttpStatusCode.OK, $"{issuer.Name}'s access token on {other.Name}.\n{cluster.Tails()}");
            var (status, renewed) = await RefreshAsync(other, tokens.RefreshToken);
            Assert.True(status == HttpStatusCode.OK, $"{issuer.Name}'s refresh token on {other.Name}: {(int)status}.\n{cluster.Tails()}");
            Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(issuer, renewed!.AccessToken));
        }

        // The control: each instance does check the token it is given.
        var valid = (await LoginAsync(cluster.A, Staff)).AccessToken;
        var tampered = valid[..^8] + (valid[^8] == 'A' ? 'B' : 'A') + valid[^7..];
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(cluster.B, tampered));
    }

    [Fact]
    public async Task Tokens_BothInstancesRestarted_TokensIssuedBeforeStillAcceptedByBoth()
    {
        var fromA = await LoginAsync(cluster.A, Admin);
        var fromB = await LoginAsync(cluster.B, Staff);

        await cluster.RestartBothAsync();

        foreach (var instance in cluster.Instances)
        {
            Assert.True(await MeStatusAsync(instance, fromA.AccessToken) == HttpStatusCode.OK, $"A's token on {instance.Name} after the restart.\n{cluster.Tails()}");
            Assert.True(await MeStatusAsync(instance, fromB.AccessToken) == HttpStatusCode.OK, $"B's token on {instance.Name} after the restart.\n{cluster.Tails()}");
        }

        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(cluster.B, fromA.RefreshToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(cluster.A, fromB.RefreshToken)).Status);
        Assert.Equal(1L, await cluster.Database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE friendly_name LIKE 'key-%'"));
    }

    [Fact]
    public async Task Jobs_SixBatchesQueuedOnBoth_WorkersOfBothPolling_EachJobRunOnceByOneInstance()
    {
        using var adminA = cluster.A.Client((await LoginAsync(cluster.A, Admin)).AccessToken);
        using var adminB = cluster.B.Client((await LoginAsync(cluster.B, Admin)).AccessToken);
        using var staff = cluster.A.Client((await LoginAsync(cluster.A, Staff)).AccessToken);
        HttpClient[] admins = [adminA, adminB];
        var (_, frameworkId) = await DemoCampaignAsync(adminA);
        var unitId = await StaffUnitAsync(staff);

        // One batch per campaign may be queued at a time: six campaigns, each with the staff's unit filled in.
        var campaigns = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var campaign = await CreateCampaignAsync(admins[i % 2], 2090 + i, frameworkId, unitId);
            var (_, revision) = await GetDraftAsync(staff, campaign, unitId);
            var saved = await SendAsync(staff, HttpMethod.Patch, DraftUrl(campaign, unitId, "/answers"), new { answers = CompleteAnswers(BuiltInFrameworks.Common2026) }, revision);
            Assert.True(saved.StatusCode == HttpStatusCode.OK, $"Draft of campaign {campaign}: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
            campaigns.Add(campaign);
        }

        var jobs = await Task.WhenAll(campaigns.Select(async (campaign, i) =>
        {
            using var response = await admins[i % 2].PostAsync($"/api/campaigns/{campaign}/reports/batch", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        }));
        var finished = await Task.WhenAll(jobs.Select(job => WaitForJobEndAsync(admins, job, seconds: 90)));

        foreach (var job in finished)
        {
            Assert.True((job["status"]!.GetValue<string>(), job["attempts"]!.GetValue<int>(), job["done"]!.GetValue<int>(), job["failed"]!.GetValue<int>()) == ("Succeeded", 1, 1, 0),
                $"{job.ToJsonString()}\n{cluster.Tails()}");
        }

        // Each job was taken up (and finished) by exactly one instance, once.
        var claims = new Dictionary<Guid, string>();
        foreach (var job in jobs)
        {
            var claimedBy = cluster.Instances.SelectMany(i => i.Output.Where(l => l.Contains($"Report job {job} claimed by", StringComparison.Ordinal)).Select(_ => i.Name)).ToList();
            var finishedBy = cluster.Instances.SelectMany(i => i.Output.Where(l => l.Contains($"Report job {job} succeeded", StringComparison.Ordinal)).Select(_ => i.Name)).ToList();
            Assert.True(claimedBy.Count == 1 && finishedBy.SequenceEqual(claimedBy),
                $"Job {job} claimed on [{string.Join(", ", claimedBy)}], finished on [{string.Join(", ", finishedBy)}].\n{cluster.Tails()}");
            claims[job] = claimedBy[0];
        }

        output.WriteLine(string.Join(", ", claims.GroupBy(c => c.Value).OrderBy(g => g.Key).Select(g => $"{g.Key} ran {g.Count()} jobs")));

        // Each zip is whole, whichever instance serves it; the shared folder holds one file per job and no partial file.
        for (var i = 0; i < finished.Length; i++)
        {
            var zipBytes = await admins[(i + 1) % 2].GetByteArrayAsync(finished[i]["downloadUrl"]!.GetValue<string>());
            using var zip = new ZipArchive(new MemoryStream(zipBytes));
            var entry = Assert.Single(zip.Entries);
            using var docx = new ZipArchive(entry.Open());
            Assert.NotNull(docx.GetEntry("word/document.xml"));
        }

        var files = Directory.GetFiles(Path.Combine(cluster.Database.FilesFolder, "report-jobs"), "*", SearchOption.AllDirectories);
        Assert.Equal(jobs.Length, files.Count(f => f.EndsWith(".zip", StringComparison.Ordinal)));
        Assert.DoesNotContain(files, f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Draft_RequestsAlternatingBetweenInstances_ETagsHold_SubmittedOnB_ReadOnA()
    {
        var token = (await LoginAsync(cluster.A, Staff)).AccessToken;
        using var onA = cluster.A.Client(token);
        using var onB = cluster.B.Client(token);
        using var admin = cluster.B.Client((await LoginAsync(cluster.B, Admin)).AccessToken);
        var (campaignId, _) = await DemoCampaignAsync(admin);
        var unitId = await StaffUnitAsync(onA);
        var answers = CompleteAnswers(DemoStaffFramework);
        var half = answers.Length / 2;

        var (_, start) = await GetDraftAsync(onA, campaignId, unitId);
        var savedOnA = await SendAsync(onA, HttpMethod.Patch, DraftUrl(campaignId, unitId, "/answers"), new { answers = answers[..half] }, start);
        Assert.Equal(HttpStatusCode.OK, savedOnA.StatusCode);
        var afterA = RevisionOf(savedOnA);

        // B takes the ETag A gave; A's stale one is then refused by A, with the draft B saved.
        var savedOnB = await SendAsync(onB, HttpMethod.Patch, DraftUrl(campaignId, unitId, "/answers"), new { answers = answers[half..] }, afterA);
        Assert.Equal(HttpStatusCode.OK, savedOnB.StatusCode);
        var afterB = RevisionOf(savedOnB);
        var stale = await SendAsync(onA, HttpMethod.Patch, DraftUrl(campaignId, unitId, "/answers"), new { answers = answers[..1] }, afterA);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = (await stale.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("precondition.failed", $"\"{afterB}\""), (problem["code"]!.GetValue<string>(), problem["currentETag"]!.GetValue<string>()));

        var submitted = await SendAsync(onB, HttpMethod.Post, DraftUrl(campaignId, unitId, "/submit"), null, afterB);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, $"Submit on B: {(int)submitted.StatusCode} {await submitted.Content.ReadAsStringAsync()}");

        var (draft, revision) = await GetDraftAsync(onA, campaignId, unitId);
        Assert.Equal(RevisionOf(submitted), revision);
        Assert.Equal("Submitted", draft["status"]!.GetValue<string>());
        Assert.Equal(answers.Length, draft["answers"]!.AsArray().Count);
        var version = Assert.Single(draft["versions"]!.AsArray());
        Assert.Equal(100m, version!["total"]!.GetValue<decimal>());
        var versions = (await onA.GetFromJsonAsync<JsonArray>(DraftUrl(campaignId, unitId, "/versions")))!;
        Assert.Single(versions);
    }
}
