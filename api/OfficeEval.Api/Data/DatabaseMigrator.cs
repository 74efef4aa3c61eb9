using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace OfficeEval.Api.Data;

/// <summary>
/// Applies the versioned SQL scripts embedded from <c>Data/Migrations</c>, each once, in order, each in its own
/// transaction, recording version and checksum in <c>schema_migrations</c>. Holds a PostgreSQL advisory lock
/// meanwhile, so instances starting together apply each script exactly once.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>Advisory lock key shared by every instance ("OfficeEv" as bytes).</summary>
    public const long LockKey = 0x4f66666963654576;

    public static IReadOnlyList<(string Version, string Sql)> Scripts()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        const string prefix = "OfficeEval.Api.Data.Migrations.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Read(assembly, n)))];
    }

    /// <summary>Takes the start-up lock on <paramref name="connection"/>; released when the connection closes.</summary>
    public static async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies pending scripts; returns the versions applied now. The caller holds the lock.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var appliedNow = new List<string>();
        foreach (var (version, sql) in Scripts())
        {
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            if (applied.TryGetValue(version, out var recorded))
            {
                if (recorded != checksum)
                {
                    throw new InvalidOperationException($"Migration {version} was changed after it was applied; add a new migration instead.");
                }

                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, transaction, sql, cancellationToken);
            await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, checksum) VALUES (@v, @c)", connection, transaction))
            {
                record.Parameters.AddWithValue("v", version);
                record.Parameters.AddWithValue("c", checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            appliedNow.Add(version);
        }

        return appliedNow;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
