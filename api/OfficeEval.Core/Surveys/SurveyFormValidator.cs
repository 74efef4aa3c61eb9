using System.Globalization;

namespace OfficeEval.Core.Surveys;

/// <summary>Checks an authored questionnaire; every problem names its field (<c>items[2].groups[0]</c>).</summary>
public static class SurveyFormValidator
{
    public const int MaxTitle = 200;
    public const int MaxIntroduction = 2000;
    public const int MaxText = 500;
    public const int MaxSection = 100;
    public const int MaxLabel = 20;
    public const int MaxGroupName = 40;
    public const int MaxGroups = 12;
    public const int MaxItems = 200;
    public const int MaxCode = 32;

    /// <summary>
    /// The problems of <paramref name="form"/>; empty when it can be used. <paramref name="indicatorProblem"/>, when
    /// given, checks an item's indicator code against the campaign's framework and returns a reason (zh, en) when the
    /// code cannot be linked.
    /// </summary>
    public static IReadOnlyList<EngineProblem> Validate(SurveyForm form, Func<string, (string Zh, string En)?>? indicatorProblem = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<EngineProblem>();
        void Add(string field, string code, string zh, string en) => problems.Add(new EngineProblem(code, zh, en) { Field = field });

        if (string.IsNullOrWhiteSpace(form.Title) || form.Title.Length > MaxTitle || HasControl(form.Title))
        {
            Add("title", "survey.title", F($"问卷标题不能为空，不超过 {MaxTitle} 个字符，且不含控制字符。"), F($"The title is required, at most {MaxTitle} characters, without control characters."));
        }

        if ((form.Introduction?.Length ?? 0) > MaxIntroduction || HasControl(form.Introduction ?? ""))
        {
            Add("introduction", "survey.introduction", F($"问卷说明不超过 {MaxIntroduction} 个字符，且不含控制字符。"), F($"The introduction is at most {MaxIntroduction} characters, without control characters."));
        }

        if (!Enum.IsDefined(form.BelowMinimum))
        {
            Add("belowMinimum", "survey.fallback", "人数不足群体的处理方式无效。", "The fallback for groups below their minimum is unknown.");
        }

        var groups = form.Groups ?? [];
        if (groups.Count is 0 or > MaxGroups)
        {
            Add("groups", "survey.no_groups", F($"问卷应设置 1 至 {MaxGroups} 个答卷群体。"), F($"The questionnaire needs 1 to {MaxGroups} respondent groups."));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var at = F($"groups[{g}]");
            if (group is null || string.IsNullOrWhiteSpace(group.Name) || group.Name.Length > MaxGroupName || HasControl(group.Name) || !names.Add(group.Name))
            {
                Add(at + ".name", "survey.group_name", F($"第 {g + 1} 个答卷群体的名称“{group?.Name}”为空、过长或重复。"), F($"Group {g + 1}: the name \"{group?.Name}\" is empty, too long or repeated."));
                continue;
            }

            if (group.Weight is < 0 or > 1000)
            {
                Add(at + ".weight", "survey.group_weight", F($"答卷群体“{group.Name}”的权重 {group.Weight} 应在 0 到 1000 之间。"), F($"Group \"{group.Name}\": the weight {group.Weight} must be within 0 to 1000."));
            }

            if (group.MinimumResponses is < 0 or > 100_000)
            {
                Add(at + ".minimumResponses", "survey.group_minimum", F($"答卷群体“{group.Name}”的最低份数 {group.MinimumResponses} 应在 0 到 100000 之间。"), F($"Group \"{group.Name}\": the minimum {group.MinimumResponses} must be within 0 to 100000."));
            }

            if (group.ExpectedSampleSize is < 0 or > 1_000_000)
            {
                Add(at + ".expectedSampleSize", "survey.group_expected", F($"答卷群体“{group.Name}”的应发放份数 {group.ExpectedSampleSize} 应在 0 到 1000000 之间。"), F($"Group \"{group.Name}\": the expected sample size {group.ExpectedSampleSize} must be within 0 to 1000000."));
            }

            if (!Enum.IsDefined(group.Respondent))
            {
                Add(at + ".respondent", "survey.group_respondent", F($"答卷群体“{group.Name}”的作答方式无效（个人或单位互评）。"), F($"Group \"{group.Name}\": the respondent kind must be Person or Unit."));
            }
        }

        if (groups.Count > 0 && groups.Where(g => g is not null).Sum(g => Math.Max(g.Weight, 0)) == 0)
        {
            Add("groups", "survey.weights_zero", "所有答卷群体的权重均为 0。", "Every respondent group has weight 0.");
        }

        ValidateChoices(form.Choices, Add);
        var items = form.Items ?? [];
        if (items.Count is 0 or > MaxItems)
        {
            Add("items", "survey.no_items", F($"问卷应有 1 至 {MaxItems} 道题目。"), F($"The questionnaire needs 1 to {MaxItems} items."));
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            ValidateItem(items[i], F($"items[{i}]"), i, names, codes, asked, indicatorProblem, Add);
        }

        foreach (var name in names.Where(n => items.Count > 0 && !asked.Contains(n)))
        {
            var g = groups.ToList().FindIndex(x => x?.Name == name);
            Add(F($"groups[{g}]"), "survey.group_without_items", $"答卷群体“{name}”没有任何题目。", $"Group \"{name}\" is asked no item.");
        }

        return problems;
    }

