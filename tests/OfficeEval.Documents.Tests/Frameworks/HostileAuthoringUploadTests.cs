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
    public static TheoryData<string> CorpusFiles() => BadFileCorpus.Names();

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Read_CorpusFile_RefusedByTheGuardOrAnsweredWithProblems(string name)
    {
        var (expected, upload) = BadFileCorpus.Load(name);

        FrameworkReadResult? result = null;
        var error = Record.Exception(() => result = AuthoringSamples.Read(upload));

        if (error is not null and not WorkbookRejectedException)
        {
            Assert.Fail($"{name}: {error.GetType().FullName}: {error.Message}");
        }

        if (BadFileCorpus.IsRefusedByTheGuard(expected.Code))
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
