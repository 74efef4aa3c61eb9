using System.Text;
using System.Text.RegularExpressions;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Surveys;

/// <summary>The three survey workbooks as LibreOffice opens them: re-saved, printed to PDF and exported as CSV.</summary>
[Collection(LibreOffice.Collection)]
public sealed class SurveyWorkbooksLibreOfficeTests
{
    /// <summary>CSV in UTF-8 (76), comma-separated, quoted text, cells as shown; the first sheet.</summary>
    private const string CsvFilter = "csv:Text - txt - csv (StarCalc):44,34,76";

    [LibreOfficeFact]
    public void ResaveInLibreOffice_QuestionnaireWorkbook_ReadsBackEqual()
    {
        var form = SurveySamples.EveryFeature();

        var resaved = LibreOffice.Convert(SurveySamples.Write(form), "questionnaire.xlsx", LibreOffice.XlsxFilter);
        var read = SurveySamples.Read(resaved);

        Assert.Empty(read.Problems);
        Assert.Equal(SurveySamples.Canonical(form), SurveySamples.Canonical(read.Form!));
    }

    [LibreOfficeFact("pdftotext")]
    public void ConvertToPdf_QuestionnaireTemplate_PrintsTheInstructionsAndTheSheets()
    {
        var text = PdfText(SurveySamples.Write(null), "template.xlsx");

        Assert.Contains("问卷编制表填写说明", text, StringComparison.Ordinal);
        Assert.Contains("select_onelikert5", text, StringComparison.Ordinal);
        Assert.Contains("乡镇（街道）", text, StringComparison.Ordinal);
    }

    [LibreOfficeFact("pdftotext", "pdfimages")]
    public void ConvertToPdf_LinksWorkbook_PrintsEveryLinkAndEveryQrCode()
    {
        var document = LinkSamples.Person();
        var pdf = LibreOffice.Convert(LinkSamples.Write(document), "links.xlsx", LibreOffice.CalcPdfFilter);

        WithFile(pdf, "links.pdf", path =>
        {
            var text = Regex.Replace(LibreOffice.Tool("pdftotext", "-enc", "UTF-8", path, "-"), @"\s+", "");
            Assert.Contains("问卷链接分发清单", text, StringComparison.Ordinal);
            Assert.Contains("市发展和改革委员会", text, StringComparison.Ordinal);
            // pdftotext joins a link wrapped after a hyphen without the hyphen.
            Assert.All(document.Rows, r => Assert.Contains(r.Url.Replace("-", "", StringComparison.Ordinal), text.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));
            // One page per unit, as the sheet's page breaks say.
            Assert.Contains("Pages:           3", LibreOffice.Tool("pdfinfo", path), StringComparison.Ordinal);
            var images = LibreOffice.Tool("pdfimages", "-list", path).Split('\n').Count(l => Regex.IsMatch(l, @"^\s+\d+\s+\d+\s+image"));
            Assert.Equal(document.Rows.Count, images);
        });
    }

    [LibreOfficeFact("pdftoppm", "zbarimg")]
    public void ConvertToPdf_LinksWorkbook_PrintedQrCodesScanToTheirLinks()
    {
        var document = LinkSamples.Mutual();
        var pdf = LibreOffice.Convert(LinkSamples.Write(document), "links.xlsx", LibreOffice.CalcPdfFilter);

        WithFile(pdf, "links.pdf", path =>
        {
            // Each page rendered at 150 dpi, as a printout seen by a phone's camera.
            LibreOffice.Tool("pdftoppm", "-r", "150", "-png", path, Path.Combine(Path.GetDirectoryName(path)!, "page"));
            var scanned = Directory.GetFiles(Path.GetDirectoryName(path)!, "page*.png")
                .SelectMany(page => LibreOffice.Tool(Zbar.Tool, "--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", page).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                .Order(StringComparer.Ordinal);
            Assert.Equal(document.Rows.Select(r => r.Url).Order(StringComparer.Ordinal), scanned);
        });
    }

    [LibreOfficeFact]
    public void ConvertToCsv_ResponsesWorkbook_ShowsTheHeadersAndTheRawValues()
    {
        var csv = Encoding.UTF8.GetString(LibreOffice.Convert(ResponseSamples.Write(), "responses.xlsx", CsvFilter));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("被评估单位编码,被评估单位,答卷群体,提交日期,Q1,Q2,A-1.2_b,Q4", lines[0]);
        Assert.Equal("DW-A,市委组织部,服务对象,2026-05-03,5,1,,", lines[^3]);
        Assert.Equal("DW-B,市发展和改革委员会,乡镇（街道）,2026-05-05,3,,1,", lines[^1]);
    }

    private static string PdfText(byte[] xlsx, string name)
    {
        var pdf = LibreOffice.Convert(xlsx, name, LibreOffice.CalcPdfFilter);
        var text = "";
        WithFile(pdf, "out.pdf", path => text = Regex.Replace(LibreOffice.Tool("pdftotext", "-enc", "UTF-8", path, "-"), @"\s+", ""));
        return text;
    }

    private static void WithFile(byte[] content, string name, Action<string> use)
    {
        var directory = Directory.CreateTempSubdirectory("officeeval-survey-");
        try
        {
            var path = Path.Combine(directory.FullName, name);
            File.WriteAllBytes(path, content);
            use(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
