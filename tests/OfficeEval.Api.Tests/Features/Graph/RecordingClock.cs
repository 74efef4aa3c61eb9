using System.Collections.Concurrent;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>
/// The clock the Graph retry handler waits on, for tests: every wait it asks for is recorded and then made at once, so
/// a test asserts the delays asked for (Retry-After, backoff) without waiting them or measuring time. Its "now" can be
/// pinned, so a Retry-After date gives an exact delay.
/// </summary>
public sealed class RecordingClock : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public DateTimeOffset? PinnedNow { get; set; }

    public override DateTimeOffset GetUtcNow() => PinnedNow ?? System.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Waits.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }

    public void Reset()
    {
        Waits.Clear();
        PinnedNow = null;
    }
}
