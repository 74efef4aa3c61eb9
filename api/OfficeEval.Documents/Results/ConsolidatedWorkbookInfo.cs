using OfficeEval.Core.Results;

namespace OfficeEval.Documents.Results;

/// <summary>What the consolidated results workbook (评估结果汇总表) is about: everything but the units' rows.</summary>
/// <param name="CampaignName">The campaign's name, e.g. 2026年度机构编制执行情况和使用效益评估; the title is built from it.</param>
/// <param name="MaxTotal">The framework's total points (满分).</param>
/// <param name="Dimensions">The framework's first-level indicators, in display order: two columns each (得分, 得分率).</param>
/// <param name="Statistics">The campaign's statistics from the engine (<see cref="CampaignStatistics"/>), for the second sheet.</param>
public sealed record ConsolidatedWorkbookInfo(string CampaignName, decimal MaxTotal, IReadOnlyList<ConsolidatedDimension> Dimensions, CampaignSummary Statistics)
{
    /// <summary>When the results were finalised (定档); null while they are provisional, which the sheet says.</summary>
    public DateTimeOffset? FinalizedAt { get; init; }

    /// <summary>When the workbook is generated: shown under the title, stored as the creation date and on every zip entry.</summary>
    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The campaign's grades, best first (优, 良, 中, 差): the order the statistics sheet counts them in.</summary>
    public IReadOnlyList<string> Grades { get; init; } = [];
}

/// <summary>A first-level indicator as a column heading.</summary>
/// <param name="Code">Matched against <see cref="DimensionScore.Code"/> in each row.</param>
/// <param name="Name">Shown in the heading.</param>
/// <param name="MaxPoints">Its points, shown in the heading.</param>
public sealed record ConsolidatedDimension(string Code, string Name, decimal MaxPoints);
