using System.Globalization;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.Reports;
using OfficeEval.Documents.Tests.Support;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Tests.Reports;

/// <summary>What each report says, read back from the document: indicator content controls, scores, the chart, problems.</summary>
public sealed class ReportContentTests
{
    [Theory]
    [InlineData(Reports.SelfAssessment)]
    [InlineData(Reports.Evaluation)]
    public void Write_UnitReport_EveryLeafInOneTaggedContentControl(string report)
    {
        using var document = Reports.Open(report);
        var leaves = ReportSamples.Framework().Leaves().Select(l => l.Node).ToList();

        var controls = document.Body.Descendants<W.SdtBlock>().ToList();

        Assert.Equal(leaves.Select(l => "officeeval:indicator:" + l.Code), controls.Select(c => c.SdtProperties!.GetFirstChild<W.Tag>()!.Val!.Value));
        Assert.Equal(leaves.Select(l => l.Code + " " + l.Name), controls.Select(c => c.SdtProperties!.GetFirstChild<W.SdtAlias>()!.Val!.Value));
        Assert.Equal(controls.Count, controls.Select(c => c.SdtProperties!.GetFirstChild<W.SdtId>()!.Val!.Value).Distinct().Count());
        Assert.All(controls, c => Assert.Equal(W.LockingValues.SdtLocked, c.SdtProperties!.GetFirstChild<W.Lock>()!.Val!.Value));
        // Each control holds its leaf's heading first, then what the report says of it.
        Assert.All(controls.Zip(leaves), pair =>
        {
            var paragraphs = pair.First.SdtContentBlock!.Elements<W.Paragraph>().ToList();
            Assert.Contains("（" + pair.Second.Code + "，", paragraphs[0].InnerText, StringComparison.Ordinal);
            Assert.StartsWith("Heading", paragraphs[0].ParagraphProperties!.ParagraphStyleId!.Val!.Value, StringComparison.Ordinal);
            Assert.True(paragraphs.Count > 1);
        });
    }

    [Fact]
    public void Write_SummaryReport_NoIndicatorControls()
    {
        using var document = Reports.Open(Reports.Summary);

        Assert.Empty(document.Body.Descendants<W.SdtBlock>());
    }

    [Fact]
    public void Write_SelfAssessmentReport_SaysWhichVersionItShows()
    {
        using var submitted = Reports.Open(Reports.SelfAssessment);
        using var draft = Reports.Open(Reports.SelfAssessmentDraft);

        Assert.Equal("（根据第2次提交版本编制，2026年10月30日提交）", Subtitle(submitted));
        Assert.Equal("（根据尚未提交的自评草稿编制，2026年10月28日保存，草稿第7版）", Subtitle(draft));
        Assert.Equal("2026年10月30日", submitted.Body.Elements<W.Paragraph>().Last().InnerText);
    }

