using OfficeEval.Core.Frameworks;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>Everything needed to generate one unit's self-evaluation workbook.</summary>
/// <param name="Identity">Campaign, unit and framework version the workbook belongs to.</param>
/// <param name="CampaignName">Shown in the title.</param>
/// <param name="UnitName">Shown in the title.</param>
/// <param name="Framework">The framework whose leaves become rows.</param>
public sealed record SelfAssessmentTemplate(WorkbookIdentity Identity, string CampaignName, string UnitName, FrameworkDefinition Framework);

/// <summary>
/// Identifies a generated workbook. Stored in a custom XML part (readable from Office.js), never in cells.
/// </summary>
/// <param name="CampaignId">Campaign the workbook was generated for.</param>
/// <param name="UnitId">Unit the workbook was generated for.</param>
/// <param name="FrameworkCode">Framework code.</param>
/// <param name="FrameworkVersion">Framework version.</param>
/// <param name="StructureHash">Hash of the template's structure; see <see cref="SelfAssessmentWorkbook.StructureHash"/>.</param>
public sealed record WorkbookIdentity(Guid CampaignId, Guid UnitId, string FrameworkCode, string FrameworkVersion, string StructureHash);
