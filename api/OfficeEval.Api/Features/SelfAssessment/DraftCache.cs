using System.Collections.Concurrent;
using Npgsql;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>
/// What checking a draft reads — the unit's context and its draft with answers — kept in memory per unit, so that the
/// task pane's live checks (one per edit) cost no database round trip (docs/reliability.md, "Under load").
/// <para>
/// Kept coherent by the database itself: triggers (migration 0015) notify channel <see cref="Channel"/> of every change
/// to a draft, its answers or what it is checked against, in every instance; <see cref="DraftChangeListener"/> listens
/// and evicts. A copy is used only while the listener is connected: before it has subscribed, and from the moment its
/// connection fails until it has subscribed again, every check reads the database, and subscribing clears every copy
/// (notifications may have been missed meanwhile). Writes through this instance's HTTP API evict before their answer is
/// sent (<see cref="DraftCacheEviction"/>), so a client reads its own writes here; another instance's write is seen
/// once its notification arrives, after its commit.
/// </para>
/// <para>
/// A copy read from the database is stored only when nothing was evicted since the read began
/// (<see cref="Generation"/>): a read that raced a change and its notification never stores what the change replaced.
/// </para>
/// </summary>
public sealed class DraftCache
{
    public const string Channel = "officeeval_drafts";

    /// <summary>The notification payload that stands for every draft (a change to what drafts are checked against).</summary>
    public const string Everything = "*";

    /// <summary>Past this many units, the copies are dropped and the cache fills again from the units in use.</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<(Guid CampaignId, Guid UnitId), Entry> _entries = new();
    private readonly Lock _gate = new();
    private long _generation;
    private volatile bool _listening;

    /// <summary>A unit's context and its draft with answers (null before the first save), read-only and shared between requests.</summary>
    public sealed record Entry(UnitContext Context, SelfAssessmentRecord? Draft);

    /// <summary>Whether copies are used: only while the listener is subscribed.</summary>
    public bool IsListening => _listening;

    /// <summary>Counts evictions; read it before reading the database, and pass it to <see cref="Add"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _entries.Count;

    public Entry? Find(Guid campaignId, Guid unitId) =>
        _listening && _entries.TryGetValue((campaignId, unitId), out var entry) ? entry : null;

    /// <summary>Stores a copy read from the database, unless the listener is not subscribed or anything was evicted since <paramref name="generationBeforeRead"/>.</summary>
    public bool Add(Guid campaignId, Guid unitId, Entry entry, long generationBeforeRead)
    {
        lock (_gate)
        {
            if (!_listening || _generation != generationBeforeRead)
            {
                return false;
            }

            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

            _entries[(campaignId, unitId)] = entry;
            return true;
        }
    }

    /// <summary>The unit's draft changed (or may have).</summary>
    public void Evict(Guid campaignId, Guid unitId)
    {
        lock (_gate)
        {
            _generation++;
            _entries.TryRemove((campaignId, unitId), out _);
        }
    }

    /// <summary>Anything may have changed.</summary>
    public void EvictAll()
    {
        lock (_gate)
        {
            _generation++;
            _entries.Clear();
        }
    }

    /// <summary>The start of a listener's subscription probe (<see cref="DraftChangeListener"/>), which changes nothing.</summary>
    public const string ProbePrefix = "probe:";

