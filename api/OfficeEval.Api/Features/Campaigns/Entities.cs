using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Campaigns;

/// <summary>An evaluated unit (被评估单位).</summary>
public sealed class Unit
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public UnitKind Kind { get; set; }

    /// <summary>经济 / 非经济, for boards applied per category.</summary>
    public string? Category { get; set; }
}

/// <summary>One evaluation round (评估批次) on a framework version.</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }

    public int Year { get; set; }

    public string Name { get; set; } = "";

    public Guid FrameworkId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<CampaignUnit> Units { get; set; } = [];
}

/// <summary>A unit evaluated in a campaign.</summary>
public sealed class CampaignUnit
{
    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public Unit? Unit { get; set; }
}

/// <summary>A reviewer assigned to evaluate a unit in a campaign.</summary>
public sealed class ReviewerAssignment
{
    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public Guid UserId { get; set; }
}
