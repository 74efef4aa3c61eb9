using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using OfficeEval.Documents.Reports;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Reports;

/// <summary>
/// The reports as LibreOffice prints them to PDF: Chinese text with an embedded CJK font, A4 pages, the expected page
/// count, 22 lines of 28 characters, page numbers outside. The page counts hold for the fonts scripts/test.sh installs
/// (fonts-noto-cjk, Liberation); other fonts give other line heights in tables.
/// </summary>
[Collection(LibreOffice.Collection)]
public sealed class ReportPdfTests(ReportPdfTests.Pdfs pdfs) : IClassFixture<ReportPdfTests.Pdfs>
{
    [LibreOfficeTheory("pdftotext", "pdffonts", "pdfinfo")]
    [InlineData(Reports.SelfAssessment, 8)]
    [InlineData(Reports.SelfAssessmentDraft, 8)]
    [InlineData(Reports.Evaluation, 6)]
    [InlineData(Reports.Summary, 5)]
    [InlineData(Reports.FeedbackLetter, 3)]
    public void ConvertToPdf_EveryReport_ChineseTextOnTheExpectedNumberOfA4Pages(string report, int pages)
    {
        var path = pdfs.Path(report);

        var sizes = LibreOffice.PageSizes(path);
        Assert.Equal(pages, sizes.Count);
        Assert.All(sizes, size => Assert.Equal((595, 842), ((int)Math.Round(size.Width), (int)Math.Round(size.Height))));
        var text = Squeeze(LibreOffice.Tool("pdftotext", "-enc", "UTF-8", path, "-"));
        Assert.Contains(Reports.TitleOf(report), text, StringComparison.Ordinal);
        Assert.Contains("一、", text, StringComparison.Ordinal);
        var fonts = LibreOffice.Tool("pdffonts", path).Split('\n').Skip(2).Where(l => l.Contains("CJK", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line => Assert.Matches(@"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line));
    }

    [LibreOfficeFact("pdftotext")]
    public void ConvertToPdf_EvaluationWithPrevious_DrawsTheRadarOfBothCampaignsWithItsLegend()
    {
        var path = pdfs.Path(Reports.EvaluationWithPrevious);

        var text = Squeeze(LibreOffice.Tool("pdftotext", "-enc", "UTF-8", path, "-"));

        Assert.Contains("表2各一级指标得分率与上次评估比较", text, StringComparison.Ordinal);
        // The series' names appear only in the chart's legend: drawn as text only when LibreOffice rendered the chart.
        Assert.Contains("上次评估（2025年度）", text, StringComparison.Ordinal);
        Assert.Contains("本次评估（2026年度）", text, StringComparison.Ordinal);
    }

    [LibreOfficeFact("pdftotext", "pdfinfo")]
    public void ConvertToPdf_Report_PageNumbersDashedOddRightEvenLeft()
    {
        var path = pdfs.Path(Reports.Evaluation);
        var width = LibreOffice.PageSizes(path)[0].Width;

        foreach (var page in new[] { 1, 2, 3 })
        {
            var words = Words(path, page);
            var number = page.ToString(CultureInfo.InvariantCulture);
            // The last line of the page: "— N —", below the text block.
            var footer = words.Where(w => w.YMin > 750).ToList();
            Assert.Equal(["—", number, "—"], footer.Select(w => w.Text));
            var centre = (footer[1].XMin + footer[1].XMax) / 2;
            Assert.True(page % 2 == 1 ? centre > width * 0.75m : centre < width * 0.25m, $"page {page}: number at {centre} pt of {width}");
        }
    }

    [LibreOfficeFact("pdftotext", "pdfinfo")]
    public void ConvertToPdf_BodyText_22LinesOf28CharactersAPage()
    {
        // 2 pages of body text exactly: 44 full lines, less the first line's two-character indent; then one more.
        var full = new string('国', (2 * 22 * 28) - 2);
        var path = pdfs.Path("grid", () => Generate(full));
        var oneMore = pdfs.Path("grid-plus-one", () => Generate(full + "国"));

        Assert.Equal(2, LibreOffice.PageSizes(path).Count);
        Assert.Equal(3, LibreOffice.PageSizes(oneMore).Count);
        foreach (var page in new[] { 1, 2 })
        {
            var lines = Words(path, page).Where(w => w.Text.Contains('国', StringComparison.Ordinal)).ToList();
            Assert.Equal(22, lines.Count);
            Assert.Equal(page == 1 ? 26 : 28, lines[0].Text.Length);
            Assert.All(lines.Skip(1), line => Assert.Equal(28, line.Text.Length));
        }

        static byte[] Generate(string text) => GeneratedReport.Write(stream =>
        {
            using var document = ReportDocument.Create(stream, "grid", new DateOnly(2026, 1, 1));
            document.Paragraph(text);
        });
    }

    [LibreOfficeFact("pdffonts")]
    public void ConvertToPdf_WithTheFontconfigAliases_BodyInASerifFaceHeadingsInASansFace()
    {
        var path = pdfs.Path("evaluation-aliases", () => Reports.Generate(Reports.Evaluation), Aliases());

        var fonts = LibreOffice.Tool("pdffonts", path);
        Assert.Contains("NotoSerifCJK", fonts, StringComparison.Ordinal);
        Assert.Contains("NotoSansCJK", fonts, StringComparison.Ordinal);
    }

    /// <summary>A fontconfig file: the system's configuration, then scripts/fontconfig's aliases.</summary>
    private static Dictionary<string, string> Aliases([CallerFilePath] string source = "")
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        var aliases = Path.Combine(root, "scripts", "fontconfig", "64-officeeval-gbt9704.conf");
        Assert.True(File.Exists(aliases), aliases);
        var file = Path.Combine(Directory.CreateTempSubdirectory("officeeval-fontconfig-").FullName, "fonts.conf");
        new XDocument(
            new XDocumentType("fontconfig", null, "urn:fontconfig:fonts.dtd", null),
            new XElement("fontconfig",
                new XElement("include", new XAttribute("ignore_missing", "yes"), "/etc/fonts/fonts.conf"),
                new XElement("include", aliases))).Save(file);
        return new Dictionary<string, string> { ["FONTCONFIG_FILE"] = file };
    }

    private static string Squeeze(string text) => Regex.Replace(text, @"\s+", "");

    /// <summary>The words of a page with their boxes, top to bottom, left to right (pdftotext -bbox).</summary>
    private static List<(string Text, decimal XMin, decimal XMax, decimal YMin)> Words(string pdf, int page)
    {
        var p = page.ToString(CultureInfo.InvariantCulture);
        var html = LibreOffice.Tool("pdftotext", "-enc", "UTF-8", "-bbox", "-f", p, "-l", p, pdf, "-");
        static decimal D(Match m, string group) => decimal.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        return [.. Regex.Matches(html, @"<word xMin=""(?<x0>[\d.]+)"" yMin=""(?<y0>[\d.]+)"" xMax=""(?<x1>[\d.]+)"" yMax=""[\d.]+"">(?<t>[^<]*)</word>")
            .Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups["t"].Value), D(m, "x0"), D(m, "x1"), D(m, "y0")))
            .OrderBy(w => Math.Round(w.Item4)).ThenBy(w => w.Item2)];
    }

    /// <summary>Each report converted once, when first needed, into a folder removed with the fixture.</summary>
    public sealed class Pdfs : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("officeeval-report-pdf-");
        private readonly Dictionary<string, string> _paths = [];

        public string Path(string report) => Path(report, () => Reports.Generate(report));

        public string Path(string name, Func<byte[]> docx, IReadOnlyDictionary<string, string>? environment = null)
        {
            lock (_paths)
            {
                if (!_paths.TryGetValue(name, out var path))
                {
                    path = System.IO.Path.Combine(_folder.FullName, name + ".pdf");
                    File.WriteAllBytes(path, LibreOffice.Convert(docx(), name + ".docx", LibreOffice.WriterPdfFilter, environment));
                    _paths[name] = path;
                }

                return path;
            }
        }

        public void Dispose() => _folder.Delete(recursive: true);
    }
}
