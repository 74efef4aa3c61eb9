using System.Globalization;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// The parts of a 公文 that a letter has and the reports do not (GB/T 9704-2012, 文件格式): the 版头 — 发文机关标志,
/// 发文字号 and the red rule —, the 主送机关 line, and the 版记 at the foot of the last page. Formatted directly on
/// their paragraphs, so the reports' styles stay as they are.
/// </summary>
internal static class LetterParts
{
    /// <summary>The red of the 版头: 发文机关标志 and the rule under the 发文字号.</summary>
    public const string Red = "FF0000";

    /// <summary>7.2.3: the 发文机关标志's top edge 35 mm below the top of the text block.</summary>
    public const int MastheadSpaceBefore = 1984;

    /// <summary>The largest 发文机关标志, 36 pt (小初), in half-points; a longer name is set smaller to fit one line.</summary>
    public const int MastheadMaxSize = 72;

    /// <summary>版记 rules (7.4.1): the first and last 0.35 mm (1 pt), the ones between 0.25 mm (¾ pt), in eighths of a point.</summary>
    public const uint ThickRule = 8;

    public const uint ThinRule = 6;

    /// <summary>
    /// 版头: the issuer centred in red 小标宋 35 mm below the text block's top (7.2.3), the document number centred two
    /// lines below it (7.2.4), a red rule the width of the text block under the number (7.2.6), then the two empty
    /// lines above the title (7.3.1). Nothing when there is neither issuer nor number.
    /// </summary>
    public static void Masthead(this ReportDocument document, string issuer, string? number)
    {
        var hasIssuer = !string.IsNullOrWhiteSpace(issuer);
        var hasNumber = !string.IsNullOrWhiteSpace(number);
        if (!hasIssuer && !hasNumber)
        {
            return;
        }

        if (hasIssuer)
        {
            var properties = Unindented(W.JustificationValues.Center);
            properties.SpacingBetweenLines = new W.SpacingBetweenLines { Before = Twips(MastheadSpaceBefore), Line = "240", LineRule = W.LineSpacingRuleValues.Auto };
            properties.SnapToGrid = new W.SnapToGrid { Val = false };
            if (!hasNumber)
            {
                properties.ParagraphBorders = new W.ParagraphBorders(Rule<W.BottomBorder>(12, Red, space: 8));
            }

            var run = ReportDocument.Run(issuer.Trim());
            run.PrependChild(new W.RunProperties(
                ReportFonts.Run(ReportFonts.Title),
                new W.Color { Val = Red },
                new W.Spacing { Val = 0 },
                new W.FontSize { Val = Twips(MastheadSize(issuer.Trim())) },
                new W.FontSizeComplexScript { Val = Twips(MastheadSize(issuer.Trim())) }));
            document.Add(new W.Paragraph(properties, run));
        }

        if (hasNumber)
        {
            if (hasIssuer)
            {
                document.Blank();
                document.Blank();
            }

            var properties = Unindented(W.JustificationValues.Center);
            // The rule about 4 mm under the number's characters: 8 pt below the exact line, whose text sits near its foot.
            properties.ParagraphBorders = new W.ParagraphBorders(Rule<W.BottomBorder>(12, Red, space: 8));
            document.Add(new W.Paragraph(properties, ReportDocument.Run(number!.Trim())));
        }

        document.Blank();
        document.Blank();
    }

    /// <summary>The size of the issuer's name in half-points: 36 pt, or what fits the text block's width on one line.</summary>
    public static int MastheadSize(string issuer)
    {
        var width = Math.Max(1m, ReportText.Width(issuer));
        return (int)Math.Min(MastheadMaxSize, Math.Floor(PageLayout.TextWidth / 10m / width));
    }

    /// <summary>主送机关 (7.3.3): flush left, lines flush left too, ending in a full-width colon.</summary>
    public static void Addressee(this ReportDocument document, string addressee)
    {
        var text = addressee.Trim().TrimEnd(':', '：') + "：";
        document.Add(new W.Paragraph(Unindented(W.JustificationValues.Both), ReportDocument.Run(text)));
    }

