using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Surveys.SurveyFormLayout;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// Writes the questionnaire workbook: 填写说明, survey, choices, settings and groups, in the framework authoring
/// workbook's styles. Headers are frozen, keyword columns have drop-downs (that still accept the aliases the reader
/// knows) and every column a prompt in Chinese.
/// </summary>
internal static class SurveyFormWriter
{
    /// <summary>Rows below the last item that still carry the survey sheet's drop-downs and prompts.</summary>
    private const int SpareRows = SurveyFormValidator.MaxItems;

    /// <summary>Decimals as typed, never rounded (weights such as 0.125 read back equal).</summary>
    private const string ExactNumber = "0.############################";

    public static void Write(SurveyForm? form, Stream output)
    {
        using var workbook = new WorkbookBuilder(output, AuthoringStyles.Write);
        var instructions = workbook.Sheet();
        SurveyFormInstructions.Write(instructions);
        instructions.WriteTo(workbook.Add(SurveyFormLayout.InstructionsSheet), SurveyFormInstructions.Widths, 0, "A1", landscape: true, tabColour: "FF4472C4", protect: false);

        var survey = workbook.Sheet();
        var lastItemRow = WriteItems(survey, form);
        survey.WriteTo(workbook.Add(SurveySheet.Name), Widths(Survey.Columns), 1, "A2", landscape: true, tabColour: "FFC00000", protect: false,
            columnStyles: Styles(Survey.Columns, (Survey.Name, AuthoringStyles.Code), (Survey.Indicator, AuthoringStyles.Code)));

        var choices = workbook.Sheet();
        WriteChoices(choices, form?.Choices ?? SurveyChoices.Default);
        choices.WriteTo(workbook.Add(ChoicesSheet.Name), [.. Widths(Choices.Columns), 60], 1, "C2", landscape: false, protect: false);

        var settings = workbook.Sheet();
        WriteSettings(settings, form);
        settings.WriteTo(workbook.Add(SettingsSheet.Name), Widths(Settings.Columns), 1, "B2", landscape: false, protect: false);

        var groups = workbook.Sheet();
        WriteGroups(groups, form?.Groups ?? TemplateGroups());
        groups.WriteTo(workbook.Add(GroupsSheet.Name), Widths(Groups.Columns), 1, "A2", landscape: false, protect: false);

        workbook.Finish(form is null ? 0U : workbook.IndexOf(SurveySheet.Name),
            workbook.PrintTitles(SurveySheet.Name, "$1:$1"),
            workbook.PrintArea(SurveySheet.Name, string.Create(CultureInfo.InvariantCulture, $"$A$1:${Letter(Survey.Columns, Survey.Section)}${lastItemRow}")));
    }

    /// <summary>The blank template's groups: the five usual ones, to be adjusted (townships answer as units, in mutual evaluation).</summary>
    private static IReadOnlyList<SurveyFormGroup> TemplateGroups() =>
    [
        .. RespondentGroups.Standard.Select(name => name == RespondentGroups.Townships
            ? new SurveyFormGroup(name, 0.2m, 5, 0, RespondentKind.Unit)
            : new SurveyFormGroup(name, 0.2m, 30, 0)),
    ];

