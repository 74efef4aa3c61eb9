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

    /// <summary>The parent organisation (主管部门, or the county of a township), when registered.</summary>
    public Guid? ParentId { get; set; }
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

    /// <summary>How results are graded and placed on boards.</summary>
    public ResultsPolicy ResultsPolicy { get; set; } = ResultsPolicy.Default;

    /// <summary>Set when the office finalises the results; nothing is scored differently afterwards.</summary>
    public DateTimeOffset? FinalizedAt { get; set; }
}

/// <summary>
/// A campaign stage and its deadline, e.g. 单位自评 by 2026-12-15. <see cref="Code"/> ties the stage to the workflow
/// (<see cref="CampaignStages"/>) so progress can say who is late; stages without one are shown only.
/// </summary>
public sealed record CampaignDeadline(string Stage, DateOnly Due)
{
    public string? Code { get; init; }
}

/// <summary>The workflow's stages, in order, and the unit status that completes each.</summary>
public static class CampaignStages
{
    public const string SelfAssessment = "self_assessment";
    public const string InitialReview = "initial_review";
    public const string FieldReview = "field_review";
    public const string Results = "results";

    public static readonly IReadOnlyList<string> All = [SelfAssessment, InitialReview, FieldReview, Results];
}

/// <summary>Grades by score-rate thresholds (highest first) and red/green boards sized per category.</summary>
public sealed record ResultsPolicy(IReadOnlyList<GradeThreshold> Grades, string LowestGrade, int GreenPerCategory, int RedPerCategory)
{
    /// <summary>A ≥ 90%, B ≥ 60%, C below; one green and one red per category.</summary>
    public static ResultsPolicy Default { get; } = new([new("A", 90m), new("B", 60m)], "C", 1, 1);
}

public sealed record GradeThreshold(string Label, decimal MinScoreRate);

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

/// <summary>A reviewer group (评估组): its members review the units assigned to it, each unit by one group.</summary>
public sealed class ReviewerGroup
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public string Name { get; set; } = "";

    public List<ReviewerGroupMember> Members { get; set; } = [];

    public List<ReviewerGroupUnit> Units { get; set; } = [];
}

public sealed class ReviewerGroupMember
{
    public Guid GroupId { get; set; }

    public Guid UserId { get; set; }
}

public sealed class ReviewerGroupUnit
{
    public Guid GroupId { get; set; }

    public Guid CampaignId { get; set; }

    public Guid UnitId { get; set; }
}
