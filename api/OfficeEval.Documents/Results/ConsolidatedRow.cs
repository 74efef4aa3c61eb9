using OfficeEval.Core.Results;

namespace OfficeEval.Documents.Results;

/// <summary>
/// One unit's line of the consolidated results workbook. Figures the unit does not have (not started, or not visible to
/// the reader) are null and stay blank cells, never 0, so sums, filters and charts in Excel stay honest.
/// </summary>
/// <param name="UnitCode">The unit's code.</param>
/// <param name="UnitName">The unit's name.</param>
public sealed record ConsolidatedRow(string UnitCode, string UnitName)
{
    /// <summary>经济 / 非经济: boards are per category.</summary>
    public string? Category { get; init; }

    /// <summary>The self-evaluation's status as shown to users (填报中, 已实地评估, …).</summary>
    public string? Status { get; init; }

    /// <summary>Official dimension subtotals and score rates (percent), matched to the columns by code.</summary>
    public IReadOnlyList<DimensionScore> Dimensions { get; init; } = [];

    /// <summary>The official total.</summary>
    public decimal? Total { get; init; }

    /// <summary>The official score rate, in percent (87.5 for 87.5%).</summary>
    public decimal? ScoreRate { get; init; }

    /// <summary>The self total (自评总分).</summary>
    public decimal? SelfTotal { get; init; }

    /// <summary>自评偏差: self total minus official total.</summary>
    public decimal? Deviation { get; init; }

    /// <summary>Competition rank by official total.</summary>
    public int? Rank { get; init; }

    /// <summary>The grade (等次) after veto caps.</summary>
    public string? Grade { get; init; }

    /// <summary>Green, yellow or red within the unit's category; the cell is filled in that colour.</summary>
    public Board? Board { get; init; }

    /// <summary>Red now and on the previous year's finalised results (连续两次红榜); noted in 备注.</summary>
    public bool ConsecutiveRed { get; init; }

    /// <summary>A 一票否决 item zeroed the total; noted in 备注.</summary>
    public bool Vetoed { get; init; }
}
