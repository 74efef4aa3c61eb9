namespace OfficeEval.Api.Features.Review;

/// <summary>The field review (实地评估) of one unit in a campaign.</summary>
public sealed class ReviewRecord
{
    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public ReviewStatus Status { get; set; }

    /// <summary>Incremented on every save; the concurrency token and the review's ETag.</summary>
    public int Revision { get; set; }

    /// <summary>The group's overall opinion (评估意见).</summary>
    public string? Summary { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Guid? CompletedBy { get; set; }

    public List<ReviewItem> Items { get; set; } = [];
}

public enum ReviewStatus
{
    InProgress,
    Completed,
}

/// <summary>A reviewer's verification of one leaf: verified score (or veto finding), comment and problems found.</summary>
public sealed class ReviewItem
{
    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public string IndicatorCode { get; set; } = "";

    public decimal? VerifiedScore { get; set; }

    public bool? VerifiedFinding { get; set; }

    public string? Comment { get; set; }

    public List<ReviewProblem> Problems { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }
}

/// <summary>A problem found in the field (发现问题) and what the unit must do about it (整改要求).</summary>
public sealed record ReviewProblem(string Description)
{
    public string? Category { get; init; }

    public string? Requirement { get; init; }
}
