using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.Reports;

/// <summary>The campaign a report belongs to.</summary>
/// <param name="Name">The campaign's name, e.g. 2026年度机构编制执行情况和使用效益评估.</param>
/// <param name="Year">The evaluation year.</param>
public sealed record ReportCampaign(string Name, int Year)
{
    /// <summary>The campaign's stages with their deadlines, in order (评估阶段).</summary>
    public IReadOnlyList<ReportStage> Stages { get; init; } = [];

    /// <summary>
    /// The grade labels, best first, the lowest last (e.g. A, B, C): results-application recommendations go by place —
    /// the best grade is given priority, the lowest is restricted, those between are reviewed strictly.
    /// </summary>
    public IReadOnlyList<string> Grades { get; init; } = ["A", "B", "C"];

    /// <summary>Who issues the office's reports (the 落款 of the evaluation and summary reports), e.g. 市委编办.</summary>
    public string Issuer { get; init; } = "";
}

/// <summary>A stage of the campaign and its deadline.</summary>
/// <param name="Name">E.g. 单位自评.</param>
/// <param name="Due">The last day.</param>
public sealed record ReportStage(string Name, DateOnly Due);

/// <summary>An evaluated unit as reports name and describe it.</summary>
/// <param name="Code">The unit's code.</param>
/// <param name="Name">The unit's name.</param>
public sealed record ReportUnit(string Code, string Name)
{
    /// <summary>单位类型, e.g. 政府部门.</summary>
    public string? Kind { get; init; }

    /// <summary>单位类别: 经济 / 非经济 (boards are per category).</summary>
    public string? Category { get; init; }

    /// <summary>机构级别: 省 / 市 / 县 / 乡.</summary>
    public string? Level { get; init; }

    /// <summary>核定编制, from the office's records.</summary>
    public int? ApprovedEstablishment { get; init; }

    /// <summary>核定领导职数, from the office's records.</summary>
    public int? ApprovedLeadershipPosts { get; init; }
}

/// <summary>What a self-evaluation report was generated from: a submitted version, or the draft when none was submitted.</summary>
/// <param name="Version">The submitted version's number (1, 2, …); null for the current draft.</param>
/// <param name="Revision">The draft's revision when <paramref name="Version"/> is null; the submitted revision otherwise.</param>
/// <param name="Date">When the version was submitted, or the draft last saved (China Standard Time).</param>
public sealed record SelfAssessmentBasis(int? Version, int Revision, DateOnly Date)
{
    /// <summary>True for the current draft (no version submitted).</summary>
    public bool IsDraft => Version is null;
}

/// <summary>A leaf's answer with the evidence the unit says it provided.</summary>
/// <param name="Answer">The unit's answer: option, number, finding or counts, self-score and 情况说明.</param>
public sealed record ReportAnswer(Answer Answer)
{
    /// <summary>The evidence-checklist items (佐证材料) the unit marked as provided.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}

/// <summary>Everything the self-evaluation report (自评报告) shows for one unit.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Unit">The unit and the office's facts about it.</param>
/// <param name="Framework">The framework the unit is evaluated on, its individual indicators in place.</param>
/// <param name="Basis">The submitted version or draft the report shows.</param>
/// <param name="Score">The engine's scores of <paramref name="Basis"/> by the unit's own claim: self-scores where given,
/// else the rule's score (<c>[SelfScore, Computed]</c>), with explanations.</param>
public sealed record SelfAssessmentReportModel(ReportCampaign Campaign, ReportUnit Unit, FrameworkDefinition Framework, SelfAssessmentBasis Basis, UnitScore Score)
{
    /// <summary>The answers by leaf code.</summary>
    public IReadOnlyDictionary<string, ReportAnswer> Answers { get; init; } = new Dictionary<string, ReportAnswer>(StringComparer.Ordinal);

    /// <summary>The data tables (基本情况, 编制与人员, 工作量测算) as filled; null when none were uploaded.</summary>
    public UnitDataTables? DataTables { get; init; }
}

/// <summary>How far the evaluation of a unit has got: the report says when its figures are provisional.</summary>
public enum EvaluationStage
{
    /// <summary>The field review is under way: verified scores may still change.</summary>
    ReviewInProgress,
    /// <summary>The field review is completed; the campaign's results are not finalised yet.</summary>
    ReviewCompleted,
    /// <summary>The campaign's results are finalised (定档).</summary>
    Final,
}

/// <summary>A unit's place among the campaign's units, by the official figures.</summary>
/// <param name="Rank">Competition rank by official total.</param>
/// <param name="RankedUnits">Units ranked.</param>
public sealed record ReportStanding(int Rank, int RankedUnits)
{
    /// <summary>The grade (等次) after veto caps; null when the campaign's grade scheme is invalid.</summary>
    public string? Grade { get; init; }

    /// <summary>The grade before a veto capped it; null when none did.</summary>
    public string? GradeBeforeVeto { get; init; }

    /// <summary>Why the grade, in Chinese.</summary>
    public string GradeExplanation { get; init; } = "";

    /// <summary>The board (红黄绿榜) within the unit's category.</summary>
    public Board? Board { get; init; }

    /// <summary>The category the board is in (经济 / 非经济).</summary>
    public string BoardCategory { get; init; } = "";

    /// <summary>Rank within the category.</summary>
    public int CategoryRank { get; init; }

