using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Documents.Tests.Support;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Tests.Reports;

/// <summary>
/// GB/T 9704-2012 as written into every report, read back from the XML: the page, the margins, the 22 × 28 grid, the
/// fonts and sizes, headings, page numbers — and the whole package valid by the Open XML schema.
/// </summary>
public sealed class ReportLayoutTests
{
    /// <summary>Millimetres to twips, rounded as the layout rounds them.</summary>
    internal static int Mm(double mm) => (int)Math.Round(mm * 1440 / 25.4, MidpointRounding.AwayFromZero);

    [Theory]
    [MemberData(nameof(Reports.All), MemberType = typeof(Reports))]
    public void Write_EveryReport_PassesOpenXmlValidation(string report)
    {
        using var document = Reports.Open(report);
        foreach (var version in new[] { FileFormatVersions.Office2016, FileFormatVersions.Microsoft365 })
        {
            OpenXmlValidation.AssertValid(document.Document, version, report);
        }
    }

    [Theory]
    [MemberData(nameof(Reports.All), MemberType = typeof(Reports))]
    public void Write_EveryReport_A4WithTheStandardsMargins(string report)
    {
        using var document = Reports.Open(report);
        var size = document.Section.GetFirstChild<W.PageSize>()!;
        var margin = document.Section.GetFirstChild<W.PageMargin>()!;

        Assert.Equal((Mm(210), Mm(297)), ((int)size.Width!.Value, (int)size.Height!.Value));
        Assert.Null(size.Orient);
        Assert.Equal((Mm(37), Mm(35), Mm(28), Mm(26)), (margin.Top!.Value, (int)margin.Bottom!.Value, (int)margin.Left!.Value, (int)margin.Right!.Value));
        // 版心 156 × 225 mm, to the twip the margins' rounding allows.
        Assert.InRange((int)(size.Width.Value - margin.Left.Value - margin.Right.Value) - Mm(156), -1, 1);
        Assert.InRange((int)(size.Height.Value - margin.Top.Value - margin.Bottom.Value) - Mm(225), -1, 1);
        // Two-sided: the 28 mm 订口 is inside on even pages too.
        Assert.NotNull(document.Main.DocumentSettingsPart!.Settings.GetFirstChild<W.MirrorMargins>());
    }

    [Fact]
    public void Write_Report_GridOf22LinesOf28Characters()
    {
        using var document = Reports.Open(Reports.Evaluation);
        var grid = document.Section.GetFirstChild<W.DocGrid>()!;
        var margin = document.Section.GetFirstChild<W.PageMargin>()!;
        var textHeight = Mm(297) - margin.Top!.Value - (int)margin.Bottom!.Value;
        var textWidthPt = (Mm(210) - (int)margin.Left!.Value - (int)margin.Right!.Value) / 20m;

        Assert.Equal(W.DocGridValues.LinesAndChars, grid.Type!.Value);
        var pitch = grid.LinePitch!.Value;
        Assert.Equal(579, pitch);
        Assert.Equal(22, textHeight / pitch);
        // Word's character pitch: the 16 pt body size plus charSpace/4096 pt; 28 fit, 29 do not.
        var characterPitch = 16m + (grid.CharacterSpace!.Value / 4096m);
        Assert.Equal(-842, grid.CharacterSpace.Value);
        Assert.True(28 * characterPitch <= textWidthPt && 29 * characterPitch > textWidthPt, $"pitch {characterPitch} pt on {textWidthPt} pt");

        // Body text keeps the same pitches by itself: exact 579-twip lines, 16 pt characters 0.4 pt closer.
        var normal = document.Style("Normal");
        var spacing = document.Main.StyleDefinitionsPart!.Styles!.DocDefaults!.ParagraphPropertiesDefault!.Descendants<W.SpacingBetweenLines>().Single();
        Assert.Equal(("579", W.LineSpacingRuleValues.Exact), (spacing.Line!.Value, spacing.LineRule!.Value));
        var characterSpacing = normal.StyleRunProperties!.GetFirstChild<W.Spacing>()!.Val!.Value / 20m;
        Assert.True(28 * (16m + characterSpacing) <= textWidthPt && 29 * (16m + characterSpacing) > textWidthPt, $"spacing {characterSpacing} pt");
        Assert.False(normal.StyleParagraphProperties!.GetFirstChild<W.SnapToGrid>()!.Val!.Value);
    }

