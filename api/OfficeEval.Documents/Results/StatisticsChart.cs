using System.Globalization;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// The chart of 统计分析: a native clustered column chart (a chart part, not a picture) of each dimension's average
/// score rate, read from the sheet's dimension table and cached, so a viewer that does not recalculate shows it too.
/// Placed by a drawing to the right of the tables.
/// </summary>
internal static class StatisticsChart
{
    public const string Title = "各一级指标平均得分率";

    public static C.ChartSpace Chart(ConsolidatedWorkbookInfo info)
    {
        var (categories, values, seriesName, names, rates) = StatisticsSheet.ChartData(info);

        var categoryCache = new C.StringCache(new C.PointCount { Val = (uint)names.Count });
        for (var i = 0; i < names.Count; i++)
        {
            categoryCache.Append(new C.StringPoint(new C.NumericValue(CellWriter.XmlText(names[i]))) { Index = (uint)i });
        }

        var valueCache = new C.NumberingCache(new C.FormatCode("0.00%"), new C.PointCount { Val = (uint)rates.Count });
        for (var i = 0; i < rates.Count; i++)
        {
            if (rates[i] is { } rate)
            {
                valueCache.Append(new C.NumericPoint(new C.NumericValue(rate.ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
            }
        }

        var series = new C.BarChartSeries(
            new C.Index { Val = 0U },
            new C.Order { Val = 0U },
            new C.SeriesText(new C.StringReference(new C.Formula(seriesName), new C.StringCache(new C.PointCount { Val = 1U }, new C.StringPoint(new C.NumericValue("平均得分率")) { Index = 0U }))),
            new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = "4472C4" })),
            new C.InvertIfNegative { Val = false },
            new C.DataLabels(
                new C.NumberingFormat { FormatCode = "0.0%", SourceLinked = false },
                new C.ShowLegendKey { Val = false },
                new C.ShowValue { Val = true },
                new C.ShowCategoryName { Val = false },
                new C.ShowSeriesName { Val = false },
                new C.ShowPercent { Val = false },
                new C.ShowBubbleSize { Val = false }),
            new C.CategoryAxisData(new C.StringReference(new C.Formula(categories), categoryCache)),
            new C.Values(new C.NumberReference(new C.Formula(values), valueCache)));

        var bar = new C.BarChart(
            new C.BarDirection { Val = C.BarDirectionValues.Column },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false },
            series,
            new C.GapWidth { Val = 80 },
            new C.AxisId { Val = 1U },
            new C.AxisId { Val = 2U });

        var categoryAxis = new C.CategoryAxis(
            new C.AxisId { Val = 1U },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
            new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
            new C.MajorTickMark { Val = C.TickMarkValues.None },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = 2U },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = 100 },
            new C.NoMultiLevelLabels { Val = false });

        var valueAxis = new C.ValueAxis(
            new C.AxisId { Val = 2U },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }, new C.MaxAxisValue { Val = 1D }, new C.MinAxisValue { Val = 0D }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Left },
            new C.MajorGridlines(),
            new C.NumberingFormat { FormatCode = "0%", SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = 1U },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between },
            new C.MajorUnit { Val = 0.2D });

        var chart = new C.Chart(
            new C.Title(
                new C.ChartText(new C.RichText(
                    new A.BodyProperties(),
                    new A.ListStyle(),
                    new A.Paragraph(
                        new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 1400, Bold = true }),
                        new A.Run(new A.RunProperties { Language = "zh-CN", FontSize = 1400, Bold = true }, new A.Text(Title))))),
                new C.Overlay { Val = false }),
            new C.AutoTitleDeleted { Val = false },
            new C.PlotArea(new C.Layout(), bar, categoryAxis, valueAxis),
            new C.PlotVisibleOnly { Val = true },
            new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap });

        var space = new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false },
            chart);
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", StreamingPackage.RelationshipNamespace);
        return space;
    }

    /// <summary>The drawing that places the chart <paramref name="chartId"/> over columns G–P, rows 3–24.</summary>
    public static Xdr.WorksheetDrawing Drawing(string chartId)
    {
        var drawing = new Xdr.WorksheetDrawing(
            new Xdr.TwoCellAnchor(
                new Xdr.FromMarker(new Xdr.ColumnId("6"), new Xdr.ColumnOffset("0"), new Xdr.RowId("2"), new Xdr.RowOffset("0")),
                new Xdr.ToMarker(new Xdr.ColumnId("16"), new Xdr.ColumnOffset("0"), new Xdr.RowId("24"), new Xdr.RowOffset("0")),
                new Xdr.GraphicFrame(
                    new Xdr.NonVisualGraphicFrameProperties(
                        new Xdr.NonVisualDrawingProperties { Id = 2U, Name = "图表 1", Description = Title },
                        new Xdr.NonVisualGraphicFrameDrawingProperties()),
                    new Xdr.Transform(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = 0L, Cy = 0L }),
                    new A.Graphic(new A.GraphicData(new C.ChartReference { Id = chartId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
                { Macro = "" },
                new Xdr.ClientData())
            { EditAs = Xdr.EditAsValues.OneCell });
        drawing.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        drawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        drawing.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        drawing.AddNamespaceDeclaration("r", StreamingPackage.RelationshipNamespace);
        return drawing;
    }
}
