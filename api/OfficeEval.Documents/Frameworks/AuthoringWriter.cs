using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Frameworks.AuthoringLayout;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Frameworks;

/// <summary>Writes the authoring workbook: 填写说明, 体系设置 and 指标, for a framework or as a blank template with an example.</summary>
internal static class AuthoringWriter
{
    /// <summary>Rows beyond the last written one that still carry the 指标 sheet's drop-downs and prompts.</summary>
    private const int SpareRows = 300;

    public static void Write(FrameworkDefinition? framework, Stream output)
    {
        using var workbook = new WorkbookBuilder(output, AuthoringStyles.Write);
        var instructions = workbook.Sheet();
        AuthoringInstructions.Write(instructions, framework);
        instructions.WriteTo(workbook.Add(AuthoringLayout.InstructionsSheet), AuthoringInstructions.Widths, 0, "A1", landscape: false, tabColour: "FF4472C4", protect: false);

        var settings = workbook.Sheet();
        WriteSettings(settings, framework);
        settings.WriteTo(workbook.Add(SettingsSheet), [24, 44, 60], 1, "B2", landscape: false, protect: false,
            columnStyles: new Dictionary<int, uint> { [1] = AuthoringStyles.Input });

        var indicators = workbook.Sheet();
        var rows = WriteIndicators(indicators, framework);
        indicators.WriteTo(workbook.Add(IndicatorsSheet), [.. Columns.Select(c => c.Width)], 1, "A2", landscape: true, tabColour: "FFC00000", protect: false,
            columnStyles: new Dictionary<int, uint> { [0] = AuthoringStyles.Code });

        workbook.Finish(framework is null ? 0U : workbook.IndexOf(IndicatorsSheet),
            workbook.PrintTitles(IndicatorsSheet, "$1:$1"),
            workbook.PrintArea(IndicatorsSheet, $"$A$1:$K${rows}"));
    }

    private static void WriteSettings(SheetBuilder sheet, FrameworkDefinition? framework)
    {
        sheet.Row(1, 22, sheet.Text("A", 1, "项目", AuthoringStyles.Header), sheet.Text("B", 1, "内容", AuthoringStyles.Header), sheet.Text("C", 1, "说明", AuthoringStyles.Header));
        var values = framework is null
            ? Settings.Rows.Select(_ => (string?)null).ToList()
            :
            [
                framework.Code,
                framework.Name,
                framework.Version,
                null,
                string.Join("、", framework.ApplicableKinds.Select(UnitKinds.NameZh)),
                framework.IndividualDimension,
            ];
        var row = 2;
        for (var i = 0; i < Settings.Rows.Count; i++, row++)
        {
            var (label, note) = Settings.Rows[i];
            var value = label == Settings.TotalPoints
                ? framework is null ? SheetBuilder.Blank("B", row, AuthoringStyles.InputNumber) : Number("B", row, framework.TotalPoints, AuthoringStyles.InputNumber)
                : string.IsNullOrEmpty(values[i]) ? SheetBuilder.Blank("B", row, AuthoringStyles.Input) : sheet.Text("B", row, values[i]!, AuthoringStyles.Input);
            sheet.Row(row, Math.Max(20, AssessmentSheetLines(note, 60) * 14.5 + 6), sheet.Text("A", row, label, AuthoringStyles.Text), value, sheet.Text("C", row, note, AuthoringStyles.Note));
        }

        row++;
        sheet.Row(row, 22, sheet.Text("A", row, "加分池（加分项计入其中，加分池合计不超过上限）", AuthoringStyles.Heading));
        sheet.Merge($"A{row}:C{row}");
        row++;
        sheet.Row(row, 22, sheet.Text("A", row, Settings.PoolCode, AuthoringStyles.Header), sheet.Text("B", row, Settings.PoolName, AuthoringStyles.Header),
            sheet.Text("C", row, Settings.PoolCap, AuthoringStyles.Header));
        row++;
        var firstPoolRow = row;
        var pools = framework?.BonusPools ?? [];
        foreach (var pool in pools)
        {
            sheet.Row(row, 20, sheet.Text("A", row, pool.Code, AuthoringStyles.Input), sheet.Text("B", row, pool.Name, AuthoringStyles.Input),
                Number("C", row, pool.Cap, AuthoringStyles.InputNumber));
            row++;
        }

        for (var spare = 0; spare < 3; spare++, row++)
        {
            sheet.Row(row, 20, SheetBuilder.Blank("A", row, AuthoringStyles.Input), SheetBuilder.Blank("B", row, AuthoringStyles.Input),
                SheetBuilder.Blank("C", row, AuthoringStyles.InputNumber));
        }

        var totalRow = 2 + Settings.Rows.Select(r => r.Label).ToList().IndexOf(Settings.TotalPoints);
        sheet.Validate(SheetBuilder.Validation($"B{totalRow}", S.DataValidationValues.Decimal, "0", "100000", "总分", "一级指标分值之和，如 100 或 120。"));
        sheet.Validate(SheetBuilder.Validation($"C{firstPoolRow}:C{row + 20}", S.DataValidationValues.Decimal, "0", "100000", "加分池上限", "加分池合计最多加多少分，如 0.5。"));
    }

