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

    /// <summary>机构级别: 省 / 市 / 县 / 乡.</summary>
    public string? Level { get; set; }
}

/// <summary>One evaluation round (评估批次) on a framework version.</summary>
public sealed class Campaign
{
    public Guid Id { get; set; }

    public int Year { get; set; }

    public string Name { get; set; } = "";

    public Guid FrameworkId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Deadlines shown to units (填表说明), in order.</summary>
    public List<CampaignDeadline> Deadlines { get; set; } = [];

    /// <summary>Contacts shown to units (填表说明).</summary>
    public List<CampaignContact> Contacts { get; set; } = [];

    public List<CampaignUnit> Units { get; set; } = [];
}

/// <summary>A campaign deadline, e.g. 单位自评 by 2026-12-15.</summary>
public sealed record CampaignDeadline(string Stage, DateOnly Due);

/// <summary>Someone units may call about the campaign.</summary>
public sealed record CampaignContact(string Name, string Role, string Phone, string? Email = null);

/// <summary>A unit evaluated in a campaign.</summary>
public sealed class CampaignUnit
{
    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>核定编制 for this campaign, from the office's records.</summary>
    public int? ApprovedEstablishment { get; set; }

    /// <summary>核定领导职数 for this campaign, from the office's records.</summary>
    public int? ApprovedLeadershipPosts { get; set; }

    /// <summary>The unit's individual indicators (个性指标) in this campaign; empty for the framework's own.</summary>
    public List<IndicatorNode> IndividualIndicators { get; set; } = [];
}

/// <summary>A reviewer assigned to evaluate a unit in a campaign.</summary>
public sealed class ReviewerAssignment
{
    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }

    public Guid UserId { get; set; }
}
