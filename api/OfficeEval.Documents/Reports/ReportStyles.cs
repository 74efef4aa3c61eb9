using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// The paragraph styles of a GB/T 9704 document. Body text and headings sit on the 22-line grid (exact line height
/// <see cref="PageLayout.LinePitch"/>) with a first-line indent of two characters; tables and the chart leave the grid.
/// Headings carry outline levels, so Word's navigation pane lists them.
/// </summary>
internal static class ReportStyles
{
    public const string Normal = "Normal";
    public const string Title = "Title";
    public const string Subtitle = "Subtitle";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string Heading4 = "Heading4";
    public const string TableText = "TableText";
    public const string TableHeading = "TableHeading";
    public const string Caption = "Caption";
    public const string Figure = "Figure";
    public const string Footer = "Footer";
    public const string Signature = "Signature";
    public const string Grid = "TableGrid";

    /// <summary>The style of heading level 1–4 (一、 （一） 1. （1）).</summary>
    public static string Heading(int level) => level switch
    {
        1 => Heading1,
        2 => Heading2,
        3 => Heading3,
        _ => Heading4,
    };

    public static void Write(StyleDefinitionsPart part)
    {
        part.Styles = new W.Styles(
            new W.DocDefaults(
                new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                    ReportFonts.Run(ReportFonts.Fangsong),
                    new W.Kern { Val = 2U },
                    new W.FontSize { Val = Half(PageLayout.BodySize) },
                    new W.FontSizeComplexScript { Val = Half(PageLayout.BodySize) },
                    new W.Languages { Val = "en-US", EastAsia = "zh-CN", Bidi = "ar-SA" })),
                new W.ParagraphPropertiesDefault(new W.ParagraphPropertiesBaseStyle(
                    new W.SpacingBetweenLines { Before = "0", After = "0", Line = Twips(PageLayout.LinePitch), LineRule = W.LineSpacingRuleValues.Exact }))),
            ParagraphStyle(Normal, "Normal", null, isDefault: true,
                new W.StyleParagraphProperties(
                    new W.WidowControl { Val = false },
                    // The grid is declared in the section; body text keeps the same pitch without snapping to it
                    // (see PageLayout.CharacterSpacing).
                    new W.SnapToGrid { Val = false },
                    new W.Indentation { FirstLineChars = 200, FirstLine = Twips(2 * PageLayout.Character) },
                    new W.Justification { Val = W.JustificationValues.Both }),
                // The size again on Normal: Word and LibreOffice size the character grid from Normal's East Asian font.
                Fonts(ReportFonts.Fangsong, PageLayout.BodySize, bold: false, PageLayout.CharacterSpacing)),
            ParagraphStyle(Title, "Title", Normal, isDefault: false,
                new W.StyleParagraphProperties(
                    new W.KeepNext(),
                    new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                    new W.Justification { Val = W.JustificationValues.Center }),
                Fonts(ReportFonts.Title, PageLayout.TitleSize, bold: false, spacing: 0)),
            ParagraphStyle(Subtitle, "Subtitle", Normal, isDefault: false,
                new W.StyleParagraphProperties(
                    new W.KeepNext(),
                    new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                    new W.Justification { Val = W.JustificationValues.Center }),
                Fonts(ReportFonts.Kaiti, PageLayout.BodySize, bold: false)),
            HeadingStyle(Heading1, "heading 1", 0, ReportFonts.Heiti, bold: false),
            HeadingStyle(Heading2, "heading 2", 1, ReportFonts.Kaiti, bold: false),
            HeadingStyle(Heading3, "heading 3", 2, ReportFonts.Fangsong, bold: true),
            HeadingStyle(Heading4, "heading 4", 3, ReportFonts.Fangsong, bold: false),
            ParagraphStyle(TableText, "Table Text", Normal, isDefault: false,
                new W.StyleParagraphProperties(
                    new W.SnapToGrid { Val = false },
                    new W.SpacingBetweenLines { Line = "240", LineRule = W.LineSpacingRuleValues.Auto },
                    new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                    new W.Justification { Val = W.JustificationValues.Left }),
                Fonts(ReportFonts.Fangsong, PageLayout.TableSize, bold: false, spacing: 0)),
            ParagraphStyle(TableHeading, "Table Heading", TableText, isDefault: false,
                new W.StyleParagraphProperties(new W.KeepNext(), new W.Justification { Val = W.JustificationValues.Center }),
                Fonts(ReportFonts.Heiti, PageLayout.TableSize, bold: false)),
            ParagraphStyle(Caption, "caption", Normal, isDefault: false,
                new W.StyleParagraphProperties(
                    new W.KeepNext(),
                    new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                    new W.Justification { Val = W.JustificationValues.Center }),
                Fonts(ReportFonts.Heiti, PageLayout.BodySize, bold: false)),
            ParagraphStyle(Figure, "Figure", Normal, isDefault: false,
                new W.StyleParagraphProperties(
                    new W.KeepNext(),
                    new W.SnapToGrid { Val = false },
                    new W.SpacingBetweenLines { Line = "240", LineRule = W.LineSpacingRuleValues.Auto },
                    new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                    new W.Justification { Val = W.JustificationValues.Center }),
                null),
            ParagraphStyle(Footer, "footer", Normal, isDefault: false,
                new W.StyleParagraphProperties(
                    new W.SnapToGrid { Val = false },
                    new W.SpacingBetweenLines { Line = Twips(PageLayout.FooterLine), LineRule = W.LineSpacingRuleValues.Exact },
                    new W.Indentation { FirstLineChars = 0, FirstLine = "0" }),
                new W.StyleRunProperties(
                    new W.RunFonts { Ascii = ReportFonts.Songti, HighAnsi = ReportFonts.Songti, EastAsia = ReportFonts.Songti, ComplexScript = ReportFonts.Songti },
                    new W.Spacing { Val = 0 },
                    new W.FontSize { Val = Half(PageLayout.PageNumberSize) },
                    new W.FontSizeComplexScript { Val = Half(PageLayout.PageNumberSize) })),
            ParagraphStyle(Signature, "Signature", Normal, isDefault: false,
                new W.StyleParagraphProperties(
                    new W.KeepNext(),
                    new W.KeepLines(),
                    new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                    new W.Justification { Val = W.JustificationValues.Right }),
                null),
            TableGridStyle());
    }

    private static W.Style HeadingStyle(string id, string name, int outlineLevel, string font, bool bold) =>
        ParagraphStyle(id, name, Normal, isDefault: false,
            new W.StyleParagraphProperties(
                new W.KeepNext(),
                new W.KeepLines(),
                new W.OutlineLevel { Val = outlineLevel }),
            Fonts(font, PageLayout.BodySize, bold));

    private static W.Style ParagraphStyle(string id, string name, string? basedOn, bool isDefault, W.StyleParagraphProperties paragraph, W.StyleRunProperties? run)
    {
        var style = new W.Style { Type = W.StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }

        style.Append(new W.StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new W.BasedOn { Val = basedOn });
        }

        style.Append(new W.PrimaryStyle(), paragraph);
        if (run is not null)
        {
            style.Append(run);
        }

        return style;
    }

    /// <summary>Fonts and size; <paramref name="spacing"/> (1/20 pt) is written when it differs from what the style inherits.</summary>
    private static W.StyleRunProperties Fonts(string eastAsia, int size, bool bold, int? spacing = null)
    {
        var run = new W.StyleRunProperties(ReportFonts.Run(eastAsia));
        if (bold)
        {
            run.Append(new W.Bold(), new W.BoldComplexScript());
        }

        if (spacing is { } value)
        {
            run.Append(new W.Spacing { Val = value });
        }

        run.Append(new W.FontSize { Val = Half(size) }, new W.FontSizeComplexScript { Val = Half(size) });
        return run;
    }

    /// <summary>Single 0.5 pt borders all round and inside; cells with a little air above and below.</summary>
    private static W.Style TableGridStyle()
    {
        static T Border<T>() where T : W.BorderType, new() => new() { Val = W.BorderValues.Single, Size = 4U, Space = 0U, Color = "000000" };
        return new W.Style(
            new W.StyleName { Val = "Table Grid" },
            new W.PrimaryStyle(),
            new W.StyleTableProperties(
                new W.TableBorders(Border<W.TopBorder>(), Border<W.LeftBorder>(), Border<W.BottomBorder>(), Border<W.RightBorder>(),
                    Border<W.InsideHorizontalBorder>(), Border<W.InsideVerticalBorder>()),
                new W.TableCellMarginDefault(
                    new W.TopMargin { Width = "28", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellLeftMargin { Width = 85, Type = W.TableWidthValues.Dxa },
                    new W.BottomMargin { Width = "28", Type = W.TableWidthUnitValues.Dxa },
                    new W.TableCellRightMargin { Width = 85, Type = W.TableWidthValues.Dxa })))
        { Type = W.StyleValues.Table, StyleId = Grid };
    }

    private static string Half(int halfPoints) => halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Twips(int twips) => twips.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
