namespace OfficeEval.Api.Features.Jobs;

/// <summary>
/// A background batch of documents (table <c>report_jobs</c>): queued by a request, claimed by one worker with
/// <c>FOR UPDATE SKIP LOCKED</c>, kept alive by its heartbeat and finished with a zip in the files folder.
/// See docs/jobs.md for the lifecycle.
/// </summary>
public sealed class ReportJob
{
    public Guid Id { get; set; }

    /// <summary>What to produce, one of <see cref="ReportJobKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public Guid CampaignId { get; set; }

    /// <summary>The user who asked for it.</summary>
    public Guid RequestedBy { get; set; }

    /// <summary>Also the cancel's concurrency token: a job that finished meanwhile is not marked cancelled.</summary>
    public ReportJobStatus Status { get; set; }

    /// <summary>Documents to produce: the campaign's units when the job started.</summary>
    public int Total { get; set; }

    /// <summary>Documents written so far (by the current attempt).</summary>
    public int Done { get; set; }

    /// <summary>Units whose document could not be written (by the current attempt); listed in <see cref="UnitErrors"/>.</summary>
    public int Failed { get; set; }

    /// <summary>Why the job as a whole failed, or what the last interrupted attempt ran into.</summary>
    public string? Error { get; set; }

    /// <summary>The first units that failed, with the reason (at most <see cref="ReportJobRunner.MaxUnitErrors"/>).</summary>
    public List<ReportJobUnitError> UnitErrors { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current (last) attempt started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Written by the worker while it runs the job, by the database's clock; a stale one means the worker is gone.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>The zip, relative to the files folder (<c>OfficeEval:FilesPath</c>); set when the job succeeded.</summary>
    public string? ResultPath { get; set; }

    public long? ResultBytes { get; set; }

    /// <summary>Times a worker claimed the job; also the fencing token every worker update is conditioned on.</summary>
    public int Attempts { get; set; }
}

public enum ReportJobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>A unit whose document failed, and why.</summary>
public sealed record ReportJobUnitError(Guid UnitId, string UnitCode, string Message);

public static class ReportJobKinds
{
    /// <summary>评估报告: one Word document per unit of the campaign, by <see cref="IUnitReportRenderer"/>.</summary>
    public const string EvaluationReports = "evaluation_reports";
}
