using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// A GB/T 9704-2012 document being written: the page, styles, fonts, page numbers and settings are set up on creation;
/// the report writers add the title, headings, paragraphs, tables, charts and indicator content controls in order, and
/// disposing the document saves it. Relationship ids are fixed, so the same model always gives the same parts.
/// </summary>
internal sealed class ReportDocument : IDisposable
{
    /// <summary>The tag prefix of an indicator's content control; the Word pane finds indicators by it.</summary>
    public const string IndicatorTagPrefix = "officeeval:indicator:";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly WordprocessingDocument _package;
    private readonly MainDocumentPart _main;
    private readonly W.Body _body;
    private readonly Stack<OpenXmlCompositeElement> _containers = new();
    private readonly HashSet<int> _controlIds = [];
    private int _charts;
    private int _drawings;

    private ReportDocument(Stream output, string title, DateOnly date)
    {
        _package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        _main = _package.AddNewPart<MainDocumentPart>("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "rId1");
        WriteCoreProperties(_package.AddNewPart<CoreFilePropertiesPart>("application/vnd.openxmlformats-package.core-properties+xml", "rId2"), title, date);
        ReportStyles.Write(_main.AddNewPart<StyleDefinitionsPart>("rIdStyles"));
        ReportFonts.Write(_main.AddNewPart<FontTablePart>("rIdFonts"));
        WriteSettings(_main.AddNewPart<DocumentSettingsPart>("rIdSettings"));
        WriteFooter(_main.AddNewPart<FooterPart>(FooterOdd), odd: true);
        WriteFooter(_main.AddNewPart<FooterPart>(FooterEven), odd: false);
        _body = new W.Body();
        _main.Document = new W.Document(_body);
        _containers.Push(_body);
    }

    private const string FooterOdd = "rIdFooterOdd";
    private const string FooterEven = "rIdFooterEven";

    /// <summary>Starts a document written to <paramref name="output"/>; <paramref name="title"/> and <paramref name="date"/> go to its properties.</summary>
    public static ReportDocument Create(Stream output, string title, DateOnly date) => new(output, title, date);

    private OpenXmlCompositeElement Current => _containers.Peek();

    /// <summary>The title (2号小标宋, centred); a line break in <paramref name="text"/> starts a new line.</summary>
    public void Title(string text) => Add(StyledParagraph(ReportStyles.Title, Lines(text)));

    /// <summary>A line under the title (楷体, centred), e.g. which version the report shows.</summary>
    public void Subtitle(string text) => Add(StyledParagraph(ReportStyles.Subtitle, Lines(text)));

    /// <summary>An empty line of the grid.</summary>
    public void Blank() => Add(new W.Paragraph());

    /// <summary>A heading of level 1–4; <paramref name="text"/> carries its number (一、 （一） 1. （1）).</summary>
    public void Heading(int level, string text) => Add(StyledParagraph(ReportStyles.Heading(level), Lines(text)));

    /// <summary>Body text: one paragraph per line of <paramref name="text"/>.</summary>
    public void Paragraph(string text)
    {
        foreach (var line in Clean(text).Split('\n'))
        {
            Add(new W.Paragraph(Run(line)));
        }
    }

    /// <summary>
    /// A labelled paragraph: the label (e.g. 评估要点：) in bold, then <paramref name="text"/>; further lines of the text
    /// become paragraphs of their own.
    /// </summary>
    public void Labelled(string label, string text)
    {
        var lines = Clean(text).Split('\n');
        Add(new W.Paragraph(Run(label, bold: true), Run(lines[0])));
        foreach (var line in lines.Skip(1))
        {
            Add(new W.Paragraph(Run(line)));
        }
    }

    /// <summary>A centred caption above a table or figure (表1 …, 图1 …).</summary>
    public void Caption(string text) => Add(StyledParagraph(ReportStyles.Caption, Lines(text)));

    /// <summary>A table (仿宋 小四, the header row repeated on each page).</summary>
    public void Table(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Add(table.Build());
        // Word requires a paragraph between a table and what follows it (a second table, the end of a content control).
        Add(new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = ReportStyles.TableText })));
    }

    /// <summary>A radar chart as a native chart part, centred on its own line.</summary>
    public void RadarChart(RadarChartSpec chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        _charts++;
        _drawings++;
        var id = "rIdChart" + _charts.ToString(Inv);
        var part = _main.AddNewPart<ChartPart>(id);
        Reports.RadarChart.Write(part, chart);
        var drawing = Reports.RadarChart.Inline(id, (uint)_drawings, chart);
        Add(new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = ReportStyles.Figure }), new W.Run(drawing)));
    }

    /// <summary>
    /// Starts the block-level content control of an indicator: tag <c>officeeval:indicator:{code}</c>, title
    /// <c>{code} {name}</c>. What is added until the returned scope is disposed goes inside it.
    /// </summary>
    public IDisposable Indicator(string code, string name)
    {
        var tag = IndicatorTagPrefix + code;
        var content = new W.SdtContentBlock();
        var control = new W.SdtBlock(
            new W.SdtProperties(
                new W.SdtAlias { Val = Truncate(Clean(code + " " + name), 255) },
                new W.Tag { Val = Truncate(Clean(tag), 255) },
                new W.SdtId { Val = ControlId(tag) },
                new W.Lock { Val = W.LockingValues.SdtLocked }),
            content);
        Add(control);
        _containers.Push(content);
        return new Scope(this, content);
    }

    /// <summary>
    /// 落款: the issuer centred over the date, the date (成文日期) right-aligned four characters in from the margin,
    /// after an empty line.
    /// </summary>
    public void Signature(string issuer, DateOnly date)
    {
        var dateText = ReportText.Date(date);
        Blank();
        if (!string.IsNullOrWhiteSpace(issuer))
        {
            // Centred over the date: the date's right indent plus half the difference of their widths.
            var indent = (4 * PageLayout.Character) + (int)((ReportText.Width(dateText) - ReportText.Width(issuer)) * PageLayout.Character / 2);
            Add(Signed(issuer, Math.Max(0, indent)));
        }

        Add(Signed(dateText, 4 * PageLayout.Character));
    }

    public void Dispose()
    {
        var section = new W.SectionProperties(
            new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = FooterOdd },
            new W.FooterReference { Type = W.HeaderFooterValues.Even, Id = FooterEven },
            new W.PageSize { Width = PageLayout.PageWidth, Height = PageLayout.PageHeight },
            new W.PageMargin
            {
                Top = PageLayout.MarginTop,
                Bottom = PageLayout.MarginBottom,
                Left = PageLayout.MarginInside,
                Right = PageLayout.MarginOutside,
                Header = PageLayout.HeaderDistance,
                Footer = PageLayout.FooterDistance,
                Gutter = 0,
            },
            new W.PageNumberType { Format = W.NumberFormatValues.Decimal, Start = 1 },
            new W.Columns { Space = "425" },
            new W.DocGrid { Type = W.DocGridValues.LinesAndChars, LinePitch = PageLayout.LinePitch, CharacterSpace = PageLayout.CharSpace });
        _body.Append(section);
        _main.Document.Save();
        _package.Dispose();
    }

    /// <summary>Adds a block (a paragraph, a table) where the document is being written.</summary>
    public void Add(OpenXmlElement element) => Current.Append(element);

    private static W.Paragraph Signed(string text, int rightIndent) => new(
        new W.ParagraphProperties(
            new W.ParagraphStyleId { Val = ReportStyles.Signature },
            new W.Indentation { Right = rightIndent.ToString(Inv) }),
        Run(text));

    private static W.Paragraph StyledParagraph(string style, IEnumerable<OpenXmlElement> content)
    {
        var paragraph = new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        paragraph.Append(content);
        return paragraph;
    }

    /// <summary>The lines of <paramref name="text"/> as one run with line breaks.</summary>
    private static IEnumerable<OpenXmlElement> Lines(string text)
    {
        var run = new W.Run();
        var first = true;
        foreach (var line in Clean(text).Split('\n'))
        {
            if (!first)
            {
                run.Append(new W.Break());
            }

            run.Append(Text(line));
            first = false;
        }

        yield return run;
    }

    /// <summary>A run of <paramref name="text"/> (one line), optionally bold.</summary>
    internal static W.Run Run(string text, bool bold = false)
    {
        var run = new W.Run();
        if (bold)
        {
            run.Append(new W.RunProperties(new W.Bold(), new W.BoldComplexScript()));
        }

        run.Append(Text(text));
        return run;
    }

    /// <summary>A text element; <paramref name="text"/> is cleaned (<see cref="Clean"/>) here, whatever the caller did.</summary>
    internal static W.Text Text(string text)
    {
        text = Clean(text);
        var element = new W.Text(text);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            element.Space = SpaceProcessingModeValues.Preserve;
        }

        return element;
    }

    /// <summary>
    /// Text as XML can carry it: line endings as <c>\n</c>, tabs as a space, and characters XML 1.0 forbids (control
    /// characters, lone surrogates, U+FFFE/U+FFFF) left out. Units' own text reaches the reports unchanged otherwise.
    /// </summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[++i]);
                }
            }
            else if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (c == '\n' || (c >= 0x20 && !char.IsLowSurrogate(c) && c != '\uFFFE' && c != '\uFFFF'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    /// <summary>A content control id derived from its tag (FNV-1a), so ids are stable; a clash takes the next free one.</summary>
    private int ControlId(string tag)
    {
        var hash = 2166136261u;
        foreach (var c in tag)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var id = (int)(hash & 0x7FFFFFFF);
        while (!_controlIds.Add(id))
        {
            id = id == int.MaxValue ? 1 : id + 1;
        }

        return id;
    }

    private static void WriteSettings(DocumentSettingsPart part)
    {
        part.Settings = new W.Settings(
            new W.Zoom { Percent = "100" },
            new W.MirrorMargins(),
            new W.DefaultTabStop { Val = (short)(2 * PageLayout.Character) },
            new W.EvenAndOddHeaders(),
            new W.CharacterSpacingControl { Val = W.CharacterSpacingValues.CompressPunctuation },
            new W.Compatibility(new W.CompatibilitySetting
            {
                Name = W.CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }),
            new W.ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" },
            new W.DecimalSymbol { Val = "." },
            new W.ListSeparator { Val = "," });
    }

    /// <summary>
    /// "— N —" in 4号宋体: odd pages right-aligned and even pages left-aligned, each one character in from the text
    /// block's edge (GB/T 9704 7.5: 单页码居右空一字，双页码居左空一字).
    /// </summary>
    private static void WriteFooter(FooterPart part, bool odd)
    {
        var indentation = odd
            ? new W.Indentation { Right = PageLayout.PageNumberIndent.ToString(Inv) }
            : new W.Indentation { Left = PageLayout.PageNumberIndent.ToString(Inv) };
        part.Footer = new W.Footer(new W.Paragraph(
            new W.ParagraphProperties(
                new W.ParagraphStyleId { Val = ReportStyles.Footer },
                indentation,
                new W.Justification { Val = odd ? W.JustificationValues.Right : W.JustificationValues.Left }),
            new W.Run(Text("— ")),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin }),
            new W.Run(new W.FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
            new W.Run(new W.Text("1")),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End }),
            new W.Run(Text(" —"))));
    }

    /// <summary>Title and dates from the model (never the clock), so the same model gives the same package.</summary>
    private static void WriteCoreProperties(CoreFilePropertiesPart part, string title, DateOnly date)
    {
        XNamespace cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        XNamespace dc = "http://purl.org/dc/elements/1.1/";
        XNamespace dcterms = "http://purl.org/dc/terms/";
        XNamespace xsi = "http://www.w3.org/2001/XMLSchema-instance";
        var stamp = date.ToString("yyyy-MM-dd", Inv) + "T00:00:00Z";
        var xml = new XDocument(new XElement(cp + "coreProperties",
            new XAttribute(XNamespace.Xmlns + "cp", cp.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "dc", dc.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "dcterms", dcterms.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", xsi.NamespaceName),
            new XElement(dc + "title", Clean(title)),
            new XElement(dc + "creator", "OfficeEval"),
            new XElement(dc + "language", "zh-CN"),
            new XElement(dcterms + "created", new XAttribute(xsi + "type", "dcterms:W3CDTF"), stamp),
            new XElement(dcterms + "modified", new XAttribute(xsi + "type", "dcterms:W3CDTF"), stamp)));
        using var stream = part.GetStream(FileMode.Create);
        xml.Save(stream, SaveOptions.DisableFormatting);
    }

    private sealed class Scope(ReportDocument document, OpenXmlCompositeElement content) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (document._containers.Peek() != content)
            {
                throw new InvalidOperationException("Content controls must be closed in the order they were opened.");
            }

            // A content control ending in a table needs a paragraph after it; Table already adds one.
            if (!content.HasChildren)
            {
                content.Append(new W.Paragraph());
            }

            document._containers.Pop();
        }
    }
}
