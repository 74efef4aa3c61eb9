using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OfficeEval.Api.Infrastructure;

/// <summary>
/// Tells a failure to reach PostgreSQL (the server stopped, restarting, refusing connections, the network or the pool
/// timing out) from an answer of a running server (a constraint, a bad query). The first is answered 503 with
/// Retry-After and retried by workers and clients; the second is a bug or a 4xx.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>Seconds a client is asked to wait (Retry-After) before it tries again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// Whether <paramref name="exception"/> says the database cannot be reached now: an Npgsql failure, also as EF Core
    /// wraps it (a <c>DbUpdateException</c> on save, an <c>InvalidOperationException</c> elsewhere). Timeouts and network
    /// errors of anything else (Microsoft Graph) are not the database's.
    /// </summary>
    public static bool Is(Exception? exception) => exception switch
    {
        // An answer of the server: only those about the connection or a passing condition count.
        PostgresException postgres => IsUnavailable(postgres),
        // Npgsql failing to reach the server or losing it mid-request: refused, reset, end of stream, a connect or
        // command timeout, the pool exhausted for the connect timeout.
        NpgsqlException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        DbUpdateException or InvalidOperationException => Is(exception.InnerException),
        _ => false,
    };

    private static bool IsUnavailable(PostgresException postgres) =>
        postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || postgres.SqlState is PostgresErrorCodes.AdminShutdown // 57P01: the server is shutting down (fast shutdown ends sessions)
            or PostgresErrorCodes.CrashShutdown // 57P02
            or PostgresErrorCodes.CannotConnectNow // 57P03: starting up or shutting down
            or PostgresErrorCodes.TooManyConnections // 53300
        // What Npgsql deems worth retrying: serialization failures, deadlocks, lock timeouts, resource shortages.
        || postgres.IsTransient;
}
