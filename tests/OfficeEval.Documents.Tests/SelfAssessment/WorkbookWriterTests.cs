using System.Globalization;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.SelfAssessment;

public class WorkbookWriterTests
{
    private static readonly string[] LeafCodes = ["1.1", "1.2.1", "1.2.2", "2.1.1", "2.1.2"];

    [Theory]
    [InlineData(FileFormatVersions.Office2016)]
    [InlineData(FileFormatVersions.Microsoft365)]
    public void Write_SampleTemplate_PassesOpenXmlValidation(FileFormatVersions version)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        OpenXmlValidation.AssertValid(workbook.Document, version);
    }

    [Fact]
    public void Write_SampleTemplate_HasTheFiveSheetsInOrder()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        Assert.Equal(["填表说明", "自评表", "基本情况", "编制与人员", "工作量测算"], workbook.SheetNames);
    }

    [Fact]
    public void Write_SampleTemplate_WritesTitleAndInfoRows()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        Assert.Equal("2026 年度绩效评估 自评表", workbook.Text("A1"));
        Assert.Contains("被评估单位：市测试局", workbook.Text("A2"), StringComparison.Ordinal);
        Assert.Contains("测试指标体系（2026.1）", workbook.Text("A2"), StringComparison.Ordinal);
        Assert.Contains("总分：100 分", workbook.Text("A2"), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SampleTemplate_WritesHeaderRowThree()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var headers = "ABCDEFGHIJK".Select(c => workbook.Text(c + "3"));

        Assert.Equal(["指标编码", "一级指标", "二级指标", "三级指标", "评估要点", "评分标准", "分值", "自评结果（选项/次数）", "自评得分", "情况说明", "佐证材料"], headers);
    }

    [Fact]
    public void Write_SampleTemplate_WritesOneRowPerLeafInOrder()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        Assert.Equal(LeafCodes, Enumerable.Range(4, 5).Select(row => workbook.Text($"A{row}")));
        Assert.Equal(["分项汇总", "一、组织领导", "二、履职成效", "合计"], Enumerable.Range(9, 4).Select(row => workbook.Text($"A{row}")));
        // Title, unit line, header, five leaves, summary heading, two dimensions, total, note.
        Assert.Equal(13, workbook.Sheet.Descendants<S.Row>().Count());
    }

    [Fact]
    public void Write_LevelTwoAndLevelThreeLeaves_FillTheLevelColumns()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        // Level-2 leaf: its own name under 二级, nothing under 三级.
        Assert.Equal(("组织领导", "工作机制", ""), (workbook.Text("B4"), workbook.Text("C4"), workbook.Text("D4")));
        // Level-3 leaf: its parent under 二级, itself under 三级.
        Assert.Equal(("履职成效", "任务完成", "督办事项"), (workbook.Text("B7"), workbook.Text("C7"), workbook.Text("D7")));
        Assert.Equal("建立工作机制\n明确责任分工", workbook.Text("E4"));
        Assert.Equal("每发现一次问题扣 4 分，扣完为止。", workbook.Text("F5"));
        Assert.Equal("□ 相关文件", workbook.Text("K4"));
    }

    [Fact]
    public void Write_UnderGermanCulture_WritesInvariantNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

            Assert.Equal("7.5", workbook.Text("G4"));
            Assert.Equal("12.5", workbook.Text("G6"));
            Assert.Equal("100", workbook.Text("G12"));
            Assert.Equal("60", workbook.Text("G11"));
            Assert.Equal("40", workbook.Text("G10"));
            var selfScore = Validation(workbook, "I4");
            Assert.Equal("7.5", selfScore.Formula2!.Text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("H4", "\"好,较好,一般,差\"")]
    [InlineData("H6", "\"好,较好,一般,差\"")]
    [InlineData("H8", "\"全部完成（100%）,部分完成,未完成\"")]
    public void Write_QualitativeLeaf_HasListValidationOnAnswerCell(string cell, string formula)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var validation = Validation(workbook, cell);

        Assert.Equal(S.DataValidationValues.List, validation.Type!.Value);
        Assert.Equal(formula, validation.Formula1!.Text);
        Assert.True(validation.ShowErrorMessage!.Value);
    }

    [Theory]
    [InlineData("H5")]
    [InlineData("H7")]
    public void Write_DeductionLeaf_HasWholeNumberValidationOnAnswerCell(string cell)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var validation = Validation(workbook, cell);

        Assert.Equal(S.DataValidationValues.Whole, validation.Type!.Value);
        Assert.Equal(S.DataValidationOperatorValues.Between, validation.Operator!.Value);
        Assert.Equal("0", validation.Formula1!.Text);
    }

    [Theory]
    [InlineData("I4", "7.5")]
    [InlineData("I5", "20")]
    [InlineData("I8", "30")]
    public void Write_EveryLeaf_HasDecimalValidationUpToPointsOnSelfScore(string cell, string points)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var validation = Validation(workbook, cell);

        Assert.Equal(S.DataValidationValues.Decimal, validation.Type!.Value);
        Assert.Equal(("0", points), (validation.Formula1!.Text, validation.Formula2!.Text));
    }

    [Fact]
    public void Write_SampleTemplate_CountsValidations()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var validations = workbook.Sheet.GetFirstChild<S.DataValidations>()!;

        // Per leaf: the answer, the self-score and the explanation (length cap).
        Assert.Equal(15, validations.Elements<S.DataValidation>().Count());
        Assert.Equal(15U, validations.Count!.Value);
    }

    [Fact]
    public void Write_SampleTemplate_StoresIdentityInCustomXmlPart()
    {
        var template = TestTemplates.Template();
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(template));
        XNamespace ns = "urn:officeeval:self-assessment:v1";

        var roots = workbook.WorkbookPart.CustomXmlParts.Select(part =>
        {
            using var stream = part.GetStream();
            return XDocument.Load(stream).Root!;
        }).ToList();

        var identity = Assert.Single(roots, r => r.Name == ns + "selfAssessment");
        Assert.Equal(template.Identity.CampaignId, Guid.Parse(identity.Element(ns + "campaignId")!.Value));
        Assert.Equal(template.Identity.UnitId, Guid.Parse(identity.Element(ns + "unitId")!.Value));
        Assert.Equal("GOV-TEST", identity.Element(ns + "frameworkCode")!.Value);
        Assert.Equal("2026.1", identity.Element(ns + "frameworkVersion")!.Value);
        Assert.Equal(template.Identity.StructureHash, identity.Element(ns + "structureHash")!.Value);
        // The identity lives only in the part, never in cells a user could edit.
        Assert.DoesNotContain(workbook.Sheet.Descendants<S.Cell>(), c => workbook.Text(c.CellReference!.Value!).Contains(TestTemplates.CampaignId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Write_SampleTemplate_ProtectsSheetAndStructure()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var protection = workbook.Sheet.GetFirstChild<S.SheetProtection>();

        Assert.NotNull(protection);
        Assert.True(protection.Sheet!.Value);
        Assert.True(workbook.WorkbookPart.Workbook.WorkbookProtection!.LockStructure!.Value);
    }

    [Theory]
    [InlineData("H")]
    [InlineData("I")]
    [InlineData("J")]
    public void Write_InputColumns_AreUnlockedOnEveryLeafRow(string column)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        Assert.All(Enumerable.Range(4, 5), row => Assert.False(workbook.IsLocked($"{column}{row}"), $"{column}{row} is locked"));
    }

    [Theory]
    [InlineData("A4")]
    [InlineData("F5")]
    [InlineData("G6")]
    [InlineData("H3")]
    [InlineData("I12")]
    [InlineData("L4")]
    public void Write_GivenCells_AreLocked(string cell)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        Assert.True(workbook.IsLocked(cell));
    }

    [Fact]
    public void Write_SampleTemplate_FreezesRowsAboveFirstAnswer()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var pane = workbook.Sheet.Descendants<S.Pane>().Single();

        Assert.Equal(3D, pane.VerticalSplit!.Value);
        Assert.Equal("A4", pane.TopLeftCell!.Value);
        Assert.Equal(S.PaneStateValues.Frozen, pane.State!.Value);
    }

    [Theory]
    [InlineData("自评表")]
    [InlineData("编制与人员")]
    [InlineData("工作量测算")]
    public void Write_FormulaCells_CarryNoCachedNumber(string sheet)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(), sheet);

        // LibreOffice keeps a cached number on load (it ignores fullCalcOnLoad); an empty result makes it compute.
        var formulas = workbook.Sheet.Descendants<S.Cell>().Where(c => c.CellFormula is not null).ToList();
        Assert.NotEmpty(formulas);
        Assert.All(formulas, c => Assert.True(string.IsNullOrEmpty(c.CellValue?.Text), $"{c.CellReference} caches \"{c.CellValue?.Text}\"."));
    }

    private static S.DataValidation Validation(GeneratedWorkbook workbook, string cell) =>
        Assert.Single(workbook.Sheet.Descendants<S.DataValidation>(), v => v.SequenceOfReferences!.InnerText == cell);
}
