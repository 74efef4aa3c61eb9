using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Documents.Reports;
using OfficeEval.Documents.Results;
using OfficeEval.Documents.SelfAssessment;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Rectification;

/// <summary>
/// 整改台账: the title, the day the ledger is taken, a header row, then one row per item. The header and the unit's
/// code and name are frozen, the header is printed on every page, a filter covers the header and the items, and a
/// conditional format colours the rows whose 逾期天数 is above zero (so it follows the figure if a user edits it).
/// </summary>
internal static class LedgerSheet
{
    public const string Name = "整改台账";
    public const int HeaderRow = 3;
    public const int FirstRow = HeaderRow + 1;

    /// <summary>The columns the summary sheet counts by.</summary>
    public const int UnitCodeColumn = 1;
    public const int StatusColumn = 10;
    public const int OverdueColumn = 11;

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    private static readonly (string Header, double Width)[] Columns =
    [
        ("序号", 6), ("单位编码", 11), ("单位名称", 18), ("指标", 18), ("问题类别", 9), ("问题描述", 36), ("整改要求", 30), ("整改时限", 11),
        ("责任人", 9), ("问题来源", 9), ("整改状态", 9), ("逾期天数", 8), ("整改情况", 30), ("销号时间", 11), ("销号意见", 22),
    ];

    public static int ColumnCount => Columns.Length;

    /// <summary>The row of the last item; the header row when there is none.</summary>
    public static int LastRow(LedgerDocument document) => HeaderRow + document.Rows.Count;

    public static void Write(OpenXmlWriter w, LedgerDocument document)
    {
        var cells = new CellWriter(w, Columns.Length);
        var last = cells.Letter(Columns.Length - 1);
        var lastRow = LastRow(document);
        Begin(cells, "FFC00000", SheetLayout.Frozen(3, HeaderRow), Columns.Select(c => c.Width), document.Title, InfoLine(document), [.. Columns.Select(c => c.Header)]);
        var row = HeaderRow;
        foreach (var item in document.Rows)
        {
            Item(cells, ++row, item);
        }

        w.WriteEndElement(); // sheetData
        w.WriteElement(new S.AutoFilter { Reference = string.Create(CultureInfo.InvariantCulture, $"A{HeaderRow}:{last}{lastRow}") });
        w.WriteElement(new S.MergeCells(new S.MergeCell { Reference = $"A1:{last}1" }, new S.MergeCell { Reference = $"A2:{last}2" }) { Count = 2U });
        if (document.Rows.Count > 0)
        {
            var overdue = cells.Letter(OverdueColumn);
            w.WriteElement(new S.ConditionalFormatting(
                new S.ConditionalFormattingRule(new S.Formula(string.Create(CultureInfo.InvariantCulture, $"${overdue}{FirstRow}>0")))
                {
                    Type = S.ConditionalFormatValues.Expression,
                    FormatId = LedgerStyles.OverdueFormat,
                    Priority = 1,
                })
            { SequenceOfReferences = new ListValue<StringValue> { InnerText = string.Create(CultureInfo.InvariantCulture, $"A{FirstRow}:{last}{lastRow}") } });
        }

        SheetLayout.Page(w, landscape: true, centred: true, header: document.Title);
        w.WriteEndElement(); // worksheet
    }

    /// <summary>
    /// Starts a sheet of the workbook: properties, view, column widths, then the title (row 1), the as-of line (row 2)
    /// and the header (row <see cref="HeaderRow"/>); the rows that follow go into the sheet data left open.
    /// </summary>
    internal static void Begin(CellWriter cells, string tabColour, S.SheetViews view, IEnumerable<double> widths, string title, string info, IReadOnlyList<string> headers)
    {
        var w = cells.Writer;
        w.WriteStartElement(new S.Worksheet());
        w.WriteElement(SheetLayout.Properties(tabColour));
        w.WriteElement(view);
        w.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15 });
        w.WriteElement(SheetLayout.Columns(widths));
        w.WriteStartElement(new S.SheetData());

        cells.StartRow(1, 30);
        cells.Text(0, title, LedgerStyles.Title);
        cells.EndRow();
        cells.StartRow(2, 18);
        cells.Text(0, info, LedgerStyles.Info);
        cells.EndRow();
        cells.StartRow(HeaderRow, 30);
        for (var i = 0; i < headers.Count; i++)
        {
            cells.Text(i, headers[i], LedgerStyles.Header);
        }

        cells.EndRow();
    }

    /// <summary>The filter's range for the workbook's hidden name: the header and every item.</summary>
    public static string FilterDatabase(LedgerDocument document) => string.Create(CultureInfo.InvariantCulture,
        $"'{Name}'!$A${HeaderRow}:${CellWriter.Column(Columns.Length - 1)}${LastRow(document)}");

    public static string PrintTitles => string.Create(CultureInfo.InvariantCulture, $"'{Name}'!${HeaderRow}:${HeaderRow}");

    /// <summary>截至 the day, and the items, closed and overdue counted.</summary>
    internal static string InfoLine(LedgerDocument document)
    {
        var closed = document.Rows.Count(r => r.Status == RectificationTexts.Closed);
        var overdue = document.Rows.Count(r => r.DaysOverdue > 0);
        return string.Create(CultureInfo.InvariantCulture, $"截至{ReportText.Date(document.AsOf)}　共 {document.Rows.Count} 项问题，已销号 {closed} 项，逾期 {overdue} 项");
    }

    private static void Item(CellWriter cells, int row, LedgerRow item)
    {
        var indicator = item.IndicatorCode is null ? item.IndicatorName : (item.IndicatorCode + " " + item.IndicatorName).TrimEnd();
        string?[] wrapped = [item.UnitName, indicator, item.Description, item.Requirement, item.Evidence, item.CloseNote];
        int[] wrappedColumns = [2, 3, 5, 6, 12, 14];
        var lines = wrapped.Select((text, i) => AssessmentSheet.Lines(text ?? "", Columns[wrappedColumns[i]].Width)).Max();
        cells.StartRow(row, Math.Min(409, (lines * 14.25) + 4));
        cells.Number(0, item.Number, LedgerStyles.Integer);
        cells.Text(1, item.UnitCode, LedgerStyles.Centered);
        cells.Text(2, item.UnitName, LedgerStyles.Text);
        cells.Text(3, indicator, LedgerStyles.Text);
        cells.Text(4, item.Category, LedgerStyles.Centered);
        cells.Text(5, item.Description, LedgerStyles.Text);
        cells.Text(6, item.Requirement, LedgerStyles.Text);
        cells.Date(7, item.Deadline, LedgerStyles.Date);
        cells.Text(8, item.ResponsiblePerson, LedgerStyles.Centered);
        cells.Text(9, item.Source, LedgerStyles.Centered);
        cells.Text(StatusColumn, item.Status, LedgerStyles.Centered);
        cells.Number(OverdueColumn, item.DaysOverdue, LedgerStyles.Integer);
        cells.Text(12, item.Evidence, LedgerStyles.Text);
        cells.Date(13, item.ClosedAt is { } closed ? DateOnly.FromDateTime(closed.ToOffset(ChinaStandardTime).DateTime) : null, LedgerStyles.Date);
        cells.Text(14, item.CloseNote, LedgerStyles.Text);
        cells.EndRow();
    }
}
