using OfficeEval.Documents.SelfAssessment;

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

    /// <summary>基本情况, 编制与人员 and 工作量测算 as last uploaded; null until then.</summary>
    public UnitDataTables? DataTables { get; set; }
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

    /// <summary>A veto item's finding.</summary>
    public bool? Finding { get; set; }

    /// <summary>Counts per group of a shares leaf answered by the unit.</summary>
    public Dictionary<string, decimal>? Counts { get; set; }

    public decimal? SelfScore { get; set; }

    public string? Explanation { get; set; }
}