    private static void ValidateItem(
        SurveyFormItem? item, string at, int index, HashSet<string> groupNames, HashSet<string> codes, HashSet<string> asked,
        Func<string, (string Zh, string En)?>? indicatorProblem, Action<string, string, string, string> add)
    {
        var n = index + 1;
        if (item is null || !IsCode(item.Code) || !codes.Add(item.Code))
        {
            add(at + ".code", "survey.item_code",
                F($"第 {n} 题的编码“{item?.Code}”为空、重复或不合规（字母、数字、_ - .，不超过 {MaxCode} 个字符）。"),
                F($"Item {n}: the code \"{item?.Code}\" is empty, repeated or invalid (letters, digits, _ - ., at most {MaxCode} characters)."));
            if (item is null)
            {
                return;
            }
        }

        if (string.IsNullOrWhiteSpace(item.Text) || item.Text.Length > MaxText || HasControl(item.Text))
        {
            add(at + ".text", "survey.item_text", F($"题目 {item.Code} 的题干不能为空，且不超过 {MaxText} 个字符。"), F($"Item {item.Code}: the text is required and at most {MaxText} characters."));
        }

        if (!Enum.IsDefined(item.Scale))
        {
            add(at + ".scale", "survey.item_scale", $"题目 {item.Code} 的量表无效（五级或三级满意度）。", $"Item {item.Code}: the scale must be Likert5 or ThreePoint.");
        }

        if ((item.Section?.Length ?? 0) > MaxSection || HasControl(item.Section ?? ""))
        {
            add(at + ".section", "survey.item_section", F($"题目 {item.Code} 的分组标题不超过 {MaxSection} 个字符，且不含控制字符。"), F($"Item {item.Code}: the section heading is at most {MaxSection} characters, without control characters."));
        }

        var itemGroups = item.Groups ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < itemGroups.Count; g++)
        {
            var name = itemGroups[g];
            if (name is null || !groupNames.Contains(name) || !seen.Add(name))
            {
                add(F($"{at}.groups[{g}]"), "survey.item_group_unknown", $"题目 {item.Code} 的答卷群体“{name}”不在问卷的群体中或重复。", $"Item {item.Code}: the group \"{name}\" is not one of the questionnaire's groups, or is repeated.");
            }
        }

        if (itemGroups.Count == 0)
        {
            asked.UnionWith(groupNames);
        }
        else
        {
            asked.UnionWith(seen);
        }

        if (item.IndicatorCode is { } indicator)
        {
            if (string.IsNullOrWhiteSpace(indicator) || indicator.Length > 64 || HasControl(indicator))
            {
                add(at + ".indicatorCode", "survey.item_indicator", $"题目 {item.Code} 的关联指标编码为空、过长或含控制字符。", $"Item {item.Code}: the indicator code is empty, too long or holds control characters.");
            }
            else if (indicatorProblem?.Invoke(indicator) is { } reason)
            {
                add(at + ".indicatorCode", "survey.item_indicator", $"题目 {item.Code} 关联的指标 {indicator} {reason.Zh}", $"Item {item.Code}: indicator {indicator} {reason.En}");
            }
        }
    }

    private static void ValidateChoices(SurveyChoices? choices, Action<string, string, string, string> add)
    {
        foreach (var scale in new[] { SurveyScale.Likert5, SurveyScale.ThreePoint })
        {
            var list = SurveyChoices.ListName(scale);
            var labels = choices?.For(scale);
            if (labels is null || labels.Count != SurveyScales.MaxValue(scale))
            {
                add("choices." + list, "survey.choices_count", F($"选项列表 {list} 应有 {SurveyScales.MaxValue(scale)} 个选项。"), F($"The choice list {list} needs {SurveyScales.MaxValue(scale)} choices."));
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < labels.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(labels[i]) || labels[i].Length > MaxLabel || HasControl(labels[i]) || !seen.Add(labels[i]))
                {
                    add(F($"choices.{list}[{i}]"), "survey.choice_label", F($"选项列表 {list} 的第 {i + 1} 个选项“{labels[i]}”为空、重复或超过 {MaxLabel} 个字符。"), F($"Choice {i + 1} of {list}, \"{labels[i]}\", is empty, repeated or longer than {MaxLabel} characters."));
                }
            }
        }
    }

    /// <summary>True for a valid item code: 1–32 of letters, digits, <c>_ - .</c>.</summary>
    public static bool IsCode(string? code) =>
        code is { Length: > 0 and <= MaxCode } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>
    /// True when <paramref name="text"/> holds a character no XML document can carry (control characters other than tab
    /// and line breaks, U+FFFE, U+FFFF, a lone surrogate): the form is written into workbooks and served as a page.
    /// </summary>
    private static bool HasControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                return true;
            }
        }

        return false;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