    [Fact]
    public void Write_Report_BodyIs3haoFangsongTitle2haoXiaobiaosongCentred()
    {
        using var document = Reports.Open(Reports.Evaluation);
        var normal = document.Style("Normal");
        var title = document.Style("Title");

        Assert.Equal(("仿宋_GB2312", "32"), (Fonts(normal).EastAsia!.Value, Size(normal)));
        Assert.Equal("Times New Roman", Fonts(normal).Ascii!.Value);
        // 两字 first-line indent, justified.
        Assert.Equal((200, "640"), (normal.StyleParagraphProperties!.Indentation!.FirstLineChars!.Value, normal.StyleParagraphProperties.Indentation.FirstLine!.Value));
        Assert.Equal(W.JustificationValues.Both, normal.StyleParagraphProperties.Justification!.Val!.Value);
        Assert.Equal(("方正小标宋简体", "44"), (Fonts(title).EastAsia!.Value, Size(title)));
        Assert.Equal(W.JustificationValues.Center, title.StyleParagraphProperties!.Justification!.Val!.Value);
        var first = document.Body.Elements<W.Paragraph>().First();
        Assert.Equal("Title", first.ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.StartsWith(Support.ReportSamples.Unit.Name, first.InnerText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Heading1", "黑体", false, 0)]
    [InlineData("Heading2", "楷体_GB2312", false, 1)]
    [InlineData("Heading3", "仿宋_GB2312", true, 2)]
    [InlineData("Heading4", "仿宋_GB2312", false, 3)]
    public void Write_Report_HeadingLevelsInTheirFonts(string style, string font, bool bold, int outline)
    {
        using var document = Reports.Open(Reports.Evaluation);
        var heading = document.Style(style);

        Assert.Equal((font, "32", bold, outline), (Fonts(heading).EastAsia!.Value, Size(heading), heading.StyleRunProperties!.Bold is not null, heading.StyleParagraphProperties!.OutlineLevel!.Val!.Value));
    }

    [Theory]
    [InlineData("Heading1", "一、")]
    [InlineData("Heading2", "（一）")]
    [InlineData("Heading3", "1.")]
    [InlineData("Heading4", "（1）")]
    public void Write_EvaluationReport_HeadingsNumberedPerLevel(string style, string number)
    {
        using var document = Reports.Open(Reports.Evaluation);

        var headings = document.Body.Descendants<W.Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText).ToList();

        Assert.NotEmpty(headings);
        Assert.StartsWith(number, headings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Report_TablesIn12ptFangsongWithRepeatedHeader()
    {
        using var document = Reports.Open(Reports.Summary);
        var tableText = document.Style("TableText");

        Assert.Equal(("仿宋_GB2312", "24"), (Fonts(tableText).EastAsia!.Value, Size(tableText)));
        Assert.All(document.Body.Descendants<W.Table>(), table =>
        {
            var first = table.Elements<W.TableRow>().First();
            Assert.NotNull(first.TableRowProperties!.GetFirstChild<W.TableHeader>());
            Assert.Equal(Mm(210) - Mm(28) - Mm(26), table.Elements<W.TableGrid>().Single().Elements<W.GridColumn>().Sum(c => int.Parse(c.Width!.Value!, CultureInfo.InvariantCulture)));
            Assert.All(table.Descendants<W.Paragraph>(), p => Assert.StartsWith("Table", p.ParagraphProperties!.ParagraphStyleId!.Val!.Value, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Write_Report_PageNumbersDashedIn4haoSongtiOddRightEvenLeft()
    {
        using var document = Reports.Open(Reports.SelfAssessment);
        var references = document.Section.Elements<W.FooterReference>().ToDictionary(r => r.Type!.Value, r => r.Id!.Value!);
        var footer = document.Style("Footer");

        Assert.NotNull(document.Main.DocumentSettingsPart!.Settings.GetFirstChild<W.EvenAndOddHeaders>());
        Assert.Equal(("宋体", "28"), (Fonts(footer).EastAsia!.Value, Size(footer)));
        Assert.Equal("宋体", Fonts(footer).Ascii!.Value);
        foreach (var (type, justification, side) in new[] { (W.HeaderFooterValues.Default, W.JustificationValues.Right, "right"), (W.HeaderFooterValues.Even, W.JustificationValues.Left, "left") })
        {
            var part = (FooterPart)document.Main.GetPartById(references[type]);
            var paragraph = part.Footer.Elements<W.Paragraph>().Single();
            Assert.Equal("— 1 —", paragraph.InnerText.Replace(" PAGE ", "", StringComparison.Ordinal));
            Assert.Equal(" PAGE ", paragraph.Descendants<W.FieldCode>().Single().Text);
            Assert.Equal(justification, paragraph.ParagraphProperties!.Justification!.Val!.Value);
            var indentation = paragraph.ParagraphProperties.Indentation!;
            // 空一字 towards the outside edge.
            Assert.Equal("280", side == "right" ? indentation.Right!.Value : indentation.Left!.Value);
        }
    }

    [Fact]
    public void Write_Report_FontTableGivesEveryFontAFallback()
    {
        using var document = Reports.Open(Reports.Evaluation);
        var fonts = document.Main.FontTablePart!.Fonts!.Elements<W.Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);

        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
        Assert.Equal("楷体", fonts["楷体_GB2312"]);
        Assert.Equal("SimHei", fonts["黑体"]);
        Assert.Equal("SimSun", fonts["宋体"]);
        Assert.Equal("宋体", fonts["方正小标宋简体"]);
        // Every font a run or style names is in the table.
        var named = document.Main.StyleDefinitionsPart!.Styles!.Descendants<W.RunFonts>().SelectMany(f => new[] { f.Ascii?.Value, f.EastAsia?.Value }).OfType<string>().Distinct();
        Assert.All(named, name => Assert.Contains(name, fonts.Keys));
    }

    private static W.RunFonts Fonts(W.Style style) =>
        style.StyleRunProperties?.RunFonts ?? throw new InvalidOperationException($"{style.StyleId} names no fonts.");

    private static string Size(W.Style style) => style.StyleRunProperties!.FontSize!.Val!.Value!;
}
