using DocumentFormat.OpenXml;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// A workbook written part by part into a <see cref="StreamingPackage"/>: sheets one after the other, each through an
/// <see cref="OpenXmlWriter"/> (rows as they come), then the stylesheet, the workbook part and the core properties.
/// Sheet <c>n</c> (from 1) is <c>xl/worksheets/sheet{n}.xml</c>, related from the workbook as <c>rIdSheet{n}</c>.
/// </summary>
internal sealed class StreamedWorkbook : IDisposable
{
    public const string RelationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string WorkbookPath = "xl/workbook.xml";
    private const string WorksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    private readonly List<string> _sheets = [];
    private Stream? _sheetStream;
    private OpenXmlWriter? _sheetWriter;

    public StreamedWorkbook(Stream output, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(output);
        Package = new StreamingPackage(output, timestamp);
    }

    public StreamingPackage Package { get; }

    /// <summary>Starts the next sheet and returns the writer of its part; the sheet ends with the next call or <see cref="Finish"/>.</summary>
    public OpenXmlWriter StartSheet(string name)
    {
        EndSheet();
        _sheets.Add(name);
        _sheetStream = Package.CreatePart(SheetPath(_sheets.Count), WorksheetType);
        _sheetWriter = OpenXmlWriter.Create(_sheetStream);
        _sheetWriter.WriteStartDocument(true);
        return _sheetWriter;
    }

    /// <summary>The part path of sheet <paramref name="number"/> (from 1).</summary>
    public static string SheetPath(int number) => "xl/worksheets/sheet" + number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".xml";

    /// <summary>The position (from 0) of the sheet named <paramref name="name"/>, for defined names.</summary>
    public uint IndexOf(string name) => (uint)_sheets.IndexOf(name);

    /// <summary>Ends the last sheet and writes the stylesheet, the workbook (sheets, defined names) and the core properties.</summary>
    public void Finish(S.Stylesheet stylesheet, string title, DateTimeOffset created, params S.DefinedName[] definedNames)
    {
        EndSheet();
        Package.WritePart("xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml", stylesheet);
        var workbook = new S.Workbook(
            new S.BookViews(new S.WorkbookView { ActiveTab = 0U }),
            new S.Sheets(_sheets.Select((name, i) => new S.Sheet { Name = name, SheetId = (uint)(i + 1), Id = "rIdSheet" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        if (definedNames.Length > 0)
        {
            workbook.Append(new S.DefinedNames(definedNames));
        }

        workbook.AddNamespaceDeclaration("r", StreamingPackage.RelationshipNamespace);
        Package.WritePart(WorkbookPath, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", workbook);
        for (var i = 1; i <= _sheets.Count; i++)
        {
            Package.Relate(WorkbookPath, "rIdSheet" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), RelationshipType + "worksheet", SheetPath(i)["xl/".Length..]);
        }

        Package.Relate(WorkbookPath, "rIdStyles", RelationshipType + "styles", "styles.xml");
        Package.Relate("", "rId1", RelationshipType + "officeDocument", WorkbookPath);
        Package.WriteCoreProperties(title, created);
    }

    public void Dispose()
    {
        EndSheet();
        Package.Dispose();
    }

    /// <summary>Ends the sheet being written, so that other parts (its drawing, images) can be.</summary>
    public void EndSheet()
    {
        _sheetWriter?.Dispose();
        _sheetStream?.Dispose();
        _sheetWriter = null;
        _sheetStream = null;
    }
}
