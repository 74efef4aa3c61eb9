using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Core;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>The framework a unit is evaluated on in a campaign, and the engine input from its stored self-assessment.</summary>
public static class UnitEvaluation
{
    /// <summary>The campaign's framework with the unit's individual indicators in place.</summary>
    public static (FrameworkDefinition Framework, IReadOnlyList<EngineProblem> Problems) FrameworkFor(FrameworkDefinition campaignFramework, CampaignUnit link) =>
        IndividualIndicators.Apply(campaignFramework, link.IndividualIndicators);

    /// <summary>The stored answers and data tables as the engine's input, with the questionnaire's fractions when it has results.</summary>
    public static UnitInput InputOf(SelfAssessmentRecord assessment, IReadOnlyDictionary<string, decimal>? surveyFractions = null) =>
        Input(AnswerMapping.ToAnswers(assessment.Answers), assessment.DataTables?.Facts, surveyFractions);

    /// <summary>Answers, data tables and questionnaire fractions as the engine's input.</summary>
    public static UnitInput Input(IReadOnlyDictionary<string, Answer> answers, UnitFacts? facts, IReadOnlyDictionary<string, decimal>? surveyFractions)
    {
        var input = new UnitInput(answers) { Facts = facts };
        return surveyFractions is null ? input : input with { SurveyFractions = surveyFractions };
    }
}
