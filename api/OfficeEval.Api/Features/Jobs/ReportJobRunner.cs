using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;

using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Jobs;

/// <summary>
/// Runs one claimed job: renders each unit's document into a zip beside its final name, writes progress every
/// <see cref="ReportJobOptions.ProgressEvery"/> units, and heartbeats meanwhile. A unit that fails is listed and the
/// job goes on; a job whose every unit failed, or that fails as a whole on its last attempt, is Failed. When a
/// heartbeat or progress write finds the job no longer ours (cancelled, or re-queued and claimed again) it stops and
/// removes its file; when the host stops it gives the job back to the queue.
/// </summary>
public sealed class ReportJobRunner(
    IServiceScopeFactory scopes, ReportJobStore store, ReportFiles files, IOptions<ReportJobOptions> options, ILogger<ReportJobRunner> logger)
{
    /// <summary>Unit errors kept on the job; the count of failed units goes on past it.</summary>
    public const int MaxUnitErrors = 100;

    private const string ReportSuffix = "-评估报告";

    public async Task RunAsync(ReportJobStore.Claim job, CancellationToken stopping)
    {
        var settings = options.Value;
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var heartbeat = KeepAliveAsync(job, TimeSpan.FromSeconds(settings.HeartbeatSeconds), lease);
        var progress = new Progress();
        string? partial = null;
        var clock = Stopwatch.StartNew();
        try
        {
            if (job.Kind != ReportJobKinds.EvaluationReports)
            {
                await store.FailAsync(job, $"未知的任务类型 {job.Kind}。Unknown job kind {job.Kind}.", 0, 0, [], lease.Token);
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == job.CampaignId)
                .OrderBy(cu => cu.Unit!.Code).Select(cu => new UnitEntry(cu.UnitId, cu.Unit!.Code, cu.Unit.Name)).ToListAsync(lease.Token);
            Hold(await store.StartAsync(job, units.Count, lease.Token), lease);
            logger.LogInformation("Report job {JobId} attempt {Attempt}: {Units} units of campaign {CampaignId}", job.Id, job.Attempt, units.Count, job.CampaignId);

            files.EnsureJobsFolder();
            foreach (var leftover in files.Leftovers(job.Id, job.Attempt))
            {
                File.Delete(leftover);
            }

            var resultPath = ReportFiles.ResultPath(job.Id, job.Attempt);
            var final = files.FullPath(resultPath);
            partial = final + ".partial";
            var renderer = scope.ServiceProvider.GetRequiredService<IUnitReportRenderer>();
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
                {
                    var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < units.Count; i++)
                    {
                        lease.Token.ThrowIfCancellationRequested();
                        await RenderAsync(renderer, job, units[i], zip, names, progress, lease.Token);
                        if ((i + 1) % settings.ProgressEvery == 0 && i + 1 < units.Count)
                        {
                            Hold(await store.ProgressAsync(job, progress.Done, progress.Failed, progress.Errors, lease.Token), lease);
                        }
                    }
                }

                // On the disk, central directory and all, before the rename and the row that name it as the result.
                file.Flush(flushToDisk: true);
            }

            if (units.Count > 0 && progress.Done == 0)
            {
                await store.FailAsync(job, "所有单位的文档均生成失败：" + progress.Errors[0].Message, progress.Done, progress.Failed, progress.Errors, lease.Token);
                logger.LogWarning("Report job {JobId} failed: no unit's document could be written", job.Id);
                return;
            }

            File.Move(partial, final, overwrite: true);
            partial = null;
            DurableFiles.FlushFolder(Path.GetDirectoryName(final)!);
            // Should this write fail, the zip stays: a file no job names is harmless, a job naming a removed file is not.
            if (await store.SucceedAsync(job, progress.Done, progress.Failed, progress.Errors, resultPath, new FileInfo(final).Length, lease.Token))
            {
                logger.LogInformation("Report job {JobId} succeeded: {Done} documents, {Failed} failed, in {Seconds:0.0} s ({Rate:0.0} per second)",
                    job.Id, progress.Done, progress.Failed, clock.Elapsed.TotalSeconds, (progress.Done + progress.Failed) / Math.Max(clock.Elapsed.TotalSeconds, 0.001));
            }
            else
            {
                // Cancelled (or taken over) after the last unit: the file is nobody's.
                File.Delete(final);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await Quietly(() => store.ReleaseAsync(job, "服务实例停止，任务已重新排队。The instance stopped; the job was re-queued.", CancellationToken.None));
            logger.LogInformation("Report job {JobId} given back to the queue: the host is stopping", job.Id);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested)
        {
            // Cancelled, or re-queued and claimed by another worker: the row is no longer this worker's to write.
            logger.LogInformation("Report job {JobId} attempt {Attempt} stopped: cancelled or taken over", job.Id, job.Attempt);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Report job {JobId} attempt {Attempt} failed", job.Id, job.Attempt);
            var message = $"任务执行出错：{e.Message}";
            await Quietly(() => job.Attempt < settings.MaxAttempts
                ? store.ReleaseAsync(job, message, CancellationToken.None)
                : store.FailAsync(job, message, progress.Done, progress.Failed, progress.Errors, CancellationToken.None));
        }
        finally
        {
            await lease.CancelAsync();
            await heartbeat;
            if (partial is not null && File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }

    private async Task RenderAsync(IUnitReportRenderer renderer, ReportJobStore.Claim job, UnitEntry unit, ZipArchive zip, HashSet<string> names,
        Progress progress, CancellationToken cancellationToken)
    {
        // Rendered in memory first: a renderer that fails half-way leaves no half entry in the zip.
        using var buffer = new MemoryStream();
        try
        {
            await renderer.RenderAsync(job.CampaignId, unit.Id, buffer, cancellationToken);
        }
        // The database away is no fault of the unit's: the attempt fails as a whole and the job is run again (listing
        // the units as failed would finish a job with documents missing for a passing outage).
        catch (Exception e) when ((e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && !DatabaseUnavailable.Is(e))
        {
            progress.Failed++;
            if (progress.Errors.Count < MaxUnitErrors)
            {
                progress.Errors.Add(new ReportJobUnitError(unit.Id, unit.Code, e.Message));
            }

            logger.LogWarning(e, "Report job {JobId}: the document of unit {UnitCode} failed", job.Id, unit.Code);
            return;
        }

        var entry = zip.CreateEntry(EntryName(unit.Code, unit.Name, names), CompressionLevel.Optimal);
        using (var stream = entry.Open())
        {
            buffer.Position = 0;
            buffer.CopyTo(stream);
        }

        progress.Done++;
    }

    /// <summary>Heartbeats until the job ends; when one finds the job no longer ours, cancels the lease.</summary>
    private async Task KeepAliveAsync(ReportJobStore.Claim job, TimeSpan interval, CancellationTokenSource lease)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, lease.Token);
                bool ours;
                try
                {
                    ours = await store.HeartbeatAsync(job, lease.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database away for a moment: try again; a longer outage makes the job stale and another worker re-runs it.
                    logger.LogWarning(e, "Report job {JobId}: heartbeat failed", job.Id);
                    continue;
                }

                if (!ours)
                {
                    await lease.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }

    /// <summary>Stops the job when a conditional write matched nothing: it was cancelled or taken over.</summary>
    private static void Hold(bool stillOurs, CancellationTokenSource lease)
    {
        if (!stillOurs)
        {
            lease.Cancel();
            lease.Token.ThrowIfCancellationRequested();
        }
    }

    private async Task Quietly(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e)
        {
            // The heartbeat stops with this attempt, so the job goes stale and is recovered by a worker later.
            logger.LogError(e, "Could not record the end of a report job");
        }
    }

    /// <summary>
    /// The unit's entry in the zip: 编码-名称-评估报告.docx, with every character a file system or an unzip tool could
    /// take for a path (separators, "..", drive colons, control characters) replaced, and a number added to a repeat.
    /// </summary>
    internal static string EntryName(string code, string name, ISet<string> used)
    {
        var stem = FileNames.Safe($"{code}-{name}", "unit") + ReportSuffix;
        var candidate = stem + ".docx";
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{stem}（{n}）.docx";
        }

        return candidate;
    }

    private sealed record UnitEntry(Guid Id, string Code, string Name);

    private sealed class Progress
    {
        public int Done { get; set; }

        public int Failed { get; set; }

        public List<ReportJobUnitError> Errors { get; } = [];
    }
}
