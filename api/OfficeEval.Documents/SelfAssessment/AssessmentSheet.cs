using System.Globalization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using static OfficeEval.Documents.SelfAssessment.SheetBuilder;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// The 自评表 sheet: title, unit line, header, one row per leaf (first- and second-level names merged over their
/// rows), then a per-dimension summary and the total, all as formulas so the sheet scores itself without the add-in.
/// Two hidden helper columns (dimension or bonus-pool code, scoring role) keep the SUMIFS right when rows are sorted.
/// </summary>
internal static class AssessmentSheet
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the sheet; returns the last row of the print area.</summary>
    public static int Write(SheetBuilder sheet, SelfAssessmentTemplate template, int maxCellText)
    {
        var framework = template.Framework;
        const string last = WorkbookLayout.LastVisibleColumn;
        sheet.Row(WorkbookLayout.TitleRow, 30, sheet.Text("A", WorkbookLayout.TitleRow, $"{template.CampaignName} 自评表", WorkbookStyles.Title));
        sheet.Row(WorkbookLayout.InfoRow, 20, sheet.Text("A", WorkbookLayout.InfoRow,
            $"被评估单位：{template.UnitName}    指标体系：{framework.Name}（{framework.Version}）    总分：{Num(framework.TotalPoints)} 分    黄色单元格为填写项",
            WorkbookStyles.Info));
        sheet.Merge($"A{WorkbookLayout.TitleRow}:{last}{WorkbookLayout.TitleRow}");
        sheet.Merge($"A{WorkbookLayout.InfoRow}:{last}{WorkbookLayout.InfoRow}");
        sheet.Row(WorkbookLayout.HeaderRow, 32, [.. WorkbookLayout.Columns.Select(c => sheet.Text(c.Letter, WorkbookLayout.HeaderRow, c.Header, WorkbookStyles.Header))]);

        var leaves = framework.Leaves().ToList();
        var row = WorkbookLayout.FirstDataRow;
        foreach (var leaf in leaves)
        {
            LeafRow(sheet, row, leaf, maxCellText);
            row++;
        }

        var lastLeafRow = row - 1;
        MergeGroups(sheet, leaves, "B", l => l.Dimension);
        MergeGroups(sheet, leaves, "C", l => l.Path.Count >= 3 ? l.Path[1] : null);
        return Summary(sheet, framework, row, lastLeafRow);
    }

    private static void LeafRow(SheetBuilder sheet, int row, LeafInfo leaf, int maxCellText)
    {
        var node = leaf.Node;
        var role = node.Rule is null ? LeafRole.Regular : RuleScorer.RoleOf(node.Rule.Kind);
        // A leaf may sit at level 1, 2 (dimension → leaf) or 3 (dimension → indicator → leaf).
        var level2 = leaf.Path.Count >= 2 ? leaf.Path[1].Name : "";
        var level3 = leaf.Path.Count >= 3 ? node.Name : "";
        var key = node.Rule is BonusRule bonus ? bonus.Pool : leaf.Dimension.Code;

        sheet.Row(row, RowHeight(leaf),
            sheet.Text("A", row, node.Code, WorkbookStyles.LockedCenter),
            sheet.Text("B", row, leaf.Dimension.Name, WorkbookStyles.LockedCenter),
            sheet.Text("C", row, level2, WorkbookStyles.LockedCenter),
            sheet.Text("D", row, level3, WorkbookStyles.Locked),
            sheet.Text("E", row, string.Join("\n", node.EvaluationPoints), WorkbookStyles.Locked),
            sheet.Text("F", row, node.ScoringStandard, WorkbookStyles.Locked),
            Number("G", row, node.Points, WorkbookStyles.LockedNumber),
            AnswerCell(sheet, row, node),
            role == LeafRole.Veto ? sheet.Text("I", row, "—", WorkbookStyles.Automatic) : Blank("I", row, WorkbookStyles.InputNumber),
            Blank("J", row, WorkbookStyles.Input),
            sheet.Text("K", row, string.Join("\n", node.EvidenceChecklist.Select(e => "□ " + e)), WorkbookStyles.Locked),
            sheet.Text("L", row, key, WorkbookStyles.Locked),
            sheet.Text("M", row, role switch
            {
                LeafRole.Regular => WorkbookLayout.RoleRegular,
                LeafRole.Bonus => WorkbookLayout.RoleBonus,
                LeafRole.Veto => WorkbookLayout.RoleVeto,
            }, WorkbookStyles.Locked));

        if (AnswerValidation(Ref("H", row), node) is { } validation)
        {
            sheet.Validate(validation);
        }

        if (role != LeafRole.Veto)
        {
            sheet.Validate(Validation(Ref("I", row), S.DataValidationValues.Decimal, "0", Num(node.Points),
                "自评得分", $"请填写 0 至 {Num(node.Points)} 之间的分数。"));
        }

        sheet.Validate(TextLength(Ref("J", row), maxCellText, "情况说明",
            string.Create(Inv, $"简要说明自评依据，列明佐证材料；不超过 {maxCellText} 字。")));
    }

    /// <summary>
    /// A height that shows every wrapped line of the row's longest text (评估要点, 评分标准, 佐证材料, names). Rows without
    /// a height are auto-fitted by Excel but not by every suite, and a cut-off 评分标准 cannot be read or printed.
    /// </summary>
    internal static double RowHeight(LeafInfo leaf)
    {
        var node = leaf.Node;
        var lines = new[]
        {
            Lines(node.Name, WorkbookLayout.ColumnOf(WorkbookLayout.Field.Level3).Width),
            Lines(leaf.Path.Count >= 2 ? leaf.Path[1].Name : "", WorkbookLayout.ColumnOf(WorkbookLayout.Field.Level2).Width),
            Lines(string.Join("\n", node.EvaluationPoints), WorkbookLayout.ColumnOf(WorkbookLayout.Field.EvaluationPoints).Width),
            Lines(node.ScoringStandard, WorkbookLayout.ColumnOf(WorkbookLayout.Field.ScoringStandard).Width),
            Lines(string.Join("\n", node.EvidenceChecklist.Select(e => "□ " + e)), WorkbookLayout.ColumnOf(WorkbookLayout.Field.Evidence).Width),
        }.Max();
        return Math.Max(30, (lines * 14.5) + 6);
    }

    /// <summary>Wrapped lines of <paramref name="text"/> in a column <paramref name="width"/> characters wide (a CJK character takes two).</summary>
    internal static int Lines(string text, double width)
    {
        var perLine = Math.Max(1, width - 1.5);
        return text.Split('\n').Sum(paragraph =>
        {
            var units = paragraph.Sum(c => c > 0x2E7F ? 2.0 : 1.0);
            return Math.Max(1, (int)Math.Ceiling(units / perLine));
        });
    }

    /// <summary>The answer cell: an input, or a locked cell saying where the score comes from.</summary>
    private static S.Cell AnswerCell(SheetBuilder sheet, int row, IndicatorNode node) => node.Rule switch
    {
        SurveyRule => sheet.Text("H", row, "按问卷调查结果计分", WorkbookStyles.Automatic),
        ShareRule { Source: ShareSource.AgeBands } => sheet.Text("H", row, "按“编制与人员”年龄结构计分", WorkbookStyles.Automatic),
        MetricRule metric => StaffingSheet.MetricFormula(metric.Metric) is { } formula
            ? Formula("H", row, formula, null, WorkbookStyles.Automatic)
            : sheet.Text("H", row, "按同类单位比较计分", WorkbookStyles.Automatic),
        ShareRule => Blank("H", row, WorkbookStyles.Input),
        _ => Blank("H", row, WorkbookStyles.InputNumber),
    };

    private static S.DataValidation? AnswerValidation(string cell, IndicatorNode node) => node.Rule switch
    {
        QualitativeScaleRule scale => OptionList(cell, scale),
        DeductionRule => Validation(cell, S.DataValidationValues.Whole, "0", "100000", "请填写次数", "请填写发现问题的次数（不小于 0 的整数）；没有填 0。"),
        BonusRule => Validation(cell, S.DataValidationValues.Whole, "0", "100000", "请填写次数", "请填写加分事项的次数（不小于 0 的整数）；没有填 0。"),
        BandsRule or LinearRule or RatioRule or ShortfallRule => Validation(cell, S.DataValidationValues.Decimal, "-1000000000", "1000000000",
            "请填写数值", "请填写数值；百分比填写百分数，如 95.5。"),
        VetoRule => Validation(cell, S.DataValidationValues.List, "\"是,否\"", null, "请选择", "是否存在该情形：请选择“是”或“否”。"),
        ShareRule { Source: ShareSource.Answer } share => TextLength(cell, 500, "请按格式填写人数",
            "按“类别=人数”填写，多项用分号分隔，如：" + string.Join("；", share.Factors.Take(2).Select(f => f.Label + "=10")) + "。"),
        _ => null,
    };

    /// <summary>A drop-down of the scale's options; when they cannot be an inline list, a prompt naming them.</summary>
    private static S.DataValidation OptionList(string cell, QualitativeScaleRule scale)
    {
        var labels = scale.Options.Select(o => o.Label).ToList();
        var inline = string.Join(",", labels);
        var prompt = "请从下拉列表中选择：" + string.Join("、", labels) + "。";
        if (inline.Length > 250 || labels.Any(l => l.Contains(',', StringComparison.Ordinal) || l.Contains('"', StringComparison.Ordinal)))
        {
            return TextLength(cell, 255, "请选择", prompt.Replace("从下拉列表中选择", "填写以下之一", StringComparison.Ordinal));
        }

        return Validation(cell, S.DataValidationValues.List, "\"" + inline + "\"", null, "请选择", prompt);
    }

    /// <summary>Merges a column's cells over consecutive leaves sharing the same group node.</summary>
    private static void MergeGroups(SheetBuilder sheet, List<LeafInfo> leaves, string column, Func<LeafInfo, IndicatorNode?> group)
    {
        var start = 0;
        for (var i = 1; i <= leaves.Count; i++)
        {
            var startGroup = group(leaves[start]);
            if (i < leaves.Count && startGroup is not null && ReferenceEquals(group(leaves[i]), startGroup))
            {
                continue;
            }

            if (startGroup is not null && i - start > 1)
            {
                sheet.Merge($"{column}{WorkbookLayout.FirstDataRow + start}:{column}{WorkbookLayout.FirstDataRow + i - 1}");
            }

            start = i;
        }
    }

    /// <summary>分项汇总: one line per dimension, one per bonus pool, then the total; returns the total's row.</summary>
    private static int Summary(SheetBuilder sheet, FrameworkDefinition framework, int row, int lastLeafRow)
    {
        var first = WorkbookLayout.FirstDataRow;
        string Range(string column) => $"${column}${first}:${column}${lastLeafRow}";
        var selfScores = Range("I");
        var keys = Range("L");
        var roles = Range("M");

        sheet.Row(row, 22,
            sheet.Text("A", row, "分项汇总", WorkbookStyles.Section),
            sheet.Text("G", row, "分值", WorkbookStyles.Header),
            sheet.Text("H", row, "得分率", WorkbookStyles.Header),
            sheet.Text("I", row, "自评得分", WorkbookStyles.Header));
        sheet.Merge($"A{row}:F{row}");
        row++;

        var scoreRows = new List<int>();
        var index = 0;
        foreach (var dimension in framework.Dimensions)
        {
            index++;
            var score = $"SUMIFS({selfScores},{keys},\"{Escape(dimension.Code)}\",{roles},\"{WorkbookLayout.RoleRegular}\")";
            SummaryRow(sheet, row, $"{ChineseOrdinal(index)}、{dimension.Name}", dimension.IsLeaf && !dimension.IsCounted ? 0 : dimension.Points, score);
            scoreRows.Add(row);
            row++;
        }

        foreach (var pool in framework.BonusPools)
        {
            var score = $"MIN({Num(pool.Cap)},SUMIFS({selfScores},{keys},\"{Escape(pool.Code)}\",{roles},\"{WorkbookLayout.RoleBonus}\"))";
            SummaryRow(sheet, row, $"加分项：{pool.Name}（最高 {Num(pool.Cap)} 分）", null, score);
            scoreRows.Add(row);
            row++;
        }

        var total = string.Join(",", scoreRows.Select(r => "I" + r.ToString(Inv)));
        sheet.Row(row, 24,
            sheet.Text("A", row, "合计", WorkbookStyles.TotalLabel),
            Number("G", row, framework.TotalPoints, WorkbookStyles.TotalNumber),
            Formula("H", row, $"IF(G{row}>0,I{row}/G{row},0)", null, WorkbookStyles.TotalPercent),
            Formula("I", row, $"SUM({total})", null, WorkbookStyles.TotalNumber));
        sheet.Merge($"A{row}:F{row}");
        var totalRow = row;
        row++;

        sheet.Row(row, 36, sheet.Text("A", row,
            "说明：本表合计为自评得分的简单加总（加分项按上限封顶），供填报时参考；否决项、问卷调查和基础数据计分的指标以系统计算结果为准。",
            WorkbookStyles.Note));
        sheet.Merge($"A{row}:{WorkbookLayout.LastVisibleColumn}{row}");
        return Math.Max(totalRow, row);
    }

    private static void SummaryRow(SheetBuilder sheet, int row, string label, decimal? points, string scoreFormula)
    {
        sheet.Row(row, 20,
            sheet.Text("A", row, label, WorkbookStyles.Locked),
            points is { } p ? Number("G", row, p, WorkbookStyles.LockedNumber) : Blank("G", row, WorkbookStyles.LockedNumber),
            points is > 0 ? Formula("H", row, $"IF(G{row}>0,I{row}/G{row},0)", null, WorkbookStyles.TotalPercent) : Blank("H", row, WorkbookStyles.LockedNumber),
            Formula("I", row, scoreFormula, null, WorkbookStyles.TotalNumber));
        sheet.Merge($"A{row}:F{row}");
    }

    private static string Escape(string text) => text.Replace("\"", "\"\"", StringComparison.Ordinal);

    /// <summary>一, 二, … 十, 十一 … for the summary's dimension labels.</summary>
    internal static string ChineseOrdinal(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            10 => "十",
            < 20 => "十" + digits[n % 10],
            < 100 => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
            _ => n.ToString(Inv),
        };
    }
}
