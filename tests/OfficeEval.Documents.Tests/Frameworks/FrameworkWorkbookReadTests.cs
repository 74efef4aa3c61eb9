using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Frameworks;

/// <summary>
/// Reading an authoring workbook someone edited: each mistake is reported with its sheet and cell, the engine's
/// problems land on the row of their indicator, and nothing is returned until every problem is fixed.
/// </summary>
public class FrameworkWorkbookReadTests
{
    // Rows of TestTemplates.Framework() in the 指标 sheet:
    // 2 D1, 3 1.1, 4 1.2, 5 1.2.1, 6 1.2.2, 7 D2, 8 2.1, 9 2.1.1, 10 2.1.2.
    private static byte[] Written() => AuthoringSamples.Write(TestTemplates.Framework());

    private static FrameworkReadResult ReadWith(string sheet, Dictionary<string, object> cells) =>
        AuthoringSamples.Read(WorkbookFiller.SetCells(Written(), sheet, cells));

    private static WorkbookProblem Single(FrameworkReadResult read)
    {
        Assert.Null(read.Framework);
        return Assert.Single(read.Problems);
    }

    public static TheoryData<string, object, string, string> BadCells() => new()
    {
        { "D5", "二十", "authoring.not_a_number", "D5" },
        { "D5", "", "authoring.not_a_number", "D5" },
        { "B5", "7", "authoring.level_invalid", "B5" },
        { "B5", "4", "authoring.level_skipped", "B5" },
        { "A6", "1.2.1", "indicator.code_duplicate", "A6" },
        { "A6", "", "authoring.code_invalid", "A6" },
        { "A6", new string('X', 51), "authoring.code_invalid", "A6" },
        { "G5", "打分", "authoring.rule_type_unknown", "G5" },
        { "H5", "每次扣=四", "authoring.rule_parameters", "H5" },
        { "H5", "每次扣=1；每次扣=2", "authoring.rule_parameters", "H5" },
        { "H3", "好=1，较好=0.8", "authoring.rule_parameters", "H3" },
        { "G6", "区间", "authoring.rule_parameters", "H6" },
        { "J5", "可能", "authoring.flag_invalid", "J5" },
        { "E5", new string('长', 4001), "authoring.too_long", "E5" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void Read_BadCell_ReportsThatCell(string cell, object value, string code, string at)
    {
        var problem = Single(ReadWith("指标", new Dictionary<string, object> { [cell] = value }));

        Assert.Equal((code, "指标", at), (problem.Code, problem.Sheet, problem.Cell));
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageEn));
    }

