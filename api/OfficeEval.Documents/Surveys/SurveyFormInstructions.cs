using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Surveys.SurveyFormLayout;

namespace OfficeEval.Documents.Surveys;

/// <summary>The 填写说明 sheet: the sheets, every column with its Chinese header and what it takes, and an example of the survey sheet.</summary>
internal static class SurveyFormInstructions
{
    /// <summary>The survey sheet's columns, so that the example below reads like it.</summary>
    public static readonly IReadOnlyList<double> Widths = [.. Survey.Columns.Select(c => c.Width)];

    private static readonly string LastColumn = SheetRows.ColumnName(Survey.Columns.Count);

    private static readonly double TotalWidth = Widths.Sum();

    public static void Write(SheetBuilder sheet)
    {
        var row = 1;
        sheet.Row(row, 30, sheet.Text("A", row, "问卷编制表填写说明", AuthoringStyles.Title));
        sheet.Merge($"A{row}:{LastColumn}{row}");
        row++;
        row = Paragraph(sheet, row,
            "本工作簿用于编制评估批次的满意度调查问卷，参照 XLSForm 的写法：survey 表每行一道题，choices 表为选项文字，settings 表为问卷标题等设置，groups 表为答卷群体。填好后由评估办公室管理员在系统中导入；系统逐项检查，列出每个问题所在的工作表和单元格。");
        row++;

        row = AuthoringInstructions.Heading(sheet, row, "一、工作表", LastColumn);
        string[] sheets =
        [
            $"1. “{SurveySheet.Name}”：题目，每行一题，按显示顺序排列。",
            $"2. “{ChoicesSheet.Name}”：两个选项列表的文字：likert5（五级满意度，值 1–5）和 satisfaction3（三级满意度，值 1–3）。值不能修改，文字可以修改；删去本表则使用默认文字。",
            $"3. “{SettingsSheet.Name}”：每行一项设置：form_title（问卷标题）、introduction（问卷说明）、below_minimum（答卷人数不足最低份数时的处理）。",
            $"4. “{GroupsSheet.Name}”：答卷群体，每行一个：名称、权重、最低份数、应发放份数、作答方式（个人或单位互评）。",
            "5. 系统按表头识别各列，列的顺序可以调整，不认识的列会被忽略，空行会被跳过；表头可以写英文（如 label），也可以写中文（如 题干）。工作表名称也可以写中文：题目、选项、设置、答卷群体。",
        ];
        foreach (var line in sheets)
        {
            row = Paragraph(sheet, row, line);
        }

        row++;
        row = AuthoringInstructions.Heading(sheet, row, "二、各列写法", LastColumn);
        foreach (var (sheetName, columns) in new[] { (SurveySheet.Name, Survey.Columns), (ChoicesSheet.Name, Choices.Columns), (GroupsSheet.Name, Groups.Columns) })
        {
            foreach (var column in columns)
            {
                row = Paragraph(sheet, row, $"{sheetName} 表 {column.Header}（{string.Join("、", column.Aliases.Prepend(column.Chinese).Distinct())}）：{column.Note}");
            }
        }

        foreach (var setting in Settings.Rows)
        {
            row = Paragraph(sheet, row, $"{SettingsSheet.Name} 表 {setting.Name}（{string.Join("、", setting.Aliases)}）：{setting.Note}");
        }

        row = Paragraph(sheet, row, "“是/否”列也可以写 yes/no、TRUE/FALSE 或 1/0；作答方式也可以写“个人”“单位互评”；below_minimum 也可以写“不计入”“仍计入”。");
        row = Paragraph(sheet, row,
            "也可以按 XLSForm 的写法，用 type 为 begin_group 的一行开始一组题目（其 label 作为该组第一题上方的分组标题），用 end_group 结束；导出时统一写在 section 列。");
        row++;

        row = AuthoringInstructions.Heading(sheet, row, $"三、示例（“{SurveySheet.Name}”表）", LastColumn);
        sheet.Row(row, 22, [.. Survey.Columns.Select((c, i) => sheet.Text(SheetRows.ColumnName(i + 1), row, c.Header, AuthoringStyles.Header))]);
        row++;
        string[][] examples =
        [
            [TypeName(SurveyScale.Likert5), "Q1", "您对该单位的办事效率是否满意？", "", "3.2.1", No, Yes, "服务质量"],
            [TypeName(SurveyScale.Likert5), "Q2", "到该单位办事需要多次往返、重复提交材料。", RespondentGroups.ServiceUsers, "3.2.1", Yes, Yes, ""],
            [TypeName(SurveyScale.ThreePoint), "Q3", "您对该单位工作作风的总体评价", $"{RespondentGroups.InternalStaff}、{RespondentGroups.PartnerUnits}", "3.2.2", No, Yes, "工作作风"],
            [TypeName(SurveyScale.ThreePoint), "Q4", "对该单位与乡镇（街道）协同配合的评价", RespondentGroups.Townships, "3.2.2", No, No, ""],
        ];
        foreach (var example in examples)
        {
            sheet.Row(row, 34, [.. example.Select((text, i) => text.Length == 0
                ? SheetBuilder.Blank(SheetRows.ColumnName(i + 1), row, AuthoringStyles.Text)
                : sheet.Text(SheetRows.ColumnName(i + 1), row, text, i is 5 or 6 ? AuthoringStyles.Center : AuthoringStyles.Text))]);
            row++;
        }

        row = Paragraph(sheet, row,
            "说明：Q1 向所有群体提问；Q2 为反向题，只问服务对象；Q3 问内部人员和协作单位，两个群体的答案分别统计后按群体权重合并；Q4 为选答题。Q1、Q2 计入指标 3.2.1，Q3、Q4 计入指标 3.2.2。");
        row++;

        row = AuthoringInstructions.Heading(sheet, row, "四、注意事项", LastColumn);
        string[] notes =
        [
            "1. 问卷一经开放作答就不能再修改；导入、修改只能在草稿状态下进行。",
            "2. 答卷不记录答卷人身份、IP 地址和提交时刻（只记录提交日期）；单位互评时，结果中也不出现评价单位。",
            "3. 请勿设置打开密码，请勿另存为启用宏的格式（.xlsm）；文件不超过 10 MB。",
        ];
        foreach (var note in notes)
        {
            row = Paragraph(sheet, row, note);
        }
    }

    private static int Paragraph(SheetBuilder sheet, int row, string text) =>
        AuthoringInstructions.Paragraph(sheet, row, text, AuthoringStyles.Paragraph, LastColumn, TotalWidth);
}
