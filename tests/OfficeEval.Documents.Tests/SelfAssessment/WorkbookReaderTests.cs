using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

public class WorkbookReaderTests
{
    private static readonly Dictionary<string, FilledRow> AllRows = new(StringComparer.Ordinal)
    {
        ["1.1"] = FilledRow.Option("较好", 6m, "已建立工作机制。"),
        ["1.2.1"] = FilledRow.Count(2m, 12m, "发现问题 2 次。"),
        ["1.2.2"] = FilledRow.Option("一般", 7.5m),
        ["2.1.1"] = FilledRow.Count(0m, 30m),
        ["2.1.2"] = FilledRow.Option("全部完成（100%）", 30m, "见附件。"),
    };

    private static readonly Dictionary<string, Answer> AllAnswers = new(StringComparer.Ordinal)
    {
        ["1.1"] = new("1.1") { Option = "较好", SelfScore = 6m, Explanation = "已建立工作机制。" },
        ["1.2.1"] = new("1.2.1") { Number = 2m, SelfScore = 12m, Explanation = "发现问题 2 次。" },
        ["1.2.2"] = new("1.2.2") { Option = "一般", SelfScore = 7.5m },
        ["2.1.1"] = new("2.1.1") { Number = 0m, SelfScore = 30m },
        ["2.1.2"] = new("2.1.2") { Option = "全部完成（100%）", SelfScore = 30m, Explanation = "见附件。" },
    };

    private static byte[] Filled(IReadOnlyDictionary<string, FilledRow>? rows = null) =>
        WorkbookFiller.Fill(TestTemplates.Generate(), rows ?? AllRows);

    [Fact]
    public void Read_FilledWorkbook_ReturnsTheAnswersTyped()
    {
        var result = TestTemplates.Read(Filled());

        Assert.Empty(result.Problems);
        Assert.Equal(AllAnswers.OrderBy(kv => kv.Key, StringComparer.Ordinal), result.Answers.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(TestTemplates.Template().Identity, result.Identity);
    }

    [Fact]
    public void Read_FilledWorkbook_ScoresAsTyped()
    {
        var template = TestTemplates.Template();

        var score = UnitScorer.Score(template.Framework, TestTemplates.Read(Filled()).Answers);

        // 7.5 × 0.8 = 6; 20 − 2 × 4 = 12; 12.5 × 0.6 = 7.5; 30 − 0 = 30; 30 × 1 = 30 → 85.5
        Assert.Equal([6m, 12m, 7.5m, 30m, 30m], score.Leaves.Select(l => l.Value));
        Assert.Equal(85.5m, score.Total);
        Assert.Empty(score.Problems);
    }

    [Fact]
    public void Read_BlankWorkbook_ReturnsEmptyAnswersForEveryLeaf()
    {
        var result = TestTemplates.Read(TestTemplates.Generate());

        Assert.Empty(result.Problems);
        Assert.Equal(["1.1", "1.2.1", "1.2.2", "2.1.1", "2.1.2"], result.Answers.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Answers, kv => Assert.Equal(new Answer(kv.Key), kv.Value));
    }

    [Fact]
    public void Read_RowsSwapped_ReadsAnswersByCode()
    {
        var swapped = WorkbookFiller.SwapRows(Filled(), "1.1", "2.1.1");

        var result = TestTemplates.Read(swapped);

        Assert.Empty(result.Problems);
        Assert.Equal(AllAnswers["1.1"], result.Answers["1.1"]);
        Assert.Equal(AllAnswers["2.1.1"], result.Answers["2.1.1"]);
        Assert.Equal("H7", result.Cells.Locate("1.1", "option"));
        Assert.Equal("H4", result.Cells.Locate("2.1.1", "number"));
    }

    [Fact]
    public void Read_FullWidthDigits_AreReadAsNumbers()
    {
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal)
        {
            ["1.2.1"] = new(AnswerText: "２", SelfScoreText: "１２．５"),
            ["2.1.1"] = new(AnswerText: "１０"),
        };

        var result = TestTemplates.Read(Filled(rows));

        Assert.Empty(result.Problems);
        Assert.Equal(2m, result.Answers["1.2.1"].Number);
        Assert.Equal(12.5m, result.Answers["1.2.1"].SelfScore);
        Assert.Equal(10m, result.Answers["2.1.1"].Number);
    }

    [Fact]
    public void Read_SurroundingSpaces_AreTrimmed()
    {
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal)
        {
            ["1.1"] = new(AnswerText: "较好  ", SelfScoreText: " 6 ", Explanation: "  说明  "),
            ["1.2.1"] = new(AnswerText: " 3 "),
        };

        var result = TestTemplates.Read(Filled(rows));

