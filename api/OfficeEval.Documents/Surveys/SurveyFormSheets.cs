using System.Globalization;
using OfficeEval.Core.Surveys;
using static OfficeEval.Documents.Surveys.SurveyFormLayout;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// Reads each sheet of the questionnaire workbook into its part of the form. Every unreadable cell is reported with its
/// address and read as a harmless placeholder, so the rest of the form can still be checked and every problem shown at once.
/// Free text (title, introduction, questions, labels, section headings) is kept as typed; codes, names and keywords are trimmed.
/// </summary>
internal static class SurveyFormSheets
{
    private const int MaxSettingRows = 50;
    private const int MaxChoiceRows = 50;

    private static readonly char[] GroupSeparators = ['、', ',', '，', ';', '；', '\n', '\r'];

    public sealed record FormSettings(string Title, string Introduction, GroupFallback BelowMinimum);

    public static FormSettings ReadSettings(SurveyFormTable table, SurveyFormPlaces places)
    {
        table.TooMany(MaxSettingRows, "设置项");
        var values = new Dictionary<Setting, string>();
        var rows = new Dictionary<Setting, int>();
        var fields = new Dictionary<Setting, string> { [Settings.Title] = "title", [Settings.Introduction] = "introduction", [Settings.BelowMinimum] = "belowMinimum" };
        foreach (var row in table.Rows)
        {
            var key = table.Text(Settings.KeyColumn, row).Trim();
            var setting = Settings.Rows.FirstOrDefault(s => s.Matches(key));
            if (setting is null)
            {
                if (!Settings.XlsFormKeys.Contains(Key(key)))
                {
                    var known = string.Join("、", Settings.Rows.Select(s => s.Name));
                    table.Problem("surveyform.setting_unknown", Settings.KeyColumn, row.Row, null, $"设置项“{key}”无法识别，应为：{known}。",
                        $"Setting \"{key}\" is not known; use one of: {known}.");
                }

                continue;
            }

            if (values.ContainsKey(setting))
            {
                table.Problem("surveyform.setting_duplicate", Settings.KeyColumn, row.Row, fields[setting], $"设置项 {setting.Name} 重复。",
                    $"Setting {setting.Name} appears twice.");
                continue;
            }

            values[setting] = table.Text(Settings.ValueColumn, row, fields[setting]);
            rows[setting] = row.Row;
            places.Add(fields[setting], table.Sheet, table.Cell(Settings.ValueColumn, row.Row));
        }

        var fallbackText = values.GetValueOrDefault(Settings.BelowMinimum) ?? "";
        var fallback = ParseFallback(fallbackText);
        if (fallback is null)
        {
            table.Problem("surveyform.fallback_unknown", Settings.ValueColumn, rows[Settings.BelowMinimum], "belowMinimum",
                $"below_minimum 应为 exclude（不计入）或 use_anyway（仍计入），现为“{fallbackText}”。",
                $"below_minimum must be exclude or use_anyway, not \"{fallbackText}\".");
        }

        return new FormSettings(values.GetValueOrDefault(Settings.Title) ?? "", values.GetValueOrDefault(Settings.Introduction) ?? "", fallback ?? GroupFallback.Exclude);
    }

    public static List<SurveyFormGroup> ReadGroups(SurveyFormTable table, SurveyFormPlaces places)
    {
        table.TooMany(SurveyFormValidator.MaxGroups, "答卷群体");
        var groups = new List<SurveyFormGroup>();
        foreach (var row in table.Rows)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"groups[{groups.Count}]");
            foreach (var (column, field) in new[] { (Groups.Name, "name"), (Groups.Weight, "weight"), (Groups.Minimum, "minimumResponses"), (Groups.Expected, "expectedSampleSize"), (Groups.Respondent, "respondent") })
            {
                places.Add(at + "." + field, table.Sheet, table.Cell(column, row.Row));
            }

            places.Add(at, table.Sheet, table.Cell(Groups.Name, row.Row));
            var name = table.Text(Groups.Name, row, at + ".name").Trim();
            var weight = Number(table, Groups.Weight, row, at + ".weight", required: true) ?? 1m;
            var minimum = Whole(table, Groups.Minimum, row, at + ".minimumResponses");
            var expected = Whole(table, Groups.Expected, row, at + ".expectedSampleSize");
            var respondentText = table.Text(Groups.Respondent, row, at + ".respondent");
            var respondent = ParseRespondent(respondentText);
            if (respondent is null)
            {
                table.Problem("surveyform.respondent_unknown", Groups.Respondent, row.Row, at + ".respondent",
                    $"作答方式应为 person（个人）或 unit（单位互评），现为“{respondentText}”。", $"The respondent must be person or unit, not \"{respondentText}\".");
            }

