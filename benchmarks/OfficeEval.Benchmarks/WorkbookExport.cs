using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The two commands behind the exceljs comparison (<c>benchmarks/exceljs</c>):
/// <c>--export-workbook &lt;dir&gt;</c> writes the benchmarks' workbook and its <see cref="WorkbookDescription"/> as JSON, for
/// another library to rebuild; <c>--check-workbook &lt;dir&gt;</c> describes the rebuilt workbook the same way, lists what
/// differs, and reads it back with <see cref="SelfAssessmentWorkbook.Read"/>.
/// </summary>
internal static class WorkbookExport
{
    /// <summary>The workbook as OfficeEval writes it.</summary>
    public const string WorkbookFile = "self-assessment.xlsx";

    /// <summary>Its description.</summary>
    public const string DescriptionFile = "workbook.json";

    /// <summary>The workbook as exceljs writes it from the description.</summary>
    public const string ExcelJsFile = "exceljs.xlsx";

    private const int MaxDifferencesShown = 40;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static void Export(string directory)
    {
        Directory.CreateDirectory(directory);

        // The first write and read in a fresh process, JIT included, as after the API starts. The read is of the
        // generated workbook: the filled copy is only made afterwards, with the Open XML SDK, which would warm it up.
        var template = WorkbookFixture.CreateTemplate(new Random(CampaignGenerator.DefaultSeed));
        var watch = Stopwatch.StartNew();
        using (var first = new MemoryStream())
        {
            SelfAssessmentWorkbook.Write(template, first);
            var written = watch.Elapsed;
            watch.Restart();
            first.Position = 0;
            SelfAssessmentWorkbook.Read(first, template);
            Console.WriteLine(string.Create(Inv, $"First call in this process (JIT included): Write {written.TotalMilliseconds:0} ms, Read {watch.Elapsed.TotalMilliseconds:0} ms"));
        }

        var fixture = WorkbookFixture.Create();
        var workbookPath = Path.Combine(directory, WorkbookFile);
        File.WriteAllBytes(workbookPath, fixture.Generated);

        var description = WorkbookDescriber.Describe(new MemoryStream(fixture.Generated, writable: false));
        var descriptionPath = Path.Combine(directory, DescriptionFile);
        File.WriteAllText(descriptionPath, JsonSerializer.Serialize(description, Json) + "\n");

        Console.WriteLine(string.Create(Inv, $"{workbookPath}: {fixture.Generated.Length:N0} bytes, {description.Sheets.Count} sheet(s): {string.Join(", ", description.Sheets.Select(s => $"{s.Name} ({s.Cells.Count} cells, {s.DataValidations.Count} validations)"))}"));
        PrintParts(fixture.Generated);
        Console.WriteLine(string.Create(Inv, $"{descriptionPath}: {new FileInfo(descriptionPath).Length:N0} bytes, {description.Styles.Count} styles, {description.CustomXml.Count} custom XML part(s)"));
        foreach (var sheet in description.Sheets.Where(s => s.NotDescribed.Count > 0))
        {
            Console.WriteLine($"Sheet {sheet.Name}: not described: {string.Join(", ", sheet.NotDescribed)}");
        }

        if (description.NotDescribed.Count > 0)
        {
            Console.WriteLine("Workbook: not described: " + string.Join(", ", description.NotDescribed));
        }
    }

