using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Audit;

/// <summary>
/// Runs <see cref="AuditRetention.PurgeDueAsync"/> a minute after start-up and then once a day. Every instance runs it;
/// the chain's lock makes the second one find nothing left to remove. Each run also logs the chain's head (seq and
/// hash), so the application log, kept apart from the database, holds an anchor that shows entries removed from the
/// end of the chain.
/// </summary>
internal sealed class AuditRetentionService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuditRetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRun, clock, stoppingToken);
            while (true)
            {
                await RunOnceAsync(stoppingToken);
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditRetention>().PurgeDueAsync(cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Seq).Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            if (head is not null)
            {
                logger.LogInformation("Audit chain head: entry {Seq}, hash {Hash}", head.Seq, head.Hash);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failed run (the database away, a broken chain) must not stop the host; the next day tries again.
            logger.LogError(e, "Audit retention run failed");
        }
    }
}
