using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OfficeEval.Documents.Tests.Support;

/// <summary>
/// Runs LibreOffice (<c>soffice</c>) headless to convert files, and the poppler tools used to inspect its PDFs.
/// soffice is found through <c>OFFICEEVAL_SOFFICE</c>, then on PATH. When it is missing, tests marked
/// <see cref="LibreOfficeFactAttribute"/> are skipped, except under <c>CI=true</c>, where LibreOffice is required and
/// they fail instead.
/// </summary>
internal static class LibreOffice
{
    /// <summary>The xunit collection of every LibreOffice test: they run one at a time, apart from the other tests.</summary>
    public const string Collection = "LibreOffice";

    /// <summary>Environment variable naming the soffice executable.</summary>
    public const string ExecutableVariable = "OFFICEEVAL_SOFFICE";

    /// <summary>How long one conversion may take before its process tree is killed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Filter for Excel 2007–365 workbooks.</summary>
    public const string XlsxFilter = "xlsx:Calc MS Excel 2007 XML";

    /// <summary>Filter for PDF from a spreadsheet.</summary>
    public const string CalcPdfFilter = "pdf:calc_pdf_Export";

    /// <summary>Filter for PDF from a text document (the Word reports).</summary>
    public const string WriterPdfFilter = "pdf:writer_pdf_Export";

    /// <summary>The soffice executable, or null when neither <c>OFFICEEVAL_SOFFICE</c> nor PATH has one.</summary>
    public static string? Executable { get; } = Resolve();

