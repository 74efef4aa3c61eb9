using Microsoft.Extensions.Options;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Jobs;

/// <summary>
/// This instance's worker: <see cref="ReportJobOptions.Concurrency"/> loops that each recover stale jobs, claim the
/// oldest queued job and run it, or wait for a job queued here or for the next poll. Every instance runs one; the
/// claim's <c>SKIP LOCKED</c> keeps them from running a job twice.
/// </summary>
internal sealed class ReportJobWorker(
    ReportJobStore store, ReportJobRunner runner, ReportJobSignal signal, ReportFiles files, IOptions<ReportJobOptions> options, ILogger<ReportJobWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.LogInformation("Report job worker is off in this instance ({Section}:Enabled)", ReportJobOptions.Section);
            return;
        }

        // Start-up goes on while the loops run.
        await Task.Yield();
        try
        {
            files.EnsureJobsFolder();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "The files folder {Folder} cannot be created; report jobs will fail until it can", files.Root);
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(_ => LoopAsync(settings, stoppingToken)));
    }

    private async Task LoopAsync(ReportJobOptions settings, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(settings.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (id, status, attempts) in await store.RecoverStaleAsync(TimeSpan.FromSeconds(settings.StaleAfterSeconds), settings.MaxAttempts, stoppingToken))
                {
                    logger.LogWarning("Report job {JobId} had no heartbeat for {Seconds} s after attempt {Attempts}: now {Status}", id, settings.StaleAfterSeconds, attempts, status);
                }

                var job = await store.ClaimAsync(stoppingToken);
                if (job is null)
                {
                    await signal.WaitAsync(poll, stoppingToken);
                    continue;
                }

                // Which instance took which job, for whoever reads the logs of several.
                logger.LogInformation("Report job {JobId} claimed by {Machine} (process {ProcessId}), attempt {Attempt}",
                    job.Id, Environment.MachineName, Environment.ProcessId, job.Attempt);
                await runner.RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away: log, wait a poll, try again; the host must not stop for it.
                if (DatabaseUnavailable.Is(e))
                {
                    logger.LogWarning("Report job worker: a round failed, the database is unavailable ({Reason}); trying again in {Seconds} s",
                        e.GetBaseException().Message, settings.PollSeconds);
                }
                else
                {
                    logger.LogError(e, "Report job worker: a round failed");
                }

                try
                {
                    await Task.Delay(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
