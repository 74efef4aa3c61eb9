namespace OfficeEval.Api.Features.Jobs;

/// <summary>The <c>OfficeEval:Jobs</c> configuration section: how each instance's worker runs report jobs.</summary>
public sealed class ReportJobOptions
{
    public const string Section = "OfficeEval:Jobs";

    /// <summary>Run the worker in this instance (default true). An instance that only serves requests can turn it off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs this instance runs at once (default 1); each job renders its units one after another.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>Seconds an idle worker waits before looking for a queued job again (default 2); a job queued on this instance wakes it at once.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Seconds between a running job's heartbeats (default 10); each also tells the worker whether the job was cancelled.</summary>
    public double HeartbeatSeconds { get; set; } = 10;

    /// <summary>Seconds without a heartbeat after which a running job's worker is taken for dead and the job re-queued (default 120).</summary>
    public double StaleAfterSeconds { get; set; } = 120;

    /// <summary>Claims of a job before one more lost worker fails it instead of re-queuing it (default 3).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Units between two progress writes (default 10).</summary>
    public int ProgressEvery { get; set; } = 10;
}
