namespace OfficeEval.Api.Tests.Features.Audit;

/// <summary>A clock the test sets; timers still run on real time, so nothing scheduled fires because the clock moved.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
