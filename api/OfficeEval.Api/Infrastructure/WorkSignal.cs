namespace OfficeEval.Api.Infrastructure;

/// <summary>
/// Wakes this instance's idle workers of one queue when work is queued here, so they need not wait for their next
/// poll. Workers of other instances find the work at their next poll. One subclass (one singleton) per queue.
/// </summary>
public abstract class WorkSignal
{
    private readonly SemaphoreSlim _queued = new(0, int.MaxValue);

    public void Queued() => _queued.Release();

    /// <summary>Waits for work queued on this instance or for <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _queued.WaitAsync(timeout, cancellationToken);
}
