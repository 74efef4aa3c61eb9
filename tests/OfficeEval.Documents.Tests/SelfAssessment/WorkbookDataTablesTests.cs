using OfficeEval.Core.Scoring;
using OfficeEval.Core.Workload;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>Reading 基本情况, 编制与人员 and 工作量测算 back, and scoring the whole workbook with the engine.</summary>
public class WorkbookDataTablesTests
{
    private static SelfAssessmentTemplate Template(int? approved = 50) => TestTemplates.Template(framework: TestTemplates.RichFramework()) with
    {
        Unit = new UnitProfile { Kind = "政府部门", ApprovedEstablishment = approved, ApprovedLeadershipPosts = approved is null ? null : 6 },
    };

    /// <summary>编制与人员: 实有 52, 实配领导 7, 业务 30 of 45, ages 20/20/10/2, education 10/30/12.</summary>
    private static Dictionary<string, object> Staffing() => new()
    {
        ["B6"] = 52m, ["B10"] = 7m, ["B12"] = 30m, ["B13"] = 45m,
        ["B15"] = 20m, ["B16"] = 20m, ["B17"] = 10m, ["B18"] = 2m,
        ["B21"] = 10m, ["B22"] = 30m, ["B23"] = 12m,
    };

    private static byte[] Filled(SelfAssessmentTemplate template, Dictionary<string, object>? staffing = null, Dictionary<string, object>? workload = null, Dictionary<string, object>? basics = null)
    {
        var xlsx = TestTemplates.Generate(template);
        xlsx = WorkbookFiller.SetCells(xlsx, "编制与人员", staffing ?? Staffing());
        xlsx = WorkbookFiller.SetCells(xlsx, "工作量测算", workload ?? new Dictionary<string, object>
        {
            ["C2"] = 4m,
            ["B4"] = "行政审批事项办理", ["C4"] = 3000m, ["D4"] = 60m, ["E4"] = 1.2m,
            ["B5"] = "政策咨询答复  ", ["C5"] = "１２００", ["D5"] = 30m,
        });
        xlsx = WorkbookFiller.SetCells(xlsx, "基本情况", basics ?? new Dictionary<string, object>
        {
            ["B9"] = "负责全市发展改革工作 📈", ["B10"] = 12m, ["B11"] = 3m, ["B13"] = "张三 ", ["B14"] = "024-88886666", ["B15"] = 46356m,
        });
        return WorkbookFiller.Fill(xlsx, new Dictionary<string, FilledRow>
        {
            ["1.3"] = new("研究生=10；本科：30; 其他=12", null, 8m),
            ["2.1"] = FilledRow.Option("较好", 32m, "按期完成"),
            ["2.2"] = FilledRow.Count(3m, 1m),
            ["2.3"] = FilledRow.Option("否"),
            ["3.1"] = FilledRow.Option("达成", 10m),
        });
    }

    [Fact]
    public void Read_Staffing_GivesTheFactsWithTheOfficesApprovedFigures()
    {
        var read = TestTemplates.Read(Filled(Template()), Template());

        Assert.True(read.IsValid, string.Join("; ", read.Problems.Select(p => $"{p.Code} {p.Sheet}!{p.Cell}")));
        var facts = read.DataTables.Facts;
        Assert.Equal((50, 52, 6, 7, 30, 45), (facts.ApprovedEstablishment!.Value, facts.ActualStaff!.Value, facts.ApprovedLeadershipPosts!.Value,
            facts.ActualLeadershipPosts!.Value, facts.BusinessDivisionStaff!.Value, facts.TotalStaff!.Value));
        Assert.Equal(new AgeBandCounts(20, 20, 10, 2), facts.AgeBands);
        Assert.Equal(new EducationCounts(10, 30, 12), read.DataTables.Education);
    }

    [Fact]
    public void Read_ApprovedFigureOverwrittenInTheSheet_StillUsesTheOffices()
    {
        var staffing = Staffing();
        staffing["B5"] = 80m;

        var read = TestTemplates.Read(Filled(Template(), staffing), Template());

        Assert.Equal(50, read.DataTables.Facts.ApprovedEstablishment);
    }

