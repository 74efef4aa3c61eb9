using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Frameworks;

/// <summary>
/// The authoring reader treats uploads as hostile, through the same guard as the self-evaluation workbook: every file
/// of the bad-file corpus the guard refuses is refused here with the same code; the rest (well-formed workbooks that
/// are simply not authoring workbooks) come back as problems. Nothing else may escape.
/// </summary>
public class HostileAuthoringUploadTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus", "bad");

    /// <summary>Refusals that depend on the self-evaluation workbook's identity or sheets, not on the file being safe.</summary>
    private static readonly HashSet<string> SelfAssessmentOnly = new(StringComparer.Ordinal)
    {
        "upload.not_template", "upload.wrong_campaign", "upload.wrong_unit", "upload.template_outdated",
        "upload.sheet_missing", "upload.header_missing", "upload.column_missing",
    };

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in BadFileCorpus.ReadExpectations(Path.Combine(CorpusDirectory, "expected.json")).Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Read_CorpusFile_RefusedByTheGuardOrAnsweredWithProblems(string name)
    {
        var expected = BadFileCorpus.ReadExpectations(Path.Combine(CorpusDirectory, "expected.json"))[name];
        var upload = expected.Generated ? BadFileCorpus.Build(name) : File.ReadAllBytes(Path.Combine(CorpusDirectory, name));

        FrameworkReadResult? result = null;
        var error = Record.Exception(() => result = AuthoringSamples.Read(upload));

        if (error is not null and not WorkbookRejectedException)
        {
            Assert.Fail($"{name}: {error.GetType().FullName}: {error.Message}");
        }

        if (expected.Code.StartsWith("upload.", StringComparison.Ordinal) && !SelfAssessmentOnly.Contains(expected.Code))
        {
            Assert.Equal(expected.Code, Assert.IsType<WorkbookRejectedException>(error).Code);
        }
        else
        {
            Assert.Null(error);
            Assert.Null(result!.Framework);
            Assert.NotEmpty(result.Problems);
        }
    }

    [Fact]
    public void Read_OverTheSizeLimit_Refused()
    {
        var bytes = AuthoringSamples.Write(TestTemplates.Framework());
        using var stream = new MemoryStream(bytes);

        var error = Assert.Throws<WorkbookRejectedException>(() => FrameworkWorkbook.Read(stream, UploadLimits.Default with { MaxFileBytes = bytes.Length - 1 }));

        Assert.Equal("upload.too_large", error.Code);
    }

    [Fact]
    public void Read_CellsOverTheTextLimit_ReportedPerCell()
    {
        var bytes = AuthoringSamples.Write(TestTemplates.Framework());
        using var stream = new MemoryStream(bytes);

        var read = FrameworkWorkbook.Read(stream, UploadLimits.Default with { MaxCellText = 10 });

        Assert.Null(read.Framework);
        Assert.Contains(read.Problems, p => (p.Code, p.Sheet, p.Cell) == ("authoring.too_long", "指标", "F3"));
    }
}
