using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Core.Results;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// 统计分析: the campaign's figures from the engine's statistics (averages overall and per dimension, the score-rate
/// distribution), then grades and boards counted over the rows of 评估结果, and the chart of the dimensions' average
/// score rates beside them. Small and bounded: one row per dimension, band, grade and board.
/// </summary>
internal static class StatisticsSheet
{
    public const string Name = "统计分析";

    /// <summary>Where the dimension table's first row is; the chart reads names from column A and rates from column E.</summary>
    public const int FirstDimensionRow = 11;

    private const int Columns = 5;

    /// <summary>Writes the sheet; <paramref name="drawingId"/> is the relationship id of its drawing (the chart).</summary>
    public static void Write(OpenXmlWriter writer, ConsolidatedWorkbookInfo info, ResultsSheet results, string drawingId)
    {
        var c = new CellWriter(writer, Columns);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new S.Worksheet(), [], [new("r", StreamingPackage.RelationshipNamespace)]);
        writer.WriteElement(SheetLayout.Properties("FF70AD47"));
        writer.WriteElement(new S.SheetViews(new S.SheetView(new S.Selection { ActiveCell = "A1", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A1" } }) { WorkbookViewId = 0U }));
        writer.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15 });
        writer.WriteElement(SheetLayout.Columns([36, 10, 10, 12, 12]));
        writer.WriteStartElement(new S.SheetData());

        var statistics = info.Statistics;
        c.StartRow(1, 28);
        c.Text(0, info.CampaignName + " 统计分析", ConsolidatedStyles.Title);
        c.EndRow();
        c.StartRow(2);
        c.Text(0, ResultsSheet.InfoLine(info), ConsolidatedStyles.Info);
        c.EndRow();

        Heading(c, 3, "一、总体情况");
        Pair(c, 4, "汇总表所列单位（个）", results.Units, ConsolidatedStyles.Integer);
        Pair(c, 5, "其中已评分单位（个）", results.Scored, ConsolidatedStyles.Integer);
        Pair(c, 6, "全部已评分单位平均总分", statistics.AverageTotal, ConsolidatedStyles.Score);
        Pair(c, 7, "全部已评分单位平均得分率", ResultsSheet.Fraction(statistics.AverageScoreRate), ConsolidatedStyles.Rate);
        Pair(c, 8, "参与统计的已评分单位（个）", statistics.UnitCount, ConsolidatedStyles.Integer);

        Heading(c, 9, "二、各一级指标得分情况");
        Header(c, 10, "一级指标", "分值", "单位数", "平均得分", "平均得分率");
        var row = FirstDimensionRow;
        foreach (var dimension in info.Dimensions)
        {
            var figures = statistics.Dimensions.FirstOrDefault(d => d.Code == dimension.Code);
            c.StartRow(row++);
            c.Text(0, dimension.Name, ConsolidatedStyles.Text);
            c.Number(1, dimension.MaxPoints, ConsolidatedStyles.Score);
            c.Number(2, figures?.UnitCount, ConsolidatedStyles.Integer);
            c.Number(3, figures?.AverageScore, ConsolidatedStyles.Score);
            c.Number(4, ResultsSheet.Fraction(figures?.AverageScoreRate), ConsolidatedStyles.Rate);
            c.EndRow();
        }

        row++;
        Heading(c, row++, "三、得分率分布（全部已评分单位）");
        Header(c, row++, "得分率区间", "单位数", "占比");
        foreach (var band in statistics.Distribution)
        {
            Share(c, row++, band.Label, band.Count, statistics.UnitCount, ConsolidatedStyles.Text);
        }

        row++;
        Heading(c, row++, "四、等次分布（汇总表所列单位）");
        Header(c, row++, "等次", "单位数", "占比");
        foreach (var grade in OrderedGrades(info, results))
        {
            Share(c, row++, grade.Grade, grade.Count, results.Scored, ConsolidatedStyles.Centered);
        }

        row++;
        Heading(c, row++, "五、红黄绿榜（汇总表所列单位）");
        Header(c, row++, "榜单", "单位数", "占比");
        foreach (var board in new[] { Board.Green, Board.Yellow, Board.Red })
        {
            Share(c, row++, ResultsSheet.BoardName(board), results.Boards[(int)board], results.Scored, ConsolidatedStyles.Of(board));
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteElement(new S.MergeCells(new S.MergeCell { Reference = "A1:E1" }, new S.MergeCell { Reference = "A2:E2" }) { Count = 2U });
        writer.WriteElement(new S.PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new S.PageSetup { PaperSize = 9U, Orientation = S.OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U });
        writer.WriteElement(new S.HeaderFooter(new S.OddFooter("&C第 &P 页，共 &N 页")));
        writer.WriteElement(new S.Drawing { Id = drawingId });
        writer.WriteEndElement(); // worksheet
    }

    /// <summary>The campaign's grades in its own order, then any other grade met in the rows.</summary>
    private static IEnumerable<(string Grade, int Count)> OrderedGrades(ConsolidatedWorkbookInfo info, ResultsSheet results)
    {
        foreach (var grade in info.Grades)
        {
            yield return (grade, results.Grades.FirstOrDefault(g => g.Grade == grade).Count);
        }

        foreach (var grade in results.Grades.Where(g => !info.Grades.Contains(g.Grade)))
        {
            yield return grade;
        }
    }

    private static void Heading(CellWriter c, int row, string text)
    {
        c.StartRow(row, 20);
        c.Text(0, text, ConsolidatedStyles.Heading);
        c.EndRow();
    }

    private static void Header(CellWriter c, int row, params string[] texts)
    {
        c.StartRow(row);
        for (var i = 0; i < texts.Length; i++)
        {
            c.Text(i, texts[i], ConsolidatedStyles.Header);
        }

        c.EndRow();
    }

    private static void Pair(CellWriter c, int row, string label, decimal? value, uint style)
    {
        c.StartRow(row);
        c.Text(0, label, ConsolidatedStyles.Label);
        c.Number(1, value, style);
        c.EndRow();
    }

    /// <summary>A count and its share of <paramref name="of"/> (blank when there is nothing to share).</summary>
    private static void Share(CellWriter c, int row, string label, int count, int of, uint labelStyle)
    {
        c.StartRow(row);
        c.Text(0, label, labelStyle);
        c.Number(1, count, ConsolidatedStyles.Integer);
        c.Number(2, of == 0 ? null : Math.Round((decimal)count / of, 4, MidpointRounding.AwayFromZero), ConsolidatedStyles.Rate);
        c.EndRow();
    }

    /// <summary>The chart's data: the dimension names (A) and average score rates (E), with the values it caches.</summary>
    public static (string Categories, string Values, string SeriesName, IReadOnlyList<string> Names, IReadOnlyList<decimal?> Rates) ChartData(ConsolidatedWorkbookInfo info)
    {
        var last = FirstDimensionRow + Math.Max(info.Dimensions.Count, 1) - 1;
        var rates = info.Dimensions.Select(d => ResultsSheet.Fraction(info.Statistics.Dimensions.FirstOrDefault(s => s.Code == d.Code)?.AverageScoreRate)).ToList();
        return (
            string.Create(CultureInfo.InvariantCulture, $"'{Name}'!$A${FirstDimensionRow}:$A${last}"),
            string.Create(CultureInfo.InvariantCulture, $"'{Name}'!$E${FirstDimensionRow}:$E${last}"),
            string.Create(CultureInfo.InvariantCulture, $"'{Name}'!$E${FirstDimensionRow - 1}"),
            [.. info.Dimensions.Select(d => d.Name)],
            rates);
    }
}