    /// <summary>
    /// 版记 (7.4) at the foot of the last page's text block, in 4号仿宋 between rules the width of the text block
    /// (thick, thin between, thick): 抄送 one character in from either side, later lines aligned after its colon, the
    /// last name ending in 。; then the 印发机关 one character in from the left and the 印发日期 with 印发 one
    /// character in from the right. A one-column table floating at the bottom of the margin holds it, so Word and WPS
    /// keep it at the foot however long the letter; LibreOffice (7.4) sets a floating table as wide as the text block
    /// in line, right after the 落款, rules and all.
    /// </summary>
    public static void Colophon(this ReportDocument document, IReadOnlyList<string> copyTo, string printer, DateOnly printedOn)
    {
        var character = PageLayout.PageNumberIndent; // one 4号 character, 14 pt
        var width = Twips(PageLayout.TextWidth);
        var table = new W.Table(
            new W.TableProperties(
                new W.TablePositionProperties
                {
                    LeftFromText = 0,
                    RightFromText = 0,
                    TopFromText = 0,
                    BottomFromText = 0,
                    VerticalAnchor = W.VerticalAnchorValues.Margin,
                    HorizontalAnchor = W.HorizontalAnchorValues.Margin,
                    TablePositionXAlignment = W.HorizontalAlignmentValues.Center,
                    TablePositionYAlignment = W.VerticalAlignmentValues.Bottom,
                },
                new W.TableWidth { Width = width, Type = W.TableWidthUnitValues.Dxa },
                new W.TableBorders(
                    Rule<W.TopBorder>(ThickRule, "000000", space: 0),
                    Rule<W.BottomBorder>(ThickRule, "000000", space: 0),
                    Rule<W.InsideHorizontalBorder>(ThinRule, "000000", space: 0)),
                new W.TableLayout { Type = W.TableLayoutValues.Fixed },
                new W.TableCellMarginDefault(
                    new W.TableCellLeftMargin { Width = 0, Type = W.TableWidthValues.Dxa },
                    new W.TableCellRightMargin { Width = 0, Type = W.TableWidthValues.Dxa })),
            new W.TableGrid(new W.GridColumn { Width = width }));

        var names = copyTo.Select(n => n.Trim().TrimEnd('，', ',', '。', '、')).Where(n => n.Length > 0).ToList();
        if (names.Count > 0)
        {
            const string label = "抄送：";
            var indentation = new W.Indentation
            {
                Left = Twips(character * (1 + label.Length)),
                Hanging = Twips(character * label.Length),
                Right = Twips(character),
                FirstLineChars = 0,
            };
            table.Append(ColophonRow(width, new W.Paragraph(new W.ParagraphProperties { Indentation = indentation }, Small(label + string.Join("，", names) + "。"))));
        }

        var printed = new W.Paragraph(
            new W.ParagraphProperties
            {
                Tabs = new W.Tabs(new W.TabStop { Val = W.TabStopValues.Right, Position = PageLayout.TextWidth - character }),
                Indentation = new W.Indentation { Left = Twips(character), Right = Twips(character), FirstLine = "0", FirstLineChars = 0 },
            },
            Small(printer.Trim()),
            new W.Run(new W.TabChar()),
            Small(ReportText.Date(printedOn) + "印发"));
        table.Append(ColophonRow(width, printed));
        document.Add(table);
        // Word requires a paragraph after a table; the floating table is anchored to it.
        document.Add(new W.Paragraph());
    }

    private static W.TableRow ColophonRow(string width, W.Paragraph paragraph) => new(
        new W.TableRowProperties(new W.CantSplit()),
        new W.TableCell(new W.TableCellProperties(new W.TableCellWidth { Width = width, Type = W.TableWidthUnitValues.Dxa }), paragraph));

    /// <summary>Paragraph properties with no first-line indent and the alignment given.</summary>
    private static W.ParagraphProperties Unindented(W.JustificationValues justification) => new()
    {
        Indentation = new W.Indentation { FirstLine = "0", FirstLineChars = 0 },
        Justification = new W.Justification { Val = justification },
    };

    /// <summary>A run in 4号 (14 pt).</summary>
    private static W.Run Small(string text)
    {
        var run = ReportDocument.Run(text);
        run.PrependChild(new W.RunProperties(
            new W.FontSize { Val = Twips(PageLayout.PageNumberSize) },
            new W.FontSizeComplexScript { Val = Twips(PageLayout.PageNumberSize) }));
        return run;
    }

    private static T Rule<T>(uint size, string colour, uint space) where T : W.BorderType, new() =>
        new() { Val = W.BorderValues.Single, Size = size, Space = space, Color = colour };

    private static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);
}