    [Fact]
    public void Read_NoApprovedFigureFromTheOffice_ReadsTheUnits()
    {
        var staffing = Staffing();
        staffing["B5"] = 48m;
        staffing["B9"] = 5m;

        var read = TestTemplates.Read(Filled(Template(approved: null), staffing), Template(approved: null));

        Assert.Equal((48, 5), (read.DataTables.Facts.ApprovedEstablishment!.Value, read.DataTables.Facts.ApprovedLeadershipPosts!.Value));
    }

    [Fact]
    public void Read_AgesNotAddingUpToStaff_IsAWarningOnTheTotalCell()
    {
        var staffing = Staffing();
        staffing["B18"] = 5m;

        var read = TestTemplates.Read(Filled(Template(), staffing), Template());

        var warning = Assert.Single(read.Problems);
        Assert.Equal(("data.sum_mismatch", "编制与人员", "B19", true), (warning.Code, warning.Sheet, warning.Cell, warning.IsWarning));
        Assert.Contains("55", warning.MessageZh, StringComparison.Ordinal);
        Assert.True(read.IsValid);
    }

    [Theory]
    [InlineData("B6", "五十二", "cell.not_whole")]
    [InlineData("B6", "52.5", "cell.not_whole")]
    [InlineData("B15", "-1", "cell.not_whole")]
    public void Read_BadCount_IsAnErrorOnItsCell(string cell, string text, string code)
    {
        var staffing = Staffing();
        staffing[cell] = text;

        var read = TestTemplates.Read(Filled(Template(), staffing), Template());

        Assert.Contains(read.Problems, p => p.Code == code && p.Sheet == "编制与人员" && p.Cell == cell && !p.IsWarning);
        Assert.False(read.IsValid);
    }

    [Fact]
    public void Read_Workload_GivesTasksWithFullWidthDigitsAndTrimmedNames()
    {
        var read = TestTemplates.Read(Filled(Template()), Template());

        Assert.Equal(4, read.DataTables.WorkloadStaff);
        Assert.Equal(
            [new WorkloadTask("行政审批事项办理", 3000m, 60m, 1.2m), new WorkloadTask("政策咨询答复", 1200m, 30m, 1m)],
            read.DataTables.WorkloadTasks);
        Assert.NotNull(read.DataTables.Workload());
    }

    [Fact]
    public void Read_WorkloadRowProblems_NameTheirCells()
    {
        var workload = new Dictionary<string, object>
        {
            ["C2"] = "0",
            ["C4"] = 100m, ["D4"] = 10m,
            ["B5"] = "会议组织", ["C5"] = "很多", ["D5"] = 10m,
            ["B6"] = "文件起草", ["C6"] = 10m, ["D6"] = 10m, ["E6"] = 0m,
            ["B7"] = "调研", ["C7"] = 10m,
        };

        var read = TestTemplates.Read(Filled(Template(), workload: workload), Template());

        var problems = read.Problems.Where(p => p.Sheet == "工作量测算").Select(p => (p.Code, p.Cell)).ToList();
        Assert.Equal([("cell.not_whole", "C2"), ("workload.task_missing", "B4"), ("cell.not_a_number", "C5"), ("workload.difficulty_invalid", "E6"), ("workload.incomplete", "D7")], problems);
        Assert.Empty(read.DataTables.WorkloadTasks);
    }

    [Fact]
    public void Read_Basics_TrimsTextKeepsEmojiAndReadsTheDate()
    {
        var read = TestTemplates.Read(Filled(Template()), Template());

        var basics = read.DataTables.Basics;
        Assert.Equal("负责全市发展改革工作 📈", basics.Functions);
        Assert.Equal((12, 3, "张三"), (basics.InternalDivisions!.Value, basics.AffiliatedInstitutions!.Value, basics.FilledBy));
        Assert.Equal(new DateOnly(2026, 11, 30), basics.FilledOn);
    }

    [Theory]
    [InlineData("2026-11-30")]
    [InlineData("2026/11/30")]
    [InlineData("2026年11月30日")]
    [InlineData("２０２６-１１-３０")]
    public void Read_DateTypedAsText_IsRead(string text)
    {
        var basics = new Dictionary<string, object> { ["B15"] = text };

        var read = TestTemplates.Read(Filled(Template(), basics: basics), Template());

        Assert.Equal(new DateOnly(2026, 11, 30), read.DataTables.Basics.FilledOn);
    }

