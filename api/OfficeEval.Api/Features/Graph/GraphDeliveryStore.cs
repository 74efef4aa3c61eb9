using Npgsql;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// The worker's statements on <c>graph_deliveries</c>, as <see cref="Jobs.ReportJobStore"/> does for report jobs: each on
/// its own connection, times from the database's clock (instances whose clocks disagree still agree on what is due),
/// and every write of a claimed delivery conditioned on its id, status Running and the attempt that claimed it, so a
/// worker whose claim lapsed and was taken over writes nothing.
/// </summary>
public sealed class GraphDeliveryStore(IConfiguration configuration) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(configuration.GetConnectionString("Default")
        ?? throw new InvalidOperationException("ConnectionStrings:Default is not configured."));

    /// <summary>A delivery a worker holds: its fencing token is <paramref name="Attempt"/>.</summary>
    public sealed record Claim(Guid Id, string Kind, string Payload, int Attempt, Guid CreatedBy, Guid? CampaignId, Guid? UnitId, string Target);

    /// <summary>
    /// Claims the Pending delivery due first, for <paramref name="lease"/>, or returns null. <c>FOR UPDATE SKIP LOCKED</c>
    /// skips a row another worker is claiming, and the re-checked <c>status = 'Pending'</c> refuses one claimed meanwhile.
    /// </summary>
    public async Task<Claim?> ClaimAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("""
            UPDATE graph_deliveries
            SET status = 'Running', attempts = attempts + 1, locked_until = now() + @lease * interval '1 second'
            WHERE id = (SELECT id FROM graph_deliveries WHERE status = 'Pending' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
              AND status = 'Pending'
            RETURNING id, kind, payload::text, attempts, created_by, campaign_id, unit_id, target
            """);
        command.Parameters.AddWithValue("lease", lease.TotalSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Claim(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.GetString(7))
            : null;
    }

    /// <summary>
    /// Running deliveries whose lease lapsed: their worker died. Each goes back to Pending, due now, or fails once it
    /// has been claimed <paramref name="maxAttempts"/> times.
    /// </summary>
    public async Task<IReadOnlyList<(Guid Id, GraphDeliveryStatus Status)>> RecoverStaleAsync(int maxAttempts, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("""
            UPDATE graph_deliveries
            SET status = CASE WHEN attempts >= @max THEN 'Failed' ELSE 'Pending' END,
                finished_at = CASE WHEN attempts >= @max THEN now() END,
                next_attempt_at = now(), locked_until = NULL,
                last_error = CASE WHEN attempts >= @max THEN @gaveUp ELSE @lost END
            WHERE status = 'Running' AND locked_until < now()
            RETURNING id, status
            """);
        command.Parameters.AddWithValue("max", maxAttempts);
        command.Parameters.AddWithValue("lost", "上次执行的服务实例无响应，已重新排队。The worker carrying it out stopped responding; it was queued again.");
        command.Parameters.AddWithValue("gaveUp", $"已尝试 {maxAttempts} 次，执行的服务实例无响应。Attempted {maxAttempts} times; the worker carrying it out stopped responding.");
        var recovered = new List<(Guid, GraphDeliveryStatus)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recovered.Add((reader.GetGuid(0), Enum.Parse<GraphDeliveryStatus>(reader.GetString(1))));
        }

        return recovered;
    }

    /// <summary>Keeps the claim for another <paramref name="lease"/>; false when it is no longer this worker's.</summary>
    public Task<bool> ExtendAsync(Claim claim, TimeSpan lease, CancellationToken cancellationToken) =>
        UpdateAsync(claim, "locked_until = now() + @lease * interval '1 second'", cancellationToken, ("lease", lease.TotalSeconds));

    public Task<bool> SucceedAsync(Claim claim, string? resultUrl, CancellationToken cancellationToken) =>
        UpdateAsync(claim, "status = 'Succeeded', result_url = @url, last_error = NULL, finished_at = now(), locked_until = NULL", cancellationToken,
            ("url", (object?)Truncate(resultUrl, 2000) ?? DBNull.Value));

    /// <summary>Back to Pending, due after <paramref name="delay"/>, with what went wrong.</summary>
    public Task<bool> RetryLaterAsync(Claim claim, string error, TimeSpan delay, CancellationToken cancellationToken) =>
        UpdateAsync(claim, "status = 'Pending', last_error = @error, next_attempt_at = now() + @delay * interval '1 second', locked_until = NULL",
            cancellationToken, ("error", Truncate(error, 4000)!), ("delay", delay.TotalSeconds));

    /// <summary>Failed for good: stays listed with its error until the office retries it.</summary>
    public Task<bool> FailAsync(Claim claim, string error, CancellationToken cancellationToken) =>
        UpdateAsync(claim, "status = 'Failed', last_error = @error, finished_at = now(), locked_until = NULL", cancellationToken, ("error", Truncate(error, 4000)!));

    /// <summary>Gives the delivery back at once, due now (the host is stopping).</summary>
    public Task<bool> ReleaseAsync(Claim claim, CancellationToken cancellationToken) =>
        UpdateAsync(claim, "status = 'Pending', next_attempt_at = now(), locked_until = NULL", cancellationToken);

    private async Task<bool> UpdateAsync(Claim claim, string set, CancellationToken cancellationToken, params (string Name, object Value)[] values)
    {
        await using var command = _database.CreateCommand($"UPDATE graph_deliveries SET {set} WHERE id = @id AND attempts = @attempt AND status = 'Running'");
        command.Parameters.AddWithValue("id", claim.Id);
        command.Parameters.AddWithValue("attempt", claim.Attempt);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
