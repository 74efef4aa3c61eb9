using System.Globalization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Frameworks.AuthoringLayout;

namespace OfficeEval.Documents.Frameworks;

/// <summary>The 填写说明 sheet: the sheets, the columns of 指标, every rule type with its parameters and an example.</summary>
internal static class AuthoringInstructions
{
    public static readonly IReadOnlyList<double> Widths = [12, 36, 36, 56];

    /// <summary>Width of the four columns together, in characters, for estimating wrapped paragraphs.</summary>
    private const double ParagraphWidth = 138;

    public static void Write(SheetBuilder sheet, FrameworkDefinition? framework)
    {
        var row = 1;
        sheet.Row(row, 30, sheet.Text("A", row, "指标体系编制表填写说明", AuthoringStyles.Title));
        sheet.Merge($"A{row}:D{row}");
        row++;
        var about = framework is null
            ? "本工作簿用于编制机构编制执行情况和使用效益评估指标体系，填好后由评估办公室管理员在系统中导入，导入后为草稿，发布后方可用于评估批次。"
            : string.Create(CultureInfo.InvariantCulture,
                $"本工作簿导出自指标体系“{framework.Name}”（编码 {framework.Code}，版本 {framework.Version}，总分 {RuleSyntax.N(framework.TotalPoints)} 分）。修改后可作为新版本导入：请在“体系设置”中改用新的版本号。");
        row = Paragraph(sheet, row, about, AuthoringStyles.Paragraph);
        row++;

        row = Heading(sheet, row, "一、工作表");
        string[] sheets =
        [
            $"1. “{SettingsSheet}”：体系编码、名称、版本、总分、适用单位类型、个性指标所在的一级指标，以及加分池（编码、名称、上限）。",
            $"2. “{IndicatorsSheet}”：每行一个指标，按层级自上而下排列：一级指标之后紧接它的二级指标，二级指标之后紧接它的三级指标。没有下级指标的为末级指标，须填写规则类型和规则参数。",
            "3. 系统按表头文字识别各列、按“项目”列识别各项设置，可以调整列的顺序、插入空行；请勿修改工作表名称和表头文字。",
        ];
        foreach (var line in sheets)
        {
            row = Paragraph(sheet, row, line, AuthoringStyles.Paragraph);
        }

        row++;
        row = Heading(sheet, row, $"二、“{IndicatorsSheet}”表各列");
        string[] columns =
        [
            "指标编码：必填，全表唯一，不超过 50 个字符，如 1、1.1、1.1.1（单元格已设为文本格式，1.10 不会变成 1.1）。",
            "层级：1 为一级指标，2 为二级指标，依此类推，最多 6 级；下级指标的层级比上级指标大 1。",
            "指标名称、分值：必填。上级指标的分值等于其下级指标分值之和，一级指标分值之和等于总分；加分项的分值为本项加分上限、否决项的分值为 0，均不计入上级指标。",
            "评估要点、佐证材料：可写多条，每条一行（单元格内换行：Alt+Enter）。评分标准：给被评估单位和评估人员看的文字说明。",
            "规则类型、规则参数：末级指标必填，决定系统如何计分，写法见下表；上级指标不填。",
            "个性指标：填“是”表示单位个性指标（一般不填，个性指标由各单位在评估批次中设置）。英文名称：选填。",
        ];
        foreach (var line in columns)
        {
            row = Paragraph(sheet, row, line, AuthoringStyles.Paragraph);
        }

        row++;
        row = Heading(sheet, row, "三、规则类型与参数写法");
        row = Paragraph(sheet, row, "参数由若干项组成，项与项之间用“；”分隔，每项写作“名称=数值”或一个词；[ ] 中的项可以不写。数字用半角或全角均可，比例可写作小数或百分数（0.8 或 80%）。选项、类别的名称中不能含有“=”“：”“；”。",
            AuthoringStyles.Paragraph);
        sheet.Row(row, 22, sheet.Text("A", row, "规则类型", AuthoringStyles.Header), sheet.Text("B", row, "参数写法", AuthoringStyles.Header),
            sheet.Text("C", row, "示例", AuthoringStyles.Header), sheet.Text("D", row, "说明", AuthoringStyles.Header));
        row++;
        foreach (var type in RuleSyntax.Types)
        {
            var lines = new[] { Lines(type.Syntax, Widths[1]), Lines(type.Example, Widths[2]), Lines(type.Note, Widths[3]) }.Max();
            sheet.Row(row, (lines * 14.5) + 6, sheet.Text("A", row, type.Name, AuthoringStyles.Center), sheet.Text("B", row, type.Syntax, AuthoringStyles.Text),
                sheet.Text("C", row, type.Example, AuthoringStyles.Text), sheet.Text("D", row, type.Note, AuthoringStyles.Text));
            row++;
        }

        row++;
        row = Heading(sheet, row, "四、注意事项");
        string[] notes =
        [
            "1. 导入时系统逐项检查：编码重复、层级跳级、分值不合计、规则参数无法识别或与分值不符、加分池未登记等问题会逐条列出所在的工作表和单元格，全部改正后才能导入。",
            "2. 体系编码与版本号相同的指标体系只能有一个；已发布的版本不能修改，如需调整，请导出后改用新的版本号导入，或在系统中“另存为新版本”。",
            "3. 请勿设置打开密码，请勿另存为启用宏的格式（.xlsm）；文件不超过 10 MB。",
        ];
        foreach (var note in notes)
        {
            row = Paragraph(sheet, row, note, AuthoringStyles.Paragraph);
        }
    }

    /// <summary>A heading across columns A to <paramref name="lastColumn"/>; returns the next row.</summary>
    internal static int Heading(SheetBuilder sheet, int row, string text, string lastColumn = "D")
    {
        sheet.Row(row, 24, sheet.Text("A", row, text, AuthoringStyles.Heading));
        sheet.Merge($"A{row}:{lastColumn}{row}");
        return row + 1;
    }

    /// <summary>A wrapped paragraph across columns A to <paramref name="lastColumn"/>, <paramref name="width"/> characters wide together; returns the next row.</summary>
    internal static int Paragraph(SheetBuilder sheet, int row, string text, uint style, string lastColumn = "D", double width = ParagraphWidth)
    {
        sheet.Row(row, 6 + (16 * Lines(text, width)), sheet.Text("A", row, text, style));
        sheet.Merge($"A{row}:{lastColumn}{row}");
        return row + 1;
    }

    private static int Lines(string text, double width) => AssessmentSheet.Lines(text, width);
}