    /// <summary>True under <c>CI=true</c>: there, missing tools fail the tests rather than skip them.</summary>
    public static bool IsRequired { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Why a test needing soffice and <paramref name="tools"/> (looked up on PATH) cannot run here, or null when it can
    /// or when the tools are required (CI), in which case the test runs and fails on the missing tool.
    /// </summary>
    public static string? SkipReason(params string[] tools)
    {
        if (IsRequired)
        {
            return null;
        }

        var missing = new List<string>();
        if (Executable is null)
        {
            missing.Add("LibreOffice (" + NotFound + ")");
        }

        missing.AddRange(tools.Where(t => FindOnPath(t) is null));
        return missing.Count == 0
            ? null
            : "Not installed: " + string.Join(", ", missing) + ". scripts/test.sh installs them; CI=true makes their absence a failure.";
    }

    /// <summary>
    /// Converts <paramref name="input"/> (a file named <paramref name="fileName"/>) with the soffice
    /// <paramref name="filter"/> (e.g. <see cref="XlsxFilter"/>) and returns the bytes of the converted file. Each call
    /// uses a private profile and working folder, removed afterwards. <paramref name="environment"/> adds variables to
    /// soffice's environment (e.g. <c>FONTCONFIG_FILE</c>). <paramref name="outputFileName"/> names the file soffice
    /// writes when it is not the input's name with the filter's extension (the CSV of one sheet is {name}-{sheet}.csv).
    /// </summary>
    public static byte[] Convert(byte[] input, string fileName, string filter, IReadOnlyDictionary<string, string>? environment = null, string? outputFileName = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var soffice = Executable ?? throw new InvalidOperationException(
            $"LibreOffice is required (CI=true) but {NotFound}. scripts/test.sh installs it.");
        var work = Directory.CreateTempSubdirectory("officeeval-soffice-");
        try
        {
            var profile = Directory.CreateDirectory(Path.Combine(work.FullName, "profile"));
            var inputDir = Directory.CreateDirectory(Path.Combine(work.FullName, "in"));
            var outputDir = Directory.CreateDirectory(Path.Combine(work.FullName, "out"));
            var inputPath = Path.Combine(inputDir.FullName, fileName);
            File.WriteAllBytes(inputPath, input);

            var result = Run(soffice,
            [
                "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                "-env:UserInstallation=" + new Uri(profile.FullName + Path.DirectorySeparatorChar).AbsoluteUri,
                "--convert-to", filter,
                "--outdir", outputDir.FullName,
                inputPath,
            ], work.FullName, Timeout, environment);

            var extension = filter.Split(':', 2)[0];
            var outputPath = Path.Combine(outputDir.FullName, outputFileName ?? Path.GetFileNameWithoutExtension(fileName) + "." + extension);
            if (result.ExitCode != 0 || !File.Exists(outputPath))
            {
                throw new InvalidOperationException(
                    $"soffice --convert-to {filter} {fileName} exited with {result.ExitCode} and wrote {(File.Exists(outputPath) ? "" : "no ")}{Path.GetFileName(outputPath)}.{Environment.NewLine}{result.Output}");
            }

            return File.ReadAllBytes(outputPath);
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A process killed on timeout may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    /// <summary>Runs a command-line tool found on PATH (e.g. <c>pdffonts</c>) and returns its standard output; throws on failure.</summary>
    public static string Tool(string name, params string[] arguments)
    {
        var path = FindOnPath(name) ?? throw new InvalidOperationException(
            $"{name} is required but not on PATH (it comes with poppler-utils, which scripts/test.sh installs).");
        var result = Run(path, arguments, Path.GetTempPath(), TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} {string.Join(' ', arguments)} exited with {result.ExitCode}.{Environment.NewLine}{result.Output}");
        }

        return result.StandardOutput;
    }

    /// <summary>Each page's size in points, from pdfinfo.</summary>
    public static List<(decimal Width, decimal Height)> PageSizes(string pdf)
    {
        var info = Tool("pdfinfo", "-f", "1", "-l", "1000", pdf);
        return [.. Regex.Matches(info, @"^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)", RegexOptions.Multiline)
            .Select(m => (decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// Converts <paramref name="input"/> to PDF with <paramref name="filter"/> (<see cref="CalcPdfFilter"/> or
    /// <see cref="WriterPdfFilter"/>) and returns its text with all white space removed (pdftotext) and its page sizes.
    /// </summary>
    public static (string Text, List<(decimal Width, decimal Height)> Pages) Print(byte[] input, string fileName, string filter)
    {
        var folder = Directory.CreateTempSubdirectory("officeeval-pdf-");
        try
        {
            var path = Path.Combine(folder.FullName, Path.GetFileNameWithoutExtension(fileName) + ".pdf");
            File.WriteAllBytes(path, Convert(input, fileName, filter));
            return (Regex.Replace(Tool("pdftotext", "-enc", "UTF-8", path, "-"), @"\s+", ""), PageSizes(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string StandardOutput, string Output) Run(string executable, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            process.WaitForExit(TimeSpan.FromSeconds(10));
            Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(5));
            throw new TimeoutException(
                $"{Path.GetFileName(executable)} did not finish within {timeout.TotalSeconds:0} s and was killed with its child processes.{Environment.NewLine}{Describe(stdout, stderr)}");
        }

        // The output ends when the pipes close; bounded, since a child left behind could hold them open.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(10));
        return (process.ExitCode, Finished(stdout), Describe(stdout, stderr));
    }

    private static string Finished(Task<string> output) => output.IsCompletedSuccessfully ? output.Result : "(output not complete)";

    private static string Describe(Task<string> stdout, Task<string> stderr) =>
        $"--- stdout ---{Environment.NewLine}{Finished(stdout)}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Finished(stderr)}";

    /// <summary>Why <see cref="Executable"/> is null, in words.</summary>
    private static string NotFound => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ExecutableVariable))
        ? $"soffice is not on PATH and {ExecutableVariable} is not set"
        : $"{ExecutableVariable}={Environment.GetEnvironmentVariable(ExecutableVariable)} is not an existing file or a command on PATH";

    private static string? Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : FindOnPath(configured);
        }

        return FindOnPath("soffice");
    }

    /// <summary>The full path of the command <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".com", name } : [name];
        return directories.SelectMany(d => names.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }
}

/// <summary>
/// A fact that needs LibreOffice, plus the command-line tools named (looked up on PATH). Skipped with the reason when
/// they are missing, unless <c>CI=true</c>: there the test runs and fails on the missing tool.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute(params string[] alsoRequired)
    {
        AlsoRequired = alsoRequired;
        if (LibreOffice.SkipReason(alsoRequired) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The tools besides soffice the test runs.</summary>
    public IReadOnlyList<string> AlsoRequired { get; }
}

/// <summary>A theory that needs LibreOffice and the tools named; skipped or failing as <see cref="LibreOfficeFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class LibreOfficeTheoryAttribute : TheoryAttribute
{
    public LibreOfficeTheoryAttribute(params string[] alsoRequired)
    {
        AlsoRequired = alsoRequired;
        if (LibreOffice.SkipReason(alsoRequired) is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The tools besides soffice the test runs.</summary>
    public IReadOnlyList<string> AlsoRequired { get; }
}

/// <summary>The LibreOffice tests run one at a time and not alongside other collections: each soffice takes a core.</summary>
[CollectionDefinition(LibreOffice.Collection, DisableParallelization = true)]
public sealed class LibreOfficeCollection;
