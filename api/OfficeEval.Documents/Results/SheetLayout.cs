using System.Globalization;
using DocumentFormat.OpenXml;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// The worksheet elements the streamed sheets share, in the order a worksheet takes them: tab and fit-to-page
/// properties, a view with frozen headings, column widths, and A4 print setup with page numbers in the footer.
/// </summary>
internal static class SheetLayout
{
    /// <summary>The sheet's tab colour (ARGB hex, none when null) and printing fitted to the page width.</summary>
    public static S.SheetProperties Properties(string? tabColour)
    {
        var properties = new S.SheetProperties();
        if (tabColour is not null)
        {
            properties.Append(new S.TabColor { Rgb = tabColour });
        }

        properties.Append(new S.PageSetupProperties { FitToPage = true });
        return properties;
    }

    /// <summary>
    /// The selected sheet's view with the first <paramref name="rows"/> rows frozen, and the first
    /// <paramref name="columns"/> columns too when more than none; the cursor starts in the first unfrozen cell.
    /// </summary>
    public static S.SheetViews Frozen(int columns, int rows)
    {
        var topLeft = CellWriter.Column(columns) + (rows + 1).ToString(CultureInfo.InvariantCulture);
        var selected = new ListValue<StringValue> { InnerText = topLeft };
        var view = new S.SheetView { WorkbookViewId = 0U, TabSelected = true };
        if (columns == 0)
        {
            view.Append(
                new S.Pane { VerticalSplit = rows, TopLeftCell = topLeft, ActivePane = S.PaneValues.BottomLeft, State = S.PaneStateValues.Frozen },
                new S.Selection { Pane = S.PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = selected });
        }
        else
        {
            view.Append(
                new S.Pane { HorizontalSplit = columns, VerticalSplit = rows, TopLeftCell = topLeft, ActivePane = S.PaneValues.BottomRight, State = S.PaneStateValues.Frozen },
                new S.Selection { Pane = S.PaneValues.TopRight },
                new S.Selection { Pane = S.PaneValues.BottomLeft },
                new S.Selection { Pane = S.PaneValues.BottomRight, ActiveCell = topLeft, SequenceOfReferences = selected });
        }

        return new S.SheetViews(view);
    }

    /// <summary>Column widths (in characters), from column A.</summary>
    public static S.Columns Columns(IEnumerable<double> widths) =>
        new(widths.Select((width, i) => new S.Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true }));

    /// <summary>
    /// Narrow margins, A4 fitted to the page's width (as many pages down as it takes), optionally centred, and
    /// "第 N 页，共 M 页" in the footer; <paramref name="header"/> (when given) printed small at the top left.
    /// </summary>
    public static void Page(OpenXmlWriter writer, bool landscape, bool centred, string? header = null)
    {
        if (centred)
        {
            writer.WriteElement(new S.PrintOptions { HorizontalCentered = true });
        }

        writer.WriteElement(new S.PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new S.PageSetup { PaperSize = 9U, Orientation = landscape ? S.OrientationValues.Landscape : S.OrientationValues.Portrait, FitToWidth = 1U, FitToHeight = 0U });
        var footer = new S.OddFooter("&C第 &P 页，共 &N 页");
        writer.WriteElement(header is null ? new S.HeaderFooter(footer) : new S.HeaderFooter(new S.OddHeader("&L&9" + HeaderText(header)), footer));
    }

    /// <summary>"&amp;" starts a code in a header or footer, so a name's own is doubled.</summary>
    private static string HeaderText(string text) => CellWriter.XmlText(text).Replace("&", "&&", StringComparison.Ordinal);
}
