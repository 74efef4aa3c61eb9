using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Core;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>The framework a unit is evaluated on in a campaign, and the engine input from its stored self-assessment.</summary>
public static class UnitEvaluation
{
    /// <summary>The campaign's framework with the unit's individual indicators in place.</summary>
    public static (FrameworkDefinition Framework, IReadOnlyList<EngineProblem> Problems) FrameworkFor(FrameworkDefinition campaignFramework, CampaignUnit link) =>
        IndividualIndicators.Apply(campaignFramework, link.IndividualIndicators);

    /// <summary>The stored answers and data tables as the engine's input.</summary>
    public static UnitInput InputOf(SelfAssessmentRecord assessment) =>
        new(AnswerMapping.ToAnswers(assessment.Answers)) { Facts = assessment.DataTables?.Facts };
}
