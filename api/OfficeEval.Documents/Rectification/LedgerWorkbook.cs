using OfficeEval.Documents.Results;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Rectification;

/// <summary>
/// The rectification ledger (整改台账) as an .xlsx workbook: 整改台账 with one row per item — 序号, unit, indicator,
/// category, problem, requirement, deadline, responsible person, source, status, days overdue, what the unit reported,
/// when and why it was closed — overdue rows coloured by a conditional format, a frozen header and a filter, printed
/// A4 landscape with the header on every page; and 汇总 with each unit's items per status, overdue and closing rate,
/// as formulas over the ledger with their values cached. Dates are spreadsheet dates shown as yyyy-mm-dd.
/// <para>
/// Written by streaming (<c>OpenXmlWriter</c> into a zip in create mode, text as inline strings), so a province's
/// thousands of items cost no more memory than a few. The output receives synchronous writes.
/// </para>
/// </summary>
public static class LedgerWorkbook
{
    public const string LedgerSheetName = LedgerSheet.Name;

    public const string SummarySheetName = LedgerSummarySheet.Name;

    /// <summary>Fixed, so one ledger always gives the same bytes; the day it was taken is in the sheet.</summary>
    private static readonly DateTimeOffset Timestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the workbook of <paramref name="document"/>, its rows in their order, to <paramref name="output"/>.</summary>
    public static void Write(LedgerDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using var workbook = new StreamedWorkbook(output, Timestamp);
        LedgerSheet.Write(workbook.StartSheet(LedgerSheet.Name), document);
        LedgerSummarySheet.Write(workbook.StartSheet(LedgerSummarySheet.Name), document);
        workbook.Finish(LedgerStyles.Stylesheet(), document.Title, Timestamp,
            new S.DefinedName(LedgerSheet.FilterDatabase(document)) { Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true },
            new S.DefinedName(LedgerSheet.PrintTitles) { Name = "_xlnm.Print_Titles", LocalSheetId = 0U },
            new S.DefinedName(LedgerSummarySheet.PrintTitles) { Name = "_xlnm.Print_Titles", LocalSheetId = 1U });
    }
}
