using System.Net;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Jobs;

/// <summary>
/// An instance stopping in the middle of a job: the fixture has no worker and serves the requests; a second instance
/// runs the job and is stopped; a third finishes it.
/// </summary>
public sealed class ReportJobShutdownTests(ReportJobStoreTests.NoWorkerApi api) : IClassFixture<ReportJobStoreTests.NoWorkerApi>
{
    [Fact]
    public async Task HostStops_RunningJob_GivenBackToTheQueueAndFinishedByAnotherInstance()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var started = new TaskCompletionSource();
        var first = 1;
        api.Rendering.Script = async (_, unitId, output, cancellationToken) =>
        {
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                // The first attempt's first document never ends by itself: only the host's stopping ends it.
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await output.WriteAsync(unitId.ToByteArray(), cancellationToken);
        };
        var response = await admin.PostAsync($"/api/campaigns/{demo.Id}/reports/batch", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<JobView>())!.Id;

        var stopping = api.SecondInstance("stopping");
        _ = stopping.Services;
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await stopping.DisposeAsync();

        var released = await JobsApi.GetJobAsync(admin, job);
        Assert.Equal(("Queued", 1, null), (released.Status, released.Attempts, released.HeartbeatAt));
        Assert.Contains("re-queued", released.Error, StringComparison.Ordinal);

        await using var finishing = api.SecondInstance("finishing");
        _ = finishing.Services;
        var finished = await JobsApi.WaitForEndAsync(admin, job);
        Assert.Equal(("Succeeded", 6, 2), (finished.Status, finished.Done, finished.Attempts));
        Assert.Equal(6, api.Rendering.Log.Count(l => l.Campaign == demo.Id && l.Instance == "finishing"));
    }
}
