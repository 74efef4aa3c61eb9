using Npgsql;

namespace OfficeEval.Api.Tests.Support;

/// <summary>
/// A throwaway database on the test PostgreSQL server named by OFFICEEVAL_TEST_DATABASE (set by the test command),
/// created for one test class and dropped after it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "OFFICEEVAL_TEST_DATABASE";

    private TestDatabase(string admin, string name)
    {
        Admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Admin { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>OfficeEval:FilesPath of the instances on this database: a temporary folder removed with the database.</summary>
    public string FilesFolder => Path.Combine(Path.GetTempPath(), "officeeval-test-files", Name);

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with the README's test command (scripts/test.sh), which starts a PostgreSQL server for them.");
        }

        var database = new TestDatabase(admin, "oe_test_" + Guid.NewGuid().ToString("N")[..16]);
        await database.ExecuteAdminAsync($"CREATE DATABASE {database.Name} ENCODING 'UTF8' TEMPLATE template0");
        return database;
    }

    public async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(FilesFolder))
        {
            Directory.Delete(FilesFolder, recursive: true);
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
