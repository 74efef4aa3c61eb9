using System.Text.Json.Serialization;
using OfficeEval.Api.Features.SelfAssessment;

namespace OfficeEval.Api.Features.Audit;

/// <summary>
/// The audit entry of saved self-evaluation answers: before and after of the leaves that changed only, each leaf compact
/// (code → option, number, finding, counts, self-score, explanation; empty parts left out). A leaf answered for the
/// first time has no "before", one no longer answered no "after".
/// </summary>
public static class AnswerChanges
{
    public sealed record Leaf(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Option,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Number,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Finding,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SortedDictionary<string, decimal>? Counts,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? SelfScore,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Explanation)
    {
        public static Leaf Of(AnswerRecord answer) => new(
            answer.Option,
            answer.Number,
            answer.Finding,
            answer.Counts is null ? null : new SortedDictionary<string, decimal>(answer.Counts, StringComparer.Ordinal),
            answer.SelfScore,
            answer.Explanation);

        public bool Same(Leaf other) =>
            Option == other.Option && Number == other.Number && Finding == other.Finding && SelfScore == other.SelfScore
            && Explanation == other.Explanation
            && (Counts is null ? other.Counts is null : other.Counts is not null && Counts.SequenceEqual(other.Counts));
    }

    /// <summary>The event for saving <paramref name="after"/> over <paramref name="before"/>; record it with the save.</summary>
    public static AuditEvent Event(SelfAssessmentRecord assessment, IEnumerable<AnswerRecord> before, IEnumerable<AnswerRecord> after, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var old = before.ToDictionary(a => a.IndicatorCode, Leaf.Of, StringComparer.Ordinal);
        var now = after.ToDictionary(a => a.IndicatorCode, Leaf.Of, StringComparer.Ordinal);
        var beforeChanged = new SortedDictionary<string, Leaf>(StringComparer.Ordinal);
        var afterChanged = new SortedDictionary<string, Leaf>(StringComparer.Ordinal);
        var changed = 0;
        foreach (var code in old.Keys.Union(now.Keys))
        {
            var was = old.GetValueOrDefault(code);
            var @is = now.GetValueOrDefault(code);
            if (was is not null && @is is not null && was.Same(@is))
            {
                continue;
            }

            changed++;
            if (was is not null)
            {
                beforeChanged[code] = was;
            }

            if (@is is not null)
            {
                afterChanged[code] = @is;
            }
        }

        return new AuditEvent(AuditActions.AnswersChanged, $"self-assessment/{assessment.Id}")
        {
            CampaignId = assessment.CampaignId,
            UnitId = assessment.UnitId,
            Before = beforeChanged,
            After = afterChanged,
            Data = new { revision = assessment.Revision, leavesChanged = changed, fileName },
        };
    }
}
