using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>A unit's self-evaluation (自评) in a campaign: its current draft and where it is in the workflow.</summary>
public sealed class SelfAssessmentRecord
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public SelfAssessmentStatus Status { get; set; }

    /// <summary>Incremented on every save; the concurrency token and the draft's ETag.</summary>
    public int Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }

    public List<AnswerRecord> Answers { get; set; } = [];

    /// <summary>基本情况, 编制与人员 and 工作量测算 as last uploaded; null until then.</summary>
    public UnitDataTables? DataTables { get; set; }

    public List<SelfAssessmentVersion> Versions { get; set; } = [];
}

/// <summary>
/// Where a unit is in the campaign: 未开始 → 填报中 → 已提交 → (已退回 → 已提交)* → 初审通过 → 已实地评估 → 已定档.
/// <see cref="NotStarted"/> is never stored: it is a unit without a self-assessment.
/// </summary>
public enum SelfAssessmentStatus
{
    NotStarted,
    Drafting,
    Submitted,
    Returned,
    Accepted,
    FieldReviewed,
    Final,
}

public static class SelfAssessmentStatuses
{
    /// <summary>Whether the unit may change its draft.</summary>
    public static bool IsEditable(SelfAssessmentStatus status) => status is SelfAssessmentStatus.Drafting or SelfAssessmentStatus.Returned;

    public static string NameZh(SelfAssessmentStatus status) => status switch
    {
        SelfAssessmentStatus.NotStarted => "未开始",
        SelfAssessmentStatus.Drafting => "填报中",
        SelfAssessmentStatus.Submitted => "已提交",
        SelfAssessmentStatus.Returned => "已退回",
        SelfAssessmentStatus.Accepted => "初审通过",
        SelfAssessmentStatus.FieldReviewed => "已实地评估",
        SelfAssessmentStatus.Final => "已定档",
        _ => status.ToString(),
    };
}

/// <summary>One leaf's answer.</summary>
public sealed class AnswerRecord
{
    public Guid SelfAssessmentId { get; set; }

    public string IndicatorCode { get; set; } = "";

    public string? Option { get; set; }

    public decimal? Number { get; set; }

    /// <summary>A veto item's finding.</summary>
    public bool? Finding { get; set; }

    /// <summary>Counts per group of a shares leaf answered by the unit.</summary>
    public Dictionary<string, decimal>? Counts { get; set; }

    public decimal? SelfScore { get; set; }

    public string? Explanation { get; set; }

    /// <summary>The evidence-checklist items (佐证材料) the unit says it has provided, as the framework names them.</summary>
    public List<string>? Evidence { get; set; }
}

/// <summary>A submission (提交版本), frozen: the answers as submitted and what the initial review decided.</summary>
public sealed class SelfAssessmentVersion
{
    public Guid SelfAssessmentId { get; set; }

    /// <summary>1, 2, …: the first submission and each resubmission.</summary>
    public int Number { get; set; }

    /// <summary>The draft revision that was submitted.</summary>
    public int Revision { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public Guid SubmittedBy { get; set; }

    public List<AnswerValue> Answers { get; set; } = [];

    public UnitDataTables? DataTables { get; set; }

    /// <summary>The engine's total when submitted (self-evaluation, before review).</summary>
    public decimal Total { get; set; }

    public VersionOutcome Outcome { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    /// <summary>The reviewer's overall comment (退回意见 or 初审意见).</summary>
    public string? Comment { get; set; }

    public List<IndicatorComment> IndicatorComments { get; set; } = [];
}

public enum VersionOutcome
{
    Pending,
    Returned,
    Accepted,
}

/// <summary>A reviewer's comment on one indicator.</summary>
public sealed record IndicatorComment(string IndicatorCode, string Comment);

/// <summary>An answer as sent and returned by the API and kept in versions; null fields are empty.</summary>
public sealed record AnswerValue(string IndicatorCode)
{
    public string? Option { get; init; }

    public decimal? Number { get; init; }

    public bool? Finding { get; init; }

    public IReadOnlyDictionary<string, decimal>? Counts { get; init; }

    public decimal? SelfScore { get; init; }

    public string? Explanation { get; init; }

    public IReadOnlyList<string>? Evidence { get; init; }

    /// <summary>Whether nothing is filled in.</summary>
    public bool IsEmpty => Option is null && Number is null && Finding is null && (Counts is null || Counts.Count == 0)
        && SelfScore is null && string.IsNullOrWhiteSpace(Explanation) && (Evidence is null || Evidence.Count == 0);

    public static AnswerValue From(AnswerRecord r) => new(r.IndicatorCode)
    {
        Option = r.Option,
        Number = r.Number,
        Finding = r.Finding,
        Counts = r.Counts,
        SelfScore = r.SelfScore,
        Explanation = r.Explanation,
        Evidence = r.Evidence,
    };
}
