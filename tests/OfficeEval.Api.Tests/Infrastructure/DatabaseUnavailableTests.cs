using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Tests.Infrastructure;

/// <summary>
/// Which failures are the database away (503 with Retry-After, retried by workers and clients) and which are answers of
/// a running server (a bug or a 4xx). The outage itself is driven against a real server in the reliability tests.
/// </summary>
public sealed class DatabaseUnavailableTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)] // 57P01: fast shutdown ends the session
    [InlineData(PostgresErrorCodes.CrashShutdown)] // 57P02
    [InlineData(PostgresErrorCodes.CannotConnectNow)] // 57P03: starting up, shutting down
    [InlineData(PostgresErrorCodes.ConnectionFailure)] // 08006
    [InlineData(PostgresErrorCodes.ConnectionException)] // 08000
    [InlineData(PostgresErrorCodes.TooManyConnections)] // 53300
    [InlineData(PostgresErrorCodes.SerializationFailure)] // 40001: transient, worth a retry
    public void Is_ServerStateOfConnection_True(string sqlState)
    {
        var fatal = new PostgresException("gone", "FATAL", "FATAL", sqlState);

        Assert.True(DatabaseUnavailable.Is(fatal));
        Assert.True(DatabaseUnavailable.Is(new DbUpdateException("save failed", fatal)));
        Assert.True(DatabaseUnavailable.Is(new InvalidOperationException("wrapped", fatal)));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.UndefinedTable)]
    [InlineData(PostgresErrorCodes.InvalidPassword)]
    [InlineData(PostgresErrorCodes.InvalidCatalogName)]
    public void Is_AnswerOfARunningServer_False(string sqlState)
    {
        var error = new PostgresException("no", "ERROR", "ERROR", sqlState);

        Assert.False(DatabaseUnavailable.Is(error));
        Assert.False(DatabaseUnavailable.Is(new DbUpdateException("save failed", error)));
    }

    [Fact]
    public void Is_NpgsqlFailingToReachTheServer_True()
    {
        Assert.True(DatabaseUnavailable.Is(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.True(DatabaseUnavailable.Is(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.True(DatabaseUnavailable.Is(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
        Assert.True(DatabaseUnavailable.Is(new AggregateException(new NpgsqlException("reset", new IOException()))));
    }

    [Fact]
    public void Is_OtherFailures_False()
    {
        Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("a bug")));
        Assert.False(DatabaseUnavailable.Is(new ObjectDisposedException("context")));
        Assert.False(DatabaseUnavailable.Is(new DbUpdateConcurrencyException("stale")));
        Assert.False(DatabaseUnavailable.Is(null));
        // Another service's timeout or network error (Microsoft Graph) is not the database's.
        Assert.False(DatabaseUnavailable.Is(new TimeoutException("Graph did not answer within 100 s.")));
        Assert.False(DatabaseUnavailable.Is(new HttpRequestException("reset", new IOException())));
        Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("wrapped", new TimeoutException())));
    }
}
