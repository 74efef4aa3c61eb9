using System.Globalization;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Workload;
using static OfficeEval.Documents.SelfAssessment.SheetBuilder;
using static OfficeEval.Documents.SelfAssessment.WorkbookLayout;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// The form sheets 基本情况 and 编制与人员: sections of lines, label in column A, value in B, hint in C. Where each
/// line lands is fixed by the layout, so formulas elsewhere can point at it; the reader finds lines by label.
/// </summary>
internal static class FormSheet
{
    public const int FirstLineRow = HeaderRow + 1;

    /// <summary>The row of every line, by key.</summary>
    public static Dictionary<string, int> RowsOf(IReadOnlyList<FormSection> sections)
    {
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        var row = FirstLineRow;
        foreach (var section in sections)
        {
            row++;
            foreach (var line in section.Lines)
            {
                rows[line.Key] = row++;
            }
        }

        return rows;
    }

    /// <summary>Writes a form sheet. <paramref name="fixedValues"/> are printed and locked; <paramref name="formulas"/> fill formula lines.</summary>
    public static void Write(SheetBuilder sheet, string title, string note, IReadOnlyList<FormSection> sections,
        IReadOnlyDictionary<string, string> fixedValues, IReadOnlyDictionary<string, string> formulas, int maxCellText)
    {
        sheet.Row(TitleRow, 30, sheet.Text("A", TitleRow, title, WorkbookStyles.Title));
        sheet.Merge($"A{TitleRow}:C{TitleRow}");
        sheet.Row(InfoRow, 20, sheet.Text("A", InfoRow, note, WorkbookStyles.Info));
        sheet.Merge($"A{InfoRow}:C{InfoRow}");
        sheet.Row(HeaderRow, 22,
            sheet.Text("A", HeaderRow, "项目", WorkbookStyles.Header),
            sheet.Text("B", HeaderRow, "填写内容", WorkbookStyles.Header),
            sheet.Text("C", HeaderRow, "填写说明", WorkbookStyles.Header));

        var row = FirstLineRow;
        var index = 0;
        foreach (var section in sections)
        {
            index++;
            sheet.Row(row, 20, sheet.Text("A", row, $"{AssessmentSheet.ChineseOrdinal(index)}、{section.Title}", WorkbookStyles.Section),
                Blank("B", row, WorkbookStyles.Section), Blank("C", row, WorkbookStyles.Section));
            sheet.Merge($"A{row}:C{row}");
            row++;
            foreach (var line in section.Lines)
            {
                sheet.Row(row, line.Key == Basics.Functions ? 90 : 20,
                    sheet.Text("A", row, line.Label, WorkbookStyles.Locked),
                    ValueCell(sheet, row, line, fixedValues, formulas),
                    sheet.Text("C", row, line.Hint, WorkbookStyles.Locked));
                if (!fixedValues.ContainsKey(line.Key))
                {
                    Validate(sheet, Ref("B", row), line, maxCellText);
                }

                row++;
            }
        }
    }

    private static S.Cell ValueCell(SheetBuilder sheet, int row, FormLine line, IReadOnlyDictionary<string, string> fixedValues, IReadOnlyDictionary<string, string> formulas)
    {
        if (fixedValues.TryGetValue(line.Key, out var value))
        {
            return line.Kind == ValueKind.Count && decimal.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? Number("B", row, n, WorkbookStyles.LockedNumber)
                : sheet.Text("B", row, value, WorkbookStyles.LockedCenter);
        }

        return line.Kind switch
        {
            ValueKind.Formula => Formula("B", row, formulas[line.Key], null, WorkbookStyles.Automatic),
            ValueKind.Count => Blank("B", row, WorkbookStyles.InputNumber),
            ValueKind.Date => Blank("B", row, WorkbookStyles.InputDate),
            ValueKind.Text => Blank("B", row, WorkbookStyles.Input),
        };
    }

    private static void Validate(SheetBuilder sheet, string cell, FormLine line, int maxCellText)
    {
        switch (line.Kind)
        {
            case ValueKind.Count:
                sheet.Validate(Validation(cell, S.DataValidationValues.Whole, "0", "1000000", "请填写人数或个数", line.Hint + "请填写不小于 0 的整数。"));
                break;
            case ValueKind.Date:
                sheet.Validate(Validation(cell, S.DataValidationValues.Date, "45658", "73051", "请填写日期", line.Hint));
                break;
            case ValueKind.Text:
                sheet.Validate(TextLength(cell, maxCellText, line.Label, line.Hint));
                break;
            case ValueKind.Formula:
                break;
        }
    }
}

