using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;
using Xunit.Abstractions;

namespace OfficeEval.Api.Tests.Features.Jobs;

/// <summary>Two API instances on one database and one files folder, each with four worker loops, on ten jobs at once.</summary>
public sealed class ReportJobInstancesTests(ReportJobInstancesTests.BusyJobsApi api, ITestOutputHelper output) : IClassFixture<ReportJobInstancesTests.BusyJobsApi>
{
    [Fact]
    public async Task TwoInstances_TenJobsAtOnce_EachJobRunOnceAndEachUnitRenderedOnce()
    {
        await using var second = api.SecondInstance("second");
        var admins = new[] { await api.SignInAsync(DemoUsers.Admin), await second.SignInAsync(DemoUsers.Admin) };
        var campaigns = new List<Guid> { (await WorkflowSetup.DemoAsync(api)).Id };
        for (var i = 1; i < 10; i++)
        {
            campaigns.Add(await api.CloneDemoCampaignAsync());
        }

        // A short pause per document keeps the jobs overlapping, so the eight loops compete for every claim.
        api.Rendering.Script = async (_, unitId, output, cancellationToken) =>
        {
            await Task.Delay(10, cancellationToken);
            await output.WriteAsync(unitId.ToByteArray(), cancellationToken);
        };

        var jobs = await Task.WhenAll(campaigns.Select(async (campaign, i) =>
        {
            var response = await admins[i % 2].PostAsync($"/api/campaigns/{campaign}/reports/batch", null);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JobView>())!.Id;
        }));
        var finished = await Task.WhenAll(jobs.Select((job, i) => JobsApi.WaitForEndAsync(admins[(i + 1) % 2], job, seconds: 120)));

        Assert.All(finished, job => Assert.Equal(("Succeeded", 6, 0, 1), (job.Status, job.Done, job.Failed, job.Attempts)));
        var log = api.Rendering.Log.Where(l => campaigns.Contains(l.Campaign)).ToList();
        Assert.Equal(60, log.Count);
        Assert.All(log.GroupBy(l => (l.Campaign, l.Unit)), g => Assert.Single(g));
        // Which instance ran which job is up to the race: shown, not asserted. A job's units all come from one instance.
        Assert.All(log.GroupBy(l => l.Campaign), g => Assert.Single(g.Select(l => l.Instance).Distinct()));
        output.WriteLine(string.Join(", ", log.GroupBy(l => l.Instance).Select(g => $"{g.Key}: {g.Count() / 6} jobs")));
        foreach (var job in finished)
        {
            using var zip = new ZipArchive(new MemoryStream(await admins[0].GetByteArrayAsync(job.DownloadUrl)));
            Assert.Equal(6, zip.Entries.Count);
        }
    }

    public sealed class BusyJobsApi : JobsApi
    {
        public override int Concurrency => 4;
    }
}
