using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_FourConcurrentStarts_EachScriptAppliedOnce()
    {
        await using var database = await TestDatabase.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await DatabaseMigrator.LockAsync(connection, CancellationToken.None);
            return await DatabaseMigrator.MigrateAsync(connection, CancellationToken.None);
        })));

        var scripts = DatabaseMigrator.Scripts();
        Assert.Equal(scripts.Select(s => s.Version), runs.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Equal(scripts.Count, await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Migrate_AppliedScriptChangedSinceThen_Refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await DatabaseMigrator.MigrateAsync(connection, CancellationToken.None);
        await database.ScalarAsync<int>("UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001_initial' RETURNING 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseMigrator.MigrateAsync(connection, CancellationToken.None));

        Assert.Contains("0001_initial", error.Message);
    }

    [Fact]
    public async Task Schema_AfterMigrations_MatchesTheModel()
    {
        await using var migrated = await TestDatabase.CreateAsync();
        await using var fromModel = await TestDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(migrated.ConnectionString))
        {
            await connection.OpenAsync();
            await DatabaseMigrator.MigrateAsync(connection, CancellationToken.None);
        }

        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(fromModel.ConnectionString).Options))
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var expected = await Columns(fromModel);
        var actual = await Columns(migrated);
        Assert.Equal(expected, actual.Where(c => !c.StartsWith("schema_migrations.", StringComparison.Ordinal)).ToList());
        Assert.Equal(await Constraints(fromModel), await Constraints(migrated));
    }

    [Fact]
    public async Task Startup_TwoInstancesOnOneEmptyDatabase_BothServeAndSeedOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = new ApiInstance(database);
        await using var second = new ApiInstance(database);

        var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));

        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }

        Assert.Equal(4L, await database.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM campaigns"));
        Assert.Equal((long)typeof(AppDbContext).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal)),
            await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    private static async Task<List<string>> Columns(TestDatabase database) => await Query(database, """
        SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
               coalesce(character_maximum_length::text, '') || ' ' || coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '')
        FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1
        """);

    private static async Task<List<string>> Constraints(TestDatabase database) => await Query(database, """
        SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
        UNION ALL
        SELECT tablename || ' ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
        ORDER BY 1
        """);

    private static async Task<List<string>> Query(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
