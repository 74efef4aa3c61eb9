using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>
/// What an answer sent through the API must be to be stored: a leaf of the unit's framework, fields that fit the
/// leaf's rule and the database, evidence items from the leaf's checklist. Whether the answer scores well is the
/// engine's business (validate), not a reason to refuse saving a draft.
/// </summary>
public static class AnswerRules
{
    public const int MaxOption = 200;
    public const int MaxExplanation = 4000;
    public const int MaxCountGroups = 50;
    private const decimal MaxNumber = 99_999_999_999_999m;

    public static IReadOnlyList<ProblemItem> Check(FrameworkDefinition framework, IReadOnlyList<AnswerValue> entries, int max)
    {
        var problems = new List<ProblemItem>();
        if (entries.Count > max)
        {
            problems.Add(Problem("answers.too_many", "answers", $"一次最多提交 {max} 项答案。", $"Send at most {max} answers at once."));
            return problems;
        }

        var compiled = CompiledFramework.For(framework);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var at = $"answers[{i}]";
            if (entry is null || string.IsNullOrWhiteSpace(entry.IndicatorCode) || compiled.FindLeaf(entry.IndicatorCode)?.Node is not { } node)
            {
                problems.Add(Problem("answer.indicator_unknown", at + ".indicatorCode",
                    $"第 {i + 1} 项：指标编码“{entry?.IndicatorCode}”不是本单位指标体系中的末级指标。",
                    $"Answer {i + 1}: \"{entry?.IndicatorCode}\" is not a leaf indicator of the unit's framework."));
                continue;
            }

            if (!seen.Add(entry.IndicatorCode))
            {
                problems.Add(Problem("answer.duplicate", at + ".indicatorCode", $"指标 {entry.IndicatorCode} 在同一请求中出现了多次。",
                    $"Indicator {entry.IndicatorCode} appears more than once in the request.", node.Code));
                continue;
            }

            problems.AddRange(CheckFields(entry, node, at));
        }

