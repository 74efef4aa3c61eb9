using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Benchmarks;

/// <summary>Everything a campaign's consolidation reads: the framework, the survey, the units and the grading policies.</summary>
internal sealed record Campaign(
    FrameworkDefinition Framework,
    SurveyDefinition Survey,
    IReadOnlyList<CampaignUnit> Units,
    GradeScheme Grades,
    BoardPolicy BoardPolicy);

/// <summary>One unit's data as stored: its answers, verifications and facts (without survey fractions), and its raw questionnaires.</summary>
/// <param name="Id">The unit's key.</param>
/// <param name="Category">Its board category.</param>
/// <param name="Input">Answers, verified scores and facts; the survey fractions are added by consolidation.</param>
/// <param name="Responses">Its returned questionnaires.</param>
/// <param name="ExpectedSampleSizes">Its per-unit questionnaire counts (内部人员 depends on its size).</param>
/// <param name="PreviousBoard">Its board in the previous campaign.</param>
internal sealed record CampaignUnit(
    string Id,
    string Category,
    UnitInput Input,
    IReadOnlyList<SurveyResponse> Responses,
    IReadOnlyDictionary<string, int> ExpectedSampleSizes,
    Board? PreviousBoard);
