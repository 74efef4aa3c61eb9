using System.Globalization;
using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>The sheets around 自评表 and the form as a whole: instructions, data tables, print setup, validations.</summary>
public class WorkbookSheetsTests
{
    private static readonly string[] Sheets = ["填表说明", "自评表", "基本情况", "编制与人员", "工作量测算"];

    private static SelfAssessmentTemplate RichTemplate() => TestTemplates.Template(framework: TestTemplates.RichFramework()) with
    {
        Unit = new UnitProfile { Kind = "政府部门", Category = "非经济", Level = "市", ApprovedEstablishment = 50, ApprovedLeadershipPosts = 6 },
        Deadlines = [new WorkbookDeadline("单位自评", new DateOnly(2026, 12, 15)), new WorkbookDeadline("实地评估", new DateOnly(2027, 1, 10))],
        Contacts = [new WorkbookContact("王明", "业务咨询", "024-12345678", "wang@example.gov.cn")],
    };

    public static TheoryData<string> SheetNames() => [.. Sheets];

    [Fact]
    public void Write_RichTemplate_PassesOpenXmlValidation()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()));

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(workbook.Document).ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
    }

    [Theory]
    [MemberData(nameof(SheetNames))]
    public void Write_EverySheet_IsProtectedWithoutPasswordAndPrintsOnA4(string sheet)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()), sheet);

        var protection = workbook.Sheet.GetFirstChild<S.SheetProtection>()!;
        var setup = workbook.Sheet.GetFirstChild<S.PageSetup>()!;

        Assert.True(protection.Sheet!.Value);
        Assert.Null(protection.Password);
        Assert.Null(protection.HashValue);
        Assert.Equal(9U, setup.PaperSize!.Value);
        Assert.Equal(sheet == "自评表" ? S.OrientationValues.Landscape : S.OrientationValues.Portrait, setup.Orientation!.Value);
        Assert.Equal(1U, setup.FitToWidth!.Value);
    }

    [Theory]
    [MemberData(nameof(SheetNames))]
    public void Write_EveryInputCell_HasADataValidationWithAPrompt(string sheet)
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()), sheet);
        var validations = workbook.Sheet.Descendants<S.DataValidation>().ToList();

        var inputs = workbook.Sheet.Descendants<S.Cell>().Where(c => !workbook.IsLocked(c.CellReference!.Value!)).Select(c => c.CellReference!.Value!).ToList();

        Assert.True(sheet == "填表说明" ? inputs.Count == 0 : inputs.Count > 0);
        Assert.All(inputs, cell =>
        {
            var validation = validations.FirstOrDefault(v => Covers(v.SequenceOfReferences!.InnerText!, cell));
            Assert.True(validation is not null, $"{sheet}!{cell} is an input without a data validation");
            Assert.False(string.IsNullOrWhiteSpace(validation.Prompt?.Value), $"{sheet}!{cell} has no prompt");
        });
    }

    [Fact]
    public void Write_PrintTitles_RepeatTheHeaderRowsOfTheTables()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()));

        var titles = workbook.WorkbookPart.Workbook.DefinedNames!.Elements<S.DefinedName>()
            .Where(n => n.Name == "_xlnm.Print_Titles").ToDictionary(n => Sheets[(int)n.LocalSheetId!.Value], n => n.Text);

        Assert.Equal("'自评表'!$3:$3", titles["自评表"]);
        Assert.Equal("'工作量测算'!$3:$3", titles["工作量测算"]);
    }

    [Fact]
    public void Write_Instructions_ListDeadlinesContactsAndDimensions()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()), "填表说明");

        var texts = workbook.Sheet.Descendants<S.Cell>().Select(c => workbook.Text(c.CellReference!.Value!)).ToList();

        Assert.Contains("2026 年度绩效评估 自评表填表说明", texts);
        Assert.Contains("单位自评", texts);
        Assert.Contains("2026年12月15日", texts);
        Assert.Contains("2027年1月10日", texts);
        Assert.Contains("王明", texts);
        Assert.Contains("024-12345678", texts);
        Assert.Contains(texts, t => t.StartsWith("三、个性指标：10 分，1 项末级指标", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_NoDeadlinesOrContacts_SaysToFollowTheNotice()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(), "填表说明");

        var texts = workbook.Sheet.Descendants<S.Cell>().Select(c => workbook.Text(c.CellReference!.Value!)).ToList();

        Assert.Contains("以通知为准", texts);
        Assert.Contains("见评估工作通知", texts);
    }

    [Fact]
    public void Write_Staffing_PrintsTheOfficesFiguresLockedAndLeavesTheRestToFill()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()), "编制与人员");

        Assert.Equal(("核定编制（名）", "50"), (workbook.Text("A5"), workbook.Text("B5")));
        Assert.True(workbook.IsLocked("B5"));
        Assert.Equal("实有人数（名）", workbook.Text("A6"));
        Assert.False(workbook.IsLocked("B6"));
        Assert.Equal(("核定领导职数（名）", "6"), (workbook.Text("A9"), workbook.Text("B9")));
        Assert.True(workbook.IsLocked("B9"));
        Assert.Contains("B6/B5*100", workbook.Cell("B7")!.CellFormula!.Text, StringComparison.Ordinal);
        Assert.Equal("SUM(B15:B18)", workbook.Cell("B19")!.CellFormula!.Text);
    }

    [Fact]
    public void Write_Staffing_WithoutTheOfficesFigures_LetsTheUnitFillThem()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(), "编制与人员");

        Assert.False(workbook.IsLocked("B5"));
        Assert.False(workbook.IsLocked("B9"));
    }

    [Fact]
    public void Write_Basics_PrintsUnitNameAndKindLocked()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()), "基本情况");

        Assert.Equal(("单位名称", "市测试局"), (workbook.Text("A5"), workbook.Text("B5")));
        Assert.Equal("政府部门", workbook.Text("B6"));
        Assert.True(workbook.IsLocked("B5"));
        Assert.False(workbook.IsLocked("B9"));
    }

    [Fact]
    public void Write_Workload_HasTaskRowsWithHourFormulasAndSaturation()
    {
        var template = RichTemplate() with { WorkloadRows = 10 };
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(template), "工作量测算");

        Assert.Equal(["序号", "工作任务", "年工作量（件/次）", "标准用时（分钟/件）", "难度系数", "折算工时（小时）", "备注"], "ABCDEFG".Select(c => workbook.Text(c + "3")));
        Assert.Equal("1", workbook.Text("A4"));
        Assert.Equal("10", workbook.Text("A13"));
        Assert.Contains("C4*D4", workbook.Cell("F4")!.CellFormula!.Text, StringComparison.Ordinal);
        Assert.Equal("SUM(F4:F13)", workbook.Cell("F14")!.CellFormula!.Text);
        Assert.Contains("1625", workbook.Cell("F16")!.CellFormula!.Text, StringComparison.Ordinal);
        Assert.False(workbook.IsLocked("C2"));
    }

    [Fact]
    public void Write_Assessment_MergesFirstAndSecondLevelNamesOverTheirLeaves()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        var merges = workbook.Sheet.Descendants<S.MergeCell>().Select(m => m.Reference!.Value).ToList();

        Assert.Contains("B4:B6", merges);
        Assert.Contains("C5:C6", merges);
        Assert.Contains("B7:B8", merges);
        Assert.Contains("C7:C8", merges);
        Assert.DoesNotContain("C4:C4", merges);
    }

    [Fact]
    public void Write_Assessment_SummarisesEachDimensionWithSumifsOnHiddenKeys()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate());

        Assert.Equal("SUMIFS($I$4:$I$8,$L$4:$L$8,\"D1\",$M$4:$M$8,\"计分\")", workbook.Cell("I10")!.CellFormula!.Text);
        Assert.Equal("SUM(I10,I11)", workbook.Cell("I12")!.CellFormula!.Text);
        Assert.Equal(("D1", "计分"), (workbook.Text("L4"), workbook.Text("M4")));
        var columns = workbook.Sheet.Descendants<S.Column>().ToList();
        Assert.True(columns[11].Hidden!.Value);
        Assert.True(columns[12].Hidden!.Value);
    }

    [Fact]
    public void Write_RichAssessment_CapsBonusPoolsAndLocksVetoSelfScore()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()));

        var texts = workbook.Sheet.Descendants<S.Cell>().ToDictionary(c => c.CellReference!.Value!, c => workbook.Text(c.CellReference!.Value!));
        var poolRow = texts.Single(kv => kv.Value.StartsWith("加分项：基层编制加分", StringComparison.Ordinal)).Key[1..];

        Assert.Equal("MIN(1,SUMIFS($I$4:$I$11,$L$4:$L$11,\"P1\",$M$4:$M$11,\"加分\"))", workbook.Cell("I" + poolRow)!.CellFormula!.Text);
        Assert.Equal(("2.2", "P1", "加分"), (texts["A9"], texts["L9"], texts["M9"]));
        Assert.Equal(("—", "否决"), (texts["I10"], texts["M10"]));
        Assert.True(workbook.IsLocked("I10"));
    }

    [Fact]
    public void Write_RichAssessment_AnswerCellsSayWhereScoresComeFrom()
    {
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(RichTemplate()));

        // 超编人数 is computed from 编制与人员 by a formula; age shares and surveys are locked notes; the shares answered by the unit are input.
        Assert.Equal("IF(AND(ISNUMBER('编制与人员'!B6),ISNUMBER('编制与人员'!B5)),MAX(0,'编制与人员'!B6-'编制与人员'!B5),\"\")", workbook.Cell("H4")!.CellFormula!.Text);
        Assert.Equal("按“编制与人员”年龄结构计分", workbook.Text("H5"));
        Assert.True(workbook.IsLocked("H5"));
        Assert.False(workbook.IsLocked("H6"));
        Assert.Equal("按问卷调查结果计分", workbook.Text("H7"));
        Assert.Equal(S.DataValidationValues.List, workbook.Sheet.Descendants<S.DataValidation>().Single(v => v.SequenceOfReferences!.InnerText == "H10").Type!.Value);
    }

    [Fact]
    public void Write_LongScoringStandard_GetsARowTallEnoughForEveryLine()
    {
        var framework = TestTemplates.Framework();
        var standard = string.Concat(Enumerable.Repeat("每发现一处问题扣一分，", 20));
        var longer = framework with
        {
            Dimensions = [framework.Dimensions[0] with { Children = [framework.Dimensions[0].Children[0] with { ScoringStandard = standard }, framework.Dimensions[0].Children[1]] }, framework.Dimensions[1]],
        };
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(TestTemplates.Template(framework: longer)));

        var rows = workbook.Sheet.Descendants<S.Row>().ToDictionary(r => r.RowIndex!.Value);

        // 200 CJK characters in a 34-wide column: about 13 lines of 14.5 points.
        Assert.True(rows[4U].Height!.Value >= 13 * 14.5, $"row 4 is {rows[4U].Height!.Value} points high");
        Assert.True(rows[4U].CustomHeight!.Value);
        Assert.Equal(30D, rows[7U].Height!.Value);
    }

    [Fact]
    public void Write_Identity_IsAlsoInTheCustomDocumentProperties()
    {
        var template = RichTemplate();
        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(template));

        var properties = workbook.Document.CustomFilePropertiesPart!.Properties!.Elements<CustomDocumentProperty>()
            .ToDictionary(p => p.Name!.Value!, p => p.InnerText);

        Assert.Equal(template.Identity.CampaignId.ToString(), properties["OfficeEval.campaignId"]);
        Assert.Equal(template.Identity.UnitId.ToString(), properties["OfficeEval.unitId"]);
        Assert.Equal("RICH-TEST", properties["OfficeEval.frameworkCode"]);
        Assert.Equal("2026.2", properties["OfficeEval.frameworkVersion"]);
        Assert.Equal(template.Identity.StructureHash, properties["OfficeEval.structureHash"]);
    }

    [Fact]
    public void Write_SameTemplateTwice_GivesTheSameParts()
    {
        var first = PartTexts(TestTemplates.Generate(RichTemplate()));
        var second = PartTexts(TestTemplates.Generate(RichTemplate()));

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first, part => Assert.True(part.Value == second[part.Key], part.Key + " differs between two runs"));
    }

    [Fact]
    public void Write_IndividualIndicators_AppearUnderTheIndividualDimensionAndChangeTheHash()
    {
        var framework = TestTemplates.RichFramework();
        var (withOwn, problems) = IndividualIndicators.Apply(framework,
        [
            new IndicatorNode("3.1", "营商环境投诉办结率", 6m, [], new QualitativeScaleRule([new ScaleOption("达成", 1m), new ScaleOption("未达成", 0m)])),
            new IndicatorNode("3.2", "重点项目审批提速", 4m, [], new DeductionRule(1m)),
        ]);
        Assert.Empty(problems);

        using var workbook = new GeneratedWorkbook(TestTemplates.Generate(TestTemplates.Template(framework: withOwn)));

        Assert.Equal(("3.1", "个性指标", "营商环境投诉办结率"), (workbook.Text("A11"), workbook.Text("B11"), workbook.Text("C11")));
        Assert.Equal("3.2", workbook.Text("A12"));
        Assert.NotEqual(SelfAssessmentWorkbook.StructureHash(framework), SelfAssessmentWorkbook.StructureHash(withOwn));
        Assert.All(withOwn.Dimensions[2].Children, c => Assert.True(c.IsIndividual));
    }

    [Fact]
    public void IndividualIndicators_PointsNotAddingUp_AreRefusedAndTheFrameworkIsUnchanged()
    {
        var framework = TestTemplates.RichFramework();

        var (result, problems) = IndividualIndicators.Apply(framework, [new IndicatorNode("3.1", "个性目标", 8m, [], new DeductionRule(1m))]);

        Assert.Same(framework, result);
        var problem = Assert.Single(problems);
        Assert.Equal("individual.points_mismatch", problem.Code);
        Assert.Contains("8", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void StructureHash_SameNumbersWrittenDifferently_AreTheSame()
    {
        var a = TestTemplates.Framework();
        var b = a with
        {
            Dimensions = [a.Dimensions[0] with { Children = [a.Dimensions[0].Children[0] with { Points = 7.50m }, a.Dimensions[0].Children[1]] }, a.Dimensions[1]],
        };

        Assert.Equal(SelfAssessmentWorkbook.StructureHash(a), SelfAssessmentWorkbook.StructureHash(b));
    }

    private static Dictionary<string, string> PartTexts(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    /// <summary>True when <paramref name="cell"/> lies in one of the space-separated ranges of <paramref name="sqref"/>.</summary>
    private static bool Covers(string sqref, string cell)
    {
        var (column, row) = Split(cell);
        foreach (var range in sqref.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = range.Split(':');
            var (c1, r1) = Split(ends[0]);
            var (c2, r2) = Split(ends[^1]);
            if (column >= c1 && column <= c2 && row >= r1 && row <= r2)
            {
                return true;
            }
        }

        return false;
    }

    private static (int Column, int Row) Split(string reference)
    {
        var letters = new string([.. reference.TakeWhile(char.IsAsciiLetter)]);
        var column = letters.Aggregate(0, (index, c) => (index * 26) + (c - 'A' + 1));
        return (column, int.Parse(reference.AsSpan(letters.Length), CultureInfo.InvariantCulture));
    }
}
