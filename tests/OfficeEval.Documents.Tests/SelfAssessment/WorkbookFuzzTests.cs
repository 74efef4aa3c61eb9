using System.IO.Compression;
using System.Text;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>
/// Damaged packages, seeded so a failure reproduces: whatever is changed inside a filled workbook, reading it either
/// succeeds or refuses the file with <see cref="WorkbookRejectedException"/>, never anything else (which the API
/// would answer with a 500).
/// </summary>
public class WorkbookFuzzTests
{
    private static readonly byte[] Filled = WorkbookFiller.Fill(
        WorkbookFiller.SetCells(TestTemplates.Generate(), "编制与人员", new Dictionary<string, object> { ["B6"] = 12m, ["B15"] = 5m }),
        new Dictionary<string, FilledRow> { ["1.1"] = FilledRow.Option("较好", 6m, "说明"), ["1.2.1"] = FilledRow.Count(1m) });

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 8)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_DamagedParts_OnlyEverRefusesTheFile(int seed)
    {
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            var (damaged, how) = Damage(Filled, random);
            string outcome;
            try
            {
                TestTemplates.Read(damaged);
                outcome = "read";
            }
            catch (WorkbookRejectedException e)
            {
                outcome = e.Code;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, case {i}: {how} threw {e.GetType().Name}: {e.Message}");
                return;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(outcomes.Count > 1, "every damaged file ended the same way: " + string.Join(", ", outcomes));
    }

    internal static (byte[] Bytes, string How) Damage(byte[] xlsx, Random random)
    {
        using var source = new ZipArchive(new MemoryStream(xlsx));
        var entries = source.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, Data: copy.ToArray());
        }).ToList();

        var index = random.Next(entries.Count);
        var (name, data) = entries[index];
        var text = Encoding.UTF8.GetString(data);
        var kind = random.Next(6);
        string damaged;
        switch (kind)
        {
            case 0:
                damaged = text[..random.Next(text.Length)];
                break;
            case 1:
                var at = random.Next(text.Length);
                damaged = text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at));
                break;
            case 2:
                var from = random.Next(text.Length);
                var length = Math.Min(random.Next(1, 200), text.Length - from);
                damaged = text.Insert(random.Next(text.Length), text.Substring(from, length));
                break;
            case 3:
                // An attribute value replaced: ids, references, indexes, content types, targets.
                var quote = text.IndexOf('"', random.Next(text.Length));
                var end = quote < 0 ? -1 : text.IndexOf('"', quote + 1);
                damaged = quote < 0 || end < 0 ? text + "<" : text[..(quote + 1)] + Garbage(random) + text[end..];
                break;
            case 4:
                var bytes = (byte[])data.Clone();
                for (var i = 0; i < 4 && bytes.Length > 0; i++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                damaged = Encoding.UTF8.GetString(bytes);
                break;
            default:
                entries.RemoveAt(index);
                return (Pack(entries), $"{name} removed");
        }

        entries[index] = (name, Encoding.UTF8.GetBytes(damaged));
        return (Pack(entries), $"{name} damaged ({kind})");
    }

    private static string Garbage(Random random) => random.Next(5) switch
    {
        0 => "rId999",
        1 => "-1",
        2 => "ZZZ99999999",
        3 => "/xl/worksheets/../../../etc/passwd",
        _ => "",
    };

    private static byte[] Pack(List<(string Name, byte[] Data)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(data);
            }
        }

        return output.ToArray();
    }
}
