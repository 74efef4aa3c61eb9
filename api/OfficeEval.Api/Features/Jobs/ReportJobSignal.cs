using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Jobs;

/// <summary>Wakes this instance's idle report job workers when a job is queued here.</summary>
public sealed class ReportJobSignal : WorkSignal
{
    public void JobQueued() => Queued();
}