    [Fact]
    public void Read_NotADate_IsAnErrorOnItsCell()
    {
        var read = TestTemplates.Read(Filled(Template(), basics: new Dictionary<string, object> { ["B15"] = "下周一" }), Template());

        Assert.Contains(read.Problems, p => p.Code == "cell.not_a_date" && p.Sheet == "基本情况" && p.Cell == "B15");
    }

    [Fact]
    public void Read_SharesAnsweredAsCategoryCounts_GivesTheCounts()
    {
        var read = TestTemplates.Read(Filled(Template()), Template());

        Assert.Equal(new Dictionary<string, decimal> { ["研究生"] = 10m, ["本科"] = 30m, ["其他"] = 12m }, read.Answers["1.3"].Counts);
    }

    [Fact]
    public void Read_SharesWithAnUnknownCategory_IsAnErrorNamingTheCategories()
    {
        var xlsx = WorkbookFiller.Fill(Filled(Template()), new Dictionary<string, FilledRow> { ["1.3"] = new("博士=3") });

        var read = TestTemplates.Read(xlsx, Template());

        var problem = Assert.Single(read.Problems);
        Assert.Equal(("cell.share_label_unknown", "自评表", "H6"), (problem.Code, problem.Sheet, problem.Cell));
        Assert.Contains("研究生、本科、其他", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TemplateWithoutTheDataSheets_WarnsAndReadsTheAnswers()
    {
        var xlsx = Filled(Template());
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            foreach (var sheet in workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Where(s => s.Name == "工作量测算").ToList())
            {
                workbook.DeletePart(sheet.Id!.Value!);
                sheet.Remove();
            }
        }

        var read = TestTemplates.Read(stream.ToArray(), Template());

        var warning = Assert.Single(read.Problems);
        Assert.Equal(("sheet.missing", "工作量测算", true), (warning.Code, warning.Sheet, warning.IsWarning));
        Assert.Equal("较好", read.Answers["2.1"].Option);
    }

    [Fact]
    public void Evaluate_FilledRichWorkbook_ScoresMetricsSharesBonusAndExplains()
    {
        var template = Template();
        var read = TestTemplates.Read(Filled(template), template);

        var evaluation = SelfAssessmentWorkbook.Evaluate(read, template.Framework, new Dictionary<string, decimal> { ["1.4"] = 0.9m });

        var leaves = evaluation.Score.Leaves.ToDictionary(l => l.Code);
        // 超编 52 − 50 = 2 persons × 2.5 = 5 off 10.
        Assert.Equal(5m, leaves["1.1"].Value);
        // Ages 20/20/10 of 50 counted: (20×1 + 20×0.8 + 10×0.5) ÷ 50 × 10 = 8.2.
        Assert.Equal(8.2m, leaves["1.2"].Value);
        // Education 10/30/12: (10 + 24 + 6) ÷ 52 × 10 = 7.69.
        Assert.Equal(7.69m, leaves["1.3"].Value);
        Assert.Equal(18m, leaves["1.4"].Value);
        Assert.Equal(32m, leaves["2.1"].Value);
        Assert.Equal(10m, leaves["3.1"].Value);
        Assert.Contains("超编人数", leaves["1.1"].Explanation, StringComparison.Ordinal);
        // 3 × 0.5 = 1.5, capped by the pool at 1.
        Assert.Equal(5m + 8.2m + 7.69m + 18m + 32m + 10m + 1m, evaluation.Score.Total);
        Assert.True(evaluation.IsValid);
    }

    [Fact]
    public void Evaluate_MissingStaffFigures_PutsTheEngineProblemOnTheCellToFill()
    {
        var template = Template();
        var staffing = Staffing();
        staffing.Remove("B6");
        var read = TestTemplates.Read(Filled(template, staffing), template);

        var evaluation = SelfAssessmentWorkbook.Evaluate(read, template.Framework);

        Assert.Contains(evaluation.Problems, p => p.IndicatorCode == "1.1" && p.Code == "facts.missing" && p.Sheet == "编制与人员" && p.Cell == "B6");
        Assert.Contains(evaluation.Problems, p => p.IndicatorCode == "1.4" && p.Code == "survey.missing" && p.Sheet == "自评表" && p.Cell == "H7");
        Assert.False(evaluation.IsValid);
    }
}