            groups.Add(new SurveyFormGroup(name, weight, minimum, expected, respondent ?? RespondentKind.Person));
        }

        return groups;
    }

    public static SurveyChoices ReadChoices(SurveyFormTable table, SurveyFormPlaces places)
    {
        table.TooMany(MaxChoiceRows, "选项");
        var scales = Enum.GetValues<SurveyScale>();
        var labels = scales.ToDictionary(s => s, s => new string?[SurveyScales.MaxValue(s)]);
        var firstRow = new Dictionary<SurveyScale, int>();
        foreach (var row in table.Rows)
        {
            var listText = table.Text(Choices.ListName, row).Trim();
            if (ParseList(listText) is not { } scale)
            {
                table.Problem("surveyform.choice_list_unknown", Choices.ListName, row.Row, null,
                    $"选项列表“{listText}”无法识别，应为 likert5 或 satisfaction3。", $"Choice list \"{listText}\" is not known; use likert5 or satisfaction3.");
                continue;
            }

            var list = SurveyChoices.ListName(scale);
            firstRow.TryAdd(scale, row.Row);
            places.Add("choices." + list, table.Sheet, table.Cell(Choices.ListName, row.Row));
            var valueText = table.Text(Choices.Name, row).Trim();
            var max = SurveyScales.MaxValue(scale);
            if (!int.TryParse(Key(valueText), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            {
                table.Problem("surveyform.choice_value_invalid", Choices.Name, row.Row, null,
                    string.Create(CultureInfo.InvariantCulture, $"选项列表 {list} 的值应为 1 至 {max} 的整数，现为“{valueText}”。"),
                    string.Create(CultureInfo.InvariantCulture, $"The values of {list} are whole numbers from 1 to {max}, not \"{valueText}\"."));
                continue;
            }

            var field = string.Create(CultureInfo.InvariantCulture, $"choices.{list}[{value - 1}]");
            if (labels[scale][value - 1] is not null)
            {
                table.Problem("surveyform.choice_duplicate", Choices.Name, row.Row, field,
                    string.Create(CultureInfo.InvariantCulture, $"选项列表 {list} 的值 {value} 重复。"), string.Create(CultureInfo.InvariantCulture, $"Value {value} of {list} appears twice."));
                continue;
            }

            labels[scale][value - 1] = table.Text(Choices.Label, row, field);
            places.Add(field, table.Sheet, table.Cell(Choices.Label, row.Row));
        }

        foreach (var scale in scales.Where(s => firstRow.ContainsKey(s) && labels[s].Any(l => l is null)))
        {
            var list = SurveyChoices.ListName(scale);
            var missing = string.Join("、", labels[scale].Select((l, i) => (l, i)).Where(x => x.l is null).Select(x => x.i + 1));
            table.Problem("surveyform.choice_missing", Choices.ListName, firstRow[scale], "choices." + list,
                $"选项列表 {list} 缺少值为 {missing} 的选项。", $"Choice list {list} has no choice with value {missing}.");
        }

        // A list the sheet leaves out keeps the default labels, as does each missing value (reported above).
        string[] Labels(SurveyScale scale) => [.. labels[scale].Select((l, i) => l ?? SurveyScales.Labels(scale)[i])];
        return new SurveyChoices(Labels(SurveyScale.Likert5), Labels(SurveyScale.ThreePoint));
    }

    public static List<SurveyFormItem> ReadItems(SurveyFormTable table, IReadOnlySet<string> groupNames, SurveyFormPlaces places)
    {
        var items = new List<SurveyFormItem>();
        string? pendingSection = null;
        foreach (var row in table.Rows)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"items[{items.Count}]");
            if (items.Count == SurveyFormValidator.MaxItems)
            {
                table.Problem("surveyform.too_many_rows", Survey.Type, row.Row, "items",
                    string.Create(CultureInfo.InvariantCulture, $"题目超过 {SurveyFormValidator.MaxItems} 道，多出的行未读取。"),
                    string.Create(CultureInfo.InvariantCulture, $"There are more than {SurveyFormValidator.MaxItems} items; the rest was not read."));
                break;
            }

            var typeText = table.Text(Survey.Type, row, at + ".scale");
            var (kind, scale) = ParseType(typeText);
            if (kind == RowKind.BeginGroup)
            {
                // An XLSForm group: its label heads the first item inside it.
                pendingSection = table.Text(Survey.Label, row);
                continue;
            }

            if (kind == RowKind.EndGroup)
            {
                pendingSection = null;
                continue;
            }

            foreach (var (column, field) in new[] { (Survey.Type, "scale"), (Survey.Name, "code"), (Survey.Label, "text"), (Survey.Groups, "groups"), (Survey.Indicator, "indicatorCode"), (Survey.Reverse, "reverse"), (Survey.Required, "required"), (Survey.Section, "section") })
            {
                places.Add(at + "." + field, table.Sheet, table.Cell(column, row.Row));
            }

            places.Add(at, table.Sheet, table.Cell(Survey.Name, row.Row));
            if (kind == RowKind.Unknown)
            {
                var types = string.Join("、", Enum.GetValues<SurveyScale>().Select(TypeName));
                table.Problem("surveyform.type_unknown", Survey.Type, row.Row, at + ".scale",
                    typeText.Trim().Length == 0 ? $"请填写题型：{types}。" : $"题型“{typeText.Trim()}”无法识别，应为：{types}（或“五级满意度”“三级满意度”）。",
                    typeText.Trim().Length == 0 ? $"Fill in the type: {types}." : $"Type \"{typeText.Trim()}\" is not known; use {types}.");
            }

            var section = table.Text(Survey.Section, row, at + ".section");
            if (section.Trim().Length == 0)
            {
                section = pendingSection ?? "";
            }

            pendingSection = null;
            var indicator = table.Text(Survey.Indicator, row, at + ".indicatorCode").Trim();
            items.Add(new SurveyFormItem(
                table.Text(Survey.Name, row, at + ".code").Trim(),
                table.Text(Survey.Label, row, at + ".text"),
                scale,
                GroupNames(table.Text(Survey.Groups, row, at + ".groups"), groupNames),
                indicator.Length == 0 ? null : indicator,
                Flag(table, Survey.Reverse, row, at + ".reverse", blank: false),
                Flag(table, Survey.Required, row, at + ".required", blank: true),
                section.Trim().Length == 0 ? null : section));
        }

        return items;
    }

    /// <summary>The group names of a cell: the whole text when it is one group's name, else the parts between separators.</summary>
    private static List<string> GroupNames(string text, IReadOnlySet<string> groupNames) =>
        groupNames.Contains(text.Trim()) ? [text.Trim()] : [.. text.Split(GroupSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static bool Flag(SurveyFormTable table, Column column, (int Row, Dictionary<string, string> Cells) row, string field, bool blank)
    {
        var text = table.Text(column, row, field);
        if (ParseFlag(text, blank) is { } flag)
        {
            return flag;
        }

        table.Problem("surveyform.flag_invalid", column, row.Row, field, $"“{column.Header}”应填“是”或“否”，现为“{text.Trim()}”。",
            $"\"{column.Header}\" must be yes or no, not \"{text.Trim()}\".");
        return blank;
    }

    /// <summary>A number as typed or as Excel stores it (full-width digits, a percentage, an exponent); null when blank and not required, or unreadable (reported).</summary>
    private static decimal? Number(SurveyFormTable table, Column column, (int Row, Dictionary<string, string> Cells) row, string field, bool required)
    {
        var text = table.Text(column, row, field);
        var key = Key(text);
        if (key.Length == 0)
        {
            if (required)
            {
                table.Problem("surveyform.required", column, row.Row, field, $"请填写“{column.Header}”（{column.Chinese}）。", $"Fill in \"{column.Header}\".");
            }

            return null;
        }

        var percent = key.EndsWith('%');
        if (decimal.TryParse(percent ? key[..^1] : key, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return percent ? value / 100m : value;
        }

        table.Problem("surveyform.not_a_number", column, row.Row, field, $"“{column.Header}”应为数字，现为“{text.Trim()}”。",
            $"\"{column.Header}\" must be a number, not \"{text.Trim()}\".");
        return null;
    }

    private static int Whole(SurveyFormTable table, Column column, (int Row, Dictionary<string, string> Cells) row, string field)
    {
        var value = Number(table, column, row, field, required: false);
        if (value is null)
        {
            return 0;
        }

        if (value != decimal.Truncate(value.Value) || value is < int.MinValue or > int.MaxValue)
        {
            table.Problem("surveyform.not_a_whole_number", column, row.Row, field,
                string.Create(CultureInfo.InvariantCulture, $"“{column.Header}”应为整数，现为“{value}”。"),
                string.Create(CultureInfo.InvariantCulture, $"\"{column.Header}\" must be a whole number, not \"{value}\"."));
            return 0;
        }

        return (int)value.Value;
    }
}
