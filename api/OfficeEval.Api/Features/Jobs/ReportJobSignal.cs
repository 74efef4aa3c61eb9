namespace OfficeEval.Api.Features.Jobs;

/// <summary>Wakes this instance's idle workers when a job is queued here, so they need not wait for their next poll.</summary>
public sealed class ReportJobSignal
{
    private readonly SemaphoreSlim _queued = new(0, int.MaxValue);

    public void JobQueued() => _queued.Release();

    /// <summary>Waits for a job queued on this instance or for <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _queued.WaitAsync(timeout, cancellationToken);
}
