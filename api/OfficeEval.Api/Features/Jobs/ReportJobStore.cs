using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using OfficeEval.Api.Features.Frameworks;

namespace OfficeEval.Api.Features.Jobs;

/// <summary>
/// The worker's statements on <c>report_jobs</c>, each on its own connection (a job's heartbeat runs beside the
/// renderer, which uses the scope's DbContext). Times come from the database's clock, so instances whose clocks
/// disagree still agree on which heartbeat is stale. Every update of a claimed job is conditioned on its id, its
/// status Running and the attempt that claimed it: once a job is cancelled, or re-queued and claimed again, the old
/// worker's writes match nothing and it learns it must stop.
/// </summary>
public sealed class ReportJobStore(IConfiguration configuration) : IAsyncDisposable
{
    /// <summary>Commands from a data source open a connection to execute and close it when disposed.</summary>
    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(configuration.GetConnectionString("Default")
        ?? throw new InvalidOperationException("ConnectionStrings:Default is not configured."));

    /// <summary>A job a worker holds: its fencing token is <paramref name="Attempt"/>.</summary>
    public sealed record Claim(Guid Id, string Kind, Guid CampaignId, int Attempt);

    /// <summary>
    /// Claims the oldest queued job, or returns null. <c>FOR UPDATE SKIP LOCKED</c>: a job another worker is claiming
    /// at the same moment is skipped, not waited for, and under READ COMMITTED a job claimed and committed meanwhile
    /// fails the re-checked <c>status = 'Queued'</c>, so no two workers ever get the same job.
    /// </summary>
    public async Task<Claim?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("""
            UPDATE report_jobs
            SET status = 'Running', attempts = attempts + 1, started_at = now(), heartbeat_at = now(), finished_at = NULL,
                done = 0, failed = 0, unit_errors = '[]'
            WHERE id = (SELECT id FROM report_jobs WHERE status = 'Queued' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
              AND status = 'Queued'
            RETURNING id, kind, campaign_id, attempts
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Claim(reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetInt32(3))
            : null;
    }

    /// <summary>
    /// Running jobs whose heartbeat is older than <paramref name="staleAfter"/>: their worker died. Each goes back to
    /// the queue, or fails once it has been claimed <paramref name="maxAttempts"/> times.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, ReportJobStatus Status, int Attempts)>> RecoverStaleAsync(TimeSpan staleAfter, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("""
            UPDATE report_jobs
            SET status = CASE WHEN attempts >= @max THEN 'Failed' ELSE 'Queued' END,
                finished_at = CASE WHEN attempts >= @max THEN now() END,
                error = CASE WHEN attempts >= @max THEN @gaveUp ELSE @lost END,
                heartbeat_at = NULL
            WHERE status = 'Running' AND heartbeat_at < now() - @stale * interval '1 second'
            RETURNING id, status, attempts
            """);
        command.Parameters.AddWithValue("max", maxAttempts);
        command.Parameters.AddWithValue("stale", staleAfter.TotalSeconds);
        command.Parameters.AddWithValue("lost", "上次执行的服务实例无响应，任务已重新排队。The worker running the job stopped responding; the job was re-queued.");
        command.Parameters.AddWithValue("gaveUp", $"任务已执行 {maxAttempts} 次仍未完成，已停止重试。The job was attempted {maxAttempts} times without finishing; it is not retried again.");
        var recovered = new List<(Guid, ReportJobStatus, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recovered.Add((reader.GetGuid(0), Enum.Parse<ReportJobStatus>(reader.GetString(1)), reader.GetInt32(2)));
        }

        return recovered;
    }

    /// <summary>Records the job's size; false when the claim was lost.</summary>
    public Task<bool> StartAsync(Claim job, int total, CancellationToken cancellationToken) =>
        UpdateAsync(job, "total = @total, heartbeat_at = now()", cancellationToken, ("total", total));

    /// <summary>Keeps the claim alive; false when the job was cancelled or taken over.</summary>
    public Task<bool> HeartbeatAsync(Claim job, CancellationToken cancellationToken) =>
        UpdateAsync(job, "heartbeat_at = now()", cancellationToken);

    public Task<bool> ProgressAsync(Claim job, int done, int failed, IReadOnlyList<ReportJobUnitError> errors, CancellationToken cancellationToken) =>
        UpdateAsync(job, "done = @done, failed = @failed, unit_errors = @errors, heartbeat_at = now()", cancellationToken,
            ("done", done), ("failed", failed), ("errors", Json(errors)));

    public Task<bool> SucceedAsync(Claim job, int done, int failed, IReadOnlyList<ReportJobUnitError> errors, string resultPath, long resultBytes, CancellationToken cancellationToken) =>
        UpdateAsync(job, """
            status = 'Succeeded', done = @done, failed = @failed, unit_errors = @errors, result_path = @path, result_bytes = @bytes,
            error = NULL, finished_at = now(), heartbeat_at = now()
            """, cancellationToken, ("done", done), ("failed", failed), ("errors", Json(errors)), ("path", resultPath), ("bytes", resultBytes));

    public Task<bool> FailAsync(Claim job, string error, int done, int failed, IReadOnlyList<ReportJobUnitError> errors, CancellationToken cancellationToken) =>
        UpdateAsync(job, "status = 'Failed', error = @error, done = @done, failed = @failed, unit_errors = @errors, finished_at = now(), heartbeat_at = now()",
            cancellationToken, ("error", Truncate(error)), ("done", done), ("failed", failed), ("errors", Json(errors)));

    /// <summary>Gives the job back to the queue at once (the host is stopping), without waiting for its heartbeat to go stale.</summary>
    public Task<bool> ReleaseAsync(Claim job, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(job, "status = 'Queued', error = @error, heartbeat_at = NULL", cancellationToken, ("error", Truncate(reason)));

    private async Task<bool> UpdateAsync(Claim job, string set, CancellationToken cancellationToken, params (string Name, object Value)[] values)
    {
        await using var command = _database.CreateCommand($"UPDATE report_jobs SET {set} WHERE id = @id AND attempts = @attempt AND status = 'Running'");
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("attempt", job.Attempt);
        foreach (var (name, value) in values)
        {
            command.Parameters.Add(value is JsonText json
                ? new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json.Text }
                : new NpgsqlParameter(name, value));
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>As the EF column stores it (<see cref="FrameworkRecord.Json"/>), so the job reads back the same list.</summary>
    private static JsonText Json(IReadOnlyList<ReportJobUnitError> errors) => new(JsonSerializer.Serialize(errors, FrameworkRecord.Json));

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000];

    private sealed record JsonText(string Text);
}
