using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>
/// Reads every file of the bad-file corpus (<c>Corpus/bad</c>, copied to the output directory) and checks the outcome
/// recorded for it in <c>expected.json</c>: a refusal with a specific code, or one specific cell problem. Any other
/// exception is a failure: a bad upload must never become a server error.
/// </summary>
public class BadFileCorpusTests
{
    private const string WriteVariable = "OFFICEEVAL_WRITE_CORPUS";

    public static TheoryData<string> CorpusFiles() => BadFileCorpus.Names();

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Read_CorpusFile_GivesItsExpectedOutcome(string name)
    {
        var (expected, upload) = BadFileCorpus.Load(name);

        WorkbookReadResult? result = null;
        var error = Record.Exception(() => result = TestTemplates.Read(upload));

        if (error is not null and not WorkbookRejectedException)
        {
            Assert.Fail($"{name}: {error.GetType().FullName}: {error.Message}");
        }

        if (expected.Code.StartsWith("upload.", StringComparison.Ordinal))
        {
            var rejected = Assert.IsType<WorkbookRejectedException>(error);
            Assert.Equal(expected.Code, rejected.Code);
            Assert.False(string.IsNullOrWhiteSpace(rejected.MessageZh));
            Assert.False(string.IsNullOrWhiteSpace(rejected.Message));
        }
        else
        {
            Assert.Null(error);
            var problem = Assert.Single(result!.Problems);
            Assert.Equal((expected.Code, expected.Sheet, expected.Cell), (problem.Code, problem.Sheet, problem.Cell));
        }
    }

    [Fact]
    public void Corpus_FilesOnDiskAndExpectations_MatchOneToOne()
    {
        var expectations = Expectations();
        var onDisk = Directory.EnumerateFiles(BadFileCorpus.CheckedInDirectory).Select(Path.GetFileName).OfType<string>()
            .Where(n => n != BadFileCorpus.ExpectationsFile).Order(StringComparer.Ordinal).ToList();
        var checkedIn = expectations.Where(kv => !kv.Value.Generated).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

        Assert.True(onDisk.Count >= 30, $"the corpus holds {onDisk.Count} files");
        Assert.Equal(checkedIn, onDisk);
        Assert.All(expectations, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value.Why), kv.Key + " says why it is bad"));
    }

    [Fact]
    public void Corpus_ExpectationsFile_IsWhatTheGeneratorWrites()
    {
        var checkedIn = File.ReadAllText(Path.Combine(BadFileCorpus.CheckedInDirectory, BadFileCorpus.ExpectationsFile)).ReplaceLineEndings("\n");

        Assert.Equal(BadFileCorpus.ExpectationsJson(), checkedIn);
    }

    [Fact]
    public void Generator_BuildsTheSameBytesTwice()
    {
        // Random relationship ids, GUIDs or timestamps would make every regeneration rewrite every file.
        // The zip bomb (100 MB of zeros to compress) is left out for time; it is built like the others.
        var differing = BadFileCorpus.Files.Where(f => !f.Expectation.Generated && f.Name != "zip-bomb.xlsx")
            .AsParallel().Where(f => !f.Build().AsSpan().SequenceEqual(f.Build())).Select(f => f.Name).ToList();

        Assert.Empty(differing);
    }

    /// <summary>
    /// Rewrites <c>tests/OfficeEval.Documents.Tests/Corpus/bad</c> (every file and <c>expected.json</c>) from
    /// <see cref="BadFileCorpus"/>; does nothing unless the environment variable OFFICEEVAL_WRITE_CORPUS is 1. Regenerate
    /// after changing the corpus or the workbook writer (identity, structure hash, parts), then run the tests again:
    /// <code>OFFICEEVAL_WRITE_CORPUS=1 dotnet test tests/OfficeEval.Documents.Tests --filter "FullyQualifiedName~BadFileCorpusTests.WriteCorpus"</code>
    /// </summary>
    [Fact]
    public void WriteCorpus_WhenRequested()
    {
        if (Environment.GetEnvironmentVariable(WriteVariable) != "1")
        {
            return;
        }

        BadFileCorpus.Write(Path.Combine(ProjectDirectory(), "Corpus", "bad"));
    }

    private static Dictionary<string, BadFileExpectation> Expectations() => BadFileCorpus.CheckedInExpectations();

    /// <summary>The test project's source directory: the nearest parent of the output directory holding its .csproj.</summary>
    private static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OfficeEval.Documents.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("OfficeEval.Documents.Tests.csproj was not found above " + AppContext.BaseDirectory + ".");
    }
}
