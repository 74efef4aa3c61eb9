using OfficeEval.Core.Frameworks;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>Everything needed to generate one unit's self-evaluation workbook.</summary>
/// <param name="Identity">Campaign, unit and framework version the workbook belongs to.</param>
/// <param name="CampaignName">Shown in the title.</param>
/// <param name="UnitName">Shown in the title.</param>
/// <param name="Framework">The framework as this unit is evaluated on it: the common indicators with the unit's
/// individual indicators (个性指标) already in place (see <see cref="IndividualIndicators.Apply"/>).</param>
public sealed record SelfAssessmentTemplate(WorkbookIdentity Identity, string CampaignName, string UnitName, FrameworkDefinition Framework)
{
    /// <summary>What the office already knows of the unit: printed and locked in the data-table sheets.</summary>
    public UnitProfile Unit { get; init; } = new();

    /// <summary>Deadlines listed in 填表说明, in order.</summary>
    public IReadOnlyList<WorkbookDeadline> Deadlines { get; init; } = [];

    /// <summary>Contacts listed in 填表说明.</summary>
    public IReadOnlyList<WorkbookContact> Contacts { get; init; } = [];

    /// <summary>Blank task rows in the 工作量测算 sheet.</summary>
    public int WorkloadRows { get; init; } = 30;
}

/// <summary>A unit's facts known to the office before the unit fills anything in.</summary>
public sealed record UnitProfile
{
    /// <summary>单位类型, e.g. 政府部门.</summary>
    public string? Kind { get; init; }

    /// <summary>单位类别: 经济 / 非经济.</summary>
    public string? Category { get; init; }

    /// <summary>机构级别: 省 / 市 / 县 / 乡.</summary>
    public string? Level { get; init; }

    /// <summary>核定编制, when the office has it; the unit cannot change it in the workbook.</summary>
    public int? ApprovedEstablishment { get; init; }

    /// <summary>核定领导职数, when the office has it; the unit cannot change it in the workbook.</summary>
    public int? ApprovedLeadershipPosts { get; init; }
}

/// <summary>A deadline shown in 填表说明.</summary>
/// <param name="Stage">What is due, e.g. 单位自评.</param>
/// <param name="Due">The last day.</param>
public sealed record WorkbookDeadline(string Stage, DateOnly Due);

/// <summary>A contact shown in 填表说明.</summary>
/// <param name="Name">Name.</param>
/// <param name="Role">What to ask them about, e.g. 业务咨询 or 系统技术支持.</param>
/// <param name="Phone">Telephone.</param>
/// <param name="Email">E-mail, optional.</param>
public sealed record WorkbookContact(string Name, string Role, string Phone, string? Email = null);

/// <summary>
/// Identifies a generated workbook. Stored in a custom XML part (readable from Office.js) and repeated in the custom
/// document properties (kept by LibreOffice and WPS when they re-save), never in cells.
/// </summary>
/// <param name="CampaignId">Campaign the workbook was generated for.</param>
/// <param name="UnitId">Unit the workbook was generated for.</param>
/// <param name="FrameworkCode">Framework code.</param>
/// <param name="FrameworkVersion">Framework version.</param>
/// <param name="StructureHash">Hash of the template's structure; see <see cref="SelfAssessmentWorkbook.StructureHash"/>.</param>
public sealed record WorkbookIdentity(Guid CampaignId, Guid UnitId, string FrameworkCode, string FrameworkVersion, string StructureHash)
{
    /// <summary>The campaign's name when generated; only for messages (never trusted for matching).</summary>
    public string? CampaignName { get; init; }

    /// <summary>The unit's name when generated; only for messages (never trusted for matching).</summary>
    public string? UnitName { get; init; }
}