/// <summary>The 基本情况 sheet.</summary>
internal static class BasicsSheet
{
    public static void Write(SheetBuilder sheet, SelfAssessmentTemplate template, int maxCellText)
    {
        var fixedValues = new Dictionary<string, string>(StringComparer.Ordinal) { [Basics.UnitName] = template.UnitName };
        AddIfSet(fixedValues, Basics.Kind, template.Unit.Kind);
        AddIfSet(fixedValues, Basics.Category, template.Unit.Category);
        AddIfSet(fixedValues, Basics.Level, template.Unit.Level);
        FormSheet.Write(sheet, "基本情况", $"被评估单位：{template.UnitName}    黄色单元格为填写项", Basics.Sections, fixedValues,
            new Dictionary<string, string>(StringComparer.Ordinal), maxCellText);
    }

    private static void AddIfSet(Dictionary<string, string> values, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            values[key] = value;
        }
    }
}

/// <summary>The 编制与人员 sheet, and the formulas the assessment sheet uses to show metrics computed from it.</summary>
internal static class StaffingSheet
{
    private static readonly Dictionary<string, int> Rows = FormSheet.RowsOf(Staffing.Sections);

    public static void Write(SheetBuilder sheet, SelfAssessmentTemplate template, int maxCellText)
    {
        var fixedValues = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template.Unit.ApprovedEstablishment is { } establishment)
        {
            fixedValues[Staffing.ApprovedEstablishment] = establishment.ToString(CultureInfo.InvariantCulture);
        }

        if (template.Unit.ApprovedLeadershipPosts is { } posts)
        {
            fixedValues[Staffing.ApprovedLeadershipPosts] = posts.ToString(CultureInfo.InvariantCulture);
        }

        var formulas = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Staffing.UseRate] = Percent(Local(Staffing.ActualStaff), Local(Staffing.ApprovedEstablishment)),
            [Staffing.AgeTotal] = $"SUM({Local(Staffing.AgeUpTo35)}:{Local(Staffing.AgeOver60)})",
            [Staffing.EducationTotal] = $"SUM({Local(Staffing.Postgraduate)}:{Local(Staffing.College)})",
        };
        FormSheet.Write(sheet, "编制与人员", $"被评估单位：{template.UnitName}    数据截至评估基准日；核定数由机构编制部门提供", Staffing.Sections,
            fixedValues, formulas, maxCellText);
    }

    /// <summary>A formula computing <paramref name="metric"/> from this sheet, or null when the sheet cannot (peer comparisons).</summary>
    public static string? MetricFormula(UnitMetric metric)
    {
        var approved = Remote(Staffing.ApprovedEstablishment);
        var actual = Remote(Staffing.ActualStaff);
        return metric switch
        {
            UnitMetric.EstablishmentUseRate => Percent(actual, approved),
            UnitMetric.Vacancies => Difference(approved, actual),
            UnitMetric.OverEstablishment => Difference(actual, approved),
            UnitMetric.LeadershipPostsOverQuota => Difference(Remote(Staffing.ActualLeadershipPosts), Remote(Staffing.ApprovedLeadershipPosts)),
            UnitMetric.BusinessDivisionStaffShare => Percent(Remote(Staffing.BusinessDivisionStaff), Remote(Staffing.TotalStaff)),
            UnitMetric.PeerRankHighFirst or UnitMetric.PeerRankLowFirst => null,
            _ => null,
        };
    }

    private static string Local(string key) => Ref("B", Rows[key]);

    private static string Remote(string key) => $"'{WorkbookLayout.StaffingSheet}'!{Local(key)}";

    private static string Percent(string part, string whole) =>
        $"IF(AND(ISNUMBER({part}),ISNUMBER({whole}),N({whole})>0),ROUND({part}/{whole}*100,2),\"\")";

    private static string Difference(string minuend, string subtrahend) =>
        $"IF(AND(ISNUMBER({minuend}),ISNUMBER({subtrahend})),MAX(0,{minuend}-{subtrahend}),\"\")";
}

