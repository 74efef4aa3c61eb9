using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// One request of the outage load: its kind, when it started and ended (on the load's clock), and what came back:
/// the status (0 when no response came: refused, reset or timed out), Retry-After, the media type and the problem
/// body's code and messages. <see cref="Success"/> says whether the status was one the kind expects from a working
/// API.
/// </summary>
public sealed record OutageSample(
    string Kind, bool NeedsDatabase, TimeSpan Started, TimeSpan Ended, int Status, bool Success,
    string? RetryAfter, string? MediaType, string? Code, string? MessageZh, string? MessageEn, string? Error)
{
    public TimeSpan Elapsed => Ended - Started;

    /// <summary>
    /// The API's answer while it cannot reach the database: 503 with Retry-After and a problem-details body with the
    /// code <c>server.database_unavailable</c> and messages in both languages. The readiness probe answers 503 with
    /// Retry-After and its own health report.
    /// </summary>
    public bool IsDatabaseUnavailable => Status == 503 && !string.IsNullOrEmpty(RetryAfter) && (Kind == OutageLoad.Ready
        || (MediaType == "application/problem+json" && Code == "server.database_unavailable"
            && !string.IsNullOrWhiteSpace(MessageZh) && !string.IsNullOrWhiteSpace(MessageEn)));

    public override string ToString() =>
        $"{Kind} at {Started.TotalSeconds:0.000}–{Ended.TotalSeconds:0.000} s: {(Status == 0 ? "no response" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}"
        + (Code is null ? "" : $" {Code}") + (RetryAfter is null ? "" : $" Retry-After {RetryAfter}") + (Error is null ? "" : $" ({Error})");
}

/// <summary>
/// Records requests against an API process on one clock: each is sent, timed and kept as an <see cref="OutageSample"/>
/// with its JSON body for the caller. Loops run until <see cref="StopAsync"/>; a request under way when the load stops is
/// finished, never cancelled, so that every request sent has its answer.
/// </summary>
public sealed class OutageLoad(Stopwatch clock) : IAsyncDisposable
{
    public const string Ready = "health-ready";

    private readonly ConcurrentQueue<OutageSample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public IReadOnlyCollection<OutageSample> Samples => _samples;

    public bool Stopping => _stop.IsCancellationRequested;

    public TimeSpan Now => clock.Elapsed;

    /// <summary>
    /// Sends one request and records it: <paramref name="needsDatabase"/> says whether the API must reach the database
    /// to answer it; <paramref name="success"/> lists the statuses that are a working API's answers.
    /// </summary>
    public async Task<(OutageSample Sample, JsonNode? Body)> SendAsync(
        string kind, bool needsDatabase, HttpClient client, Func<HttpRequestMessage> request, params int[] success)
    {
        var started = clock.Elapsed;
        OutageSample sample;
        JsonNode? body = null;
        try
        {
            using var message = request();
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType?.EndsWith("json", StringComparison.Ordinal) == true && text.Length > 0)
            {
                try
                {
                    body = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    // Kept as no body: the sample's media type and status tell what came.
                }
            }

            var problem = body as JsonObject;
            var status = (int)response.StatusCode;
            sample = new OutageSample(kind, needsDatabase, started, clock.Elapsed, status, success.Contains(status),
                response.Headers.RetryAfter?.ToString(), mediaType,
                Text(problem?["code"]), Text(problem?["messageZh"]), Text(problem?["messageEn"]), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            sample = new OutageSample(kind, needsDatabase, started, clock.Elapsed, 0, false, null, null, null, null, null,
                $"{e.GetType().Name}: {e.Message}");
        }

        _samples.Enqueue(sample);
        return (sample, body);
    }

    /// <summary>Runs <paramref name="step"/> again and again, <paramref name="pause"/> apart, until the load stops.</summary>
    public void Loop(Func<Task> step, TimeSpan pause) => _loops.Add(Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            await step();
            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }));

    /// <summary>Ends every loop after its current request and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    /// <summary>Stops the loops, also when a test fails half-way: none keeps sending into the next test.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>Waits until <paramref name="condition"/> holds on the samples so far; false when <paramref name="within"/> passes first.</summary>
    public async Task<bool> WaitUntilAsync(Func<IReadOnlyCollection<OutageSample>, bool> condition, TimeSpan within)
    {
        var deadline = clock.Elapsed + within;
        while (clock.Elapsed < deadline)
        {
            if (condition(_samples))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition(_samples);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
