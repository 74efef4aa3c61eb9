using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Tests.Features.Audit;
using OfficeEval.Api.Tests.Features.Results;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Jobs;

/// <summary>
/// Report batches over the demo campaign, through the API and the worker of the same instance. Every wait polls the
/// job's status with a deadline; nothing waits a fixed time and then asserts.
/// </summary>
public sealed class ReportJobTests(JobsApi api) : IClassFixture<JobsApi>
{
    [Fact]
    public async Task Batch_DemoCampaign_OneValidReportPerUnitInTheZip()
    {
        api.Rendering.Script = null;
        var demo = await ResultsScenario.SetUpAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsync(BatchUrl(demo.Id), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = (await response.Content.ReadFromJsonAsync<JobView>())!;
        Assert.Equal($"/api/report-jobs/{queued.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("evaluation_reports", "Queued", demo.Id), (queued.Kind, queued.Status, queued.CampaignId));

        var job = await JobsApi.WaitForEndAsync(admin, queued.Id);
        Assert.Equal(("Succeeded", 6, 6, 0, 100m, 1), (job.Status, job.Total, job.Done, job.Failed, job.Percent, job.Attempts));
        Assert.NotNull(job.FinishedAt);
        Assert.Equal($"/api/report-jobs/{job.Id}/download", job.DownloadUrl);

        var download = await admin.GetAsync(job.DownloadUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        Assert.Equal(
            ["DW-ZZB-市委组织部-评估报告.docx", "QT-GQT-共青团市委-评估报告.docx", "SY-ZXZX-市政务服务中心-评估报告.docx",
             "XZ-CGJD-城关街道-评估报告.docx", "ZF-FGW-市发展和改革委员会-评估报告.docx", "ZF-JYJ-市教育局-评估报告.docx"],
            zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var copy = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(copy);
            }

            using var document = WordprocessingDocument.Open(copy, false);
            Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document));
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("评估报告", text, StringComparison.Ordinal);
            Assert.Contains(entry.FullName.Split('-')[2], text, StringComparison.Ordinal);
        }

        var dw = ReadDocument(zip, "DW-ZZB-市委组织部-评估报告.docx");
        // The GB/T 9704 评估报告 with the unit's official figures: total 89.2, grade B, the yellow board.
        Assert.Contains("89.2", dw, StringComparison.Ordinal);
        Assert.Contains("黄榜", dw, StringComparison.Ordinal);

        var requested = (await AuditApi.QueryAsync(admin, $"action=report_job.requested&target=report-job/{job.Id}")).Items;
        Assert.Equal(demo.Id, Assert.Single(requested).CampaignId);
        var exported = Assert.Single((await AuditApi.QueryAsync(admin, $"action=export&target=report-job/{job.Id}")).Items);
        Assert.Equal(6, exported.Data.GetProperty("documents").GetInt32());
    }

    [Fact]
    public async Task Batch_UnitByUnit_ProgressIsObservable()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        using var gate = new SemaphoreSlim(0);
        api.Rendering.Script = async (_, unitId, output, cancellationToken) =>
        {
            await gate.WaitAsync(cancellationToken);
            await output.WriteAsync(unitId.ToByteArray(), cancellationToken);
        };

        var job = await RequestAsync(admin, demo.Id);
        var running = await JobsApi.WaitForAsync(admin, job, j => j.Status == "Running" && j.Total == 6);
        Assert.Equal((0, 0m), (running.Done, running.Percent));
        for (var done = 1; done < 6; done++)
        {
            gate.Release();
            var now = await JobsApi.WaitForAsync(admin, job, j => j.Done == done);
            Assert.Equal(("Running", Math.Round(done * 100m / 6, 1, MidpointRounding.AwayFromZero)), (now.Status, now.Percent));
            Assert.NotNull(now.HeartbeatAt);
        }

