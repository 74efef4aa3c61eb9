using System.Net;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// Retries a Graph request that may succeed later: 429 and 503 after Graph's Retry-After (seconds or a date), 408,
/// other 5xx and network errors or timeouts after an exponential backoff with jitter. At most
/// <see cref="GraphSettings.RequestAttempts"/> tries and <see cref="GraphSettings.RequestRetryBudgetSeconds"/> of waiting
/// in all; a wait beyond the budget is not made and the last response goes back to the caller (the outbox then puts the
/// delivery back until Graph allows). Never retries another 4xx. Requests are sent again as they are, so their
/// content must be buffered (the Graph client sends bytes, never a one-way stream).
/// </summary>
/// <remarks>Waits are timers of the <see cref="GraphSetup.RetryClock"/> time provider, so tests see every wait asked for.</remarks>
public sealed class GraphRetryHandler(IOptionsMonitor<GraphOptions> options, [FromKeyedServices(GraphSetup.RetryClock)] TimeProvider clock, ILogger<GraphRetryHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Graph;
        var attempts = Math.Max(1, settings.RequestAttempts);
        var budget = TimeSpan.FromSeconds(settings.RequestRetryBudgetSeconds);
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(settings.RequestTimeoutSeconds));
                try
                {
                    response = await base.SendAsync(request, timeout.Token);
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException($"Graph did not answer within {settings.RequestTimeoutSeconds} s.", e);
                }
            }

            if (response is not null && !GraphException.IsTransient(response.StatusCode))
            {
                return response;
            }

            var delay = response is not null && RetryAfter(response, clock) is { } asked ? asked : Backoff(settings.RequestRetrySeconds, attempt);
            if (attempt >= attempts || waited + delay > budget)
            {
                if (response is not null)
                {
                    return response;
                }

                throw failure is TimeoutException
                    ? new GraphException(null, "timeout", failure.Message, transient: true, inner: failure)
                    : new GraphException(null, "network_error", failure!.Message, transient: true, inner: failure);
            }

            logger.LogWarning(failure, "Graph {Method} {Path}: {Outcome} on try {Attempt} of {Attempts}; trying again in {Delay} ms",
                request.Method, request.RequestUri?.AbsolutePath, response is null ? "no answer" : (int)response.StatusCode, attempt, attempts, (long)delay.TotalMilliseconds);
            response?.Dispose();
            await Task.Delay(delay, clock, cancellationToken);
            waited += delay;
        }
    }

    /// <summary>Graph's Retry-After on a 429 or 503: seconds, or a date (from <paramref name="clock"/>'s now); null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var delay = header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : (TimeSpan?)null);
        return delay is { } d ? (d < TimeSpan.Zero ? TimeSpan.Zero : d) : null;
    }

    /// <summary>
    /// The wait before try <paramref name="attempt"/> + 1: <paramref name="baseSeconds"/> doubled per try, capped at a
    /// minute, then "equal jitter" (half fixed, half random) so clients that failed together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(double baseSeconds, int attempt, double capSeconds = 60)
    {
        var full = Math.Min(capSeconds, baseSeconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromSeconds(full / 2 + (Random.Shared.NextDouble() * full / 2));
    }
}
