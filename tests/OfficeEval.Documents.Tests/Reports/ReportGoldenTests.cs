using System.Runtime.CompilerServices;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Reports;

/// <summary>
/// Golden files: every part of each sample report, pretty-printed, under <c>Golden/reports/{report}/</c> (the chart's
/// embedded workbook part by part, since its zip carries entry times; nothing else in the package varies: relationship
/// ids, content-control ids and the properties' dates come from the model). A change to a report shows up here as a
/// readable diff. After an intended change, regenerate with
/// <c>OFFICEEVAL_UPDATE_GOLDEN=1 dotnet test --filter ReportGoldenTests</c> and review the diff before committing.
/// </summary>
public class ReportGoldenTests
{
    [Theory]
    [MemberData(nameof(Reports.All), MemberType = typeof(Reports))]
    public void Write_SampleReport_MatchesTheGoldenParts(string report)
    {
        var parts = PackageParts.Read(Reports.Generate(report));
        var folder = GoldenFolder(report);

        if (Environment.GetEnvironmentVariable("OFFICEEVAL_UPDATE_GOLDEN") == "1")
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            foreach (var (name, text) in parts)
            {
                File.WriteAllText(Path.Combine(folder, FileName(name)), text);
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
            Assert.True(line < 0, $"{report}: {part.Key} differs from its golden file at line {line + 1}:\n  golden: {At(expected, line)}\n  actual: {At(actual, line)}");
        });
    }

    private static string At(string[] lines, int index) => index < 0 ? "" : index < lines.Length ? lines[index] : "(end of file)";

    /// <summary><c>word/document.xml</c> becomes <c>word__document.xml</c>; a nested part's <c>!</c> becomes <c>__</c> too.</summary>
    private static string FileName(string partPath) => partPath.Replace("/", "__", StringComparison.Ordinal).Replace("!", "__", StringComparison.Ordinal);

    private static string GoldenFolder(string report, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source))!, "Golden", "reports", report);
}
