using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The targets for the self-evaluation workbook of a 250-leaf framework: writing it (≤ 30 ms) and reading a
/// filled one back into answers (≤ 30 ms), next to the floors: deflating and inflating the same XML parts.
/// </summary>
/// <remarks>
/// <see cref="DeflateFloor"/> compresses as the writer's package does: the Open XML SDK creates parts with
/// <c>CompressionOption.Normal</c>, which System.IO.Packaging maps to <see cref="CompressionLevel.Optimal"/> (zlib's
/// default level, 6); the one part the package stores, <c>_rels/.rels</c>, is stored.
/// </remarks>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class WorkbookBenchmarks
{
    private WorkbookFixture fixture = null!;
    private (string Name, byte[] Content, bool Stored)[] generatedParts = [];
    private byte[] buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        fixture = WorkbookFixture.Create();
        generatedParts = WorkbookFixture.Parts(fixture.Generated);
        buffer = new byte[81920];
    }

    /// <summary>The template (campaign, unit, framework) written as a workbook into a memory stream.</summary>
    [Benchmark]
    public long Write()
    {
        using var output = new MemoryStream();
        SelfAssessmentWorkbook.Write(fixture.Template, output);
        return output.Length;
    }

    /// <summary>The filled workbook read back into 250 answers, with the upload checks.</summary>
    [Benchmark]
    public WorkbookReadResult Read() => SelfAssessmentWorkbook.Read(new MemoryStream(fixture.Filled, writable: false), fixture.Template);

    /// <summary>The floor of <see cref="Write"/>: the generated workbook's parts, already serialized, deflated into a new zip.</summary>
    [Benchmark]
    public long DeflateFloor()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, stored) in generatedParts)
            {
                using var stream = zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return output.Length;
    }

    /// <summary>The floor of <see cref="Read"/>: every part of the filled workbook inflated once.</summary>
    [Benchmark]
    public long InflateFloor()
    {
        long total = 0;
        using var zip = new ZipArchive(new MemoryStream(fixture.Filled, writable: false), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
            }
        }

        return total;
    }

    /// <summary>The structure hash the API computes for the template on every download and upload.</summary>
    [Benchmark]
    public string StructureHash() => SelfAssessmentWorkbook.StructureHash(fixture.Template.Framework);
}
