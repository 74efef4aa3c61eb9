using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Jobs;

/// <summary>Report batches: queue one for a campaign, follow it, download its zip, cancel it.</summary>
public static class ReportJobEndpoints
{
    public const string ZipContentType = "application/zip";

    public static IEndpointRouteBuilder MapReportJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/campaigns/{campaignId:guid}/reports/batch", Request)
            .WithTags("Report jobs")
            .WithName("RequestReportBatch")
            .WithSummary("Queues a background job writing every unit's 评估报告 (.docx) into one zip; 202 with the job and its Location. 409 while the campaign already has one queued or running.")
            .RequireAccess(Access.Admin);
        var group = endpoints.MapGroup("/api/report-jobs").WithTags("Report jobs");
        group.MapGet("/{jobId:guid}", Get)
            .WithName("GetReportJob")
            .WithSummary("A report job's status, units done and failed, percent, timestamps and errors.")
            .RequireAccess(Access.Admin);
        group.MapGet("/{jobId:guid}/download", Download)
            .WithName("DownloadReportJob")
            .WithSummary("The job's zip of documents once it succeeded; 409 before.")
            .Produces(StatusCodes.Status200OK, contentType: ZipContentType)
            .RequireAccess(Access.Admin);
        group.MapPost("/{jobId:guid}/cancel", Cancel)
            .WithName("CancelReportJob")
            .WithSummary("Cancels a queued or running job; a running one stops at its next heartbeat and its partial file is removed.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Accepted<ReportJobView>, ProblemHttpResult>> Request(
        Guid campaignId, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, ReportJobSignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        if (await ActiveJobAsync(db, campaignId, cancellationToken) is { } active)
        {
            return InProgress(active);
        }

        var job = new ReportJob
        {
            Id = Guid.CreateVersion7(),
            Kind = ReportJobKinds.EvaluationReports,
            CampaignId = campaignId,
            RequestedBy = user.UserId(),
            Status = ReportJobStatus.Queued,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ReportJobs.Add(job);
        audit.Add(new AuditEvent(AuditActions.ReportJobRequested, $"report-job/{job.Id}") { CampaignId = campaignId, Data = new { job.Kind } });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request queued one between the check and the insert.
            db.ChangeTracker.Clear();
            return InProgress((await ActiveJobAsync(db, campaignId, cancellationToken))?.Id ?? job.Id);
        }

        signal.JobQueued();
        return TypedResults.Accepted($"/api/report-jobs/{job.Id}", ReportJobView.From(job));
    }

    internal static async Task<Results<Ok<ReportJobView>, ProblemHttpResult>> Get(Guid jobId, AppDbContext db, CancellationToken cancellationToken)
    {
        var job = await db.ReportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        return job is null ? NotFound() : TypedResults.Ok(ReportJobView.From(job));
    }

    internal static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Download(
        Guid jobId, AppDbContext db, ReportFiles files, AuditTrail audit, CancellationToken cancellationToken)
    {
        var job = await db.ReportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return NotFound();
        }

        if (job.Status != ReportJobStatus.Succeeded || job.ResultPath is null)
        {
            var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "report_job.not_ready",
                $"报告生成任务当前为“{ReportJobView.NameZh(job.Status)}”，完成后才能下载。",
                $"The report job is {job.Status}; its documents can be downloaded once it has succeeded.");
            problem.Extensions["jobStatus"] = job.Status.ToString();
            return TypedResults.Problem(problem);
        }

        var path = files.FullPath(job.ResultPath);
        if (!File.Exists(path))
        {
            return ApiProblem.Create(StatusCodes.Status410Gone, "report_job.file_missing", "该任务生成的文件已不存在，请重新生成。",
                "The job's file no longer exists; run the batch again.");
        }

        var year = await db.Campaigns.Where(c => c.Id == job.CampaignId).Select(c => c.Year).FirstAsync(cancellationToken);
        var fileName = $"{year}-评估报告-{job.Id.ToString("N")[..8]}.zip";
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"report-job/{jobId}")
            { CampaignId = job.CampaignId, Data = new { document = job.Kind, fileName, documents = job.Done, bytes = job.ResultBytes } },
            cancellationToken: cancellationToken);
        return TypedResults.PhysicalFile(path, ZipContentType, fileName);
    }

    internal static async Task<Results<Ok<ReportJobView>, ProblemHttpResult>> Cancel(
        Guid jobId, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var job = await db.ReportJobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return NotFound();
        }

        if (job.Status is not (ReportJobStatus.Queued or ReportJobStatus.Running))
        {
            return Finished(job.Status);
        }

        var before = job.Status;
        job.Status = ReportJobStatus.Cancelled;
        job.FinishedAt = clock.GetUtcNow();
        audit.Add(new AuditEvent(AuditActions.ReportJobCancelled, $"report-job/{jobId}")
            { CampaignId = job.CampaignId, Before = new { status = before.ToString() }, Data = new { job.Done, job.Total } });
        try
        {
            // Status is the concurrency token: a job that finished meanwhile is not marked cancelled.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.ReportJobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
            return Finished(now.Status);
        }

        return TypedResults.Ok(ReportJobView.From(job));
    }

    private static Task<ReportJob?> ActiveJobAsync(AppDbContext db, Guid campaignId, CancellationToken cancellationToken) =>
        db.ReportJobs.AsNoTracking()
            .Where(j => j.CampaignId == campaignId && j.Kind == ReportJobKinds.EvaluationReports && (j.Status == ReportJobStatus.Queued || j.Status == ReportJobStatus.Running))
            .FirstOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult InProgress(ReportJob active) => InProgress(active.Id);

    private static ProblemHttpResult InProgress(Guid jobId)
    {
        var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "report_job.in_progress",
            "该评估批次已有正在排队或生成中的报告任务，请等待其完成或先取消。",
            "The campaign already has a report job queued or running; wait for it or cancel it first.");
        problem.Extensions["jobId"] = jobId;
        problem.Extensions["location"] = $"/api/report-jobs/{jobId}";
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult Finished(ReportJobStatus status)
    {
        var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "report_job.finished",
            $"报告生成任务已结束（{ReportJobView.NameZh(status)}），不能取消。", $"The report job has already ended ({status}); it cannot be cancelled.");
        problem.Extensions["jobStatus"] = status.ToString();
        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("报告生成任务", "report job");
}
