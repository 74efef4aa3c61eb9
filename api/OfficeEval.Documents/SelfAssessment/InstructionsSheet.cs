using System.Globalization;
using static OfficeEval.Documents.SelfAssessment.SheetBuilder;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>The 填表说明 sheet: how to fill, notes, deadlines, contacts and the framework at a glance.</summary>
internal static class InstructionsSheet
{
    public static readonly IReadOnlyList<double> Widths = [22, 30, 22, 30];

    /// <summary>CJK characters that fit on one line of a paragraph merged over all four columns.</summary>
    private const int CharactersPerLine = 46;

    public static void Write(SheetBuilder sheet, SelfAssessmentTemplate template, int maxCellText)
    {
        var framework = template.Framework;
        var row = 1;
        sheet.Row(row, 32, sheet.Text("A", row, $"{template.CampaignName} 自评表填表说明", WorkbookStyles.Title));
        sheet.Merge($"A{row}:D{row}");
        row++;
        row = Paragraph(sheet, row, $"被评估单位：{template.UnitName}    指标体系：{framework.Name}（{framework.Version}），总分 {Num(framework.TotalPoints)} 分", WorkbookStyles.Info);
        row++;

        row = Heading(sheet, row, "一、填报步骤");
        string[] steps =
        [
            "1. 本工作簿包括“填表说明”“自评表”“基本情况”“编制与人员”“工作量测算”五张工作表。黄色单元格为填写项，其余单元格已锁定，不需要也不应修改。",
            "2. 先填写“基本情况”“编制与人员”“工作量测算”三张基础数据表，数据应与评估基准日一致；灰色单元格为自动计算。",
            "3. 在“自评表”中逐项填写“自评结果”：选项类指标从下拉列表中选择；扣分、加分类指标填写发生次数（没有填 0）；数值类指标填写数值，百分比填写百分数（如 95.5）；否决项选择“是”或“否”。标明“按问卷调查结果计分”“按‘编制与人员’……计分”的指标无需填写自评结果。",
            "4. 填写“自评得分”（0 至该项分值）和“情况说明”，并按“佐证材料”列准备佐证材料。表末“分项汇总”和“合计”自动计算。",
            "5. 填写完成后，通过 OfficeEval 加载项提交，或在系统中上传本工作簿。系统逐项校验，指出有问题的工作表和单元格，并给出按评分规则计算的得分。",
        ];
        foreach (var step in steps)
        {
            row = Paragraph(sheet, row, step, WorkbookStyles.Note);
        }

        row++;
        row = Heading(sheet, row, "二、注意事项");
        string[] notes =
        [
            "1. 请勿修改工作表名称、表头和“指标编码”列。可以排序、筛选、隐藏行或插入空行，系统按指标编码读取。",
            "2. 工作表保护未设密码，如需调整列宽、行高可直接调整；请勿删除指标所在的行。",
            "3. 本工作簿只能用于本单位、本评估批次。其他单位、其他批次或旧版模板的工作簿将被拒收，请重新下载。",
            string.Create(CultureInfo.InvariantCulture, $"4. 每个单元格不超过 {maxCellText} 字。全角数字、首尾空格可以自动识别；请勿设置打开密码，请勿另存为启用宏的格式。"),
            "5. 本表“合计”为自评得分的简单加总，供参考；否决项、问卷调查和基础数据计分的指标以系统计算结果为准。",
        ];
        foreach (var note in notes)
        {
            row = Paragraph(sheet, row, note, WorkbookStyles.Note);
        }

        row++;
        row = Heading(sheet, row, "三、时间安排");
        sheet.Row(row, 22, sheet.Text("A", row, "阶段", WorkbookStyles.Header), Blank("B", row, WorkbookStyles.Header),
            sheet.Text("C", row, "截止日期", WorkbookStyles.Header), Blank("D", row, WorkbookStyles.Header));
        sheet.Merge($"A{row}:B{row}");
        sheet.Merge($"C{row}:D{row}");
        row++;
        var deadlines = template.Deadlines.Count > 0 ? template.Deadlines.Select(d => (d.Stage, Date(d.Due))) : [("单位自评", "以通知为准")];
        foreach (var (stage, due) in deadlines)
        {
            sheet.Row(row, 20, sheet.Text("A", row, stage, WorkbookStyles.Locked), Blank("B", row, WorkbookStyles.Locked),
                sheet.Text("C", row, due, WorkbookStyles.LockedCenter), Blank("D", row, WorkbookStyles.LockedCenter));
            sheet.Merge($"A{row}:B{row}");
            sheet.Merge($"C{row}:D{row}");
            row++;
        }

        row++;
        row = Heading(sheet, row, "四、联系方式");
        sheet.Row(row, 22, sheet.Text("A", row, "联系人", WorkbookStyles.Header), sheet.Text("B", row, "咨询事项", WorkbookStyles.Header),
            sheet.Text("C", row, "电话", WorkbookStyles.Header), sheet.Text("D", row, "电子邮箱", WorkbookStyles.Header));
        row++;
        if (template.Contacts.Count == 0)
        {
            sheet.Row(row, 20, sheet.Text("A", row, "见评估工作通知", WorkbookStyles.Locked), Blank("B", row, WorkbookStyles.Locked),
                Blank("C", row, WorkbookStyles.Locked), Blank("D", row, WorkbookStyles.Locked));
            row++;
        }

        foreach (var contact in template.Contacts)
        {
            sheet.Row(row, 20, sheet.Text("A", row, contact.Name, WorkbookStyles.LockedCenter), sheet.Text("B", row, contact.Role, WorkbookStyles.Locked),
                sheet.Text("C", row, contact.Phone, WorkbookStyles.LockedCenter), sheet.Text("D", row, contact.Email ?? "", WorkbookStyles.Locked));
            row++;
        }

        row++;
        row = Heading(sheet, row, "五、指标体系概况");
        var index = 0;
        foreach (var dimension in framework.Dimensions)
        {
            index++;
            var leaves = dimension.Leaves().Count();
            var individual = dimension.Leaves().Any(l => l.IsIndividual) ? "（含本单位个性指标）" : "";
            row = Paragraph(sheet, row, string.Create(CultureInfo.InvariantCulture,
                $"{AssessmentSheet.ChineseOrdinal(index)}、{dimension.Name}：{Num(dimension.Points)} 分，{leaves} 项末级指标{individual}"), WorkbookStyles.Note);
        }
    }

    private static int Heading(SheetBuilder sheet, int row, string text)
    {
        sheet.Row(row, 24, sheet.Text("A", row, text, WorkbookStyles.Heading));
        sheet.Merge($"A{row}:D{row}");
        return row + 1;
    }

    /// <summary>A wrapped paragraph over all four columns; merged cells do not auto-fit, so the height is estimated.</summary>
    private static int Paragraph(SheetBuilder sheet, int row, string text, uint style)
    {
        var lines = Math.Max(1, (int)Math.Ceiling(text.Length / (double)CharactersPerLine));
        sheet.Row(row, 6 + (16 * lines), sheet.Text("A", row, text, style));
        sheet.Merge($"A{row}:D{row}");
        return row + 1;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
