using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>What a script run printed and how it ended.</summary>
public sealed record ScriptResult(int ExitCode, string Output, string Errors, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";
}

/// <summary>
/// scripts/backup.sh and scripts/restore.sh run with bash as an operator would, with only the settings a test gives
/// (the database as the API's ConnectionStrings__Default, the files folder as OfficeEval__FilesPath); the client tools
/// come from PG_BIN when the environment has it. And the SQL a test compares databases with.
/// </summary>
public static class BackupScripts
{
    /// <summary>Runs <paramref name="script"/> (a file in scripts/); fails the test when it runs longer than three minutes.</summary>
    public static async Task<ScriptResult> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Paths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Paths.Scripts, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only what the test says: no connection or files setting of the machine running the tests leaks in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal) && k != "PG_BIN"
            || k is "ConnectionStrings__Default" or "OfficeEval__FilesPath" or "OFFICEEVAL_BACKUP_DIR").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {string.Join(' ', arguments)} did not finish within 3 minutes:\n{await errors}");
        }

        return new ScriptResult(process.ExitCode, await output, await errors, clock.Elapsed);
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Sha256(string file) => Sha256(File.ReadAllBytes(file));

    /// <summary>The files under <paramref name="folder"/>, relative to it with '/', each with its SHA-256.</summary>
    public static SortedDictionary<string, string> Files(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), Sha256), StringComparer.Ordinal);

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The rows of a query, each as its columns' text.</summary>
    public static async Task<List<string[]>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    /// <summary>The tables of the database's public schema.</summary>
    public static async Task<List<string>> TablesAsync(string connectionString) =>
        [.. (await RowsAsync(connectionString, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).Select(r => r[0])];

    /// <summary>A digest of a table's whole content (every row as text, in order), or of the rows <paramref name="where"/> selects.</summary>
    public static Task<string> DigestAsync(string connectionString, string table, string where = "true") =>
        ScalarAsync<string>(connectionString, $"SELECT coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') || ':' || count(*) FROM \"{table}\" t WHERE {where}");
}