    /// <summary>A notification's payload: "campaign/unit" evicts that unit; a probe nothing; anything else everything.</summary>
    public void Notified(string? payload)
    {
        if (payload?.StartsWith(ProbePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }

        var slash = payload?.IndexOf('/') ?? -1;
        if (slash > 0 && Guid.TryParse(payload.AsSpan(0, slash), out var campaignId) && Guid.TryParse(payload.AsSpan(slash + 1), out var unitId))
        {
            Evict(campaignId, unitId);
        }
        else
        {
            EvictAll();
        }
    }

    /// <summary>The listener subscribed (copies may be used from now) or lost its connection (no copy is used until it is back); either way all copies go.</summary>
    public void SetListening(bool listening)
    {
        lock (_gate)
        {
            _generation++;
            _entries.Clear();
            _listening = listening;
        }
    }
}

/// <summary>
/// Listens on <see cref="DraftCache.Channel"/> with a connection of its own and evicts what each notification names.
/// Subscribes at start-up and again after any failure (one warning line per outage, then every
/// <see cref="RetryDelay"/>), and proves each subscription with a notification of its own before the cache is used;
/// the cache is off while it is not subscribed. A keepalive every
/// <see cref="KeepAliveSeconds"/> s notices a connection that died silently.
/// </summary>
internal sealed class DraftChangeListener(DraftCache cache, IConfiguration configuration, ILogger<DraftChangeListener> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public const int KeepAliveSeconds = 5;

    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Default"))
        {
            Pooling = false,
            KeepAlive = KeepAliveSeconds,
            ApplicationName = "OfficeEval draft notifications",
        }.ConnectionString;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                var probe = DraftCache.ProbePrefix + Guid.NewGuid().ToString("N");
                var probed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                connection.Notification += (_, e) =>
                {
                    if (e.Payload == probe)
                    {
                        probed.TrySetResult();
                    }
                    else
                    {
                        cache.Notified(e.Payload);
                    }
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {DraftCache.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                await ProbeAsync(connection, connectionString, probe, probed.Task, stoppingToken);
                cache.SetListening(true);
                if (failing)
                {
                    logger.LogInformation("Draft change notifications: subscribed again; checks use in-memory drafts");
                    failing = false;
                }

                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                cache.SetListening(false);
                if (!failing)
                {
                    logger.LogWarning("Draft change notifications lost ({Reason}); checks read the database until subscribed again",
                        DatabaseUnavailable.Is(e) ? "database unavailable" : e.GetType().Name + ": " + e.Message);
                    failing = true;
                }

                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        cache.SetListening(false);
    }

    /// <summary>
    /// Proves the subscription before the cache relies on it: a notification sent from another connection must arrive.
    /// Through a pooler in transaction mode, where LISTEN receives nothing, it does not, and the cache stays off.
    /// </summary>
    private static async Task ProbeAsync(NpgsqlConnection listener, string connectionString, string probe, Task probed, CancellationToken cancellationToken)
    {
        await using (var sender = new NpgsqlConnection(connectionString))
        {
            await sender.OpenAsync(cancellationToken);
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", sender);
            notify.Parameters.AddWithValue("channel", DraftCache.Channel);
            notify.Parameters.AddWithValue("payload", probe);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        var deadline = DateTime.UtcNow + ProbeTimeout;
        while (!probed.IsCompleted)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await listener.WaitAsync(left, cancellationToken) && !probed.IsCompleted)
            {
                throw new InvalidOperationException(
                    $"a notification on {DraftCache.Channel} did not arrive within {ProbeTimeout.TotalSeconds} s (a pooler in transaction mode?)");
            }
        }
    }
}

/// <summary>
/// Marks an endpoint that changes no draft although its method is not GET (checking a draft is a POST), so that
/// <see cref="DraftCacheEviction"/> leaves the cache alone.
/// </summary>
public sealed class LeavesDraftsUnchanged
{
    public static readonly LeavesDraftsUnchanged Instance = new();
}

/// <summary>
/// Read-your-writes on this instance: a request that may change data (any method but GET, HEAD and OPTIONS, unless
/// marked <see cref="LeavesDraftsUnchanged"/>) evicts before its answer starts, after its transaction committed —
/// the unit named by its route, or everything when it names none. The database's notification follows for the other
/// instances.
/// </summary>
public sealed class DraftCacheEviction(RequestDelegate next, DraftCache cache)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<LeavesDraftsUnchanged>() is not null)
        {
            return next(http);
        }

        return EvictingAsync(http);
    }

    private async Task EvictingAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            Evict(http);
            return Task.CompletedTask;
        });
        try
        {
            await next(http);
        }
        finally
        {
            // Also when the answer never started (an exception, an aborted request): whatever committed is evicted.
            Evict(http);
        }
    }

    private void Evict(HttpContext http)
    {
        if (Guid.TryParse(http.GetRouteValue("campaignId")?.ToString(), out var campaignId)
            && Guid.TryParse(http.GetRouteValue("unitId")?.ToString(), out var unitId))
        {
            cache.Evict(campaignId, unitId);
        }
        else
        {
            cache.EvictAll();
        }
    }
}

public static class DraftCacheSetup
{
    public static IServiceCollection AddDraftCache(this IServiceCollection services)
    {
        services.AddSingleton<DraftCache>();
        services.AddHostedService<DraftChangeListener>();
        return services;
    }
}
