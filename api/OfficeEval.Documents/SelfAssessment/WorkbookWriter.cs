using System.Globalization;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>Writes the self-evaluation workbook part by part.</summary>
internal static class WorkbookWriter
{
    public static void Write(SelfAssessmentTemplate template, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var strings = new SharedStrings();

        WorkbookStyles.Write(workbookPart.AddNewPart<WorkbookStylesPart>());
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var lastDataRow = AssessmentSheet.Write(sheetPart, template, strings);
        strings.Write(workbookPart.AddNewPart<SharedStringTablePart>());
        IdentityPart.Write(workbookPart, template.Identity);

        workbookPart.Workbook = new S.Workbook(
            new S.WorkbookProtection { LockStructure = true },
            new S.Sheets(new S.Sheet { Name = WorkbookLayout.AssessmentSheet, SheetId = 1U, Id = workbookPart.GetIdOfPart(sheetPart) }),
            new S.DefinedNames(
                new S.DefinedName($"'{WorkbookLayout.AssessmentSheet}'!${WorkbookLayout.HeaderRow}:${WorkbookLayout.HeaderRow}")
                {
                    Name = "_xlnm.Print_Titles",
                    LocalSheetId = 0U,
                },
                new S.DefinedName($"'{WorkbookLayout.AssessmentSheet}'!$A${WorkbookLayout.HeaderRow}:$K${lastDataRow + 1}")
                {
                    Name = "_xlnm.Print_Area",
                    LocalSheetId = 0U,
                }),
            new S.CalculationProperties { CalculationId = 191029U, FullCalculationOnLoad = true });
    }