    /// <summary>Writes the header and one row per item; returns the last row written.</summary>
    private static int WriteItems(SheetBuilder sheet, SurveyForm? form)
    {
        Header(sheet, Survey.Columns);
        var row = 2;
        foreach (var item in form?.Items ?? [])
        {
            var groups = string.Join("、", item.Groups);
            var lines = new[] { Lines(item.Text, Survey.Label), Lines(groups, Survey.Groups), Lines(item.Section ?? "", Survey.Section) }.Max();
            S.Cell Cell(Column column, string? text, uint style) => Text(sheet, Survey.Columns, column, row, text, style);
            sheet.Row(row, Math.Max(20, (lines * 14.5) + 6),
                Cell(Survey.Type, TypeName(item.Scale), AuthoringStyles.Text),
                Cell(Survey.Name, item.Code, AuthoringStyles.Code),
                Cell(Survey.Label, item.Text, AuthoringStyles.Text),
                Cell(Survey.Groups, groups, AuthoringStyles.Text),
                Cell(Survey.Indicator, item.IndicatorCode, AuthoringStyles.Code),
                Cell(Survey.Reverse, item.Reverse ? Yes : No, AuthoringStyles.Center),
                Cell(Survey.Required, item.Required ? Yes : No, AuthoringStyles.Center),
                Cell(Survey.Section, item.Section, AuthoringStyles.Text));
            row++;
        }

        var last = row - 1;
        string Range(Column column) => Range2(Survey.Columns, column, last + SpareRows);
        sheet.Validate(Choice(Range(Survey.Type), Enum.GetValues<SurveyScale>().Select(TypeName), "题型", Survey.Type.Note));
        sheet.Validate(SheetBuilder.TextLength(Range(Survey.Name), SurveyFormValidator.MaxCode, "题目编码", Survey.Name.Note));
        sheet.Validate(SheetBuilder.TextLength(Range(Survey.Label), SurveyFormValidator.MaxText, "题干", Survey.Label.Note));
        sheet.Validate(Prompt(Range(Survey.Groups), "答卷群体", Survey.Groups.Note));
        sheet.Validate(Prompt(Range(Survey.Indicator), "关联指标", Survey.Indicator.Note));
        sheet.Validate(Choice(Range(Survey.Reverse), [Yes, No], "反向计分", Survey.Reverse.Note));
        sheet.Validate(Choice(Range(Survey.Required), [Yes, No], "必答", Survey.Required.Note));
        sheet.Validate(SheetBuilder.TextLength(Range(Survey.Section), SurveyFormValidator.MaxSection, "分组标题", Survey.Section.Note));
        return Math.Max(last, 1);
    }

    private static void WriteChoices(SheetBuilder sheet, SurveyChoices choices)
    {
        Header(sheet, Choices.Columns);
        var row = 2;
        foreach (var scale in Enum.GetValues<SurveyScale>())
        {
            var labels = choices.For(scale);
            for (var value = 1; value <= SurveyScales.MaxValue(scale); value++, row++)
            {
                var label = value <= labels.Count ? labels[value - 1] : "";
                var note = value == 1
                    ? $"{ScaleName(scale)}：值越大越满意，只改选项文字，不改值。"
                    : "";
                sheet.Row(row, 20,
                    Text(sheet, Choices.Columns, Choices.ListName, row, SurveyChoices.ListName(scale), AuthoringStyles.Text),
                    Number(Choices.Columns, Choices.Name, row, value),
                    Text(sheet, Choices.Columns, Choices.Label, row, label, AuthoringStyles.Input),
                    note.Length == 0 ? SheetBuilder.Blank("D", row, AuthoringStyles.Default) : sheet.Text("D", row, note, AuthoringStyles.Note));
            }
        }

        sheet.Validate(SheetBuilder.TextLength(Range2(Choices.Columns, Choices.Label, row + 10), SurveyFormValidator.MaxLabel, "选项文字", Choices.Label.Note));
    }

    private static void WriteSettings(SheetBuilder sheet, SurveyForm? form)
    {
        Header(sheet, Settings.Columns);
        var values = new Dictionary<Setting, string>
        {
            [Settings.Title] = form?.Title ?? "",
            [Settings.Introduction] = form?.Introduction
                ?? "本问卷采用匿名方式填写，系统不记录您的姓名、联系方式和 IP 地址，结果仅用于机构编制执行情况和使用效益评估。请根据实际感受作答，感谢您的支持！",
            [Settings.BelowMinimum] = FallbackName(form?.BelowMinimum ?? GroupFallback.Exclude),
        };
        var row = 2;
        foreach (var setting in Settings.Rows)
        {
            var value = values[setting];
            var lines = Math.Max(Lines(value, Settings.ValueColumn), Lines(setting.Note, Settings.NoteColumn));
            sheet.Row(row, Math.Max(20, (lines * 14.5) + 6),
                Text(sheet, Settings.Columns, Settings.KeyColumn, row, setting.Name, AuthoringStyles.Text),
                Text(sheet, Settings.Columns, Settings.ValueColumn, row, value, AuthoringStyles.Input),
                Text(sheet, Settings.Columns, Settings.NoteColumn, row, setting.Note, AuthoringStyles.Note));
            if (setting == Settings.BelowMinimum)
            {
                sheet.Validate(Choice(Cell(Settings.Columns, Settings.ValueColumn, row), Enum.GetValues<GroupFallback>().Select(FallbackName), setting.Name, setting.Note));
            }

            row++;
        }
    }

