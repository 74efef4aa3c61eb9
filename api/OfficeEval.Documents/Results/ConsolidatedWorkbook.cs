using DocumentFormat.OpenXml;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// The consolidated results workbook (评估结果汇总表, .xlsx): 评估结果 with one row per unit — each dimension's score
/// and rate, total, score rate, self total, deviation, rank, grade and a board cell filled green, yellow or red — with
/// a frozen two-level heading, a filter, number formats and A4 landscape print setup repeating the heading; and
/// 统计分析 with the campaign's statistics and a native column chart of the dimensions' average score rates.
/// <para>
/// Written by streaming: rows go through an <c>OpenXmlWriter</c> into a zip in create mode as they are enumerated,
/// text as inline strings, so memory stays the same for 3,000 units or 300,000. The rows are enumerated once and
/// never held. The output receives synchronous writes (a file or memory stream, not an HTTP response body).
/// </para>
/// </summary>
public static class ConsolidatedWorkbook
{
    public const string ResultsSheetName = ResultsSheet.Name;

    public const string StatisticsSheetName = StatisticsSheet.Name;

    /// <summary>Writes the workbook of <paramref name="rows"/>, in their order, to <paramref name="output"/>.</summary>
    public static void Write(ConsolidatedWorkbookInfo info, IEnumerable<ConsolidatedRow> rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        RowSink.Write(new Writer(info, output), rows);
    }

    /// <summary>Writes the workbook of <paramref name="rows"/> as they arrive (a database reader, a channel).</summary>
    public static Task WriteAsync(ConsolidatedWorkbookInfo info, IAsyncEnumerable<ConsolidatedRow> rows, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return RowSink.WriteAsync(new Writer(info, output), rows, cancellationToken);
    }

    /// <summary>The package and the results sheet open while rows are added; the rest is written by <see cref="Finish"/>.</summary>
    private sealed class Writer : IRowSink<ConsolidatedRow>
    {
        private const string MainType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
        private const string WorkbookPath = "xl/workbook.xml";
        private const string StatisticsPath = "xl/worksheets/sheet2.xml";
        private const string DrawingPath = "xl/drawings/drawing1.xml";

        private readonly ConsolidatedWorkbookInfo _info;
        private readonly StreamingPackage _package;
        private readonly Stream _sheetStream;
        private readonly OpenXmlWriter _sheetWriter;
        private readonly ResultsSheet _sheet;
        private bool _sheetOpen = true;

        public Writer(ConsolidatedWorkbookInfo info, Stream output)
        {
            ArgumentNullException.ThrowIfNull(info);
            ArgumentNullException.ThrowIfNull(output);
            _info = info;
            _package = new StreamingPackage(output, info.GeneratedAt);
            _sheetStream = _package.CreatePart("xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            _sheetWriter = OpenXmlWriter.Create(_sheetStream);
            _sheet = new ResultsSheet(_sheetWriter, info);
        }

        public void Add(ConsolidatedRow row) => _sheet.Add(row);

        public void Finish()
        {
            _sheet.Finish();
            CloseSheet();

            using (var stream = _package.CreatePart(StatisticsPath, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
            using (var writer = OpenXmlWriter.Create(stream))
            {
                StatisticsSheet.Write(writer, _info, _sheet, "rIdDrawing1");
            }

            _package.Relate(StatisticsPath, "rIdDrawing1", MainType + "drawing", "../drawings/drawing1.xml");
            _package.WritePart(DrawingPath, "application/vnd.openxmlformats-officedocument.drawing+xml", StatisticsChart.Drawing("rIdChart1"));
            _package.Relate(DrawingPath, "rIdChart1", MainType + "chart", "../charts/chart1.xml");
            _package.WritePart("xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", StatisticsChart.Chart(_info));
            _package.WritePart("xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml", ConsolidatedStyles.Stylesheet());
            _package.WritePart(WorkbookPath, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", Workbook());
            _package.Relate(WorkbookPath, "rIdSheet1", MainType + "worksheet", "worksheets/sheet1.xml");
            _package.Relate(WorkbookPath, "rIdSheet2", MainType + "worksheet", "worksheets/sheet2.xml");
            _package.Relate(WorkbookPath, "rIdStyles", MainType + "styles", "styles.xml");
            _package.Relate("", "rId1", MainType + "officeDocument", WorkbookPath);
            _package.WriteCoreProperties(ResultsSheet.Title(_info.CampaignName), _info.GeneratedAt);
        }

        public void Dispose()
        {
            CloseSheet();
            _package.Dispose();
        }

        private void CloseSheet()
        {
            if (_sheetOpen)
            {
                _sheetOpen = false;
                _sheetWriter.Dispose();
                _sheetStream.Dispose();
            }
        }

        private S.Workbook Workbook()
        {
            var workbook = new S.Workbook(
                new S.BookViews(new S.WorkbookView { ActiveTab = 0U }),
                new S.Sheets(
                    new S.Sheet { Name = ResultsSheet.Name, SheetId = 1U, Id = "rIdSheet1" },
                    new S.Sheet { Name = StatisticsSheet.Name, SheetId = 2U, Id = "rIdSheet2" }),
                new S.DefinedNames(
                    new S.DefinedName(_sheet.FilterDatabase) { Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true },
                    new S.DefinedName(_sheet.PrintTitles) { Name = "_xlnm.Print_Titles", LocalSheetId = 0U }),
                new S.CalculationProperties { CalculationId = 191029U });
            workbook.AddNamespaceDeclaration("r", StreamingPackage.RelationshipNamespace);
            return workbook;
        }
    }
}