    /// <summary>The 自评表 sheet: title, unit line, header, one row per leaf, total.</summary>
    private static class AssessmentSheet
    {
        public static int Write(WorksheetPart part, SelfAssessmentTemplate template, SharedStrings strings)
        {
            var data = new S.SheetData();
            var validations = new List<S.DataValidation>();
            var framework = template.Framework;

            data.Append(Row(WorkbookLayout.TitleRow, 30, Text("A", WorkbookLayout.TitleRow, $"{template.CampaignName} 自评表", WorkbookStyles.Title, strings)));
            data.Append(Row(WorkbookLayout.InfoRow, 20, Text("A", WorkbookLayout.InfoRow,
                $"被评估单位：{template.UnitName}    指标体系：{framework.Name}（{framework.Version}）    总分：{Num(framework.TotalPoints)} 分",
                WorkbookStyles.Info, strings)));
            data.Append(Row(WorkbookLayout.HeaderRow, 32, [.. WorkbookLayout.Columns.Select(c => Text(c.Letter, WorkbookLayout.HeaderRow, c.Header, WorkbookStyles.Header, strings))]));

            var rowIndex = WorkbookLayout.FirstDataRow;
            foreach (var leaf in framework.Leaves())
            {
                data.Append(LeafRow(rowIndex, leaf, strings));
                validations.AddRange(LeafValidations(rowIndex, leaf.Node));
                rowIndex++;
            }

            var lastDataRow = rowIndex - 1;
            var selfScore = WorkbookLayout.ColumnOf(WorkbookLayout.Field.SelfScore).Letter;
            var points = WorkbookLayout.ColumnOf(WorkbookLayout.Field.Points).Letter;
            data.Append(Row(rowIndex, 22,
                Text("A", rowIndex, "合计", WorkbookStyles.TotalLabel, strings),
                Formula(points, rowIndex, $"SUM({points}{WorkbookLayout.FirstDataRow}:{points}{lastDataRow})", framework.TotalPoints),
                Formula(selfScore, rowIndex, $"SUM({selfScore}{WorkbookLayout.FirstDataRow}:{selfScore}{lastDataRow})", 0)));

            var sheet = new S.Worksheet(
                new S.SheetViews(new S.SheetView(
                    new S.Pane
                    {
                        VerticalSplit = WorkbookLayout.HeaderRow,
                        TopLeftCell = $"A{WorkbookLayout.FirstDataRow}",
                        ActivePane = S.PaneValues.BottomLeft,
                        State = S.PaneStateValues.Frozen,
                    },
                    new S.Selection { Pane = S.PaneValues.BottomLeft, ActiveCell = $"H{WorkbookLayout.FirstDataRow}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"H{WorkbookLayout.FirstDataRow}" } })
                { WorkbookViewId = 0U }),
                new S.SheetFormatProperties { DefaultRowHeight = 15 },
                new S.Columns(WorkbookLayout.Columns.Select((c, i) => new S.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })),
                data,
                // Protection without a password: staff can always unprotect, but the form's structure is not edited by accident.
                new S.SheetProtection { Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false, AutoFilter = false, Sort = false },
                new S.MergeCells(
                    new S.MergeCell { Reference = $"A{WorkbookLayout.TitleRow}:K{WorkbookLayout.TitleRow}" },
                    new S.MergeCell { Reference = $"A{WorkbookLayout.InfoRow}:K{WorkbookLayout.InfoRow}" },
                    new S.MergeCell { Reference = $"A{rowIndex}:F{rowIndex}" }),
                new S.DataValidations(validations) { Count = (uint)validations.Count },
                new S.PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new S.PageSetup { PaperSize = 9U, Orientation = S.OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U },
                new S.HeaderFooter(new S.OddFooter("&C第 &P 页，共 &N 页")));
            sheet.InsertAt(new S.SheetProperties(new S.PageSetupProperties { FitToPage = true }), 0);
            part.Worksheet = sheet;
            return lastDataRow;
        }

        private static S.Row LeafRow(int row, LeafInfo leaf, SharedStrings strings)
        {
            var node = leaf.Node;
            // A leaf may sit at level 2 (path dimension → leaf) or level 3 (dimension → indicator → leaf).
            var level2 = leaf.Path.Count >= 2 ? leaf.Path[1].Name : "";
            var level3 = leaf.Path.Count >= 3 ? node.Name : "";

            var cells = new List<S.Cell>
            {
                Text("A", row, node.Code, WorkbookStyles.Locked, strings),
                Text("B", row, leaf.Dimension.Name, WorkbookStyles.Locked, strings),
                Text("C", row, level2, WorkbookStyles.Locked, strings),
                Text("D", row, level3, WorkbookStyles.Locked, strings),
                Text("E", row, string.Join("\n", node.EvaluationPoints), WorkbookStyles.Locked, strings),
                Text("F", row, node.ScoringStandard, WorkbookStyles.Locked, strings),
                Number("G", row, node.Points, WorkbookStyles.LockedNumber),
                Blank("H", row, WorkbookStyles.Input),
                Blank("I", row, WorkbookStyles.InputNumber),
                Blank("J", row, WorkbookStyles.Input),
                Text("K", row, string.Join("\n", node.EvidenceChecklist), WorkbookStyles.Locked, strings),
            };
            return Row(row, null, [.. cells]);
        }

        private static IEnumerable<S.DataValidation> LeafValidations(int row, IndicatorNode node)
        {
            var answer = $"H{row}";
            var rule = node.Rule;
            if (rule is not null)
            {
                var validation = rule.Kind switch
                {
                    RuleKind.Qualitative => Validation(answer, S.DataValidationValues.List,
                        "\"" + string.Join(",", ((QualitativeScaleRule)rule).Options.Select(o => o.Label)) + "\"", null,
                        "请选择", "请从下拉列表中选择评价结果。"),
                    RuleKind.Deduction => Validation(answer, S.DataValidationValues.Whole, "0", "100000",
                        "请填写次数", "请填写发生次数（不小于 0 的整数）。"),
                    RuleKind.Bonus => Validation(answer, S.DataValidationValues.Whole, "0", "100000",
                        "请填写次数", "请填写加分事项发生次数（不小于 0 的整数）。"),
                    RuleKind.Bands or RuleKind.Linear or RuleKind.Ratio or RuleKind.Shortfall => Validation(answer, S.DataValidationValues.Decimal, "-1000000000", "1000000000",
                        "请填写数值", "请填写数值；百分比填写百分数，如 95.5。"),
                    RuleKind.Veto => Validation(answer, S.DataValidationValues.List, "\"是,否\"", null,
                        "请选择", "是否发现该情形：请选择“是”或“否”。"),
                    // Scored from the unit's data tables or from questionnaires, not from this cell.
                    RuleKind.Shares or RuleKind.Survey or RuleKind.Metric => null,
                };
                if (validation is not null)
                {
                    yield return validation;
                }
            }

            yield return Validation($"I{row}", S.DataValidationValues.Decimal, "0", Num(node.Points),
                "自评得分", $"请填写 0 至 {Num(node.Points)} 之间的分数。");
        }

        private static S.DataValidation Validation(string cell, S.DataValidationValues type, string formula1, string? formula2, string promptTitle, string prompt)
        {
            var validation = new S.DataValidation
            {
                Type = type,
                AllowBlank = true,
                ShowInputMessage = true,
                ShowErrorMessage = true,
                PromptTitle = promptTitle,
                Prompt = prompt,
                ErrorTitle = "输入无效",
                Error = prompt,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = cell },
            };
            if (type != S.DataValidationValues.List)
            {
                validation.Operator = S.DataValidationOperatorValues.Between;
            }

            validation.Append(new S.Formula1(formula1));
            if (formula2 is not null)
            {
                validation.Append(new S.Formula2(formula2));
            }

            return validation;
        }
    }