    /// <summary>Compares the exceljs workbook with the description; returns the process exit code (0 when nothing differs).</summary>
    public static int Check(string directory)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, DescriptionFile)))!;
        var path = Path.Combine(directory, ExcelJsFile);
        var bytes = File.ReadAllBytes(path);
        var actual = JsonSerializer.SerializeToNode(WorkbookDescriber.Describe(new MemoryStream(bytes, writable: false)), Json)!;

        Console.WriteLine(string.Create(Inv, $"{path}: {bytes.Length:N0} bytes; OfficeEval's {WorkbookFile}: {new FileInfo(Path.Combine(directory, WorkbookFile)).Length:N0} bytes"));
        PrintParts(bytes);

        var differences = new List<(string Path, string Expected, string Actual)>();
        Diff(Normalize(expected), Normalize(actual), "", differences);
        var exit = 0;
        if (differences.Count == 0)
        {
            Console.WriteLine("Description: the exceljs workbook matches the description.");
        }
        else
        {
            exit = 1;
            Console.WriteLine(string.Create(Inv, $"Description: {differences.Count} difference(s), by kind (expected → exceljs):"));
            foreach (var group in differences.GroupBy(d => Kind(d.Path)).Take(MaxDifferencesShown))
            {
                var first = group.First();
                Console.WriteLine(string.Create(Inv, $"  {group.Key}: {group.Count()}× e.g. {first.Path}: {first.Expected} → {first.Actual}"));
            }
        }

        var fixture = WorkbookFixture.Create();
        try
        {
            var read = SelfAssessmentWorkbook.Read(new MemoryStream(bytes, writable: false), fixture.Template);
            Console.WriteLine(string.Create(Inv, $"Reader: accepted; {read.Answers.Count} rows read, {read.Problems.Count} problem(s)."));
            if (read.Problems.Count > 0 || read.Answers.Count != fixture.Template.Framework.Leaves().Count())
            {
                exit = 1;
            }
        }
        catch (WorkbookRejectedException e)
        {
            Console.WriteLine("Reader: rejected: " + e.Message);
            exit = 1;
        }

        return exit;
    }

    private static void PrintParts(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
        Console.WriteLine(string.Create(Inv, $"  {"part",-36} {"XML bytes",10} {"zipped",8}"));
        foreach (var entry in zip.Entries)
        {
            Console.WriteLine(string.Create(Inv, $"  {entry.FullName,-36} {entry.Length,10:N0} {entry.CompressedLength,8:N0}"));
        }

        Console.WriteLine(string.Create(Inv, $"  {"total",-36} {zip.Entries.Sum(e => e.Length),10:N0} {zip.Entries.Sum(e => e.CompressedLength),8:N0}"));
    }

    /// <summary>
    /// Keys cells by reference, rows by index, columns by number and validations by cell, and puts each cell's style
    /// in place of its index, so that one missing cell or one extra style is one difference and not a shift of
    /// everything after it. Empty cells covered by a merged range (not its top-left cell) are left out: some writers
    /// write them and some do not, and Excel shows nothing of them.
    /// </summary>
    private static JsonNode Normalize(JsonNode description)
    {
        var node = description.DeepClone();
        var styles = node["styles"]!.AsArray();
        foreach (var sheet in node["sheets"]!.AsArray())
        {
            var covered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var merge in sheet!["merges"]!.AsArray())
            {
                covered.UnionWith(Cells(((string)merge!)!).Skip(1));
            }

            var cells = new JsonObject();
            foreach (var cell in sheet["cells"]!.AsArray())
            {
                var copy = cell!.DeepClone().AsObject();
                var reference = (string)copy["ref"]!;
                if (covered.Contains(reference) && copy["type"] is null && copy["formula"] is null)
                {
                    continue;
                }

                copy.Remove("ref");
                copy["style"] = styles[(int)copy["style"]!]!.DeepClone();
                cells[reference] = copy;
            }

            var columns = new JsonObject();
            foreach (var column in sheet["columns"]!.AsArray())
            {
                for (var c = (int)column!["min"]!; c <= (int)column["max"]!; c++)
                {
                    var copy = column.DeepClone().AsObject();
                    copy.Remove("min");
                    copy.Remove("max");
                    columns[ColumnName(c)] = copy;
                }
            }

            var rows = new JsonObject();
            foreach (var row in sheet["rows"]!.AsArray())
            {
                var copy = row!.DeepClone().AsObject();
                rows[((int)copy["index"]!).ToString(Inv)] = copy;
                copy.Remove("index");
            }

            var validations = new JsonObject();
            foreach (var validation in sheet["dataValidations"]!.AsArray())
            {
                var copy = validation!.DeepClone().AsObject();
                var sqref = (string)copy["ref"]!;
                copy.Remove("ref");
                foreach (var cell in Cells(sqref))
                {
                    validations[cell] = copy.DeepClone();
                }
            }

            var sheetObject = sheet.AsObject();
            sheetObject["cells"] = cells;
            sheetObject["columns"] = columns;
            sheetObject["rows"] = rows;
            sheetObject["dataValidations"] = validations;
        }

        node.AsObject().Remove("styles");
        return node;
    }

    private static void Diff(JsonNode? expected, JsonNode? actual, string path, List<(string, string, string)> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    Diff(e[key], a[key], path + "/" + key, differences);
                }

                break;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    Diff(i < e.Count ? e[i] : null, i < a.Count ? a[i] : null, path + "/" + i.ToString(Inv), differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add((path, Show(expected), Show(actual)));
                }

                break;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(Json).ReplaceLineEndings(" ") ?? "(none)";
        return text.Length > 160 ? text[..160] + "…" : text;
    }

    /// <summary>The path with cells, rows, columns and validation cells replaced by placeholders, to group differences.</summary>
    private static string Kind(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i - 1] is "cells" or "dataValidations")
            {
                parts[i] = "<cell>";
            }
            else if (parts[i - 1] == "rows")
            {
                parts[i] = "<row>";
            }
            else if (parts[i - 1] == "columns")
            {
                parts[i] = "<column>";
            }
        }

        return string.Join("/", parts);
    }

    /// <summary>The cells of a space-separated list of references and ranges.</summary>
    private static IEnumerable<string> Cells(string sqref)
    {
        foreach (var range in sqref.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = range.Split(':');
            var (firstColumn, firstRow) = Split(ends[0]);
            var (lastColumn, lastRow) = Split(ends[^1]);
            for (var row = firstRow; row <= lastRow; row++)
            {
                for (var column = firstColumn; column <= lastColumn; column++)
                {
                    yield return ColumnName(column) + row.ToString(Inv);
                }
            }
        }
    }

    private static (int Column, int Row) Split(string reference)
    {
        var letters = reference.TakeWhile(char.IsAsciiLetter).Count();
        var column = reference[..letters].Aggregate(0, (index, c) => (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1));
        return (column, int.Parse(reference.AsSpan(letters), NumberStyles.None, Inv));
    }

    private static string ColumnName(int index)
    {
        var name = "";
        while (index > 0)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
            index = (index - 1) / 26;
        }

        return name;
    }
}
