namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// One piece of work for Microsoft Graph (table <c>graph_deliveries</c>), queued in the same transaction as the
/// request that asked for it and carried out by <see cref="GraphDeliveryWorker"/>: a file to publish or a mail to send.
/// A delivery that cannot be carried out is retried with backoff and, after the last attempt or on a permanent error,
/// stays <see cref="GraphDeliveryStatus.Failed"/> with its error for the office to see and retry. See docs/graph.md.
/// </summary>
public sealed class GraphDelivery
{
    public Guid Id { get; set; }

    /// <summary>One of <see cref="GraphDeliveryKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public Guid? CampaignId { get; set; }

    /// <summary>The unit a report or a reminder is about.</summary>
    public Guid? UnitId { get; set; }

    /// <summary>Where it goes, for people: the file's path in the drive, or the mail's recipients.</summary>
    public string Target { get; set; } = "";

    /// <summary>What to do, as JSON: a <see cref="PublishFilePayload"/> or a <see cref="ReminderMailPayload"/>, by <see cref="Kind"/>.</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>Also the admin retry's concurrency token: a delivery the worker claimed meanwhile is not reset.</summary>
    public GraphDeliveryStatus Status { get; set; }

    /// <summary>Times a worker claimed it since it was queued or retried by the office; also the fencing token of the worker's writes.</summary>
    public int Attempts { get; set; }

    /// <summary>When a Pending delivery may be claimed next (backoff, or Graph's Retry-After).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While Running: when the claim lapses and another worker may take it up (its worker is taken for dead).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>What the last attempt ran into: HTTP status, Graph's error code and message.</summary>
    public string? LastError { get; set; }

    /// <summary>The published file's web address in SharePoint or OneDrive, once it succeeded.</summary>
    public string? ResultUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user who queued it.</summary>
    public Guid CreatedBy { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

public enum GraphDeliveryStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

public static class GraphDeliveryKinds
{
    /// <summary>An issued 评估报告 (.docx) from a finished report batch, to the campaign's folder.</summary>
    public const string PublishReport = "publish_report";

    /// <summary>The consolidated results workbook (评估结果汇总表, .xlsx) as it was when queued, to the campaign's folder.</summary>
    public const string PublishWorkbook = "publish_workbook";

    /// <summary>A deadline reminder to a late unit's staff.</summary>
    public const string ReminderMail = "reminder_mail";

    public static readonly IReadOnlyList<string> All = [PublishReport, PublishWorkbook, ReminderMail];
}

/// <summary>
/// A file to upload: <see cref="Source"/> is relative to the files folder (<c>OfficeEval:FilesPath</c>); with
/// <see cref="Entry"/> it is a zip (a report batch's) and the file is that entry.
/// </summary>
public sealed record PublishFilePayload(string Source, string? Entry, string Folder, string FileName)
{
    /// <summary>The report batch the file comes from.</summary>
    public Guid? ReportJobId { get; init; }

    /// <summary>Remove <see cref="Source"/> once published: a snapshot made for this delivery only.</summary>
    public bool DeleteSourceAfter { get; init; }
}

/// <summary>A mail as composed when queued: the sender's mailbox, recipients, subject and HTML body.</summary>
public sealed record ReminderMailPayload(string Sender, IReadOnlyList<string> To, IReadOnlyList<string> Cc, string Subject, string HtmlBody)
{
    public string? Stage { get; init; }
}
