using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// A series of a radar chart: its name, one value per category (null: no point, a gap in the line), its line colour
/// (hex RGB) and marker.
/// </summary>
internal sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, string Colour, C.MarkerStyleValues Marker)
{
    /// <summary>A dashed line, e.g. for the previous campaign against this one.</summary>
    public bool Dashed { get; init; }
}

/// <summary>A radar chart: categories round the web, 0–<see cref="Maximum"/> on the axis.</summary>
/// <param name="Description">The chart's alternative text.</param>
/// <param name="Categories">The spokes, e.g. the dimensions' names.</param>
/// <param name="Series">One or more series.</param>
internal sealed record RadarChartSpec(string Description, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    public decimal Maximum { get; init; } = 100m;

    public decimal MajorUnit { get; init; } = 20m;

    /// <summary>Width in twips; the text block's by default.</summary>
    public int WidthTwips { get; init; } = PageLayout.TextWidth;

    /// <summary>Height in twips: 85 mm.</summary>
    public int HeightTwips { get; init; } = 4819;
}

/// <summary>
/// A native Word chart (<c>c:radarChart</c>) in its own chart part, with its data in an embedded workbook so Word's
/// "Edit Data" opens it; the series carry cached values, which is what Word, WPS and LibreOffice draw.
/// </summary>
internal static class RadarChart
{
    private const uint CategoryAxisId = 50010001;
    private const uint ValueAxisId = 50010002;
    private const string Sheet = "Sheet1";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(ChartPart part, RadarChartSpec chart)
    {
        var workbook = part.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx, "rIdData");
        using (var stream = new MemoryStream())
        {
            WriteWorkbook(stream, chart);
            stream.Position = 0;
            workbook.FeedData(stream);
        }

        var radar = new C.RadarChart(new C.RadarStyle { Val = C.RadarStyleValues.Marker }, new C.VaryColors { Val = false });
        for (var s = 0; s < chart.Series.Count; s++)
        {
            radar.Append(Series(chart, s));
        }

