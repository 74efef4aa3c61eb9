using System.Diagnostics;
using Npgsql;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a free loopback port), for tests that stop
/// and start the server under the API. The server binaries come from PG_BIN (set by the test command) or the newest
/// /usr/lib/postgresql/*/bin. As root, the server tools run as the <c>postgres</c> user, as initdb requires.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string folder;
    private readonly string bin;

    private PostgresCluster(string folder, string bin, int port)
    {
        this.folder = folder;
        this.bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string DataFolder => Path.Combine(folder, "data");

    /// <summary>The connection string of <paramref name="database"/> on this cluster, as the API would be configured.</summary>
    public string ConnectionString(string database = "postgres", int maxPoolSize = 50) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size={maxPoolSize}";

    public static async Task<PostgresCluster> CreateAsync()
    {
        var bin = FindBin();
        var folder = Path.Combine(Path.GetTempPath(), "officeeval-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var cluster = new PostgresCluster(folder, bin, ApiProcess.FreePort());
        if (IsRoot)
        {
            await Run("chown", "-R", "postgres:postgres", folder);
        }

        await cluster.Tool("initdb", "-D", cluster.DataFolder, "--username=postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await cluster.StartAsync();
        return cluster;
    }

    public async Task StartAsync() =>
        await Tool("pg_ctl", "-D", DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    /// <summary>Stops the server (fast shutdown: sessions are ended, as in an outage).</summary>
    public async Task StopAsync() => await Tool("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            try
            {
                await Tool("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task Tool(string tool, params string[] arguments) =>
        IsRoot ? Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments]) : Run(Path.Combine(bin, tool), arguments);

    private static async Task Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static string FindBin()
    {
        var configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException("PostgreSQL server binaries not found: set PG_BIN or run the README's test command, which installs them.");
    }
}
