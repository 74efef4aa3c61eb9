using OfficeEval.Api.Infrastructure;
using OfficeEval.Core;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>
/// What stands between a draft and its submission: leaves the unit must answer but has not, evidence-checklist items
/// not marked as provided, and the engine's problems. Self-scores left empty are warnings only: the engine's score
/// stands for them.
/// </summary>
public static class SubmissionChecklist
{
    public static IReadOnlyList<ProblemItem> Check(FrameworkDefinition framework, IReadOnlyDictionary<string, AnswerValue> answers, UnitScore score)
    {
        var problems = new List<ProblemItem>();
        foreach (var leaf in framework.Leaves())
        {
            var node = leaf.Node;
            answers.TryGetValue(node.Code, out var answer);
            if (RuleScorer.AnsweredByUnit(node.Rule) && !IsAnswered(node.Rule, answer))
            {
                problems.Add(new ProblemItem("submit.answer_missing", $"指标 {node.Code}「{node.Name}」尚未填写。",
                    $"Indicator {node.Code} ({node.Name}) is not answered.") { IndicatorCode = node.Code, Field = FieldOf(node.Rule) });
            }

            var provided = answer?.Evidence ?? [];
            foreach (var item in node.EvidenceChecklist.Where(e => !provided.Contains(e, StringComparer.Ordinal)))
            {
                problems.Add(new ProblemItem("submit.evidence_missing", $"指标 {node.Code} 的佐证材料「{item}」尚未提供。",
                    $"Evidence \"{item}\" of indicator {node.Code} is not provided.") { IndicatorCode = node.Code, Field = "evidence" });
            }

            if (answer?.SelfScore is null && node.Rule is not VetoRule)
            {
                problems.Add(new ProblemItem("submit.self_score_missing", $"指标 {node.Code} 未填写自评得分，将以系统计算得分为准。",
                    $"Indicator {node.Code} has no self-score; the computed score stands.") { IndicatorCode = node.Code, Field = "selfScore", IsWarning = true });
            }
        }

        // A questionnaire without results yet is not the unit's to fix: it is shown, and does not hold up submission.
        problems.AddRange(score.Problems.Select(p => ToItem(p) with { IsWarning = p.Code == SurveyMissing }));
        return problems;
    }

    /// <summary>The engine's problem for a survey-rule leaf whose questionnaire has no result yet.</summary>
    public const string SurveyMissing = "survey.missing";

    public static ProblemItem ToItem(EngineProblem p) =>
        new(p.Code, p.MessageZh, p.MessageEn) { IndicatorCode = p.IndicatorCode, Field = p.Field };

    private static bool IsAnswered(ScoringRule? rule, AnswerValue? answer) => answer is not null && rule switch
    {
        null => answer.SelfScore is not null,
        QualitativeScaleRule => !string.IsNullOrWhiteSpace(answer.Option),
        VetoRule => answer.Finding is not null,
        ShareRule => answer.Counts is { Count: > 0 },
        _ => answer.Number is not null,
    };

    private static string FieldOf(ScoringRule? rule) => rule switch
    {
        null => "selfScore",
        QualitativeScaleRule => "option",
        VetoRule => "finding",
        ShareRule => "counts",
        _ => "number",
    };
}