        return problems;
    }

    private static IEnumerable<ProblemItem> CheckFields(AnswerValue entry, IndicatorNode node, string at)
    {
        var code = node.Code;
        if (entry.Option is { } option)
        {
            if (node.Rule is not QualitativeScaleRule scale)
            {
                yield return Problem("answer.option_not_allowed", at + ".option", $"指标 {code} 不是选项类指标，不能填写选项。", $"Indicator {code} does not take an option.", code);
            }
            else if (!string.IsNullOrWhiteSpace(option) && !scale.Options.Any(o => o.Label == option.Trim()))
            {
                yield return Problem("answer.option_unknown", at + ".option",
                    $"指标 {code} 的选项应为：{string.Join("、", scale.Options.Select(o => o.Label))}。",
                    $"Indicator {code} takes one of: {string.Join(", ", scale.Options.Select(o => o.Label))}.", code);
            }
        }

        if (entry.Number is { } number && (Math.Abs(number) > MaxNumber || decimal.Round(number, 4) != number))
        {
            yield return Problem("answer.number_invalid", at + ".number", $"指标 {code} 的数值过大或小数超过 4 位。",
                $"The number of indicator {code} is too large or has more than 4 decimals.", code);
        }

        if (entry.Finding is not null && node.Rule is not VetoRule)
        {
            yield return Problem("answer.finding_not_allowed", at + ".finding", $"指标 {code} 不是否决类指标，不能填写“是否存在”。",
                $"Indicator {code} is not a veto item and takes no finding.", code);
        }

        if (entry.Counts is { Count: > 0 } counts)
        {
            if (node.Rule is not ShareRule { Source: ShareSource.Answer })
            {
                yield return Problem("answer.counts_not_allowed", at + ".counts", $"指标 {code} 不按人数结构计分，不能填写人数。",
                    $"Indicator {code} does not take counts.", code);
            }
            else if (counts.Count > MaxCountGroups || counts.Any(c => string.IsNullOrWhiteSpace(c.Key) || c.Key.Length > 50 || c.Value < 0 || c.Value > MaxNumber || decimal.Round(c.Value, 4) != c.Value))
            {
                yield return Problem("answer.counts_invalid", at + ".counts", $"指标 {code} 的人数应为各类别（不超过 50 字）对应的非负数。",
                    $"The counts of indicator {code} must be non-negative numbers per named group (up to 50 characters).", code);
            }
        }

        if (entry.SelfScore is { } self && (self < 0 || (node.IsCounted && self > node.Points) || self > MaxNumber || decimal.Round(self, 2) != self))
        {
            yield return Problem("answer.self_score_invalid", at + ".selfScore",
                $"指标 {code} 的自评得分应在 0 至 {node.Points:0.##} 之间，最多两位小数。",
                $"The self-score of indicator {code} must be between 0 and {node.Points:0.##} with at most 2 decimals.", code);
        }

        if (entry.Option?.Length > MaxOption)
        {
            yield return Problem("answer.too_long", at + ".option", $"指标 {code} 的选项超过 {MaxOption} 字。", $"The option of indicator {code} is longer than {MaxOption} characters.", code);
        }

        if (entry.Explanation?.Length > MaxExplanation)
        {
            yield return Problem("answer.too_long", at + ".explanation", $"指标 {code} 的情况说明超过 {MaxExplanation} 字。",
                $"The explanation of indicator {code} is longer than {MaxExplanation} characters.", code);
        }

        foreach (var item in (entry.Evidence ?? []).Where(e => !node.EvidenceChecklist.Contains(e, StringComparer.Ordinal)))
        {
            yield return Problem("answer.evidence_unknown", at + ".evidence",
                $"“{item}”不在指标 {code} 的佐证材料清单中（{string.Join("、", node.EvidenceChecklist)}）。",
                $"\"{item}\" is not on the evidence checklist of indicator {code}.", code);
        }
    }

    /// <summary>Trimmed text, empty text as null, evidence in checklist order without repeats.</summary>
    public static AnswerValue Normalize(AnswerValue entry, FrameworkDefinition framework)
    {
        var node = (CompiledFramework.For(framework).FindLeaf(entry.IndicatorCode)
            ?? throw new ArgumentException($"{entry.IndicatorCode} is not a leaf of the framework.", nameof(entry))).Node;
        var evidence = entry.Evidence is { Count: > 0 } given ? node.EvidenceChecklist.Where(given.Contains).ToList() : null;
        return entry with
        {
            Option = Blank(entry.Option?.Trim()),
            Explanation = Blank(entry.Explanation?.Trim()),
            Counts = entry.Counts is { Count: > 0 } c ? c.ToDictionary(kv => kv.Key.Trim(), kv => kv.Value, StringComparer.Ordinal) : null,
            Evidence = evidence is { Count: > 0 } ? evidence : null,
        };
    }

    /// <summary>Whether two answers hold the same values (null meaning no answer).</summary>
    public static bool SameAs(AnswerValue? a, AnswerValue? b) =>
        a is null || b is null ? a is null && b is null : ChangedFields(a, b).Count == 0;

    /// <summary>The names of the fields that differ between two answers.</summary>
    public static IReadOnlyList<string> ChangedFields(AnswerValue? a, AnswerValue? b)
    {
        var fields = new List<string>();
        void Add(bool differs, string name)
        {
            if (differs)
            {
                fields.Add(name);
            }
        }

        Add(a?.Option != b?.Option, "option");
        Add(a?.Number != b?.Number, "number");
        Add(a?.Finding != b?.Finding, "finding");
        Add(!SameCounts(a?.Counts, b?.Counts), "counts");
        Add(a?.SelfScore != b?.SelfScore, "selfScore");
        Add(a?.Explanation != b?.Explanation, "explanation");
        Add(!(a?.Evidence ?? []).SequenceEqual(b?.Evidence ?? [], StringComparer.Ordinal), "evidence");
        return fields;
    }

    private static bool SameCounts(IReadOnlyDictionary<string, decimal>? a, IReadOnlyDictionary<string, decimal>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ProblemItem Problem(string code, string field, string zh, string en, string? indicator = null) =>
        new(code, zh, en) { Field = field, IndicatorCode = indicator };
}
