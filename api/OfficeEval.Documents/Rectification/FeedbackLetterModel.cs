using OfficeEval.Documents.Reports;

namespace OfficeEval.Documents.Rectification;

/// <summary>
/// Everything the feedback letter (问题清单及整改意见函) to one unit shows: who sends it, to whom, the evaluation's
/// outcome, the problems by category with their requirements and deadlines, and when the unit must report back.
/// </summary>
/// <param name="Campaign">The campaign; its <see cref="ReportCampaign.Issuer"/> is the 发文机关 in the 版头 and the 落款.</param>
/// <param name="Unit">The unit the letter is addressed to (主送).</param>
/// <param name="IssuedOn">成文日期.</param>
/// <param name="ReportDue">The day by which the unit reports its rectification (整改情况报告报送时限).</param>
public sealed record FeedbackLetterModel(ReportCampaign Campaign, ReportUnit Unit, DateOnly IssuedOn, DateOnly ReportDue)
{
    /// <summary>发文字号, e.g. 编办函〔2026〕12号; the 版头 leaves it out when null.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>The title; null gives 关于反馈{campaign}发现问题及整改意见的函.</summary>
    public string? Title { get; init; }

    /// <summary>The unit's official total; the outcome sentence names it when given.</summary>
    public decimal? Total { get; init; }

    /// <summary>The framework's total points, said with <see cref="Total"/>.</summary>
    public decimal? MaxTotal { get; init; }

    /// <summary>The unit's grade (评估等次); the outcome sentence names it when given.</summary>
    public string? Grade { get; init; }

    /// <summary>The problems to rectify; the letter groups them by category.</summary>
    public IReadOnlyList<FeedbackProblem> Problems { get; init; } = [];

    /// <summary>联系人.</summary>
    public string? ContactPerson { get; init; }

    /// <summary>联系电话.</summary>
    public string? ContactPhone { get; init; }

    /// <summary>抄送机关, in the 版记; none when empty.</summary>
    public IReadOnlyList<string> CopyTo { get; init; } = [];

    /// <summary>印发日期 in the 版记; null gives <see cref="IssuedOn"/>.</summary>
    public DateOnly? PrintedOn { get; init; }
}

/// <summary>A problem in the feedback letter.</summary>
/// <param name="Category">问题类别: 职责履行 / 机构设置 / 编制使用 / 管理规范 / 其他 (others are listed after these).</param>
/// <param name="Description">问题描述.</param>
/// <param name="Requirement">整改要求.</param>
/// <param name="Deadline">整改时限.</param>
public sealed record FeedbackProblem(string Category, string Description, string Requirement, DateOnly Deadline)
{
    /// <summary>The indicator the problem was found on.</summary>
    public string? IndicatorCode { get; init; }

    /// <summary>That indicator's name.</summary>
    public string? IndicatorName { get; init; }
}
