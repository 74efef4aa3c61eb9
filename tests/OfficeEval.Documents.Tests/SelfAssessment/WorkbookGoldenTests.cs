using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>
/// Golden files: every part of the workbook generated for a fixed template, pretty-printed, under
/// <c>Golden/self-assessment/</c>. A change to the template's parts shows up here as a readable diff. After an
/// intended change, regenerate with <c>OFFICEEVAL_UPDATE_GOLDEN=1 dotnet test --filter WorkbookGoldenTests</c> and
/// review the diff before committing.
/// </summary>
public class WorkbookGoldenTests
{
    private const string Folder = "self-assessment";

    public static SelfAssessmentTemplate GoldenTemplate() => TestTemplates.Template(framework: TestTemplates.RichFramework()) with
    {
        Unit = new UnitProfile { Kind = "政府部门", Category = "非经济", Level = "市", ApprovedEstablishment = 50, ApprovedLeadershipPosts = 6 },
        Deadlines = [new WorkbookDeadline("单位自评", new DateOnly(2026, 12, 15))],
        Contacts = [new WorkbookContact("王明", "业务咨询", "024-12345678")],
        WorkloadRows = 5,
    };

    [Fact]
    public void Write_GoldenTemplate_MatchesTheGoldenParts()
    {
        var parts = Parts(TestTemplates.Generate(GoldenTemplate()));
        var folder = GoldenFolder();

        if (Environment.GetEnvironmentVariable("OFFICEEVAL_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);

            foreach (var (name, text) in parts)
            {
                var path = Path.Combine(folder, FileName(name));
                File.WriteAllText(path, text);
            }
        }

        var golden = Directory.GetFiles(folder).ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);
        Assert.Equal(golden.Keys.Order(StringComparer.Ordinal), parts.Keys.Select(FileName).Order(StringComparer.Ordinal));
        Assert.All(parts, part =>
        {
            var expected = golden[FileName(part.Key)].ReplaceLineEndings("\n").Split('\n');
            var actual = part.Value.ReplaceLineEndings("\n").Split('\n');
            var line = Enumerable.Range(0, Math.Max(expected.Length, actual.Length))
                .FirstOrDefault(i => i >= expected.Length || i >= actual.Length || expected[i] != actual[i], -1);
            Assert.True(line < 0, $"{part.Key} differs from its golden file at line {line + 1}:\n  golden: {At(expected, line)}\n  actual: {At(actual, line)}");
        });
    }

    private static string At(string[] lines, int index) => index < 0 ? "" : index < lines.Length ? lines[index] : "(end of file)";

    /// <summary>Each package part, pretty-printed, keyed by its path in the package.</summary>
    private static Dictionary<string, string> Parts(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            return XDocument.Load(stream).ToString() + "\n";
        }, StringComparer.Ordinal);
    }

    /// <summary><c>xl/worksheets/sheet1.xml</c> becomes <c>xl__worksheets__sheet1.xml</c>; <c>[Content_Types].xml</c> keeps its name.</summary>
    private static string FileName(string partPath) => partPath.Replace("/", "__", StringComparison.Ordinal);

    private static string GoldenFolder([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source))!, "Golden", Folder);
}