        Assert.Empty(result.Problems);
        Assert.Equal(new Answer("1.1") { Option = "较好", SelfScore = 6m, Explanation = "说明" }, result.Answers["1.1"]);
        Assert.Equal(3m, result.Answers["1.2.1"].Number);
    }

    [Fact]
    public void Read_OptionWithHalfWidthParentheses_MapsToTheRuleLabel()
    {
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal) { ["2.1.2"] = FilledRow.Option("全部完成(100%)") };

        var result = TestTemplates.Read(Filled(rows));

        Assert.Equal("全部完成（100%）", result.Answers["2.1.2"].Option);
    }

    [Fact]
    public void Read_TextInDeductionAnswer_ReportsNotANumberAtTheCell()
    {
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal) { ["1.2.1"] = new(AnswerText: "两次") };

        var result = TestTemplates.Read(Filled(rows));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("cell.not_a_number", problem.Code);
        Assert.Equal("自评表", problem.Sheet);
        Assert.Equal("H5", problem.Cell);
        Assert.Contains("两次", problem.MessageZh, StringComparison.Ordinal);
        Assert.Null(result.Answers["1.2.1"].Number);
    }

    [Fact]
    public void Read_TextInSelfScore_ReportsNotANumberAtTheCell()
    {
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal) { ["1.1"] = new(AnswerText: "好", SelfScoreText: "满分") };

        var result = TestTemplates.Read(Filled(rows));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("cell.not_a_number", problem.Code);
        Assert.Equal(("自评表", "I4"), (problem.Sheet, problem.Cell));
        Assert.Equal("好", result.Answers["1.1"].Option);
        Assert.Null(result.Answers["1.1"].SelfScore);
    }

    [Fact]
    public void Read_ExplanationLongerThanLimit_ReportsTooLongAtTheCell()
    {
        var limits = UploadLimits.Default with { MaxCellText = 20 };
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal)
        {
            ["1.2.2"] = FilledRow.Option("好", 12.5m, new string('长', 21)),
            ["2.1.2"] = FilledRow.Option("未完成", 0m, new string('短', 20)),
        };

        var result = TestTemplates.Read(Filled(rows), limits: limits);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("cell.too_long", problem.Code);
        Assert.Equal(("自评表", "J6"), (problem.Sheet, problem.Cell));
        Assert.Equal(new Answer("1.2.2"), result.Answers["1.2.2"]);
        Assert.Equal("未完成", result.Answers["2.1.2"].Option);
    }

    [Fact]
    public void Read_AnswerLongerThanLimit_ReportsTooLongAtTheCell()
    {
        var limits = UploadLimits.Default with { MaxCellText = 10 };
        var rows = new Dictionary<string, FilledRow>(StringComparer.Ordinal) { ["1.1"] = new(AnswerText: new string('好', 11)) };

        var problem = Assert.Single(TestTemplates.Read(Filled(rows), limits: limits).Problems);

        Assert.Equal(("cell.too_long", "H4"), (problem.Code, problem.Cell));
    }

    [Theory]
    [InlineData("1.2.1", "selfScore", "I5")]
    [InlineData("1.2.1", "number", "H5")]
    [InlineData("2.1.2", "option", "H8")]
    [InlineData("2.1.2", "explanation", "J8")]
    [InlineData("1.1", null, "A4")]
    [InlineData("1.1", "unknown", "A4")]
    public void Locate_CodeAndField_GivesTheCellOfThatRow(string code, string? field, string expected)
    {
        var result = TestTemplates.Read(TestTemplates.Generate());

        Assert.Equal(expected, result.Cells.Locate(code, field));
        Assert.Equal("自评表", result.Cells.Sheet);
    }

    [Fact]
    public void Locate_UnknownCode_IsNull()
    {
        Assert.Null(TestTemplates.Read(TestTemplates.Generate()).Cells.Locate("9.9", "option"));
    }

    [Fact]
    public void Read_CodeCellCleared_ReportsRowMissing()
    {
        var xlsx = WorkbookFiller.SetCell(TestTemplates.Generate(), "A5", "");

        var result = TestTemplates.Read(xlsx);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("row.missing", problem.Code);
        Assert.Contains("1.2.1", problem.MessageEn, StringComparison.Ordinal);
        Assert.False(result.Answers.ContainsKey("1.2.1"));
        Assert.Null(result.Cells.Locate("1.2.1", "number"));
    }

    [Fact]
    public void Read_CodeRepeated_ReadsFirstRowAndReportsDuplicate()
    {
        var filled = Filled(new Dictionary<string, FilledRow>(StringComparer.Ordinal) { ["1.1"] = FilledRow.Option("好"), ["1.2.2"] = FilledRow.Option("差") });
        var xlsx = WorkbookFiller.SetCell(filled, "A6", "1.1");

        var result = TestTemplates.Read(xlsx);

        Assert.Equal("好", result.Answers["1.1"].Option);
        Assert.Contains(result.Problems, p => p is { Code: "cell.code_duplicate", Cell: "A6" });
        Assert.Contains(result.Problems, p => p.Code == "row.missing" && p.MessageEn.Contains("1.2.2", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AnswerHeaderRenamed_RejectsColumnMissing()
    {
        var xlsx = WorkbookFiller.SetCell(TestTemplates.Generate(), "H3", "结果");

        var error = Assert.Throws<WorkbookRejectedException>(() => TestTemplates.Read(xlsx));

        Assert.Equal("upload.column_missing", error.Code);
        Assert.Contains("自评结果（选项/次数）", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnswerHeaderWithHalfWidthParentheses_IsAccepted()
    {
        var xlsx = WorkbookFiller.SetCell(TestTemplates.Generate(), "H3", "自评结果(选项/次数)");
        var filled = WorkbookFiller.Fill(xlsx, new Dictionary<string, FilledRow>(StringComparer.Ordinal) { ["1.1"] = FilledRow.Option("差") });

        Assert.Equal("差", TestTemplates.Read(filled).Answers["1.1"].Option);
    }

    [Fact]
    public void Read_CodeHeaderCleared_RejectsHeaderMissing()
    {
        var xlsx = WorkbookFiller.SetCell(TestTemplates.Generate(), "A3", "");

        Assert.Equal("upload.header_missing", Assert.Throws<WorkbookRejectedException>(() => TestTemplates.Read(xlsx)).Code);
    }
}
