using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Documents.Results;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Rectification;

/// <summary>
/// 汇总: one row per unit in the order the ledger first lists it — 问题数, the items in each status, 逾期 and 销号率 —
/// and a 合计 row. Every figure is a formula over 整改台账 (so it follows edits there) with its value computed here as
/// the cached result: units matched by code exactly (EXACT, case and all), statuses by their text, overdue as
/// 逾期天数 above zero, 销号率 as 已销号 ÷ 问题数.
/// </summary>
internal static class LedgerSummarySheet
{
    public const string Name = "汇总";
    public const int FirstRow = LedgerSheet.HeaderRow + 1;

    private const int CountColumn = 3;

    /// <summary>已销号: the last of the status columns after 问题数.</summary>
    private const int ClosedColumn = CountColumn + 4;
    private const int OverdueColumn = ClosedColumn + 1;
    private const int RateColumn = OverdueColumn + 1;

    private static readonly string[] Headers = ["序号", "单位编码", "单位名称", "问题数", .. RectificationTexts.Statuses, "逾期", "销号率"];

    private static readonly double[] Widths = [6, 12, 28, 9, 9, 9, 9, 9, 9, 9];

    /// <summary>One unit's figures: items, per status (in the order of <see cref="RectificationTexts.Statuses"/>), overdue.</summary>
    internal sealed record UnitTotals(string Code, string Name, int Items, int[] ByStatus, int Overdue)
    {
        public int Closed => ByStatus[ClosedColumn - CountColumn - 1];
    }

    public static void Write(OpenXmlWriter w, LedgerDocument document)
    {
        var units = Totals(document.Rows);
        var cells = new CellWriter(w, Headers.Length);
        var last = cells.Letter(Headers.Length - 1);
        LedgerSheet.Begin(cells, "FF70AD47", new S.SheetViews(new S.SheetView { WorkbookViewId = 0U }), Widths, "整改情况汇总", LedgerSheet.InfoLine(document), Headers);
        var ledger = new LedgerRanges(LedgerSheet.LastRow(document));
        var row = LedgerSheet.HeaderRow;
        foreach (var unit in units)
        {
            cells.StartRow(++row);
            var r = row.ToString(CultureInfo.InvariantCulture);
            var match = $"EXACT({ledger.Column(LedgerSheet.UnitCodeColumn)},$B{r})";
            cells.Number(0, row - LedgerSheet.HeaderRow, LedgerStyles.Integer);
            cells.Text(1, unit.Code, LedgerStyles.Centered);
            cells.Text(2, unit.Name, LedgerStyles.Text);
            cells.Formula(CountColumn, $"SUMPRODUCT(--{match})", unit.Items, LedgerStyles.Integer);
            for (var s = 0; s < RectificationTexts.Statuses.Count; s++)
            {
                var status = RectificationTexts.Statuses[s];
                cells.Formula(CountColumn + 1 + s, $"SUMPRODUCT({match}*({ledger.Column(LedgerSheet.StatusColumn)}=\"{status}\"))", unit.ByStatus[s], LedgerStyles.Integer);
            }

            cells.Formula(OverdueColumn, $"SUMPRODUCT({match}*({ledger.Column(LedgerSheet.OverdueColumn)}>0))", unit.Overdue, LedgerStyles.Integer);
            Rate(cells, r, unit.Closed, unit.Items, LedgerStyles.Rate);
            cells.EndRow();
        }

        Total(cells, ++row, units);
        w.WriteEndElement(); // sheetData
        w.WriteElement(new S.MergeCells(
            new S.MergeCell { Reference = $"A1:{last}1" },
            new S.MergeCell { Reference = $"A2:{last}2" },
            new S.MergeCell { Reference = string.Create(CultureInfo.InvariantCulture, $"A{row}:C{row}") })
        { Count = 3U });
        SheetLayout.Page(w, landscape: false, centred: true, header: document.Title);
        w.WriteEndElement(); // worksheet
    }

    public static string PrintTitles => string.Create(CultureInfo.InvariantCulture, $"'{Name}'!${LedgerSheet.HeaderRow}:${LedgerSheet.HeaderRow}");

    /// <summary>The units in the order the ledger first lists them, with their figures.</summary>
    internal static List<UnitTotals> Totals(IReadOnlyList<LedgerRow> rows) =>
    [
        .. rows.GroupBy(r => CellWriter.XmlText(r.UnitCode), StringComparer.Ordinal).Select(g => new UnitTotals(
            g.Key,
            g.First().UnitName,
            g.Count(),
            [.. RectificationTexts.Statuses.Select(status => g.Count(r => r.Status == status))],
            g.Count(r => r.DaysOverdue > 0))),
    ];

    /// <summary>The 合计 row: column sums over the unit rows (plain zeros when there are none) and the overall rate.</summary>
    private static void Total(CellWriter cells, int row, List<UnitTotals> units)
    {
        cells.StartRow(row);
        cells.Text(0, "合计", LedgerStyles.TotalLabel);
        cells.Blank(1, LedgerStyles.TotalLabel);
        cells.Blank(2, LedgerStyles.TotalLabel);
        int[] totals =
        [
            units.Sum(u => u.Items),
            .. Enumerable.Range(0, RectificationTexts.Statuses.Count).Select(s => units.Sum(u => u.ByStatus[s])),
            units.Sum(u => u.Overdue),
        ];
        for (var i = 0; i < totals.Length; i++)
        {
            var column = cells.Letter(CountColumn + i);
            if (units.Count == 0)
            {
                cells.Number(CountColumn + i, totals[i], LedgerStyles.TotalInteger);
            }
            else
            {
                cells.Formula(CountColumn + i, string.Create(CultureInfo.InvariantCulture, $"SUM({column}{FirstRow}:{column}{row - 1})"), totals[i], LedgerStyles.TotalInteger);
            }
        }

        Rate(cells, row.ToString(CultureInfo.InvariantCulture), totals[ClosedColumn - CountColumn], totals[0], LedgerStyles.TotalRate);
        cells.EndRow();
    }

    /// <summary>销号率: closed ÷ items, empty text when there are no items.</summary>
    private static void Rate(CellWriter cells, string row, int closed, int items, uint style)
    {
        var (count, closedCount) = (CellWriter.Column(CountColumn) + row, CellWriter.Column(ClosedColumn) + row);
        var formula = $"IF({count}=0,\"\",{closedCount}/{count})";
        if (items == 0)
        {
            cells.Formula(RateColumn, formula, "", style);
        }
        else
        {
            cells.Formula(RateColumn, formula, (decimal)closed / items, style);
        }
    }

    /// <summary>Absolute references to a column of the ledger's items (the first item's row when there is none).</summary>
    private sealed class LedgerRanges(int lastRow)
    {
        private readonly int _last = Math.Max(lastRow, LedgerSheet.FirstRow);

        public string Column(int column)
        {
            var letter = CellWriter.Column(column);
            return string.Create(CultureInfo.InvariantCulture, $"'{LedgerSheet.Name}'!${letter}${LedgerSheet.FirstRow}:${letter}${_last}");
        }
    }
}
