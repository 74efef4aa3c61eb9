namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>A unit's self-evaluation (自评) in a campaign: its current answers.</summary>
public sealed class SelfAssessmentRecord
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public SelfAssessmentStatus Status { get; set; }

    /// <summary>Incremented on every save; the concurrency token.</summary>
    public int Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid UpdatedBy { get; set; }

    public List<AnswerRecord> Answers { get; set; } = [];
}

public enum SelfAssessmentStatus
{
    Drafting,
    Submitted,
}

/// <summary>One leaf's answer.</summary>
public sealed class AnswerRecord
{
    public Guid SelfAssessmentId { get; set; }

    public string IndicatorCode { get; set; } = "";

    public string? Option { get; set; }

    public decimal? Number { get; set; }

    public decimal? SelfScore { get; set; }

    public string? Explanation { get; set; }
}