    /// <summary>Writes the header and one row per node, depth first; returns the last row written.</summary>
    private static int WriteIndicators(SheetBuilder sheet, FrameworkDefinition? framework)
    {
        sheet.Row(1, 24, [.. Columns.Select(c => sheet.Text(c.Letter, 1, c.Header, AuthoringStyles.Header))]);
        var row = 2;
        var nodes = framework is null ? Example() : framework.Dimensions;
        foreach (var dimension in nodes)
        {
            row = WriteNode(sheet, dimension, 1, row);
        }

        var last = row - 1;
        var end = last + SpareRows;
        string Range(Field field) => $"{ColumnOf(field).Letter}2:{ColumnOf(field).Letter}{end}";
        sheet.Validate(SheetBuilder.Validation(Range(Field.Level), S.DataValidationValues.Whole, "1", MaxLevel.ToString(CultureInfo.InvariantCulture),
            "层级", "一级指标填 1，二级指标填 2，三级指标填 3。下级指标紧接在上级指标之后。"));
        sheet.Validate(SheetBuilder.Validation(Range(Field.Points), S.DataValidationValues.Decimal, "0", "100000",
            "分值", "上级指标的分值等于下级指标之和（加分项、否决项除外）；否决项填 0；加分项填本项加分上限。"));
        sheet.Validate(SheetBuilder.Validation(Range(Field.RuleType), S.DataValidationValues.List,
            "\"" + string.Join(",", RuleSyntax.Types.Select(t => t.Name)) + "\"", null,
            "规则类型", "末级指标必填，上级指标不填。参数写法见“填写说明”。"));
        sheet.Validate(SheetBuilder.Validation(Range(Field.Individual), S.DataValidationValues.List, "\"是,否\"", null,
            "个性指标", "“是”表示单位个性指标（一部门一指标），通常不填。"));
        sheet.Validate(new S.DataValidation
        {
            Type = S.DataValidationValues.None,
            AllowBlank = true,
            ShowInputMessage = true,
            PromptTitle = "规则参数",
            Prompt = "多项用“；”分隔。例：定性 好=1；较好=0.8；一般=0.6；差=0；扣分 每次扣=0.5；最多扣=3；区间 值≥90：1；80≤值<90：0.8；值<80：0。其他类型见“填写说明”。",
            SequenceOfReferences = new ListValue<StringValue> { InnerText = Range(Field.RuleParameters) },
        });
        return last;
    }

    private static int WriteNode(SheetBuilder sheet, IndicatorNode node, int level, int row)
    {
        var dimension = level == 1;
        var text = dimension ? AuthoringStyles.DimensionText : AuthoringStyles.Text;
        var center = dimension ? AuthoringStyles.DimensionCenter : AuthoringStyles.Center;
        var evaluationPoints = string.Join("\n", node.EvaluationPoints);
        var evidence = string.Join("\n", node.EvidenceChecklist);
        var parameters = node.Rule is null ? "" : RuleSyntax.Format(node.Rule);
        S.Cell Cell(Field field, string value, uint style) =>
            value.Length == 0 ? SheetBuilder.Blank(ColumnOf(field).Letter, row, style) : sheet.Text(ColumnOf(field).Letter, row, value, style);

        var lines = new[]
        {
            Lines(node.Name, Field.Name), Lines(evaluationPoints, Field.EvaluationPoints), Lines(node.ScoringStandard, Field.ScoringStandard),
            Lines(parameters, Field.RuleParameters), Lines(evidence, Field.Evidence),
        }.Max();
        sheet.Row(row, Math.Max(20, (lines * 14.5) + 6),
            Cell(Field.Code, node.Code, dimension ? AuthoringStyles.DimensionCode : AuthoringStyles.Code),
            Number(ColumnOf(Field.Level).Letter, row, level, dimension ? AuthoringStyles.DimensionNumber : AuthoringStyles.Number),
            Cell(Field.Name, node.Name, text),
            Number(ColumnOf(Field.Points).Letter, row, node.Points, dimension ? AuthoringStyles.DimensionNumber : AuthoringStyles.Number),
            Cell(Field.EvaluationPoints, evaluationPoints, text),
            Cell(Field.ScoringStandard, node.ScoringStandard, text),
            Cell(Field.RuleType, node.Rule is null ? "" : RuleSyntax.TypeName(node.Rule.Kind), center),
            Cell(Field.RuleParameters, parameters, text),
            Cell(Field.Evidence, evidence, text),
            Cell(Field.Individual, node.IsIndividual ? "是" : "", center),
            Cell(Field.NameEn, node.NameEn ?? "", text));
        row++;
        foreach (var child in node.Children)
        {
            row = WriteNode(sheet, child, level + 1, row);
        }

        return row;
    }

    /// <summary>The template's example: one dimension with one leaf, to be replaced.</summary>
    private static IReadOnlyList<IndicatorNode> Example() =>
    [
        new IndicatorNode("1", "履职尽责情况和相关效益（示例，请替换）", 10m,
        [
            new IndicatorNode("1.1", "主责主业履行情况", 10m, [], new Core.Scoring.QualitativeScaleRule(
                [new("好", 1m), new("较好", 0.8m), new("一般", 0.6m), new("差", 0m)]))
            {
                EvaluationPoints = ["对照“三定”规定，主要职责履行到位", "年度重点工作有部署、有落实"],
                ScoringStandard = "好、较好、一般、差分别得满分、80%、60%、0。",
                EvidenceChecklist = ["年度工作总结", "重点工作台账"],
            },
        ]),
    ];

    private static int Lines(string text, Field field) => AssessmentSheetLines(text, ColumnOf(field).Width);

    private static int AssessmentSheetLines(string text, double width) => text.Length == 0 ? 1 : AssessmentSheet.Lines(text, width);

    private static S.Cell Number(string column, int row, decimal value, uint style) => new()
    {
        CellReference = SheetBuilder.Ref(column, row),
        CellValue = new S.CellValue(RuleSyntax.N(value)),
        StyleIndex = style,
    };
}