    private static void WriteGroups(SheetBuilder sheet, IReadOnlyList<SurveyFormGroup> groups)
    {
        Header(sheet, Groups.Columns);
        var row = 2;
        foreach (var group in groups)
        {
            sheet.Row(row, 20,
                Text(sheet, Groups.Columns, Groups.Name, row, group.Name, AuthoringStyles.Text),
                Number(Groups.Columns, Groups.Weight, row, group.Weight),
                Number(Groups.Columns, Groups.Minimum, row, group.MinimumResponses),
                Number(Groups.Columns, Groups.Expected, row, group.ExpectedSampleSize),
                Text(sheet, Groups.Columns, Groups.Respondent, row, RespondentName(group.Respondent), AuthoringStyles.Center));
            row++;
        }

        var end = 1 + SurveyFormValidator.MaxGroups;
        string Range(Column column) => Range2(Groups.Columns, column, end);
        sheet.Validate(SheetBuilder.TextLength(Range(Groups.Name), SurveyFormValidator.MaxGroupName, "群体名称", Groups.Name.Note));
        sheet.Validate(SheetBuilder.Validation(Range(Groups.Weight), S.DataValidationValues.Decimal, "0", "1000", "权重", Groups.Weight.Note));
        sheet.Validate(SheetBuilder.Validation(Range(Groups.Minimum), S.DataValidationValues.Whole, "0", "100000", "最低份数", Groups.Minimum.Note));
        sheet.Validate(SheetBuilder.Validation(Range(Groups.Expected), S.DataValidationValues.Whole, "0", "1000000", "应发放份数", Groups.Expected.Note));
        sheet.Validate(Choice(Range(Groups.Respondent), Enum.GetValues<RespondentKind>().Select(RespondentName), "作答方式", Groups.Respondent.Note));
    }

    private static void Header(SheetBuilder sheet, IReadOnlyList<Column> columns) =>
        sheet.Row(1, 24, [.. columns.Select(c => sheet.Text(Letter(columns, c), 1, c.Header, AuthoringStyles.Header))]);

    private static S.Cell Text(SheetBuilder sheet, IReadOnlyList<Column> columns, Column column, int row, string? text, uint style) =>
        string.IsNullOrEmpty(text) ? SheetBuilder.Blank(Letter(columns, column), row, style) : sheet.Text(Letter(columns, column), row, text, style);

    private static S.Cell Number(IReadOnlyList<Column> columns, Column column, int row, decimal value) => new()
    {
        CellReference = Cell(columns, column, row),
        CellValue = new S.CellValue(value.ToString(ExactNumber, CultureInfo.InvariantCulture)),
        StyleIndex = AuthoringStyles.Number,
    };

    /// <summary>A drop-down of <paramref name="values"/> that still lets other spellings in (the reader knows their aliases) after a note.</summary>
    private static S.DataValidation Choice(string cells, IEnumerable<string> values, string title, string prompt)
    {
        var validation = SheetBuilder.Validation(cells, S.DataValidationValues.List, "\"" + string.Join(",", values) + "\"", null, title, prompt);
        validation.ErrorStyle = S.DataValidationErrorStyleValues.Information;
        return validation;
    }

    private static S.DataValidation Prompt(string cells, string title, string prompt) => new()
    {
        Type = S.DataValidationValues.None,
        AllowBlank = true,
        ShowInputMessage = true,
        PromptTitle = title,
        Prompt = prompt,
        SequenceOfReferences = new ListValue<StringValue> { InnerText = cells },
    };

    private static string Letter(IReadOnlyList<Column> columns, Column column) => SheetRows.ColumnName(IndexOf(columns, column) + 1);

    private static int IndexOf(IReadOnlyList<Column> columns, Column column) => columns.ToList().IndexOf(column);

    private static string Cell(IReadOnlyList<Column> columns, Column column, int row) => SheetBuilder.Ref(Letter(columns, column), row);

    private static string Range2(IReadOnlyList<Column> columns, Column column, int lastRow) => $"{Cell(columns, column, 2)}:{Cell(columns, column, lastRow)}";

    private static double[] Widths(IReadOnlyList<Column> columns) => [.. columns.Select(c => c.Width)];

    private static Dictionary<int, uint> Styles(IReadOnlyList<Column> columns, params (Column Column, uint Style)[] styles) =>
        styles.ToDictionary(s => IndexOf(columns, s.Column), s => s.Style);

    private static int Lines(string text, Column column) => text.Length == 0 ? 1 : AssessmentSheet.Lines(text, column.Width);
}
