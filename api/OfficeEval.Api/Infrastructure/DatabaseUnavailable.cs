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
    /// Whether <paramref name="exception"/> (or what it wraps: EF Core wraps what Npgsql throws, in a
    /// <c>DbUpdateException</c> on save or an <c>InvalidOperationException</c>) says the database cannot be reached now.
    /// </summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // An answer of the server: only those about the connection or a passing condition count.
                case PostgresException postgres:
                    return IsUnavailable(postgres);
                // Npgsql failing to reach the server or losing it mid-request: refused, reset, end of stream, a
                // connect or command timeout, the pool exhausted for the connect timeout.
                case NpgsqlException:
                    return true;
                case TimeoutException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(Is);
            }
        }

        return false;
    }

    private static bool IsUnavailable(PostgresException postgres) =>
        postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || postgres.SqlState is PostgresErrorCodes.AdminShutdown // 57P01: the server is shutting down (fast shutdown ends sessions)
            or PostgresErrorCodes.CrashShutdown // 57P02
            or PostgresErrorCodes.CannotConnectNow // 57P03: starting up or shutting down
            or PostgresErrorCodes.TooManyConnections // 53300
        // What Npgsql deems worth retrying: serialization failures, deadlocks, lock timeouts, resource shortages.
        || postgres.IsTransient;
}
