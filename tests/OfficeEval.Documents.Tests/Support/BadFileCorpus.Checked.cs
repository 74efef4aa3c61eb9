namespace OfficeEval.Documents.Tests.Support;

/// <summary>The corpus as checked in and copied to the test output, for theories over every file.</summary>
internal static partial class BadFileCorpus
{
    /// <summary>Where the checked-in files are in the test output.</summary>
    public static readonly string CheckedInDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus", "bad");

    /// <summary>Refusals that depend on the self-evaluation workbook's identity or sheets, not on the file being safe.</summary>
    private static readonly HashSet<string> SelfAssessmentOnly = new(StringComparer.Ordinal)
    {
        "upload.not_template", "upload.wrong_campaign", "upload.wrong_unit", "upload.template_outdated",
        "upload.sheet_missing", "upload.header_missing", "upload.column_missing",
    };

    /// <summary>What the checked-in <c>expected.json</c> says of each file.</summary>
    public static Dictionary<string, BadFileExpectation> CheckedInExpectations() =>
        ReadExpectations(Path.Combine(CheckedInDirectory, ExpectationsFile));

    /// <summary>Every file's name, in order: the data of a theory over the corpus.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in CheckedInExpectations().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>What is expected of file <paramref name="name"/>, and its bytes (built now when it is generated at test time).</summary>
    public static (BadFileExpectation Expected, byte[] Upload) Load(string name)
    {
        var expected = CheckedInExpectations()[name];
        return (expected, expected.Generated ? Build(name) : File.ReadAllBytes(Path.Combine(CheckedInDirectory, name)));
    }

    /// <summary>True when the upload guard refuses such a file whatever kind of workbook is being read.</summary>
    public static bool IsRefusedByTheGuard(string code) => code.StartsWith("upload.", StringComparison.Ordinal) && !SelfAssessmentOnly.Contains(code);
}
