namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// A problem found in a unit and its rectification (整改台账), tracked until a reviewer or the office verifies and
/// closes it (销号). Its history is <see cref="RectificationEvent"/>; every change is also in the audit log.
/// </summary>
public sealed class RectificationItem
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    /// <summary>The indicator of the unit's framework the problem concerns; null when it concerns none in particular.</summary>
    public string? IndicatorCode { get; set; }

    public ProblemCategory Category { get; set; }

    public string Description { get; set; } = "";

    /// <summary>What the unit must do (整改要求).</summary>
    public string Requirement { get; set; } = "";

    /// <summary>整改时限: a calendar day in China Standard Time; overdue from the day after.</summary>
    public DateOnly Deadline { get; set; }

    public string? ResponsiblePerson { get; set; }

    public ProblemSource Source { get; set; }

    /// <summary>
    /// Which finding of <see cref="Source"/> the item was imported from (unique per campaign, unit and source), so that
    /// importing again creates nothing twice; null for items entered by hand.
    /// </summary>
    public string? SourceRef { get; set; }

    public RectificationStatus Status { get; set; }

    /// <summary>Incremented on every change; the concurrency token and the item's ETag.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public Guid? ClosedBy { get; set; }

    /// <summary>What the unit reported at each submission (整改情况), oldest first.</summary>
    public List<RectificationEvidence> Evidence { get; set; } = [];
}

/// <summary>问题类别.</summary>
public enum ProblemCategory
{
    /// <summary>职责履行.</summary>
    DutyPerformance,

    /// <summary>机构设置.</summary>
    Structure,

    /// <summary>编制使用.</summary>
    Staffing,

    /// <summary>管理规范.</summary>
    Management,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>Where a problem was found.</summary>
public enum ProblemSource
{
    /// <summary>实地评估: a problem a reviewer recorded on a leaf.</summary>
    FieldReview,

    /// <summary>初审: a return comment on an indicator of a submitted self-evaluation.</summary>
    InitialReview,

    /// <summary>问卷调查: an indicator whose satisfaction fell below the threshold.</summary>
    Survey,

    /// <summary>手工录入.</summary>
    Manual,
}

/// <summary>待整改 → 整改中 → 待核验 → 已销号 (see <see cref="RectificationWorkflow"/>).</summary>
public enum RectificationStatus
{
    Open,
    Rectifying,
    Submitted,
    Closed,
}

/// <summary>One submission's report of what was done (整改情况) and the files that prove it.</summary>
public sealed record RectificationEvidence(string Description, IReadOnlyList<EvidenceFile> Files)
{
    public DateTimeOffset SubmittedAt { get; init; }

    public Guid SubmittedBy { get; init; }
}

/// <summary>A stored evidence file: its id names it in the files folder; the name is the uploaded one, sanitised.</summary>
public sealed record EvidenceFile(Guid Id, string Name, long Size, string ContentType);

/// <summary>A step in an item's history, as shown to users: who did what, from which status to which, and why.</summary>
public sealed class RectificationEvent
{
    public Guid Id { get; set; }

    public Guid ItemId { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid By { get; set; }

    /// <summary>One of <see cref="RectificationActions"/>.</summary>
    public string Action { get; set; } = "";

    public RectificationStatus? FromStatus { get; set; }

    public RectificationStatus? ToStatus { get; set; }

    public string? Note { get; set; }
}

/// <summary>The actions of an item's history.</summary>
public static class RectificationActions
{
    public const string Created = "created";
    public const string Imported = "imported";
    public const string Changed = "changed";
    public const string Start = "start";
    public const string Submit = "submit";
    public const string Close = "close";
    public const string Return = "return";
    public const string Reopen = "reopen";
}