    [Fact]
    public void Write_SelfAssessmentReport_EachIndicatorsAnswerScoresExplanationAndEvidence()
    {
        var model = ReportSamples.SelfAssessment();
        using var document = new GeneratedReport(GeneratedReport.SelfAssessment(model));

        var first = Block(document, "1.1.1");
        Assert.Contains("评估要点：年度重点工作任务按期完成；完成质量和成效。", first);
        Assert.Contains("填报情况：选择“好”。", first);
        Assert.Contains("得分：自评得分10分；系统计分10分。", first);
        Assert.Contains("情况说明：年度12项重点任务全部按期完成。", first);
        Assert.Contains("其中3项获省级通报表扬。", first);
        Assert.Contains("佐证材料：已提供年度工作总结、重点任务台账。", first);
        Assert.Contains(first, line => line.StartsWith("计分说明：采用自评得分 10 分。", StringComparison.Ordinal));

        Assert.Contains("填报情况：发现问题 1 次。", Block(document, "1.1.2"));
        Assert.Contains("得分：自评得分9分；系统计分8分。", Block(document, "1.1.2"));
        Assert.Contains("填报情况：按问卷调查结果计分（服务对象满意度问卷）。", Block(document, "1.2"));
        Assert.Contains("佐证材料：已提供“三定”规定；未提供内设机构职责分工文件。", Block(document, "2.1"));
        Assert.Contains("情况说明：未填写。", Block(document, "2.2"));
        Assert.Contains("填报情况：按“编制与人员”表中的人员年龄结构计分。", Block(document, "4.1.2"));
        Assert.Contains("填报情况：不存在该情形（否）。", Block(document, "5.3"));
        Assert.Contains("得分：否决项不计分。", Block(document, "5.3"));
        // The engine's problem on the metric leaf (over establishment) or others is shown where it arises.
        Assert.DoesNotContain(Block(document, "1.1.1"), line => line.StartsWith("提示：", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_SelfAssessmentReport_TotalsTableMatchesTheEngine()
    {
        var model = ReportSamples.SelfAssessment();
        using var document = new GeneratedReport(GeneratedReport.SelfAssessment(model));
        var rows = Rows(document.Body.Descendants<W.Table>().ElementAt(1));

        Assert.Equal(["序号", "一级指标", "分值", "自评得分", "得分率"], rows[0]);
        foreach (var (dimension, row) in model.Score.Dimensions.Zip(rows.Skip(1)))
        {
            Assert.Equal([dimension.Name, N(dimension.MaxPoints), N(dimension.Score), N(dimension.ScoreRate) + "%"], row.Skip(1));
        }

        Assert.Equal(["", "合计", "100", N(model.Score.Total), N(model.Score.ScoreRate) + "%"], rows[^1]);
        Assert.Equal(["", "加分项：基层编制保障", "最高1", "1", "—"], rows[^2]);
        Assert.Contains($"本单位自评总分为{N(model.Score.Total)}分（满分100分）", document.Text, StringComparison.Ordinal);
        // The facts table: office's approved figures and the data tables' headline facts.
        var facts = Rows(document.Body.Descendants<W.Table>().First()).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(("50", "52", "104%", "6"), (facts["核定编制（名）"], facts["实有人数（名）"], facts["编制使用率"], facts["核定领导职数（名）"]));
        Assert.Equal("35岁及以下 15 名，36–50岁 25 名，51–60岁 12 名", facts["人员年龄结构"]);
    }

    [Fact]
    public void Write_EvaluationReport_SelfAgainstOfficialPerDimensionAndLeaf()
    {
        var model = ReportSamples.Evaluation();
        using var document = new GeneratedReport(GeneratedReport.Evaluation(model));
        var rows = Rows(document.Body.Descendants<W.Table>().First());

        Assert.Equal(["一级指标", "分值", "自评得分", "核定得分", "偏差", "自评得分率", "核定得分率"], rows[0]);
        var self = model.Self.Dimensions.ToDictionary(d => d.Code);
        foreach (var (dimension, row) in model.Official.Dimensions.Zip(rows.Skip(1)))
        {
            var mine = self[dimension.Code];
            Assert.Equal([dimension.Name, N(dimension.MaxPoints), N(mine.Score), N(dimension.Score), Signed(mine.Score - dimension.Score), N(mine.ScoreRate) + "%", N(dimension.ScoreRate) + "%"], row);
        }

        Assert.Equal(["合计", "100", N(model.Self.Total), N(model.Official.Total), Signed(model.Self.Total - model.Official.Total), N(model.Self.ScoreRate) + "%", N(model.Official.ScoreRate) + "%"], rows[^1]);
        Assert.Contains("得分：自评得分10分；核定得分8分；偏差+2分。", Block(document, "1.1.1"));
        Assert.Contains("评估意见：重点任务台账与实际进度不完全一致。", Block(document, "1.1.1"));
        Assert.Contains("发现问题：2项重点任务进度滞后于计划。整改要求：明确时间节点，2027年3月底前完成。", Block(document, "1.1.1"));
        Assert.Contains("核实情况：单位自评不存在否决情形，核定不存在否决情形。", Block(document, "5.3"));
        Assert.Contains($"核定得分为{N(model.Official.Total)}分（满分100分）", document.Text, StringComparison.Ordinal);
        Assert.Contains("在参评的6个部门（单位）中排名第3位，评估等次为A；在经济类部门（单位）中排名第1位（共2个），列入绿榜。", document.Text, StringComparison.Ordinal);
        Assert.Contains("评估组意见：该单位机构编制执行情况总体良好", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EvaluationReport_ProblemsWithRequirementsAndTheGradesConsequence()
    {
        using var document = Reports.Open(Reports.Evaluation);
        var text = document.Text;

        Assert.Contains("实地评估共发现问题3个", text, StringComparison.Ordinal);
        Assert.Contains("1.【职责履行】重点工作任务完成情况（1.1.1）：2项重点任务进度滞后于计划。整改要求：明确时间节点，2027年3月底前完成。", text, StringComparison.Ordinal);
        Assert.Contains("2.【职责分工】内设机构职责分工清晰度（3.1）：综合科与规划科职责交叉。整改要求：修订内部职责分工方案。", text, StringComparison.Ordinal);
        Assert.Contains("3.【编制使用】编外人员管理（5.1）：编外人员未纳入统一管理。整改要求：对照评估意见限期整改。", text, StringComparison.Ordinal);
        Assert.Contains("评估等次为A。评估等次为A的部门（单位），在机构编制事项审批和用编申请中予以优先考虑", text, StringComparison.Ordinal);
        Assert.Contains("列入绿榜。列入绿榜的部门（单位），优先考虑其机构编制事项", text, StringComparison.Ordinal);
        Assert.Contains("（实地评估已完成，评估结果尚未定档）", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EvaluationReport_RadarChartOfTheDimensionsRates()
    {
        var model = ReportSamples.Evaluation();
        using var document = new GeneratedReport(GeneratedReport.Evaluation(model));
        var chartPart = document.Main.ChartParts.Single();
        var chart = chartPart.ChartSpace;

        var radar = chart.Descendants<C.RadarChart>().Single();
        Assert.Equal(C.RadarStyleValues.Marker, radar.RadarStyle!.Val!.Value);
        var series = radar.Elements<C.RadarChartSeries>().ToList();
        Assert.Equal(["自评得分率", "核定得分率"], series.Select(s => s.SeriesText!.Descendants<C.NumericValue>().Single().Text));
        var names = model.Official.Dimensions.Select(d => d.Name).ToList();
        Assert.All(series, s => Assert.Equal(names, s.GetFirstChild<C.CategoryAxisData>()!.Descendants<C.StringPoint>().Select(p => p.NumericValue!.Text)));
        var self = model.Self.Dimensions.ToDictionary(d => d.Code, d => d.ScoreRate);
        Assert.Equal(model.Official.Dimensions.Select(d => self[d.Code]), Values(series[0]));
        Assert.Equal(model.Official.Dimensions.Select(d => d.ScoreRate), Values(series[1]));
        Assert.Equal(100d, chart.Descendants<C.ValueAxis>().Single().Scaling!.GetFirstChild<C.MaxAxisValue>()!.Val!.Value);

        // Placed inline in the body, pointing at the chart part, with the data in an embedded workbook for "Edit Data".
        var reference = document.Body.Descendants<C.ChartReference>().Single();
        Assert.Same(chartPart, document.Main.GetPartById(reference.Id!.Value!));
        var embedded = chartPart.EmbeddedPackagePart!;
        Assert.Equal(chart.GetFirstChild<C.ExternalData>()!.Id!.Value, chartPart.GetIdOfPart(embedded));
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(embedded.GetStream(), false);
        var cells = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .ToDictionary(c => c.CellReference!.Value!, c => c.InnerText);
        Assert.Equal(("自评得分率", "核定得分率", names[0], model.Official.Dimensions[0].ScoreRate.ToString(CultureInfo.InvariantCulture)), (cells["B1"], cells["C1"], cells["A2"], cells["C2"]));
    }

    [Fact]
    public void Write_EvaluationReportWithPrevious_RadarOfBothCampaignsThroughTheMapping()
    {
        var model = ReportSamples.EvaluationWithPrevious();
        using var document = new GeneratedReport(GeneratedReport.Evaluation(model));
        var chartPart = document.Main.ChartParts.Single();

        var series = chartPart.ChartSpace.Descendants<C.RadarChart>().Single().Elements<C.RadarChartSeries>().ToList();
        Assert.Equal(["上次评估（2025年度）", "本次评估（2026年度）"], series.Select(s => s.SeriesText!.Descendants<C.NumericValue>().Single().Text));
        Assert.NotNull(chartPart.ChartSpace.Descendants<C.Legend>().SingleOrDefault());
        // This campaign: the official rates; dimension 1 is 8 + 8 + 9.2 of 30.
        Assert.Equal(model.Official.Dimensions.Select(d => d.ScoreRate), Values(series[1]));
        Assert.Equal(84m, Values(series[1]).First());
        // The previous one through the mapping: dimension 1 was 6 + 8 + 9.2 of 30; dimension 3 has no predecessor,
        // so no point (a gap), though the series still spans every dimension.
        var points = series[0].GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>()
            .ToDictionary(p => (int)p.Index!.Value, p => decimal.Parse(p.NumericValue!.Text, CultureInfo.InvariantCulture));
        var expected = model.Previous!.Comparison.Dimensions.Select((d, i) => (i, d.PreviousScoreRate)).Where(p => p.PreviousScoreRate is not null)
            .ToDictionary(p => p.i, p => p.PreviousScoreRate!.Value);
        Assert.Equal(expected, points);
        Assert.Equal((77.33m, 75m), (points[0], points[1]));
        Assert.False(points.ContainsKey(2));
        Assert.Equal((uint)model.Official.Dimensions.Count, series[0].Descendants<C.PointCount>().Last().Val!.Value);
        var dashes = series[0].GetFirstChild<C.ChartShapeProperties>()!.Descendants<DocumentFormat.OpenXml.Drawing.PresetDash>();
        Assert.Single(dashes);

        // The embedded data: the previous campaign in column B, with an empty cell where it has no value.
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(chartPart.EmbeddedPackagePart!.GetStream(), false);
        var cells = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .ToDictionary(c => c.CellReference!.Value!, c => c.InnerText);
        Assert.Equal(("上次评估（2025年度）", 77.33m, 84m), (cells["B1"], decimal.Parse(cells["B2"], CultureInfo.InvariantCulture), decimal.Parse(cells["C2"], CultureInfo.InvariantCulture)));
        Assert.False(cells.ContainsKey("B4"));
        Assert.True(cells.ContainsKey("C4"));

        var text = document.Text;
        Assert.Contains("与上次评估（2025年度机构编制执行情况和使用效益评估）相比，核定得分由", text, StringComparison.Ordinal);
        Assert.Contains("；上次评估等次为B，列入黄榜。", text, StringComparison.Ordinal);
        Assert.Contains("表2　各一级指标得分率与上次评估比较", text, StringComparison.Ordinal);
        Assert.Contains("—（新增）", text, StringComparison.Ordinal);
        Assert.Contains("上次的职责边界清晰度（2.2）1项指标本次已撤销或无对应指标，未纳入比较。", text, StringComparison.Ordinal);
        Assert.Contains("注：两次评估所用指标体系版本之间的对应关系尚未经评估办公室确认", text, StringComparison.Ordinal);
        Assert.Contains("图1　各一级指标得分率与上次评估比较（%）", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EvaluationReportRedTwiceRunning_SaysSoAndWhatFollows()
    {
        var model = ReportSamples.Evaluation(EvaluationStage.Final);
        model = model with { Standing = model.Standing! with { Grade = "C", Board = Board.Red, ConsecutiveRed = true } };

        using var document = new GeneratedReport(GeneratedReport.Evaluation(model));

        Assert.Contains("该单位上一次评估结果亦列入红榜，为连续两次列入红榜。", document.Text, StringComparison.Ordinal);
        Assert.Contains("列入红榜。" + ResultsApplication.ForBoard(Board.Red, consecutiveRed: true), document.Text, StringComparison.Ordinal);
        Assert.Contains("评估等次为C。" + ResultsApplication.ForGrade(["A", "B", "C"], "C"), document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EvaluationReportWithFewDimensionsAndNoRank_NoChartAndSaysSo()
    {
        var model = ReportSamples.Evaluation(EvaluationStage.ReviewInProgress) with { Standing = null, Review = new Dictionary<string, ReportReviewNote>() };
        var framework = TestTemplates.Framework();
        var input = new UnitInput(new Dictionary<string, Answer> { ["1.1"] = new("1.1") { Option = "好" } });
        model = model with
        {
            Framework = framework,
            Self = UnitScorer.Score(framework, input),
            Official = UnitScorer.Score(framework, input),
        };

        using var document = new GeneratedReport(GeneratedReport.Evaluation(model));

        Assert.Empty(document.Main.ChartParts);
        Assert.Contains("该单位尚未参加排名，暂不确定评估等次。", document.Text, StringComparison.Ordinal);
        Assert.Contains("实地评估未发现需要整改的问题。", document.Text, StringComparison.Ordinal);
        Assert.Contains("（实地评估进行中，本报告结果为暂定结果）", document.Text, StringComparison.Ordinal);
        Assert.Equal(5, document.Body.Descendants<W.SdtBlock>().Count());
    }

    [Fact]
    public void Write_SummaryReport_AveragesDistributionRankingBoardsProblemsAndRecommendations()
    {
        var model = ReportSamples.Summary();
        using var document = new GeneratedReport(GeneratedReport.Summary(model));
        var text = document.Text;
        var statistics = model.Statistics;

        Assert.Contains("共有7个部门（单位）参加评估，其中，党委部门1个、政府部门3个、群团机关1个、事业单位1个、乡镇（街道）1个。", text, StringComparison.Ordinal);
        Assert.Contains("单位自评（2026年10月31日前完成）", text, StringComparison.Ordinal);
        Assert.Contains($"6个部门（单位）核定平均得分为{N(statistics.AverageTotal)}分（满分100分），平均得分率为{N(statistics.AverageScoreRate)}%，其中，"
            + string.Join("；", statistics.Dimensions.Select(d => $"{d.Name}平均得分率为{N(d.AverageScoreRate)}%")) + "。", text, StringComparison.Ordinal);

        var tables = document.Body.Descendants<W.Table>().Select(Rows).ToList();
        Assert.Equal(statistics.Dimensions.Select(d => new[] { d.Name, "6", N(d.AverageScore), N(d.AverageScoreRate) + "%" }), tables[0].Skip(1).SkipLast(1));
        Assert.Equal(statistics.Distribution.Select(b => b.Count.ToString(CultureInfo.InvariantCulture)), tables[1].Skip(1).Select(r => r[1]));

        // Ranking: by rank, then the unit not started.
        var ranking = tables[2].Skip(1).ToList();
        var ranked = model.Units.Where(u => u.Standing is not null).OrderBy(u => u.Standing!.Rank).ToList();
        Assert.Equal(ranked.Select(u => u.Unit.Name).Append("市财政局"), ranking.Select(r => r[1]));
        Assert.Equal(ranked.Select(u => u.Standing!.Rank.ToString(CultureInfo.InvariantCulture)).Append("—"), ranking.Select(r => r[0]));
        Assert.Equal(ranked.Select(u => u.Standing!.Grade!).Append("—"), ranking.Select(r => r[6]));
        var boardCells = document.Body.Descendants<W.Table>().ElementAt(2).Elements<W.TableRow>().Skip(1).Take(ranked.Count)
            .Select(r => r.Elements<W.TableCell>().Last().TableCellProperties!.Shading!.Fill!.Value).ToList();
        Assert.Equal(ranked.Select(u => u.Standing!.Board switch { Board.Green => "E2EFDA", Board.Red => "F8D7DA", _ => "FFF2CC" }), boardCells);

        Assert.Contains("非经济类部门（单位）共4个。绿榜：市委组织部；红榜：市政务服务中心；其余2个列入黄榜。", text, StringComparison.Ordinal);
        Assert.Contains("\n经济类部门（单位）共2个。绿榜：市发展和改革委员会；红榜：城关街道。", text, StringComparison.Ordinal);
        Assert.Contains("连续两次列入红榜的有1个：城关街道。", text, StringComparison.Ordinal);
        Assert.Contains("（一）编制使用方面（2个部门〔单位〕，2个问题）", text, StringComparison.Ordinal);
        Assert.Contains("（三）机构配置效益方面（1个部门〔单位〕，1个问题）", text, StringComparison.Ordinal);
        Assert.Contains("主要集中在重点工作任务完成情况（1.1.1，2个部门〔单位〕）等指标。", text, StringComparison.Ordinal);
        Assert.Contains("暂停受理其新增机构编制事项；人员补充实行“退二进一”", text, StringComparison.Ordinal);
        Assert.Contains("从严审核", text, StringComparison.Ordinal);
        Assert.Contains("予以优先考虑", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SummaryWithNoUnits_StillAValidReport()
    {
        using var document = new GeneratedReport(GeneratedReport.Summary(Reports.EmptySummary()));

        Assert.Contains("目前尚无部门（单位）取得评估得分。", document.Text, StringComparison.Ordinal);
        Assert.Contains("目前尚无部门（单位）参加排名。", document.Text, StringComparison.Ordinal);
        Assert.Contains("实地评估未记录需要整改的问题。", document.Text, StringComparison.Ordinal);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(document.Document));
    }

    [Fact]
    public void Write_TextWithControlCharactersAndLoneSurrogates_LeftOutAndTheDocumentStaysValid()
    {
        var model = ReportSamples.SelfAssessment();
        var answers = new Dictionary<string, ReportAnswer>(model.Answers)
        {
            ["1.1.1"] = new(new Answer("1.1.1") { Option = "好", SelfScore = 10m, Explanation = "第一行\u0001\u0008\r\n第二行\tA\ud800B\uffff 😀" }),
        };
        var unit = model.Unit with { Name = "市发展\u0007和改革委员会" };

        using var document = new GeneratedReport(GeneratedReport.SelfAssessment(model with { Answers = answers, Unit = unit }));

        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(document.Document));
        var block = Block(document, "1.1.1");
        Assert.Contains("情况说明：第一行", block);
        Assert.Contains("第二行 AB 😀", block);
        Assert.StartsWith("市发展和改革委员会", document.Body.Elements<W.Paragraph>().First().InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SameModelTwice_SameBytesInEveryPart()
    {
        foreach (var report in Reports.Names)
        {
            Assert.Equal(PackageParts.Read(Reports.Generate(report)), PackageParts.Read(Reports.Generate(report)));
        }
    }

    /// <summary>The paragraphs inside the content control of leaf <paramref name="code"/>.</summary>
    private static List<string> Block(GeneratedReport document, string code) =>
        [.. document.Body.Descendants<W.SdtBlock>()
            .Single(s => s.SdtProperties!.GetFirstChild<W.Tag>()!.Val!.Value == "officeeval:indicator:" + code)
            .Descendants<W.Paragraph>().Select(p => p.InnerText)];

    private static string Subtitle(GeneratedReport document) =>
        document.Body.Elements<W.Paragraph>().First(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Subtitle").InnerText;

    private static List<string[]> Rows(W.Table table) =>
        [.. table.Elements<W.TableRow>().Select(r => r.Elements<W.TableCell>().Select(c => string.Join("\n", c.Elements<W.Paragraph>().Select(p => p.InnerText))).ToArray())];

    private static IEnumerable<decimal> Values(C.RadarChartSeries series) =>
        series.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>().Select(p => decimal.Parse(p.NumericValue!.Text, CultureInfo.InvariantCulture));

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => value switch
    {
        > 0 => "+" + N(value),
        < 0 => "−" + N(-value),
        _ => "0",
    };
}