        radar.Append(new C.AxisId { Val = CategoryAxisId }, new C.AxisId { Val = ValueAxisId });
        part.ChartSpace = new C.ChartSpace(
            new C.Date1904 { Val = false },
            new C.EditingLanguage { Val = "zh-CN" },
            new C.RoundedCorners { Val = false },
            new C.Chart(
                new C.AutoTitleDeleted { Val = true },
                new C.PlotArea(new C.Layout(), radar, CategoryAxis(), ValueAxis(chart)),
                new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }),
                new C.PlotVisibleOnly { Val = true },
                new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }),
            new C.ChartShapeProperties(new A.NoFill(), new A.Outline(new A.NoFill())),
            TextProperties(1050),
            new C.ExternalData(new C.AutoUpdate { Val = false }) { Id = "rIdData" });
    }

    /// <summary>The run holding the chart inline, <paramref name="id"/> being the chart part's relationship id.</summary>
    public static W.Drawing Inline(string id, uint drawingId, RadarChartSpec chart) => new(
        new DW.Inline(
            new DW.Extent { Cx = chart.WidthTwips * PageLayout.EmuPerTwip, Cy = chart.HeightTwips * PageLayout.EmuPerTwip },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = drawingId, Name = "Chart " + drawingId.ToString(Inv), Description = ReportDocument.Clean(chart.Description) },
            new DW.NonVisualGraphicFrameDrawingProperties(),
            new A.Graphic(new A.GraphicData(new C.ChartReference { Id = id }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        });

    private static C.RadarChartSeries Series(RadarChartSpec chart, int index)
    {
        var series = chart.Series[index];
        var column = (char)('B' + index);
        var last = chart.Categories.Count + 1;
        var categories = new C.StringCache(new C.PointCount { Val = (uint)chart.Categories.Count });
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            categories.Append(new C.StringPoint(new C.NumericValue(ReportDocument.Clean(chart.Categories[i]))) { Index = (uint)i });
        }

        // A missing value has no point in the cache: the chart leaves a gap there (DisplayBlanksAs Gap).
        var values = new C.NumberingCache(new C.FormatCode("General"), new C.PointCount { Val = (uint)series.Values.Count });
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is { } value)
            {
                values.Append(new C.NumericPoint(new C.NumericValue(value.ToString(Inv))) { Index = (uint)i });
            }
        }

        return new C.RadarChartSeries(
            new C.Index { Val = (uint)index },
            new C.Order { Val = (uint)index },
            new C.SeriesText(new C.StringReference(
                new C.Formula($"{Sheet}!${column}$1"),
                new C.StringCache(new C.PointCount { Val = 1U }, new C.StringPoint(new C.NumericValue(ReportDocument.Clean(series.Name))) { Index = 0U }))),
            new C.ChartShapeProperties(Line(series.Colour, 22225, series.Dashed)),
            new C.Marker(
                new C.Symbol { Val = series.Marker },
                new C.Size { Val = 6 },
                new C.ChartShapeProperties(new A.SolidFill(Colour(series.Colour)), Line(series.Colour, 9525, dashed: false))),
            new C.CategoryAxisData(new C.StringReference(new C.Formula($"{Sheet}!$A$2:$A${last}"), categories)),
            new C.Values(new C.NumberReference(new C.Formula($"{Sheet}!${column}$2:${column}${last}"), values)));
    }

    private static C.CategoryAxis CategoryAxis() => new(
        new C.AxisId { Val = CategoryAxisId },
        new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
        new C.Delete { Val = false },
        new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
        new C.MajorGridlines(new C.ChartShapeProperties(Line("BFBFBF", 9525, dashed: false))),
        new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
        new C.MajorTickMark { Val = C.TickMarkValues.None },
        new C.MinorTickMark { Val = C.TickMarkValues.None },
        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
        new C.ChartShapeProperties(Line("BFBFBF", 9525, dashed: false)),
        TextProperties(1050),
        new C.CrossingAxis { Val = ValueAxisId },
        new C.Crosses { Val = C.CrossesValues.AutoZero },
        new C.AutoLabeled { Val = true },
        new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
        new C.LabelOffset { Val = 100 });

    private static C.ValueAxis ValueAxis(RadarChartSpec chart) => new(
        new C.AxisId { Val = ValueAxisId },
        new C.Scaling(
            new C.Orientation { Val = C.OrientationValues.MinMax },
            new C.MaxAxisValue { Val = (double)chart.Maximum },
            new C.MinAxisValue { Val = 0 }),
        new C.Delete { Val = false },
        new C.AxisPosition { Val = C.AxisPositionValues.Left },
        new C.MajorGridlines(new C.ChartShapeProperties(Line("D9D9D9", 9525, dashed: true))),
        new C.NumberingFormat { FormatCode = "0", SourceLinked = false },
        new C.MajorTickMark { Val = C.TickMarkValues.Cross },
        new C.MinorTickMark { Val = C.TickMarkValues.None },
        new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
        new C.ChartShapeProperties(Line("BFBFBF", 9525, dashed: false)),
        TextProperties(900),
        new C.CrossingAxis { Val = CategoryAxisId },
        new C.Crosses { Val = C.CrossesValues.AutoZero },
        new C.CrossBetween { Val = C.CrossBetweenValues.Between },
        new C.MajorUnit { Val = (double)chart.MajorUnit });

    private static A.Outline Line(string colour, int width, bool dashed)
    {
        var line = new A.Outline(new A.SolidFill(Colour(colour))) { Width = width };
        if (dashed)
        {
            line.Append(new A.PresetDash { Val = A.PresetLineDashValues.Dash });
        }

        return line;
    }

    private static A.RgbColorModelHex Colour(string hex) => new() { Val = hex };

    /// <summary>Chart text in 仿宋 (Latin in Times New Roman) at <paramref name="size"/> hundredths of a point.</summary>
    private static C.TextProperties TextProperties(int size) => new(
        new A.BodyProperties(),
        new A.ListStyle(),
        new A.Paragraph(
            new A.ParagraphProperties(new A.DefaultRunProperties(
                new A.SolidFill(Colour("262626")),
                new A.LatinFont { Typeface = ReportFonts.Latin },
                new A.EastAsianFont { Typeface = ReportFonts.Fangsong })
            { FontSize = size, Bold = false, Language = "zh-CN" }),
            new A.EndParagraphRunProperties { Language = "zh-CN" }));

    /// <summary>The chart's data as a one-sheet workbook: categories in A2…, each series' name in row 1 and values below.</summary>
    private static void WriteWorkbook(Stream stream, RadarChartSpec chart)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
        var sheet = workbook.AddNewPart<WorksheetPart>("rIdSheet1");
        var data = new S.SheetData();
        var header = new S.Row { RowIndex = 1U };
        header.Append(TextCell("A1", ""));
        for (var s = 0; s < chart.Series.Count; s++)
        {
            header.Append(TextCell($"{(char)('B' + s)}1", chart.Series[s].Name));
        }

        data.Append(header);
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var r = (uint)(i + 2);
            var row = new S.Row { RowIndex = r };
            row.Append(TextCell("A" + r.ToString(Inv), chart.Categories[i]));
            for (var s = 0; s < chart.Series.Count; s++)
            {
                if (i < chart.Series[s].Values.Count && chart.Series[s].Values[i] is { } value)
                {
                    row.Append(new S.Cell(new S.CellValue(value.ToString(Inv))) { CellReference = $"{(char)('B' + s)}{r}" });
                }
            }

            data.Append(row);
        }

        sheet.Worksheet = new S.Worksheet(data);
        workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Name = Sheet, SheetId = 1U, Id = "rIdSheet1" }));
    }

    private static S.Cell TextCell(string reference, string text) =>
        new(new S.InlineString(new S.Text(ReportDocument.Clean(text)))) { CellReference = reference, DataType = S.CellValues.InlineString };
}