/// <summary>The 工作量测算 sheet: staff count, task rows with converted hours, total and saturation.</summary>
internal static class WorkloadSheet
{
    public static int Write(SheetBuilder sheet, SelfAssessmentTemplate template, int maxCellText)
    {
        var staffCell = Ref(Workload.Count.Letter, Workload.StaffRow);
        sheet.Row(TitleRow, 30, sheet.Text("A", TitleRow, "工作量测算", WorkbookStyles.Title));
        sheet.Merge($"A{TitleRow}:G{TitleRow}");
        var standardHours = WorkloadPolicy.Default.StandardHoursPerPerson;
        sheet.Row(Workload.StaffRow, 22,
            sheet.Text("A", Workload.StaffRow, Workload.StaffLabel, WorkbookStyles.Locked),
            Blank("B", Workload.StaffRow, WorkbookStyles.Locked),
            Blank(Workload.Count.Letter, Workload.StaffRow, WorkbookStyles.InputNumber),
            sheet.Text("D", Workload.StaffRow,
                string.Create(CultureInfo.InvariantCulture, $"标准工作时间按每年 {Num(WorkloadPolicy.DefaultWorkingDaysPerYear)} 个工作日、每日 {Num(WorkloadPolicy.DefaultEffectiveHoursPerDay)} 小时计，即每人每年 {Num(standardHours)} 小时。"),
                WorkbookStyles.Note));
        sheet.Merge($"A{Workload.StaffRow}:B{Workload.StaffRow}");
        sheet.Merge($"D{Workload.StaffRow}:G{Workload.StaffRow}");
        sheet.Validate(Validation(staffCell, S.DataValidationValues.Whole, "1", "100000", "参与测算人数", "填写承担下列工作任务的人数（不小于 1 的整数）。"));
        sheet.Row(Workload.HeaderRow, 32, [.. Workload.Columns.Select(c => sheet.Text(c.Letter, Workload.HeaderRow, c.Header, WorkbookStyles.Header))]);

        var first = Workload.FirstTaskRow;
        var last = first + Math.Max(1, template.WorkloadRows) - 1;
        for (var row = first; row <= last; row++)
        {
            sheet.Row(row, null,
                Number(Workload.Number.Letter, row, row - first + 1, WorkbookStyles.LockedNumber),
                Blank(Workload.Task.Letter, row, WorkbookStyles.Input),
                Blank(Workload.Count.Letter, row, WorkbookStyles.InputNumber),
                Blank(Workload.Minutes.Letter, row, WorkbookStyles.InputNumber),
                Blank(Workload.Difficulty.Letter, row, WorkbookStyles.InputNumber),
                Formula(Workload.Hours.Letter, row, Hours(row), null, WorkbookStyles.Automatic),
                Blank(Workload.Note.Letter, row, WorkbookStyles.Input));
        }

        string Range(TableColumn column) => $"{column.Letter}{first}:{column.Letter}{last}";
        sheet.Validate(TextLength(Range(Workload.Task), 200, "工作任务", "填写具体工作任务名称，如“行政审批事项办理”。"));
        sheet.Validate(Validation(Range(Workload.Count), S.DataValidationValues.Decimal, "0", null, "年工作量", "填写全年办理的件数或次数（不小于 0）。"));
        sheet.Validate(Validation(Range(Workload.Minutes), S.DataValidationValues.Decimal, "0", null, "标准用时", "填写办理一件所需的标准分钟数（不小于 0）。"));
        sheet.Validate(Validation(Range(Workload.Difficulty), S.DataValidationValues.Decimal, "0.1", "10", "难度系数", "一般工作填 1（可不填）；较复杂的填 1.1–2。"));
        sheet.Validate(TextLength(Range(Workload.Note), maxCellText, "备注", "可注明测算依据。"));

        var total = last + 1;
        var hours = Workload.Hours.Letter;
        sheet.Row(total, 22,
            sheet.Text("A", total, "合计", WorkbookStyles.TotalLabel),
            Formula(hours, total, $"SUM({hours}{first}:{hours}{last})", null, WorkbookStyles.TotalNumber));
        sheet.Merge($"A{total}:E{total}");
        var perPerson = total + 1;
        sheet.Row(perPerson, 22,
            sheet.Text("A", perPerson, "人均年工作时间（小时）", WorkbookStyles.Locked),
            Formula(hours, perPerson, $"IF(N({staffCell})>0,ROUND({hours}{total}/{staffCell},1),\"\")", null, WorkbookStyles.Automatic));
        sheet.Merge($"A{perPerson}:E{perPerson}");
        var saturation = perPerson + 1;
        sheet.Row(saturation, 22,
            sheet.Text("A", saturation, "工作饱满度（%）", WorkbookStyles.Locked),
            Formula(hours, saturation, string.Create(CultureInfo.InvariantCulture,
                $"IF(N({staffCell})>0,ROUND({hours}{total}/({staffCell}*{Num(standardHours)})*100,1),\"\")"), null, WorkbookStyles.Automatic));
        sheet.Merge($"A{saturation}:E{saturation}");
        return saturation;
    }

    private static string Hours(int row)
    {
        string C(TableColumn column) => Ref(column.Letter, row);
        var difficulty = C(Workload.Difficulty);
        return $"IF(AND(ISNUMBER({C(Workload.Count)}),ISNUMBER({C(Workload.Minutes)})),ROUND({C(Workload.Count)}*{C(Workload.Minutes)}*IF(ISNUMBER({difficulty}),{difficulty},1)/60,1),\"\")";
    }
}
