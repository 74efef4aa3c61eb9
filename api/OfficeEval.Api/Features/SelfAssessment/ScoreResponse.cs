using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>A unit's scores as the engine computed them, with every problem located (sheet and cell where known).</summary>
public sealed record ScoreResponse(
    Guid UnitId,
    int Revision,
    decimal Total,
    decimal MaxTotal,
    decimal ScoreRate,
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<LeafScoreResponse> Leaves,
    IReadOnlyList<ProblemItem> Problems)
{
    /// <summary>The total's explanation (bonus pools, vetoes).</summary>
    public string Explanation { get; init; } = "";

    /// <summary>Whether nothing but warnings stands in the way of submitting (null where submission is not the question).</summary>
    public bool? ReadyToSubmit { get; init; }

    /// <summary>Workload saturation from 工作量测算, when the unit filled it.</summary>
    public WorkloadSummary? Workload { get; init; }

    /// <summary>The response for a workbook read and scored.</summary>
    public static ScoreResponse From(Guid unitId, int revision, WorkbookEvaluation evaluation, UnitDataTables tables) =>
        Of(unitId, revision, evaluation.Score, [.. evaluation.Problems.Select(WorkbookEndpoints.ToItem)], tables);

    /// <summary>The response for a unit scored by the engine, with the problems to show.</summary>
    public static ScoreResponse Of(Guid unitId, int revision, UnitScore score, IReadOnlyList<ProblemItem> problems, UnitDataTables? tables)
    {
        var workload = tables?.Workload();
        return new ScoreResponse(unitId, revision, score.Total, score.MaxTotal, score.ScoreRate, score.Dimensions,
            [.. score.Leaves.Select(LeafScoreResponse.From)], problems)
        {
            Explanation = score.Explanation,
            Workload = workload is null ? null : new WorkloadSummary(workload.SaturationPercent, workload.Band, workload.Explanation),
        };
    }
}

/// <summary>One leaf's score and the rule's explanation of it.</summary>
public sealed record LeafScoreResponse(string Code, decimal Points, decimal Score, decimal? SelfScore, string Explanation)
{
    public static LeafScoreResponse From(LeafScore leaf) => new(leaf.Code, leaf.Points, leaf.Value, leaf.SelfScore, leaf.Explanation);
}

/// <summary>工作饱满度 computed from the unit's workload table.</summary>
public sealed record WorkloadSummary(decimal? SaturationPercent, string? Band, string Explanation);

public static class AnswerMapping
{
    public static Dictionary<string, Answer> ToAnswers(IEnumerable<AnswerRecord> records) => ToAnswers(records.Select(AnswerValue.From));

    /// <summary>The engine's answers from the API's answer values.</summary>
    public static Dictionary<string, Answer> ToAnswers(IEnumerable<AnswerValue> values) =>
        values.ToDictionary(
            v => v.IndicatorCode,
            v => new Answer(v.IndicatorCode)
            {
                Option = v.Option,
                Number = v.Number,
                Finding = v.Finding,
                Counts = v.Counts,
                SelfScore = v.SelfScore,
                Explanation = v.Explanation,
            },
            StringComparer.Ordinal);

    public static List<AnswerRecord> ToRecords(Guid assessmentId, IEnumerable<Answer> answers) =>
        [.. answers.Select(a => new AnswerRecord
        {
            SelfAssessmentId = assessmentId,
            IndicatorCode = a.IndicatorCode,
            Option = a.Option,
            Number = a.Number,
            Finding = a.Finding,
            Counts = a.Counts is null ? null : new Dictionary<string, decimal>(a.Counts, StringComparer.Ordinal),
            SelfScore = a.SelfScore,
            Explanation = a.Explanation,
        })];
}
