using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Jobs;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// Carries out one claimed delivery: uploads its file or sends its mail, then records the outcome. A failure that a
/// later try may cure (429, 5xx, network, the identity provider away) puts it back with a growing delay, or Graph's
/// Retry-After when longer, until <see cref="GraphSettings.DeliveryAttempts"/>; any other failure (403, a file gone)
/// fails it at once. A Failed delivery stays listed, with its error, for the office to retry. While it runs, the
/// claim's lease is renewed; when the host stops, the delivery is given back.
/// </summary>
public sealed class GraphDeliveryRunner(
    IServiceScopeFactory scopes, GraphDeliveryStore store, ReportFiles files, IOptionsMonitor<GraphOptions> options, ILogger<GraphDeliveryRunner> logger)
{
    /// <summary>The longest wait between two attempts of a delivery.</summary>
    public static readonly TimeSpan MaxDeliveryDelay = TimeSpan.FromHours(1);

    public async Task RunAsync(GraphDeliveryStore.Claim claim, CancellationToken stopping)
    {
        var settings = options.CurrentValue.Graph;
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var keepAlive = KeepAliveAsync(claim, TimeSpan.FromSeconds(settings.LeaseSeconds), held);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var graph = scope.ServiceProvider.GetRequiredService<IGraphClient>();
            var (resultUrl, cleanUp) = await CarryOutAsync(graph, claim, held.Token);
            if (await store.SucceedAsync(claim, resultUrl, CancellationToken.None))
            {
                logger.LogInformation("Graph delivery {DeliveryId} ({Kind}) succeeded on attempt {Attempt}: {Target}", claim.Id, claim.Kind, claim.Attempt, claim.Target);
                cleanUp?.Invoke();
                await AuditAsync(AuditActions.GraphDelivered, claim, new { claim.Kind, claim.Target, resultUrl, attempts = claim.Attempt });
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await Quietly(() => store.ReleaseAsync(claim, CancellationToken.None));
            logger.LogInformation("Graph delivery {DeliveryId} given back: the host is stopping", claim.Id);
        }
        catch (OperationCanceledException) when (held.IsCancellationRequested)
        {
            logger.LogWarning("Graph delivery {DeliveryId} attempt {Attempt} stopped: its claim lapsed and was taken over", claim.Id, claim.Attempt);
        }
        catch (Exception e)
        {
            await FailedAsync(claim, e, settings);
        }
        finally
        {
            await held.CancelAsync();
            await keepAlive;
        }
    }

    private async Task FailedAsync(GraphDeliveryStore.Claim claim, Exception e, GraphSettings settings)
    {
        var (error, transient, retryAfter) = e switch
        {
            GraphException g => (g.Describe(), g.Transient, g.RetryAfter),
            FileNotFoundException or DirectoryNotFoundException =>
                ("文件已不存在，无法发布：" + e.Message + " The file to publish no longer exists.", false, null),
            JsonException or InvalidDataException => ("任务内容无法读取。The delivery cannot be read: " + e.Message, false, null),
            // Anything else (the database or the files folder away for a moment) may pass.
            _ => (e.GetType().Name + ": " + e.Message, true, (TimeSpan?)null),
        };

        if (transient && claim.Attempt < settings.DeliveryAttempts)
        {
            var delay = GraphRetryHandler.Backoff(settings.DeliveryRetrySeconds, claim.Attempt, MaxDeliveryDelay.TotalSeconds);
            if (retryAfter > delay)
            {
                delay = retryAfter.Value;
            }

            logger.LogWarning(e, "Graph delivery {DeliveryId} attempt {Attempt} of {Attempts} failed; next in {Delay}: {Error}",
                claim.Id, claim.Attempt, settings.DeliveryAttempts, delay, error);
            await Quietly(() => store.RetryLaterAsync(claim, error, delay, CancellationToken.None));
            return;
        }

        logger.LogError(e, "Graph delivery {DeliveryId} ({Kind}) failed on attempt {Attempt}: {Error}", claim.Id, claim.Kind, claim.Attempt, error);
        await Quietly(async () =>
        {
            if (await store.FailAsync(claim, error, CancellationToken.None))
            {
                await AuditAsync(AuditActions.GraphDeliveryFailed, claim, new { claim.Kind, claim.Target, error, attempts = claim.Attempt, transient });
            }
        });
    }

    /// <summary>Does the work; returns the published file's web address and what to clean up once success is recorded.</summary>
    private async Task<(string? ResultUrl, Action? CleanUp)> CarryOutAsync(IGraphClient graph, GraphDeliveryStore.Claim claim, CancellationToken cancellationToken)
    {
        switch (claim.Kind)
        {
            case GraphDeliveryKinds.PublishReport or GraphDeliveryKinds.PublishWorkbook:
            {
                var file = Read<PublishFilePayload>(claim.Payload);
                var source = files.FullPath(file.Source);
                GraphDriveItem item;
                if (file.Entry is { } entryName)
                {
                    using var zip = ZipFile.OpenRead(source);
                    var entry = zip.GetEntry(entryName) ?? throw new FileNotFoundException($"{entryName} is not in {file.Source}.");
                    using var buffer = new MemoryStream();
                    await using (var stream = entry.Open())
                    {
                        await stream.CopyToAsync(buffer, cancellationToken);
                    }

                    buffer.Position = 0;
                    item = await graph.UploadAsync(file.Folder, file.FileName, buffer, cancellationToken);
                }
                else
                {
                    await using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
                    item = await graph.UploadAsync(file.Folder, file.FileName, stream, cancellationToken);
                }

                return (item.WebUrl, file.DeleteSourceAfter ? () => DeleteQuietly(source) : null);
            }

            case GraphDeliveryKinds.ReminderMail:
            {
                var mail = Read<ReminderMailPayload>(claim.Payload);
                await graph.SendMailAsync(mail.Sender, mail.To, mail.Cc, mail.Subject, mail.HtmlBody, cancellationToken);
                return (null, null);
            }

            default:
                throw new InvalidDataException($"Unknown delivery kind {claim.Kind}.");
        }
    }

    private static T Read<T>(string payload) => JsonSerializer.Deserialize<T>(payload, FrameworkRecord.Json) ?? throw new InvalidDataException("The payload is empty.");

    /// <summary>Renews the lease every third of it; when a renewal finds the claim gone, stops the attempt.</summary>
    private async Task KeepAliveAsync(GraphDeliveryStore.Claim claim, TimeSpan lease, CancellationTokenSource held)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, held.Token);
                bool ours;
                try
                {
                    ours = await store.ExtendAsync(claim, lease, held.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Graph delivery {DeliveryId}: renewing the claim failed", claim.Id);
                    continue;
                }

                if (!ours)
                {
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt ended.
        }
    }

    /// <summary>The outcome in the audit log: a file or mail leaving for Microsoft 365 is traceable like a download.</summary>
    private async Task AuditAsync(string action, GraphDeliveryStore.Claim claim, object data)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            await audit.RecordAsync(new AuditEvent(action, GraphDeliveryView.AuditTarget(claim.Id))
                { CampaignId = claim.CampaignId, UnitId = claim.UnitId, ActorName = "system:graph-delivery", Data = data });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Graph delivery {DeliveryId}: the audit entry {Action} could not be written", claim.Id, action);
        }
    }

    private void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "A published snapshot could not be removed: {Path}", path);
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
            // The lease then lapses and a worker recovers the delivery later.
            logger.LogError(e, "Could not record the outcome of a Graph delivery");
        }
    }
}
