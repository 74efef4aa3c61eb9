namespace OfficeEval.Api.Features.Jobs;

/// <summary>A report job as its status endpoint shows it.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Status</c>: Queued, Running, Succeeded, Failed or Cancelled.</item>
/// <item><c>Percent</c>: Units done or failed out of the total, 0–100 (100 once succeeded).</item>
/// <item><c>Errors</c>: The first units whose document failed, with the reason.</item>
/// <item><c>DownloadUrl</c>: Where to fetch the zip once the job succeeded.</item>
/// </list>
/// </remarks>
public sealed record ReportJobView(
    Guid Id, string Kind, Guid CampaignId, string Status, string StatusZh, int Total, int Done, int Failed, decimal Percent, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? HeartbeatAt,
    string? Error, IReadOnlyList<ReportJobUnitError> Errors, string? DownloadUrl, long? ResultBytes)
{
    public static ReportJobView From(ReportJob job) => new(
        job.Id, job.Kind, job.CampaignId, job.Status.ToString(), NameZh(job.Status), job.Total, job.Done, job.Failed, PercentOf(job), job.Attempts,
        job.CreatedAt, job.StartedAt, job.FinishedAt, job.HeartbeatAt, job.Error, job.UnitErrors,
        job.Status == ReportJobStatus.Succeeded ? $"/api/report-jobs/{job.Id}/download" : null,
        job.Status == ReportJobStatus.Succeeded ? job.ResultBytes : null);

    public static string NameZh(ReportJobStatus status) => status switch
    {
        ReportJobStatus.Queued => "排队中",
        ReportJobStatus.Running => "生成中",
        ReportJobStatus.Succeeded => "已完成",
        ReportJobStatus.Failed => "失败",
        ReportJobStatus.Cancelled => "已取消",
    };

    private static decimal PercentOf(ReportJob job) => job.Status == ReportJobStatus.Succeeded ? 100m
        : job.Total == 0 ? 0m
        : Math.Round((job.Done + job.Failed) * 100m / job.Total, 1, MidpointRounding.AwayFromZero);
}
