using System.Globalization;
using System.Text.RegularExpressions;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Workload;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>
/// The workbook as LibreOffice sees it: filled, re-saved as .xlsx by LibreOffice Calc and read back; converted to PDF.
/// Units that use LibreOffice or WPS instead of Excel upload such files.
/// </summary>
[Collection(LibreOffice.Collection)]
public sealed class LibreOfficeRoundTripTests(LibreOfficeRoundTripTests.Workbooks workbooks)
    : IClassFixture<LibreOfficeRoundTripTests.Workbooks>
{
    private const string BasicsSheet = "基本情况";
    private const string StaffingSheet = "编制与人员";
    private const string WorkloadSheet = "工作量测算";

    /// <summary>Every leaf answered; full-width digits, trailing spaces, emoji and CJK where units type them.</summary>
    private static readonly Dictionary<string, FilledRow> Rows = new(StringComparer.Ordinal)
    {
        ["1.1"] = new(AnswerText: "较好  ", SelfScore: 6m, Explanation: "已建立工作机制 ✅ 😀，明确了责任分工。  "),
        ["1.2.1"] = new(AnswerText: "２", SelfScore: 12m, Explanation: "发现问题 2 次，均已整改。"),
        ["1.2.2"] = FilledRow.Option("一般", 7.5m, "制度完善中 👍"),
        ["2.1.1"] = FilledRow.Count(0m, 30m, "督办事项全部按期办结。"),
        ["2.1.2"] = FilledRow.Option("全部完成（100%）", 30m, "见附件《重点任务台账》。"),
    };

    /// <summary>6 + 12 + 7.5 + 30 + 30.</summary>
    private const decimal SelfScoreTotal = 85.5m;

    /// <summary>Data-table cells typed by address, with the label each row must carry in column A.</summary>
    private static readonly (string Sheet, string Cell, string Label, object Value)[] DataCells =
    [
        (BasicsSheet, "B9", "主要职责", "负责本市机构编制管理工作，承担机构编制评估。"),
        (BasicsSheet, "B10", "内设机构数（个）", 12m),
        (BasicsSheet, "B11", "所属事业单位数（个）", "３"),
        (BasicsSheet, "B13", "填表人", "张三 "),
        (BasicsSheet, "B14", "联系电话", "010-12345678"),
        (BasicsSheet, "B15", "填表日期", (decimal)new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Unspecified).ToOADate()),
        (StaffingSheet, "B5", "核定编制（名）", 50m),
        (StaffingSheet, "B6", "实有人数（名）", 48m),
        (StaffingSheet, "B9", "核定领导职数（名）", 8m),
        (StaffingSheet, "B10", "实配领导职数（名）", "７"),
        (StaffingSheet, "B12", "业务处室人员（名）", 30m),
        (StaffingSheet, "B13", "内设机构人员总数（名）", 40m),
        (StaffingSheet, "B15", "35岁及以下（名）", 10m),
        (StaffingSheet, "B16", "36–50岁（名）", 20m),
        (StaffingSheet, "B17", "51–60岁（名）", 15m),
        (StaffingSheet, "B18", "60岁以上（名）", 3m),
        (StaffingSheet, "B21", "研究生（名）", 8m),
        (StaffingSheet, "B22", "大学本科（名）", 30m),
        (StaffingSheet, "B23", "大专及以下（名）", 10m),
        (WorkloadSheet, "C2", "", 3m),
        (WorkloadSheet, "B4", "1", "行政审批事项办理"),
        (WorkloadSheet, "C4", "1", 1200m),
        (WorkloadSheet, "D4", "1", 30m),
        (WorkloadSheet, "E4", "1", 1.2m),
        (WorkloadSheet, "B5", "2", "政策咨询答复 "),
        (WorkloadSheet, "C5", "2", "３００"),
        (WorkloadSheet, "D5", "2", 15m),
    ];

    [Fact]
    public void DataCells_AddressesHoldTheLabelsExpected()
    {
        // Guards the addresses above: a layout change fails here, not as a puzzling round-trip difference.
        foreach (var group in DataCells.Where(d => d.Label.Length > 0).GroupBy(d => d.Sheet))
        {
            using var workbook = new GeneratedWorkbook(TestTemplates.Generate(), group.Key);
            foreach (var (_, cell, label, _) in group)
            {
                Assert.Equal((cell, label), (cell, workbook.Text("A" + cell[1..])));
            }
        }
    }

    [LibreOfficeFact]
    public void Resave_FilledWorkbook_ReadsTheSameAnswersAndDataTables()
    {
        var before = TestTemplates.Read(workbooks.Filled);
        var after = TestTemplates.Read(workbooks.Resaved);
        SaveArtifact("self-assessment.filled.xlsx", workbooks.Filled);
        SaveArtifact("self-assessment.libreoffice.xlsx", workbooks.Resaved);

        Assert.Empty(before.Problems);
        Assert.Empty(after.Problems);
        Assert.Equal(before.Answers.Keys.Order(StringComparer.Ordinal), after.Answers.Keys.Order(StringComparer.Ordinal));
        foreach (var (code, answer) in before.Answers)
        {
            Assert.Equal(answer, after.Answers[code]);
        }

        // What was typed, normalized by the reader in both cases.
        Assert.Equal(new Answer("1.1") { Option = "较好", SelfScore = 6m, Explanation = "已建立工作机制 ✅ 😀，明确了责任分工。" }, after.Answers["1.1"]);
        Assert.Equal(new Answer("1.2.1") { Number = 2m, SelfScore = 12m, Explanation = "发现问题 2 次，均已整改。" }, after.Answers["1.2.1"]);

        Assert.Equal(before.DataTables.Basics, after.DataTables.Basics);
        Assert.Equal(before.DataTables.Facts, after.DataTables.Facts);
        Assert.Equal(before.DataTables.Education, after.DataTables.Education);
        Assert.Equal(before.DataTables.WorkloadTasks, after.DataTables.WorkloadTasks);
        Assert.Equal(before.DataTables.WorkloadStaff, after.DataTables.WorkloadStaff);

        var expectedBasics = new UnitBasics
        {
            Functions = "负责本市机构编制管理工作，承担机构编制评估。",
            InternalDivisions = 12,
            AffiliatedInstitutions = 3,
            FilledBy = "张三",
            Phone = "010-12345678",
            FilledOn = new DateOnly(2026, 11, 30),
        };
        Assert.Equal(expectedBasics, after.DataTables.Basics);
        Assert.Equal(new UnitFacts
        {
            ApprovedEstablishment = 50,
            ActualStaff = 48,
            ApprovedLeadershipPosts = 8,
            ActualLeadershipPosts = 7,
            BusinessDivisionStaff = 30,
            TotalStaff = 40,
            AgeBands = new AgeBandCounts(10, 20, 15, 3),
        }, after.DataTables.Facts);
        Assert.Equal(new EducationCounts(8, 30, 10), after.DataTables.Education);
        Assert.Equal([new WorkloadTask("行政审批事项办理", 1200m, 30m, 1.2m), new WorkloadTask("政策咨询答复", 300m, 15m, 1m)], after.DataTables.WorkloadTasks);
        Assert.Equal(3, after.DataTables.WorkloadStaff);
    }

    [LibreOfficeFact]
    public void Resave_FilledWorkbook_IdentityComesFromTheCustomProperties()
    {
        Assert.True(HasIdentityPart(workbooks.Filled), "The generated workbook should carry its identity in a custom XML part.");
        Assert.False(HasIdentityPart(workbooks.Resaved), "LibreOffice was expected to drop the custom XML part; if it now keeps it, this test no longer proves the fallback.");
        Assert.Equal(TestTemplates.Template().Identity, TestTemplates.Read(workbooks.Resaved).Identity);
    }

    [LibreOfficeFact]
    public void Resave_FilledWorkbook_FormulasHoldRecalculatedValues()
    {
        using var assessment = new GeneratedWorkbook(workbooks.Resaved);
        var totalRow = TotalRow(assessment);

        Assert.Equal(SelfScoreTotal, Number(assessment.Text("I" + totalRow)));
        Assert.Equal(SelfScoreTotal / 100m, Math.Round(Number(assessment.Text("H" + totalRow)), 6));

        using var staffing = new GeneratedWorkbook(workbooks.Resaved, StaffingSheet);
        Assert.Equal(96m, Number(staffing.Text("B7")));   // 编制使用率 48 / 50 × 100
        Assert.Equal(48m, Number(staffing.Text("B19")));  // 年龄结构合计
        Assert.Equal(48m, Number(staffing.Text("B24")));  // 学历结构合计

        using var workload = new GeneratedWorkbook(workbooks.Resaved, WorkloadSheet);
        Assert.Equal(720m, Number(workload.Text("F4")));  // 1200 × 30 × 1.2 / 60
        Assert.Equal("", workload.Text("F5"));            // "３００" is text to a spreadsheet: the formula shows nothing
    }

    [LibreOfficeFact("pdftotext", "pdffonts", "pdfinfo")]
    public void ConvertToPdf_FilledWorkbook_PrintsCjkTextWithAnEmbeddedCjkFont()
    {
        var pdf = workbooks.Pdf;
        var path = SaveArtifact("self-assessment.pdf", pdf);

        Assert.Equal("%PDF-"u8.ToArray(), pdf.AsSpan(0, 5).ToArray());
        var pages = LibreOffice.PageSizes(path);
        Assert.True(pages.Count >= 2, $"Expected at least 2 pages, got {pages.Count}.");

        var fonts = LibreOffice.Tool("pdffonts", path);
        var cjkFonts = fonts.Split('\n').Skip(2).Where(IsCjkFontLine).ToList();
        Assert.True(cjkFonts.Count > 0, "No CJK font in the PDF:" + Environment.NewLine + fonts);
        Assert.All(cjkFonts, line => Assert.Matches(@"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line));  // emb column

        var text = LibreOffice.Tool("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains("自评表", text, StringComparison.Ordinal);
        Assert.Contains("工作机制", text, StringComparison.Ordinal);
        Assert.Contains("市测试局", text, StringComparison.Ordinal);
    }

    [LibreOfficeFact("pdftotext", "pdfinfo")]
    public void ConvertToPdf_FilledWorkbook_PrintsTheAssessmentLandscapeAndTheInstructionsPortrait()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("officeeval-pdf-").FullName, "self-assessment.pdf");
        try
        {
            File.WriteAllBytes(path, workbooks.Pdf);
            var pages = LibreOffice.PageSizes(path);
            var texts = Enumerable.Range(1, pages.Count)
                .Select(p => Squeeze(LibreOffice.Tool("pdftotext", "-enc", "UTF-8", "-f", P(p), "-l", P(p), path, "-")))
                .ToList();

            var instructions = texts.FindIndex(t => t.Contains("自评表填表说明", StringComparison.Ordinal));
            var assessment = Enumerable.Range(0, texts.Count)
                .Where(i => Regex.IsMatch(texts[i], "年度绩效评估自评表(?!填表说明)") && texts[i].Contains("指标编码", StringComparison.Ordinal))
                .ToList();

            Assert.True(instructions >= 0, "No page holds the 填表说明 title:" + Environment.NewLine + string.Join(Environment.NewLine, texts.Select((t, i) => $"page {i + 1}: {t[..Math.Min(t.Length, 80)]}")));
            Assert.NotEmpty(assessment);
            Assert.True(pages[instructions].Width < pages[instructions].Height, $"填表说明 page {instructions + 1} is {pages[instructions]}, not portrait.");
            Assert.All(assessment, i => Assert.True(pages[i].Width > pages[i].Height, $"自评表 page {i + 1} is {pages[i]}, not landscape."));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>Keeps a file for inspection under artifacts/ in the test output folder; returns its path.</summary>
    private static string SaveArtifact(string name, byte[] content)
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        var path = Path.Combine(artifacts.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string P(int page) => page.ToString(CultureInfo.InvariantCulture);

    private static string Squeeze(string text) => Regex.Replace(text, @"\s+", "");

    private static bool HasIdentityPart(byte[] xlsx)
    {
        using var workbook = new GeneratedWorkbook(xlsx);
        return workbook.WorkbookPart.CustomXmlParts.Any(part =>
        {
            using var reader = new StreamReader(part.GetStream(FileMode.Open, FileAccess.Read));
            return reader.ReadToEnd().Contains("urn:officeeval:self-assessment:v1", StringComparison.Ordinal);
        });
    }

    private static int TotalRow(GeneratedWorkbook workbook)
    {
        var rows = workbook.Sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => (int)r.RowIndex!.Value)
            .Where(r => workbook.Text("A" + r.ToString(CultureInfo.InvariantCulture)) == "合计")
            .ToList();
        return Assert.Single(rows);
    }

    private static decimal Number(string text)
    {
        Assert.True(decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), $"\"{text}\" is not a number.");
        return value;
    }

    /// <summary>pdffonts lines of fonts with CJK glyphs: Noto/Source Han CJK, or the usual Chinese system fonts.</summary>
    private static bool IsCjkFontLine(string line) =>
        Regex.IsMatch(line, @"(CJK|SourceHan|Source Han|WenQuanYi|WQY|SimSun|SimHei|Song|Hei|Kai|Fang|Ming|Droid ?Sans ?Fallback|UMing|UKai)", RegexOptions.IgnoreCase);

    /// <summary>The filled workbook, and what LibreOffice makes of it; each conversion runs once, when first needed.</summary>
    public sealed class Workbooks
    {
        private readonly Lazy<byte[]> _resaved;
        private readonly Lazy<byte[]> _pdf;

        public Workbooks()
        {
            var filled = WorkbookFiller.Fill(TestTemplates.Generate(), Rows);
            foreach (var bySheet in DataCells.GroupBy(c => c.Sheet))
            {
                filled = WorkbookFiller.SetCells(filled, bySheet.Key, bySheet.ToDictionary(c => c.Cell, c => c.Value));
            }

            Filled = filled;
            _resaved = new(() => LibreOffice.Convert(Filled, "self-assessment.xlsx", LibreOffice.XlsxFilter));
            _pdf = new(() => LibreOffice.Convert(Filled, "self-assessment.xlsx", LibreOffice.CalcPdfFilter));
        }

        /// <summary>Generated and filled programmatically, never opened by a spreadsheet.</summary>
        public byte[] Filled { get; }

        /// <summary>Opened and saved as .xlsx by LibreOffice Calc.</summary>
        public byte[] Resaved => _resaved.Value;

        /// <summary>Printed to PDF by LibreOffice Calc.</summary>
        public byte[] Pdf => _pdf.Value;
    }
}
