using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Audit;

/// <summary>
/// A migrated database with the audit classes on it, without the web host: entries are written by the same
/// AuditTrail and chain writer the endpoints use, and tampered with as a database superuser would.
/// </summary>
public sealed class AuditDatabase : IAsyncDisposable
{
    private AuditDatabase(TestDatabase database, ManualClock clock)
    {
        Database = database;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public ManualClock Clock { get; }

    public static async Task<AuditDatabase> CreateAsync(DateTimeOffset? now = null)
    {
        var database = await TestDatabase.CreateAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await DatabaseMigrator.MigrateAsync(connection, CancellationToken.None);
        return new AuditDatabase(database, new ManualClock(now ?? DateTimeOffset.UtcNow));
    }

    public AppDbContext NewContext() => new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(Database.ConnectionString).Options);

    /// <summary>Appends <paramref name="count"/> entries in one save (so several are staged together); returns the last seq.</summary>
    public async Task<long> AppendAsync(int count, string target = "test")
    {
        await using var db = NewContext();
        var trail = new AuditTrail(db, new HttpContextAccessor(), Clock);
        for (var i = 0; i < count; i++)
        {
            trail.Add(new AuditEvent(AuditActions.Exported, $"{target}/{i}") { ActorName = "tester", Data = new { i } });
        }

        await db.SaveChangesAsync();
        return await db.AuditEntries.MaxAsync(e => e.Seq);
    }

    public async Task<AuditVerification> VerifyAsync()
    {
        await using var db = NewContext();
        return await new AuditVerifier(db).VerifyAsync();
    }

    public async Task<AuditRetention.PurgeResult> PurgeAsync(DateTimeOffset cutoff, int retentionDays = 180)
    {
        await using var db = NewContext();
        var retention = new AuditRetention(db, new AuditTrail(db, new HttpContextAccessor(), Clock), new AuditVerifier(db), Clock,
            Options.Create(new OfficeEvalOptions { AuditRetentionDays = retentionDays }), NullLogger<AuditRetention>.Instance);
        return await retention.PurgeAsync(cutoff);
    }

    public async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = NewContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
    }

    /// <summary>Runs docs/audit-verify.sql: the first broken entry and why, or null when the chain is intact.</summary>
    public async Task<(long Seq, string Reason)?> OfflineCheckAsync()
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "audit-verify.sql"));
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>Runs SQL as the application's connection does, triggers on.</summary>
    public async Task<int> ExecuteAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs SQL as a superuser going around the guard triggers (session_replication_role = replica).</summary>
    public Task<int> TamperAsync(string sql, params NpgsqlParameter[] parameters) =>
        ExecuteAsync("SET session_replication_role = replica; " + sql, parameters);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