    /// <summary>Units in the category.</summary>
    public int CategoryCount { get; init; }

    /// <summary>Red now and in the unit's previous finalised campaign (连续两次红榜).</summary>
    public bool ConsecutiveRed { get; init; }
}

/// <summary>A problem found in the field review (发现问题) and what the unit must do (整改要求).</summary>
/// <param name="Description">The problem.</param>
public sealed record ReportProblem(string Description)
{
    /// <summary>The problem's category as the reviewers recorded it, e.g. 编制使用.</summary>
    public string? Category { get; init; }

    /// <summary>整改要求.</summary>
    public string? Requirement { get; init; }
}

/// <summary>The reviewers' word on one leaf.</summary>
public sealed record ReportReviewNote
{
    /// <summary>The reviewers' comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Problems found on the leaf.</summary>
    public IReadOnlyList<ReportProblem> Problems { get; init; } = [];
}

/// <summary>Everything the evaluation report (评估报告) shows for one unit.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Framework">The framework the unit is evaluated on, its individual indicators in place.</param>
/// <param name="Self">Scores by the unit's claim (<c>[SelfScore, Computed]</c>).</param>
/// <param name="Official">Scores that count (<c>[Verified, Computed]</c>), with explanations.</param>
/// <param name="Stage">Whether the figures are provisional.</param>
/// <param name="IssuedOn">The report's date (成文日期).</param>
public sealed record EvaluationReportModel(ReportCampaign Campaign, ReportUnit Unit, FrameworkDefinition Framework, UnitScore Self, UnitScore Official, EvaluationStage Stage, DateOnly IssuedOn)
{
    /// <summary>The reviewers' comments and problems by leaf code.</summary>
    public IReadOnlyDictionary<string, ReportReviewNote> Review { get; init; } = new Dictionary<string, ReportReviewNote>(StringComparer.Ordinal);

    /// <summary>The review group's overall opinion (评估意见).</summary>
    public string? ReviewSummary { get; init; }

    /// <summary>Rank, grade and board; null when the unit is not ranked.</summary>
    public ReportStanding? Standing { get; init; }

    /// <summary>
    /// The unit's previous campaign compared with this one through the indicator mapping; null when it has none.
    /// When given, the radar chart shows both campaigns' dimension rates instead of self against official.
    /// </summary>
    public ReportPrevious? Previous { get; init; }
}

/// <summary>The unit's previous (finalised) campaign, compared with this one.</summary>
/// <param name="CampaignName">The previous campaign's name, e.g. 2025年度机构编制执行情况和使用效益评估.</param>
/// <param name="Year">Its year.</param>
/// <param name="Comparison">This campaign's official scores against the previous campaign's, by current dimension and leaf
/// (the engine's <see cref="ResultsComparer"/>).</param>
public sealed record ReportPrevious(string CampaignName, int Year, UnitComparison Comparison)
{
    /// <summary>
    /// True when the comparison went through a mapping the office has not confirmed (none stored, or a renamed
    /// indicator matched by code): the report says so.
    /// </summary>
    public bool MappingUnconfirmed { get; init; }

    /// <summary>The previous grade, when there was one.</summary>
    public string? Grade { get; init; }

    /// <summary>The previous board, when there was one.</summary>
    public Board? Board { get; init; }
}

/// <summary>One unit's line in the summary report.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Status">Where the unit is in the campaign, in Chinese (e.g. 已实地评估).</param>
public sealed record SummaryUnit(ReportUnit Unit, string Status)
{
    /// <summary>The self total; null when the unit has not started.</summary>
    public decimal? SelfTotal { get; init; }

    /// <summary>The official total; null when the unit has not started.</summary>
    public decimal? Total { get; init; }

    /// <summary>The official score rate (percent).</summary>
    public decimal? ScoreRate { get; init; }

    /// <summary>A 一票否决 item zeroed the total.</summary>
    public bool Vetoed { get; init; }

    /// <summary>Rank, grade and board; null when the unit is not ranked.</summary>
    public ReportStanding? Standing { get; init; }
}

/// <summary>A problem found in one unit's field review, for the summary's common problems.</summary>
/// <param name="UnitName">The unit.</param>
/// <param name="IndicatorCode">The leaf the problem was recorded on.</param>
/// <param name="IndicatorName">The leaf's name.</param>
/// <param name="DimensionName">The leaf's first-level indicator.</param>
/// <param name="Problem">The problem and its requirement.</param>
public sealed record SummaryProblem(string UnitName, string IndicatorCode, string IndicatorName, string DimensionName, ReportProblem Problem);

/// <summary>Everything the campaign's summary report (综合评估情况报告) shows.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="MaxTotal">The framework's total points.</param>
/// <param name="Statistics">Averages per dimension and the score-rate distribution over the scored units (engine).</param>
/// <param name="Units">Every unit of the campaign.</param>
/// <param name="Stage">Whether the results are provisional.</param>
/// <param name="IssuedOn">The report's date (成文日期).</param>
public sealed record SummaryReportModel(ReportCampaign Campaign, decimal MaxTotal, CampaignSummary Statistics, IReadOnlyList<SummaryUnit> Units, EvaluationStage Stage, DateOnly IssuedOn)
{
    /// <summary>Every problem recorded in the field reviews.</summary>
    public IReadOnlyList<SummaryProblem> Problems { get; init; } = [];
}