    private static S.Row Row(int index, double? height, params S.Cell[] cells)
    {
        var row = new S.Row(cells) { RowIndex = (uint)index };
        if (height is { } h)
        {
            row.Height = h;
            row.CustomHeight = true;
        }

        return row;
    }

    private static S.Cell Text(string column, int row, string text, uint style, SharedStrings strings) => new()
    {
        CellReference = column + row.ToString(CultureInfo.InvariantCulture),
        DataType = S.CellValues.SharedString,
        CellValue = new S.CellValue(strings.Index(text).ToString(CultureInfo.InvariantCulture)),
        StyleIndex = style,
    };

    private static S.Cell Number(string column, int row, decimal value, uint style) => new()
    {
        CellReference = column + row.ToString(CultureInfo.InvariantCulture),
        CellValue = new S.CellValue(Num(value)),
        StyleIndex = style,
    };

    private static S.Cell Blank(string column, int row, uint style) => new()
    {
        CellReference = column + row.ToString(CultureInfo.InvariantCulture),
        StyleIndex = style,
    };

    private static S.Cell Formula(string column, int row, string formula, decimal cached) => new()
    {
        CellReference = column + row.ToString(CultureInfo.InvariantCulture),
        CellFormula = new S.CellFormula(formula),
        CellValue = new S.CellValue(Num(cached)),
        StyleIndex = WorkbookStyles.TotalNumber,
    };

    private static string Num(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The custom XML part that identifies the workbook (campaign, unit, framework version, structure hash).</summary>
    private static class IdentityPart
    {
        public static void Write(WorkbookPart workbookPart, WorkbookIdentity identity)
        {
            XNamespace ns = WorkbookLayout.IdentityNamespace;
            var xml = new XDocument(new XElement(ns + "selfAssessment",
                new XElement(ns + "campaignId", identity.CampaignId),
                new XElement(ns + "unitId", identity.UnitId),
                new XElement(ns + "frameworkCode", identity.FrameworkCode),
                new XElement(ns + "frameworkVersion", identity.FrameworkVersion),
                new XElement(ns + "structureHash", identity.StructureHash)));

            var part = workbookPart.AddCustomXmlPart(CustomXmlPartType.CustomXml);
            using (var stream = part.GetStream(FileMode.Create))
            {
                xml.Save(stream);
            }

            XNamespace ds = "http://schemas.openxmlformats.org/officeDocument/2006/customXml";
            var props = part.AddNewPart<CustomXmlPropertiesPart>();
            using var propsStream = props.GetStream(FileMode.Create);
            new XDocument(new XElement(ds + "datastoreItem",
                new XAttribute(ds + "itemID", "{" + Guid.NewGuid().ToString().ToUpperInvariant() + "}"),
                new XAttribute(XNamespace.Xmlns + "ds", ds.NamespaceName),
                new XElement(ds + "schemaRefs", new XElement(ds + "schemaRef", new XAttribute(ds + "uri", WorkbookLayout.IdentityNamespace))))).Save(propsStream);
        }
    }

    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _items = [];

        public int Index(string text)
        {
            if (!_index.TryGetValue(text, out var i))
            {
                i = _items.Count;
                _items.Add(text);
                _index.Add(text, i);
            }

            return i;
        }

        public void Write(SharedStringTablePart part) =>
            part.SharedStringTable = new S.SharedStringTable(_items.Select(t => new S.SharedStringItem(new S.Text(t) { Space = SpaceProcessingModeValues.Preserve })))
            {
                Count = (uint)_items.Count,
                UniqueCount = (uint)_items.Count,
            };
    }
}
