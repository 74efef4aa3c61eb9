using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>A unit's scores as the engine computed them, with every problem located.</summary>
public sealed record ScoreResponse(
    Guid UnitId,
    int Revision,
    decimal Total,
    decimal MaxTotal,
    decimal ScoreRate,
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<LeafScoreResponse> Leaves,
    IReadOnlyList<ProblemItem> Problems);

public sealed record LeafScoreResponse(string Code, decimal Points, decimal Score, decimal? SelfScore, string Explanation);

public static class AnswerMapping
{
    public static Dictionary<string, Answer> ToAnswers(IEnumerable<AnswerRecord> records) =>
        records.ToDictionary(
            r => r.IndicatorCode,
            r => new Answer(r.IndicatorCode) { Option = r.Option, Number = r.Number, SelfScore = r.SelfScore, Explanation = r.Explanation },
            StringComparer.Ordinal);

    public static List<AnswerRecord> ToRecords(Guid assessmentId, IEnumerable<Answer> answers) =>
        [.. answers.Select(a => new AnswerRecord
        {
            SelfAssessmentId = assessmentId,
            IndicatorCode = a.IndicatorCode,
            Option = a.Option,
            Number = a.Number,
            SelfScore = a.SelfScore,
            Explanation = a.Explanation,
        })];

    public static ScoreResponse ToResponse(Guid unitId, int revision, UnitScore score, Func<string, string?, (string? Sheet, string? Cell)>? locate = null) =>
        new(unitId, revision, score.Total, score.MaxTotal, score.ScoreRate, score.Dimensions,
            [.. score.Leaves.Select(l => new LeafScoreResponse(l.Code, l.Points, l.Value, l.SelfScore, l.Explanation))],
            [.. score.Problems.Select(p =>
            {
                var (sheet, cell) = p.IndicatorCode is { } code && locate is not null ? locate(code, p.Field) : (null, null);
                return new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { IndicatorCode = p.IndicatorCode, Field = p.Field, Sheet = sheet, Cell = cell };
            })]);
}
