using System.Text;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Surveys;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Surveys;

/// <summary>
/// The questionnaire reader takes uploads as hostile and never throws for their content: what the upload guard refuses
/// comes back as one problem with the guard's code; well-formed workbooks that are not questionnaires come back with
/// problems naming sheets and cells.
/// </summary>
public class HostileSurveyFormUploadTests
{
    public static TheoryData<string> CorpusFiles() => BadFileCorpus.Names();

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Read_CorpusFile_RefusalAsOneProblemOrProblemsWithSheets(string name)
    {
        var (expected, upload) = BadFileCorpus.Load(name);

        var read = SurveySamples.Read(upload);

        Assert.Null(read.Form);
        if (BadFileCorpus.IsRefusedByTheGuard(expected.Code))
        {
            var problem = Assert.Single(read.Problems);
            Assert.Equal((expected.Code, null), (problem.Code, problem.Sheet));
            Assert.False(string.IsNullOrWhiteSpace(problem.MessageZh));
        }
        else
        {
            // A self-evaluation workbook is a well-formed workbook without the questionnaire's sheets.
            Assert.Contains(read.Problems, p => p.Code == "surveyform.sheet_missing");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("type,name,label\nselect_one likert5,Q1,满意吗")]
    public void Read_NotAZip_OneProblem(string content)
    {
        var read = SurveySamples.Read(Encoding.UTF8.GetBytes(content));

        Assert.Equal([("upload.not_xlsx", null, null)], SurveySamples.Places(read));
    }

    [Fact]
    public void Read_ZipBomb_RefusedBeforeItIsExpanded()
    {
        var bomb = ZipEntries.Write(
        [
            .. ZipEntries.Read(SurveySamples.Write(SurveySamples.Minimal())),
            new ZipItem("xl/media/padding.bin", new byte[(int)(UploadLimits.Default.MaxUncompressedBytes + 1)]),
        ]);
        Assert.True(bomb.Length < UploadLimits.Default.MaxFileBytes);

        var read = SurveySamples.Read(bomb);

        Assert.Equal([("upload.too_large_expanded", null, null)], SurveySamples.Places(read));
    }

    [Fact]
    public void Read_OverTheSizeLimit_OneProblem()
    {
        var bytes = SurveySamples.Write(SurveySamples.EveryFeature());
        using var stream = new MemoryStream(bytes);

        var read = SurveyFormWorkbook.Read(stream, UploadLimits.Default with { MaxFileBytes = bytes.Length - 1 });

        Assert.Equal([("upload.too_large", null, null)], SurveySamples.Places(read));
    }

    [Fact]
    public void Read_DamagedSheetXml_OneProblem()
    {
        var damaged = ZipEntries.EditText(SurveySamples.Write(SurveySamples.Minimal()), "xl/worksheets/sheet2.xml", xml => xml[..(xml.Length / 2)]);

        var read = SurveySamples.Read(damaged);

        Assert.Equal([("upload.malformed", null, null)], SurveySamples.Places(read));
    }

    [Fact]
    public void Read_TooManyItemsAndGroups_ReportedAtTheFirstRowOverAndNotRead()
    {
        var items = Enumerable.Range(1, 260).Select(i => new object?[] { "select_one likert5", "Q" + i, "题" + i }).ToArray();
        var groups = Enumerable.Range(1, 20).Select(i => new object?[] { "群体" + i, 1m }).ToArray();
        var xlsx = HandMadeWorkbook.Build(
            ("survey", [["type", "name", "label"], .. items]),
            ("settings", [["key", "value"], ["form_title", "调查"]]),
            ("groups", [["name", "weight"], .. groups]));

        var read = SurveySamples.Read(xlsx);

        Assert.Null(read.Form);
        Assert.Equal([("surveyform.too_many_rows", "groups", "A14"), ("surveyform.too_many_rows", "survey", "A202")], SurveySamples.Places(read));
    }

    [Fact]
    public void Read_CellsOverTheTextLimit_ReportedPerCell()
    {
        using var stream = new MemoryStream(SurveySamples.Write(SurveySamples.EveryFeature()));

        var read = SurveyFormWorkbook.Read(stream, UploadLimits.Default with { MaxCellText = 12 });

        Assert.Null(read.Form);
        Assert.Contains(("surveyform.too_long", "survey", "C2"), SurveySamples.Places(read));
        Assert.Contains(("surveyform.too_long", "settings", "B2"), SurveySamples.Places(read));
        Assert.DoesNotContain(("survey.item_text", "survey", "C2"), SurveySamples.Places(read));
    }
}
