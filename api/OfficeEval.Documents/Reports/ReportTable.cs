using System.Globalization;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Reports;

/// <summary>How a column's cells are aligned.</summary>
internal enum CellAlign
{
    Left,
    Center,
}

/// <summary>A column: its header, its share of the text block's width and its alignment.</summary>
internal sealed record ReportColumn(string Header, int Weight, CellAlign Align = CellAlign.Center);

/// <summary>A cell: text, and optionally a fill (hex RGB) and bold.</summary>
internal sealed record ReportCell(string Text, string? Fill = null, bool Bold = false)
{
    public static implicit operator ReportCell(string text) => new(text);
}

/// <summary>
/// A table across the text block: fixed column widths (shares of <see cref="PageLayout.TextWidth"/>), a header row in
/// 黑体 repeated on every page, body cells in 仿宋 小四, rows never split across pages.
/// </summary>
internal sealed class ReportTable(params ReportColumn[] columns)
{
    private readonly List<(ReportCell[] Cells, bool Bold)> _rows = [];

    public IReadOnlyList<ReportColumn> Columns { get; } = columns;

    public int RowCount => _rows.Count;

    public ReportTable Row(params ReportCell[] cells) => Add(cells, bold: false);

    /// <summary>A total row, in bold.</summary>
    public ReportTable TotalRow(params ReportCell[] cells) => Add(cells, bold: true);

    private ReportTable Add(ReportCell[] cells, bool bold)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"A row of this table has {Columns.Count} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add((cells, bold));
        return this;
    }

    internal W.Table Build()
    {
        var widths = Widths();
        var table = new W.Table(
            new W.TableProperties(
                new W.TableStyle { Val = ReportStyles.Grid },
                new W.TableWidth { Width = PageLayout.TextWidth.ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa },
                new W.TableJustification { Val = W.TableRowAlignmentValues.Center },
                new W.TableLayout { Type = W.TableLayoutValues.Fixed },
                new W.TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = true, NoVerticalBand = true }),
            new W.TableGrid(widths.Select(w => new W.GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));

        var header = new W.TableRow(new W.TableRowProperties(new W.CantSplit(), new W.TableHeader()));
        header.Append(Columns.Select((c, i) => Cell(new ReportCell(c.Header), widths[i], CellAlign.Center, ReportStyles.TableHeading, bold: false)));
        table.Append(header);
        foreach (var (cells, bold) in _rows)
        {
            var row = new W.TableRow(new W.TableRowProperties(new W.CantSplit()));
            row.Append(cells.Select((c, i) => Cell(c, widths[i], Columns[i].Align, ReportStyles.TableText, bold || c.Bold)));
            table.Append(row);
        }

        return table;
    }

    /// <summary>Column widths in twips from the weights, adding up to the text block's width exactly.</summary>
    private int[] Widths()
    {
        var total = Columns.Sum(c => c.Weight);
        var widths = Columns.Select(c => PageLayout.TextWidth * c.Weight / total).ToArray();
        widths[^1] += PageLayout.TextWidth - widths.Sum();
        return widths;
    }

    private static W.TableCell Cell(ReportCell cell, int width, CellAlign align, string style, bool bold)
    {
        var properties = new W.TableCellProperties(new W.TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = W.TableWidthUnitValues.Dxa });
        if (cell.Fill is { } fill)
        {
            properties.Append(new W.Shading { Val = W.ShadingPatternValues.Clear, Color = "auto", Fill = fill });
        }

        properties.Append(new W.TableCellVerticalAlignment { Val = W.TableVerticalAlignmentValues.Center });
        var result = new W.TableCell(properties);
        foreach (var line in ReportDocument.Clean(cell.Text).Split('\n'))
        {
            var paragraphProperties = new W.ParagraphProperties(new W.ParagraphStyleId { Val = style });
            if (align == CellAlign.Center && style != ReportStyles.TableHeading)
            {
                paragraphProperties.Append(new W.Justification { Val = W.JustificationValues.Center });
            }

            result.Append(new W.Paragraph(paragraphProperties, ReportDocument.Run(line, bold)));
        }

        return result;
    }
}
