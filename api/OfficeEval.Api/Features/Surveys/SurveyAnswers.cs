using System.Globalization;
using System.Text.Json;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// Reads and checks a respondent's answers (<c>{"answers":[{"item":"Q1","value":4}]}</c>) against the items asked of
/// their group. Every problem names its field (<c>answers[3].item</c>, <c>answers[3].value</c>, <c>answers</c>);
/// answers are stored only when there is none.
/// </summary>
public static class SurveyAnswers
{
    /// <summary>Problems reported at most, so a hostile body cannot make a huge error response.</summary>
    public const int MaxProblems = 50;

    /// <summary>
    /// The answers in <paramref name="body"/> (a parsed JSON object), or the problems with them.
    /// </summary>
    public static (List<SurveyAnswer> Answers, List<ProblemItem> Problems) Check(JsonElement body, SurveyForm form, string group)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<ProblemItem>();
        var answers = new List<SurveyAnswer>();
        var asked = form.ItemsFor(group).ToDictionary(i => i.Code, StringComparer.Ordinal);
        if (!body.TryGetProperty("answers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(Problem("answers", "survey.answers_missing", "请提交答案列表（answers）。", "Send the list of answers (answers)."));
            return (answers, problems);
        }

        var count = list.GetArrayLength();
        if (count == 0)
        {
            problems.Add(Problem("answers", "survey.answers_missing", "请至少回答一道题目。", "Answer at least one item."));
            return (answers, problems);
        }

        if (count > asked.Count)
        {
            problems.Add(Problem("answers", "survey.answers_too_many",
                F($"提交了 {count} 个答案，但本问卷只有 {asked.Count} 道题目。"), F($"{count} answers were sent, but the questionnaire has {asked.Count} items.")));
            return (answers, problems);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var at = F($"answers[{index++}]");
            var code = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("item", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!
                : null;
            if (code is null || !asked.TryGetValue(code, out var item))
            {
                problems.Add(Problem(at + ".item", "survey.item_unknown",
                    $"题目“{Shorten(code)}”不是本问卷向该类调查对象提出的题目。", $"Item \"{Shorten(code)}\" is not asked of this respondent group."));
                continue;
            }

            if (!seen.Add(code))
            {
                problems.Add(Problem(at + ".item", "survey.answer_duplicate", $"题目 {code} 重复作答。", $"Item {code} is answered more than once."));
                continue;
            }

            var max = SurveyScales.MaxValue(item.Scale);
            if (!element.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var value)
                || !SurveyScales.IsValid(item.Scale, value))
            {
                problems.Add(Problem(at + ".value", "survey.value_out_of_range",
                    F($"题目 {code} 的答案应为 1 至 {max} 的整数。"), F($"The answer to item {code} must be a whole number from 1 to {max}.")));
                continue;
            }

            answers.Add(new SurveyAnswer(code, value));
        }

        var missing = asked.Values.Where(i => i.Required && !seen.Contains(i.Code)).Select(i => i.Code).ToList();
        if (missing.Count > 0)
        {
            problems.Add(Problem("answers", "survey.required_missing",
                $"以下必答题尚未作答：{string.Join("、", missing)}。", $"These required items are not answered: {string.Join(", ", missing)}."));
        }

        if (problems.Count > MaxProblems)
        {
            problems.RemoveRange(MaxProblems, problems.Count - MaxProblems);
        }

        return (answers, problems);
    }

    private static ProblemItem Problem(string field, string code, string zh, string en) => new(code, zh, en) { Field = field };

    /// <summary>An unknown code as echoed back: at most 40 characters.</summary>
    private static string Shorten(string? code) => code is null ? "" : code.Length <= 40 ? code : code[..40] + "…";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