        gate.Release();
        var finished = await JobsApi.WaitForEndAsync(admin, job);
        Assert.Equal(("Succeeded", 6, 100m), (finished.Status, finished.Done, finished.Percent));
    }

    [Fact]
    public async Task Cancel_RunningJob_StopsTheRendererAndLeavesNoFile()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var rendered = 0;
        var waiting = new TaskCompletionSource();
        var stopped = new TaskCompletionSource();
        api.Rendering.Script = async (_, _, output, cancellationToken) =>
        {
            if (Interlocked.Increment(ref rendered) == 3)
            {
                waiting.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    stopped.TrySetResult();
                    throw;
                }
            }

            output.WriteByte(1);
        };

        var job = await RequestAsync(admin, demo.Id);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var cancel = await admin.PostAsync($"/api/report-jobs/{job}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JobView>())!.Status);
        // The worker learns it at its next heartbeat and cancels the renderer's token.
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await JobsApi.WaitUntilAsync(() => !Directory.EnumerateFiles(api.JobsFolder, $"{job:N}-*").Any(), "the partial file removed");
        var after = await JobsApi.GetJobAsync(admin, job);
        Assert.Equal(("Cancelled", 2, 3), (after.Status, after.Done, rendered));
        Assert.NotNull(after.FinishedAt);

        var download = await admin.GetAsync($"/api/report-jobs/{job}/download");
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
        Assert.Equal("report_job.not_ready", (await Problem.ReadAsync(download)).Code);
        var again = await admin.PostAsync($"/api/report-jobs/{job}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("report_job.finished", (await Problem.ReadAsync(again)).Code);
        Assert.Single((await AuditApi.QueryAsync(admin, $"action=report_job.cancelled&target=report-job/{job}")).Items);
    }

    [Fact]
    public async Task Cancel_QueuedJob_NeverRuns()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var other = await api.CloneDemoCampaignAsync();
        var admin = await api.SignInAsync(DemoUsers.Admin);
        using var gate = new SemaphoreSlim(0);
        api.Rendering.Script = async (campaignId, _, output, cancellationToken) =>
        {
            await gate.WaitAsync(cancellationToken);
            output.WriteByte(1);
        };
        // The instance's one worker is busy with the demo's job, so the second stays queued.
        var running = await RequestAsync(admin, demo.Id);
        await JobsApi.WaitForAsync(admin, running, j => j.Status == "Running");
        var queued = await RequestAsync(admin, other);

        var cancel = await admin.PostAsync($"/api/report-jobs/{queued}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        gate.Release(6);
        Assert.Equal("Succeeded", (await JobsApi.WaitForEndAsync(admin, running)).Status);
        var after = await JobsApi.GetJobAsync(admin, queued);
        Assert.Equal(("Cancelled", 0, null, 0), (after.Status, after.Attempts, after.StartedAt, api.Rendering.Count(other)));
    }

    [Fact]
    public async Task Worker_StaleRunningJob_RequeuedAndFinished()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        api.Rendering.Script = (_, unitId, output, cancellationToken) => output.WriteAsync(unitId.ToByteArray(), cancellationToken).AsTask();
        var before = api.Rendering.Count(demo.Id);

        // A worker claimed the job, wrote part of its zip and died: no heartbeat for an hour.
        var job = await InsertJobAsync(demo.Id, ReportJobStatus.Running, attempts: 1, heartbeatAgo: TimeSpan.FromHours(1), createdAgo: TimeSpan.FromHours(1));
        Directory.CreateDirectory(api.JobsFolder);
        var leftover = Path.Combine(api.JobsFolder, $"{job:N}-1.zip.partial");
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);

        var finished = await JobsApi.WaitForEndAsync(admin, job);

        Assert.Equal(("Succeeded", 6, 0, 2), (finished.Status, finished.Done, finished.Failed, finished.Attempts));
        Assert.Null(finished.Error);
        Assert.False(File.Exists(leftover));
        Assert.Equal(6, api.Rendering.Count(demo.Id) - before);
        using var zip = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync(finished.DownloadUrl)));
        Assert.Equal(6, zip.Entries.Count);
    }

    [Fact]
    public async Task Worker_StaleJobWhoseZipWasNeverRecorded_RemovesThatZip()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        api.Rendering.Script = (_, unitId, output, cancellationToken) => output.WriteAsync(unitId.ToByteArray(), cancellationToken).AsTask();

        // The worker renamed its finished zip and died before recording it as the result.
        var job = await InsertJobAsync(demo.Id, ReportJobStatus.Running, attempts: 1, heartbeatAgo: TimeSpan.FromHours(1), createdAgo: TimeSpan.FromHours(1));
        Directory.CreateDirectory(api.JobsFolder);
        var unrecorded = Path.Combine(api.JobsFolder, $"{job:N}-1.zip");
        await File.WriteAllBytesAsync(unrecorded, [1, 2, 3]);

        var finished = await JobsApi.WaitForEndAsync(admin, job);

        Assert.Equal(("Succeeded", 2), (finished.Status, finished.Attempts));
        Assert.False(File.Exists(unrecorded));
        Assert.True(File.Exists(Path.Combine(api.JobsFolder, $"{job:N}-2.zip")));
    }

    [Fact]
    public async Task Worker_StaleJobAtItsLastAttempt_Failed()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var before = api.Rendering.Count(demo.Id);

        var job = await InsertJobAsync(demo.Id, ReportJobStatus.Running, attempts: 3, heartbeatAgo: TimeSpan.FromHours(1), createdAgo: TimeSpan.FromHours(2));

        var failed = await JobsApi.WaitForEndAsync(admin, job);
        Assert.Equal(("Failed", 3), (failed.Status, failed.Attempts));
        Assert.Contains("attempted 3 times", failed.Error, StringComparison.Ordinal);
        Assert.NotNull(failed.FinishedAt);
        Assert.Equal(before, api.Rendering.Count(demo.Id));
    }

    [Fact]
    public async Task Batch_OneUnitFails_ListedAndTheOthersDelivered()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        api.Rendering.Script = (_, unitId, output, cancellationToken) => unitId == demo["ZF-JYJ"]
            ? throw new InvalidOperationException("模板缺少字段")
            : output.WriteAsync(unitId.ToByteArray(), cancellationToken).AsTask();

        var job = await JobsApi.WaitForEndAsync(admin, await RequestAsync(admin, demo.Id));

        Assert.Equal(("Succeeded", 5, 1, 100m), (job.Status, job.Done, job.Failed, job.Percent));
        var error = Assert.Single(job.Errors);
        Assert.Equal((demo["ZF-JYJ"], "ZF-JYJ", "模板缺少字段"), (error.UnitId, error.UnitCode, error.Message));
        using var zip = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync(job.DownloadUrl)));
        Assert.Equal(5, zip.Entries.Count);
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("ZF-JYJ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_DatabaseAwayDuringARender_AttemptRunAgainNotAUnitFailure()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var outages = 0;
        // The first time ZF-JYJ is rendered the database is away (a pooled session ended by a restart): no fault of the unit.
        api.Rendering.Script = (_, unitId, output, cancellationToken) => unitId == demo["ZF-JYJ"] && Interlocked.Increment(ref outages) == 1
            ? throw new Npgsql.NpgsqlException("Exception while reading from stream", new EndOfStreamException())
            : output.WriteAsync(unitId.ToByteArray(), cancellationToken).AsTask();

        var job = await JobsApi.WaitForEndAsync(admin, await RequestAsync(admin, demo.Id));

        // A second attempt delivers every unit; none is listed as failed for the outage.
        Assert.Equal(("Succeeded", 2, 6, 0), (job.Status, job.Attempts, job.Done, job.Failed));
        Assert.Empty(job.Errors);
        using var zip = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync(job.DownloadUrl)));
        Assert.Equal(6, zip.Entries.Count);
    }

    [Fact]
    public async Task Batch_EveryUnitFails_JobFailedWithTheReason()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        api.Rendering.Script = (_, _, _, _) => throw new IOException("磁盘已满");

        var job = await JobsApi.WaitForEndAsync(admin, await RequestAsync(admin, demo.Id));

        Assert.Equal(("Failed", 0, 6, 6), (job.Status, job.Done, job.Failed, job.Errors.Count));
        Assert.Contains("磁盘已满", job.Error, StringComparison.Ordinal);
        Assert.Null(job.DownloadUrl);
        Assert.Empty(Directory.EnumerateFiles(api.JobsFolder, $"{job.Id:N}-*"));
    }

    [Fact]
    public async Task Request_WhileOneIsRunning_ConflictNamingIt()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        using var gate = new SemaphoreSlim(0);
        api.Rendering.Script = async (_, _, output, cancellationToken) =>
        {
            await gate.WaitAsync(cancellationToken);
            output.WriteByte(1);
        };
        var first = await RequestAsync(admin, demo.Id);

        var second = await admin.PostAsync(BatchUrl(demo.Id), null);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("report_job.in_progress", problem.GetProperty("code").GetString());
        Assert.Equal(first, problem.GetProperty("jobId").GetGuid());

        gate.Release(6);
        Assert.Equal("Succeeded", (await JobsApi.WaitForEndAsync(admin, first)).Status);
        var third = await admin.PostAsync(BatchUrl(demo.Id), null);
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
        gate.Release(6);
        Assert.Equal("Succeeded", (await JobsApi.WaitForEndAsync(admin, (await third.Content.ReadFromJsonAsync<JobView>())!.Id)).Status);
    }

    [Fact]
    public async Task Endpoints_NotAdmin_Forbidden()
    {
        var demo = await WorkflowSetup.DemoAsync(api);
        var viewer = await api.SignInAsync(DemoUsers.Viewer);
        var job = await InsertJobAsync(demo.Id, ReportJobStatus.Failed, attempts: 1, heartbeatAgo: null, createdAgo: TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync(BatchUrl(demo.Id), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/report-jobs/{job}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/report-jobs/{job}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/report-jobs/{job}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Endpoints_UnknownCampaignOrJob_NotFoundProblems()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        foreach (var response in new[]
        {
            await admin.PostAsync(BatchUrl(Guid.NewGuid()), null),
            await admin.GetAsync($"/api/report-jobs/{Guid.NewGuid()}"),
            await admin.GetAsync($"/api/report-jobs/{Guid.NewGuid()}/download"),
            await admin.PostAsync($"/api/report-jobs/{Guid.NewGuid()}/cancel", null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("not_found", (await Problem.ReadAsync(response)).Code);
        }
    }

    private static string BatchUrl(Guid campaignId) => $"/api/campaigns/{campaignId}/reports/batch";

    private static async Task<Guid> RequestAsync(HttpClient admin, Guid campaignId)
    {
        var response = await admin.PostAsync(BatchUrl(campaignId), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobView>())!.Id;
    }

    /// <summary>A job as a worker left it, written straight to the table.</summary>
    private async Task<Guid> InsertJobAsync(Guid campaignId, ReportJobStatus status, int attempts, TimeSpan? heartbeatAgo, TimeSpan createdAgo)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await WorkflowSetup.WithDb(api, async db =>
        {
            db.ReportJobs.Add(new ReportJob
            {
                Id = id,
                Kind = ReportJobKinds.EvaluationReports,
                CampaignId = campaignId,
                RequestedBy = Guid.NewGuid(),
                Status = status,
                Total = 6,
                Done = status == ReportJobStatus.Running ? 2 : 0,
                Attempts = attempts,
                CreatedAt = now - createdAgo,
                StartedAt = attempts > 0 ? now - createdAgo : null,
                HeartbeatAt = heartbeatAgo is { } ago ? now - ago : null,
                FinishedAt = status == ReportJobStatus.Failed ? now : null,
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    private static string ReadDocument(ZipArchive zip, string name)
    {
        using var copy = new MemoryStream();
        using (var stream = zip.GetEntry(name)!.Open())
        {
            stream.CopyTo(copy);
        }

        using var document = WordprocessingDocument.Open(copy, false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }
}
