using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Reliability.Tests.Support;

namespace OfficeEval.Reliability.Tests;

/// <summary>
/// Keeps benchmarks/load/run.sh working: the script itself, on a throwaway database, with a few clients for a few
/// seconds per scenario. No timing is asserted (the figures are the script's business and docs/reliability.md's);
/// what must hold is that it runs every scenario end to end and that not one request failed — every validate
/// answered 200, every save-draft 200 with a new ETag (no 412: each client keeps its own unit and revision) — and that
/// the database's floor (pgbench with the same statements) ran without a failed transaction.
/// </summary>
public sealed partial class LoadScriptTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_load_script_runs_every_scenario_without_a_failed_request()
    {
        await using var database = await TestDatabase.CreateAsync();
        var results = Path.Combine(Path.GetTempPath(), $"officeeval-load-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, output) = await RunAsync(database, results);
            Assert.True(exitCode == 0, $"benchmarks/load/run.sh exited with {exitCode}:\n{output}");
            Assert.True(File.Exists(results), $"run.sh wrote no results to {results}:\n{output}");

            var report = JsonNode.Parse(await File.ReadAllTextAsync(results))!;
            Assert.False(report["failed"]!.GetValue<bool>(), $"run.sh reports failures: {report["problems"]}\n{output}");
            var scenarios = report["scenarios"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!);
            Assert.Equal(new[] { "ceiling", "validate", "save-draft" }, scenarios.Keys);
            foreach (var (name, scenario) in scenarios)
            {
                Assert.True(scenario["requests"]!.GetValue<int>() > 0, $"{name}: no request completed\n{output}");
                var statuses = scenario["statuses"]!.AsObject().Select(s => s.Key).ToList();
                Assert.True(statuses.SequenceEqual(new[] { "200" }), $"{name}: statuses {scenario["statuses"]}\n{output}");
                Assert.Equal(0, scenario["unchanged"]!.GetValue<int>());
                foreach (var kind in new[] { "connect", "read", "write", "timeout" })
                {
                    Assert.True(scenario["errors"]![kind]!.GetValue<int>() == 0, $"{name}: {kind} errors {scenario["errors"]}\n{output}");
                }

                Assert.NotNull(scenario["latency"]!["p95"]);
                Assert.True(scenario["ratioToCeiling"] is not null, $"{name}: no ratio to the ceiling");
            }

            // The database's floor: pgbench ran both scripts against the prepared units without one failed transaction.
            var floors = report["floors"]!.AsArray();
            if (OwnsDatabase(new NpgsqlConnectionStringBuilder(database.ConnectionString)))
            {
                Assert.Equal(new[] { "floor-read", "floor-write" }, floors.Select(f => f!["name"]!.GetValue<string>()));
                foreach (var floor in floors)
                {
                    Assert.True(floor!["transactions"]!.GetValue<int>() > 0, $"{floor["name"]}: no transaction\n{output}");
                    Assert.Equal(0, floor["failed"]!.GetValue<int>());
                    Assert.True(floor["latency"]!["p95"]!.GetValue<int>() > 0, $"{floor["name"]}: no latency\n{output}");
                }
            }
            else
            {
                Assert.Empty(floors);
            }
        }
        finally
        {
            File.Delete(results);
        }
    }

    /// <summary>The script can use the test server itself (user postgres, no password, on this machine), as BENCH_PG_PORT.</summary>
    private static bool OwnsDatabase(NpgsqlConnectionStringBuilder server) =>
        server.Host is "127.0.0.1" or "localhost" && server.Username == "postgres" && string.IsNullOrEmpty(server.Password);

    /// <summary>Runs the script with 2 s per scenario and 4 clients against this database and the API built with the tests.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(TestDatabase database, string results)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Paths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Paths.Root, "benchmarks", "load", "run.sh"));
        start.ArgumentList.Add("2");
        start.ArgumentList.Add("4");
        start.Environment["LOAD_WARMUP"] = "1";
        start.Environment["LOAD_THREADS"] = "2";
        start.Environment["LOAD_JSON"] = results;
        start.Environment["LOAD_API_DLL"] = Paths.ApiAssembly;
        // The script makes its own database on the test server (and its floor needs the server), as it does on a
        // server given with BENCH_PG_PORT; a server that needs a password is given as a connection string instead,
        // without the floor. The test database's own string turns pooling off (short-lived test hosts); a server
        // pools, as the API ships.
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        if (OwnsDatabase(server))
        {
            start.Environment["BENCH_PG_PORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["BENCH_POOL_SIZE"] = "20";
        }
        else
        {
            start.Environment["LOAD_CONNECTION_STRING"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true, MaxPoolSize = 20 }.ConnectionString;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM first: the script's trap stops the API it started; then whatever is left.
            _ = SendSignal(process.Id, 15);
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }

            Assert.Fail($"benchmarks/load/run.sh did not finish within {Limit.TotalMinutes} minutes:\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
