using System.Text.Json.Nodes;
using Npgsql;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// What the checks after a restart read through: the API as the office (Admin) sees it, the database directly, and the
/// files folder. Problems are collected, so one check names everything wrong at once.
/// </summary>
public sealed class CrashCheck(CrashSession admin, NpgsqlDataSource database, string filesFolder, Kill after)
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> failures = new();

    /// <summary>What the checks found wrong (the clients check side by side).</summary>
    public IReadOnlyCollection<string> Failures => failures;

    public CrashSession Admin => admin;

    public string FilesFolder => filesFolder;

    /// <summary>The kill this check comes after.</summary>
    public Kill After => after;

    /// <summary>After which kill this check runs, for the failure messages.</summary>
    public string When => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"kill {after.Number}");

    public void Fail(string who, string message) => failures.Enqueue($"{who}: {message}");

    /// <summary>A read through the API; a failure (and null) when answered anything but 200.</summary>
    public async Task<CrashReply?> GetAsync(string who, string url)
    {
        var reply = await admin.GetAsync(url) ?? throw new CrashFailure($"{who}: the instance stopped answering while it was checked ({url}).");
        if (!reply.Ok)
        {
            Fail(who, $"GET {url} was answered {reply}");
            return null;
        }

        return reply;
    }

    public async Task<JsonNode?> GetJsonAsync(string who, string url) => (await GetAsync(who, url))?.Json;

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(sql, parameters), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Every row of <paramref name="sql"/>, each as its column values.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private NpgsqlCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
