using System.IO.Compression;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Features.Results;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// Publishing a campaign to SharePoint/OneDrive: the consolidated results workbook as it is now, and the issued
/// evaluation reports of a finished report batch, each queued as one delivery to the campaign's folder.
/// </summary>
public static class PublishEndpoints
{
    /// <summary>The subfolder of a campaign's folder that holds its evaluation reports.</summary>
    public const string ReportsFolder = "评估报告";

    /// <summary>Where snapshots made for publishing wait in the files folder until published.</summary>
    public const string SnapshotFolder = "graph-deliveries";

    /// <summary>The report batch to publish; when absent, the campaign's latest finished one, or none.</summary>
    public sealed record PublishRequest(Guid? ReportJobId);

    public sealed record PublishResponse(Guid CampaignId, Guid? ReportJobId, string Folder, IReadOnlyList<GraphDeliveryView> Deliveries);

    public static IEndpointRouteBuilder MapGraphPublish(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/campaigns/{campaignId:guid}/publish", Publish)
            .WithTags("Graph")
            .WithName("PublishCampaign")
            .WithSummary("Queues the consolidated results workbook (as it is now) and the evaluation reports of a finished report batch (reportJobId, else the latest; none when there is none) for upload to the campaign's folder in SharePoint/OneDrive; 202 with one delivery per file.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Accepted<PublishResponse>, ProblemHttpResult>> Publish(
        Guid campaignId, PublishRequest? request, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, ReportFiles files, AuditTrail audit,
        GraphDeliverySignal signal, IOptionsMonitor<GraphOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (GraphProblems.Missing(settings, ("DriveId", settings.Graph.DriveId)) is { Count: > 0 } missing)
        {
            return GraphProblems.Disabled(missing);
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var batch = await BatchAsync(db, campaignId, request?.ReportJobId, cancellationToken);
        if (batch.Problem is { } batchProblem)
        {
            return batchProblem;
        }

        IReadOnlyList<string> entries = [];
        if (batch.Job is { ResultPath: { } resultPath })
        {
            var zipPath = files.FullPath(resultPath);
            if (!File.Exists(zipPath))
            {
                return ApiProblem.Create(StatusCodes.Status410Gone, "report_job.file_missing", "该报告生成任务的文件已不存在，请重新生成后再发布。",
                    "The report job's file no longer exists; run the batch again, then publish.");
            }

            using var zip = ZipFile.OpenRead(zipPath);
            entries = [.. zip.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e => e.FullName)];
        }

        var built = await ResultsWorkbookEndpoints.BuildAsync(campaignId, user, db, scoring, clock, cancellationToken);
        if (built.Result is not Ok<ResultsWorkbookFile> { Value: { } workbook })
        {
            return (ProblemHttpResult)built.Result;
        }

        var now = clock.GetUtcNow();
        var creator = user.UserId();
        var folder = CampaignFolder(settings.Graph.FolderPath, campaign);
        var workbookId = Guid.CreateVersion7();
        var snapshot = $"{SnapshotFolder}/{workbookId:N}.xlsx";
        var deliveries = new List<GraphDelivery>
        {
            New(workbookId, GraphDeliveryKinds.PublishWorkbook, campaignId, null, $"{folder}/{workbook.FileName}",
                new PublishFilePayload(snapshot, null, folder, workbook.FileName) { DeleteSourceAfter = true }, now, creator),
        };
        var units = await UnitsByEntryAsync(db, campaignId, cancellationToken);
        var reportsFolder = $"{folder}/{ReportsFolder}";
        deliveries.AddRange(entries.Select(entry => New(Guid.CreateVersion7(), GraphDeliveryKinds.PublishReport, campaignId, units.TryGetValue(entry, out var unitId) ? unitId : null,
            $"{reportsFolder}/{entry}", new PublishFilePayload(batch.Job!.ResultPath!, entry, reportsFolder, entry) { ReportJobId = batch.Job.Id }, now, creator)));

        var snapshotPath = files.FullPath(snapshot);
        Directory.CreateDirectory(Path.GetDirectoryName(snapshotPath)!);
        await using (var file = new FileStream(snapshotPath, FileMode.CreateNew, FileAccess.Write))
        {
            await workbook.Content.CopyToAsync(file, cancellationToken);
        }

        db.GraphDeliveries.AddRange(deliveries);
        audit.Add(new AuditEvent(AuditActions.GraphPublishQueued, $"campaign/{campaignId}/publish")
        {
            CampaignId = campaignId,
            Data = new { reportJobId = batch.Job?.Id, folder, workbook = workbook.FileName, workbookUnits = workbook.Units, reports = entries.Count, deliveries = deliveries.Count },
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            File.Delete(snapshotPath);
            throw;
        }

        signal.Queued();
        return TypedResults.Accepted($"/api/graph/deliveries?campaignId={campaignId}",
            new PublishResponse(campaignId, batch.Job?.Id, folder, [.. deliveries.Select(GraphDeliveryView.From)]));
    }

    /// <summary>The campaign's folder in the drive: the configured folder, then 年度-名称.</summary>
    internal static string CampaignFolder(string root, Campaign campaign)
    {
        var segments = root.Split('/', '\\').Select(s => s.Trim()).Where(s => s.Length > 0).Select(s => FileNames.Safe(s, "OfficeEval"));
        return string.Join('/', segments.Append(FileNames.Safe($"{campaign.Year}-{campaign.Name}", campaign.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>A Pending delivery, due now.</summary>
    internal static GraphDelivery New(Guid id, string kind, Guid? campaignId, Guid? unitId, string target, object payload, DateTimeOffset now, Guid creator) =>
        new()
        {
            Id = id,
            Kind = kind,
            CampaignId = campaignId,
            UnitId = unitId,
            Target = AuditTrail.Clean(target, 500),
            Payload = JsonSerializer.Serialize(payload, FrameworkRecord.Json),
            Status = GraphDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            CreatedBy = creator,
        };

    private static async Task<(ReportJob? Job, ProblemHttpResult? Problem)> BatchAsync(AppDbContext db, Guid campaignId, Guid? jobId, CancellationToken cancellationToken)
    {
        var batches = db.ReportJobs.AsNoTracking().Where(j => j.CampaignId == campaignId && j.Kind == ReportJobKinds.EvaluationReports);
        if (jobId is null)
        {
            return (await batches.Where(j => j.Status == ReportJobStatus.Succeeded && j.ResultPath != null)
                .OrderByDescending(j => j.FinishedAt).ThenByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken), null);
        }

        var job = await batches.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null)
        {
            return (null, ApiProblem.NotFound("该评估批次的报告生成任务", "report job of this campaign"));
        }

        if (job.Status != ReportJobStatus.Succeeded || job.ResultPath is null)
        {
            var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "graph.report_job_not_ready",
                $"报告生成任务当前为“{ReportJobView.NameZh(job.Status)}”，完成后才能发布。", $"The report job is {job.Status}; its reports can be published once it has succeeded.");
            problem.Extensions["jobStatus"] = job.Status.ToString();
            return (null, TypedResults.Problem(problem));
        }

        return (job, null);
    }

    /// <summary>The units of the campaign by the name their report has in a batch's zip (the names the batch gives them).</summary>
    private static async Task<Dictionary<string, Guid>> UnitsByEntryAsync(AppDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaignId)
            .OrderBy(cu => cu.Unit!.Code).Select(cu => new { cu.UnitId, cu.Unit!.Code, cu.Unit.Name }).ToListAsync(cancellationToken);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return units.ToDictionary(u => ReportJobRunner.EntryName(u.Code, u.Name, used), u => u.UnitId, StringComparer.OrdinalIgnoreCase);
    }
}