    [Fact]
    public void Read_BadRuleParameters_ExplainsTheSyntaxInBothLanguages()
    {
        var problem = Single(ReadWith("指标", new Dictionary<string, object> { ["H3"] = "好=1，较好=0.8" }));

        Assert.Contains("“好=1，较好=0.8”应写作“名称=数值”，多项之间用“；”分隔", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("好=1；较好=0.8；一般=0.6；差=0", problem.MessageZh, StringComparison.Ordinal);
        Assert.StartsWith("Qualitative rule:", problem.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LeafPointsChanged_EngineMismatchOnTheParentsPointsCell()
    {
        // 1.2.1 from 20 to 15: 1.2 (row 4, 32.5 points) no longer adds up; D1 still does, as it adds its children's
        // declared points.
        var read = ReadWith("指标", new Dictionary<string, object> { ["D5"] = 15m });

        Assert.Null(read.Framework);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(("indicator.points_mismatch", "指标", "D4", "1.2"), (problem.Code, problem.Sheet, problem.Cell, problem.IndicatorCode));
    }

    [Fact]
    public void Read_RuleThatDoesNotFitPoints_EngineProblemOnTheParametersCell()
    {
        var read = ReadWith("指标", new Dictionary<string, object> { ["H5"] = "每次扣=25" });

        var problem = Assert.Single(read.Problems);
        Assert.Equal(("rule.deduction_step_over_points", "H5"), (problem.Code, problem.Cell));
    }

    [Fact]
    public void Read_LeafWithoutRule_EngineProblemOnTheRuleTypeCell()
    {
        var read = ReadWith("指标", new Dictionary<string, object> { ["G9"] = "", ["H9"] = "" });

        var problem = Assert.Single(read.Problems);
        Assert.Equal(("indicator.rule_missing", "G9"), (problem.Code, problem.Cell));
    }

    [Fact]
    public void Read_TotalChanged_EngineMismatchOnTheSettingsTotalCell()
    {
        var problem = Single(ReadWith("体系设置", new Dictionary<string, object> { ["B5"] = 120m }));

        Assert.Equal(("framework.total_mismatch", "体系设置", "B5"), (problem.Code, problem.Sheet, problem.Cell));
    }

    [Fact]
    public void Read_UnknownKindAndBadPoolCap_ReportedWhereTheyAre()
    {
        var edited = WorkbookFiller.SetCells(Written(), "体系设置", new Dictionary<string, object> { ["B6"] = "政府部门、街道办", ["A11"] = "P1", ["C11"] = "零" });

        var read = AuthoringSamples.Read(edited);

        Assert.Null(read.Framework);
        Assert.Equal(
            [("authoring.unit_kind_unknown", "体系设置", "B6"), ("framework.bonus_pool_cap", "体系设置", "C11")],
            read.Problems.Select(p => (p.Code, p.Sheet!, p.Cell!)));
    }

    [Fact]
    public void Read_BonusLeafNamingUndeclaredPool_EngineProblemOnTheParametersCell()
    {
        // 1.1 becomes a bonus leaf (outside its parent's points): D1 no longer adds up either.
        var edited = WorkbookFiller.SetCells(Written(), "指标", new Dictionary<string, object> { ["G3"] = "加分", ["H3"] = "每次加=0.5；加分池=NONE" });

        var read = AuthoringSamples.Read(edited);

        Assert.Contains(read.Problems, p => (p.Code, p.Cell) == ("rule.bonus_pool_unknown", "H3"));
        Assert.Contains(read.Problems, p => (p.Code, p.Cell) == ("indicator.points_mismatch", "D2"));
    }

    [Fact]
    public void Read_SeveralMistakes_ReportsEveryOne()
    {
        var read = ReadWith("指标", new Dictionary<string, object> { ["D3"] = "x", ["H5"] = "每次扣", ["J10"] = "?" });

        Assert.Equal([("authoring.not_a_number", "D3"), ("authoring.rule_parameters", "H5"), ("authoring.flag_invalid", "J10")],
            read.Problems.Select(p => (p.Code, p.Cell!)));
    }

    [Fact]
    public void Read_HeadersSwapped_ColumnsFollowTheirHeaders()
    {
        var edited = WorkbookFiller.SetCells(Written(), "指标", new Dictionary<string, object> { ["E1"] = "评分标准", ["F1"] = "评估要点" });

        var read = AuthoringSamples.Read(edited);

        Assert.Empty(read.Problems);
        var leaf = read.Framework!.Leaves().First().Node;
        Assert.Equal("建立工作机制\n明确责任分工", leaf.ScoringStandard);
        Assert.Equal(["好得满分，较好得 80%，一般得 60%，差不得分。"], leaf.EvaluationPoints);
    }

    [Fact]
    public void Read_RequiredColumnRenamed_ReportsTheHeader()
    {
        var problem = Single(ReadWith("指标", new Dictionary<string, object> { ["H1"] = "参数" }));

        Assert.Equal(("authoring.column_missing", "A1"), (problem.Code, problem.Cell));
        Assert.Contains("规则参数", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SelfAssessmentWorkbook_NamesTheMissingSheets()
    {
        var read = AuthoringSamples.Read(TestTemplates.Generate());

        Assert.Null(read.Framework);
        Assert.Equal([("authoring.sheet_missing", "体系设置"), ("authoring.sheet_missing", "指标")], read.Problems.Select(p => (p.Code, p.Sheet!)));
    }

    [Fact]
    public void Read_FullWidthDigitsAndChineseLevels_Accepted()
    {
        var read = ReadWith("指标", new Dictionary<string, object> { ["B5"] = "三级", ["D5"] = "２０分", ["H5"] = "每次扣＝４" });

        Assert.Empty(read.Problems);
        var leaf = read.Framework!.Leaves().Single(l => l.Node.Code == "1.2.1").Node;
        Assert.Equal(20m, leaf.Points);
        Assert.Equal(new Core.Scoring.DeductionRule(4m), leaf.Rule);
    }
}
