using OfficeEval.Core.Scoring;
using OfficeEval.Core.Workload;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>What a unit filled in the data-table sheets (基本情况, 编制与人员, 工作量测算).</summary>
public sealed record UnitDataTables
{
    /// <summary>基本情况.</summary>
    public UnitBasics Basics { get; init; } = new();

    /// <summary>编制与人员, as the engine reads it (metric and age-band rules). Approved figures come from the office.</summary>
    public UnitFacts Facts { get; init; } = new();

    /// <summary>人员学历结构, when filled.</summary>
    public EducationCounts? Education { get; init; }

    /// <summary>工作量测算: the tasks, in sheet order.</summary>
    public IReadOnlyList<WorkloadTask> WorkloadTasks { get; init; } = [];

    /// <summary>参与测算人数.</summary>
    public int? WorkloadStaff { get; init; }

    /// <summary>The workload saturation computed from the tasks and staff, when both are there.</summary>
    public WorkloadResult? Workload() =>
        WorkloadTasks.Count > 0 && WorkloadStaff is > 0 ? WorkloadSaturation.Calculate(WorkloadTasks, WorkloadStaff.Value) : null;
}

/// <summary>基本情况 as filled by the unit.</summary>
public sealed record UnitBasics
{
    /// <summary>主要职责.</summary>
    public string? Functions { get; init; }

    /// <summary>内设机构数.</summary>
    public int? InternalDivisions { get; init; }

    /// <summary>所属事业单位数.</summary>
    public int? AffiliatedInstitutions { get; init; }

    /// <summary>填表人.</summary>
    public string? FilledBy { get; init; }

    /// <summary>联系电话.</summary>
    public string? Phone { get; init; }

    /// <summary>填表日期.</summary>
    public DateOnly? FilledOn { get; init; }
}

/// <summary>人员学历结构.</summary>
/// <param name="Postgraduate">研究生.</param>
/// <param name="Undergraduate">大学本科.</param>
/// <param name="CollegeOrBelow">大专及以下.</param>
public sealed record EducationCounts(int Postgraduate, int Undergraduate, int CollegeOrBelow)
{
    /// <summary>All three together.</summary>
    public int Total => Postgraduate + Undergraduate + CollegeOrBelow;
}
