using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// A workbook whose sheets are written with <see cref="SheetBuilder"/>: the package, its stylesheet, the shared
/// strings all sheets use, and the workbook part listing the sheets. Relationship ids are given, not random, so the
/// same input always gives the same package.
/// </summary>
internal sealed class WorkbookBuilder : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly List<(string Name, WorksheetPart Part)> _sheets = [];

    public WorkbookBuilder(Stream output, Action<WorkbookStylesPart> writeStyles)
    {
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        _workbookPart = _document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
        writeStyles(_workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles"));
    }

    public SharedStrings Strings { get; } = new();

    /// <summary>A builder for the next sheet's rows.</summary>
    public SheetBuilder Sheet() => new(Strings);

    /// <summary>Adds the sheet <paramref name="name"/> after the others; write its builder into the part returned.</summary>
    public WorksheetPart Add(string name)
    {
        var part = _workbookPart.AddNewPart<WorksheetPart>("rIdSheet" + (_sheets.Count + 1).ToString(CultureInfo.InvariantCulture));
        _sheets.Add((name, part));
        return part;
    }

    /// <summary>The position of sheet <paramref name="name"/> (from 0), as print titles and areas refer to it.</summary>
    public uint IndexOf(string name) => (uint)_sheets.FindIndex(s => s.Name == name);

    /// <summary>Writes the shared strings and the workbook part: the sheets in order, the one shown first, the defined names.</summary>
    public void Finish(uint activeTab, params S.DefinedName[] definedNames)
    {
        Strings.Write(_workbookPart.AddNewPart<SharedStringTablePart>("rIdStrings"));
        var workbook = new S.Workbook(
            new S.BookViews(new S.WorkbookView { ActiveTab = activeTab }),
            new S.Sheets(_sheets.Select((s, i) => new S.Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = _workbookPart.GetIdOfPart(s.Part) })));
        if (definedNames.Length > 0)
        {
            workbook.Append(new S.DefinedNames(definedNames));
        }

        _workbookPart.Workbook = workbook;
    }

    /// <summary>The print titles (rows repeated on every page, e.g. <c>$1:$1</c>) of sheet <paramref name="sheet"/>.</summary>
    public S.DefinedName PrintTitles(string sheet, string rows) => new($"'{sheet}'!{rows}") { Name = "_xlnm.Print_Titles", LocalSheetId = IndexOf(sheet) };

    /// <summary>The print area (e.g. <c>$A$1:$K$40</c>) of sheet <paramref name="sheet"/>.</summary>
    public S.DefinedName PrintArea(string sheet, string range) => new($"'{sheet}'!{range}") { Name = "_xlnm.Print_Area", LocalSheetId = IndexOf(sheet) };

    public void Dispose() => _document.Dispose();
}
