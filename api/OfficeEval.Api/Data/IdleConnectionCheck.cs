using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Data;

/// <summary>
/// Checks a pooled connection that sat idle for longer than <see cref="IdleBeforeCheck"/> before EF Core uses it. A
/// PostgreSQL restart ends every session, but a pool nobody used meanwhile still holds them, and the first command on
/// each would fail: the first requests after a quiet restart would get 503 although the server is back. The check is
/// one round trip (<c>SELECT 1</c>), made only after idleness, as HikariCP's alive-bypass window does; when it fails,
/// the pool is cleared and the connection opened anew, on the restarted server (or failing at once, for a 503, when it
/// is still down). A connection back in the pool within the window is used unchecked: under load nothing is added.
/// </summary>
public sealed class IdleConnectionCheck(TimeProvider clock, IConfiguration configuration) : DbConnectionInterceptor
{
    /// <summary>Idleness after which a pooled connection is checked before use.</summary>
    public static readonly TimeSpan IdleBeforeCheck = TimeSpan.FromMilliseconds(500);

    /// <summary>Npgsql closes connections idle for 5 minutes (Connection Idle Lifetime, 300 s): older entries are of closed ones.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private const int ForgetAfterCount = 1000;

    /// <summary>When each pooled connection (by its server process id) went back to the pool.</summary>
    private readonly ConcurrentDictionary<int, long> _returned = new();

    /// <summary>Without a pool every open is a new session: nothing to check.</summary>
    private readonly bool _pooling = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Default") ?? "").Pooling;

    private long _lastSweep;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Stale(connection) is { } npgsql && !Alive(npgsql))
        {
            Reopen(npgsql);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Stale(connection) is { } npgsql && !await AliveAsync(npgsql, cancellationToken))
        {
            await ReopenAsync(npgsql, cancellationToken);
        }
    }

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Returning(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Returning(connection);
        return ValueTask.FromResult(result);
    }

    private void Returning(DbConnection connection)
    {
        if (_pooling && connection is NpgsqlConnection { FullState: ConnectionState.Open } npgsql)
        {
            var now = clock.GetTimestamp();
            _returned[npgsql.ProcessID] = now;
            var lastSweep = Interlocked.Read(ref _lastSweep);
            if (_returned.Count > ForgetAfterCount && clock.GetElapsedTime(lastSweep, now) > ForgetAfter
                && Interlocked.CompareExchange(ref _lastSweep, now, lastSweep) == lastSweep)
            {
                // Connections the pool closed while idle are never rented again: forget them.
                foreach (var (processId, returned) in _returned)
                {
                    if (clock.GetElapsedTime(returned, now) > ForgetAfter)
                    {
                        _returned.TryRemove(processId, out _);
                    }
                }
            }
        }
    }

    /// <summary>The connection when it is a pooled one that was idle for longer than the window; a new one is not.</summary>
    private NpgsqlConnection? Stale(DbConnection connection) =>
        _pooling && connection is NpgsqlConnection { FullState: ConnectionState.Open } npgsql
        && _returned.TryRemove(npgsql.ProcessID, out var returned)
        && clock.GetElapsedTime(returned) > IdleBeforeCheck
            ? npgsql
            : null;

    private static bool Alive(NpgsqlConnection connection)
    {
        try
        {
            using var command = new NpgsqlCommand("SELECT 1", connection);
            command.ExecuteScalar();
            return true;
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            return false;
        }
    }

    private static async Task<bool> AliveAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (DatabaseUnavailable.Is(e))
        {
            return false;
        }
    }

    /// <summary>The server closed this session, and most likely every other idle one: they all go, and this one opens anew.</summary>
    private static void Reopen(NpgsqlConnection connection)
    {
        NpgsqlConnection.ClearPool(connection);
        connection.Close();
        connection.Open();
    }

    private static async Task ReopenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearPool(connection);
        await connection.CloseAsync();
        await connection.OpenAsync(cancellationToken);
    }
}
