using Microsoft.Extensions.Options;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// This instance's delivery worker: recovers deliveries whose worker died, claims the Pending one due first and
/// carries it out, or waits for one queued here or for the next poll. Every instance runs one; the claim's
/// <c>SKIP LOCKED</c> keeps two from carrying out the same delivery.
/// </summary>
internal sealed class GraphDeliveryWorker(
    GraphDeliveryStore store, GraphDeliveryRunner runner, GraphDeliverySignal signal, IOptionsMonitor<GraphOptions> options, ILogger<GraphDeliveryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Graph.Worker)
        {
            logger.LogInformation("Graph delivery worker is off in this instance ({Section}:Graph:Worker)", GraphOptions.Section);
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var current = options.CurrentValue;
            var poll = TimeSpan.FromSeconds(current.Graph.PollSeconds);
            try
            {
                if (!current.IsConfigured)
                {
                    // Queued deliveries wait, listed as Pending, until Graph is configured again.
                    await signal.WaitAsync(poll, stoppingToken);
                    continue;
                }

                foreach (var (id, status) in await store.RecoverStaleAsync(current.Graph.DeliveryAttempts, stoppingToken))
                {
                    logger.LogWarning("Graph delivery {DeliveryId}: its worker stopped responding; now {Status}", id, status);
                }

                var claim = await store.ClaimAsync(TimeSpan.FromSeconds(current.Graph.LeaseSeconds), stoppingToken);
                if (claim is null)
                {
                    await signal.WaitAsync(poll, stoppingToken);
                    continue;
                }

                await runner.RunAsync(claim, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (DatabaseUnavailable.Is(e))
                {
                    logger.LogWarning("Graph delivery worker: a round failed, the database is unavailable ({Reason}); trying again in {Seconds} s",
                        e.GetBaseException().Message, poll.TotalSeconds);
                }
                else
                {
                    logger.LogError(e, "Graph delivery worker: a round failed");
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
