using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using OfficeEval.Documents.Reports;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The Word reports on the generated campaign (250 leaves, 3,000 units): the target, one evaluation report
/// (≤ 50 ms, the unit of the 3,000-report batch), next to the self-evaluation report, the campaign's summary report
/// over 3,000 units, and the floor of the evaluation report: deflating its parts, already serialized.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private ReportFixture fixture = null!;
    private (string Name, byte[] Content, bool Stored)[] evaluationParts = [];

    [GlobalSetup]
    public void Setup()
    {
        fixture = ReportFixture.Create();
        evaluationParts = WorkbookFixture.Parts(Write(s => EvaluationReport.Write(fixture.Evaluation, s)));
    }

    /// <summary>One unit's 评估报告 with its radar chart and 250 indicator content controls, into a memory stream.</summary>
    [Benchmark]
    public long EvaluationReportWrite() => Write(s => EvaluationReport.Write(fixture.Evaluation, s)).LongLength;

    /// <summary>One unit's 自评报告 (250 indicators with answer, scores, explanation, 情况说明 and evidence).</summary>
    [Benchmark]
    public long SelfAssessmentReportWrite() => Write(s => SelfAssessmentReport.Write(fixture.SelfAssessment, s)).LongLength;

    /// <summary>The 综合评估情况报告 of 3,000 units: its ranking table has 3,000 rows.</summary>
    [Benchmark]
    public long SummaryReportWrite() => Write(s => SummaryReport.Write(fixture.Summary, s)).LongLength;

    /// <summary>The floor of <see cref="EvaluationReportWrite"/>: its parts, already serialized, deflated into a new zip.</summary>
    [Benchmark]
    public long EvaluationDeflateFloor()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, stored) in evaluationParts)
            {
                using var stream = zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        return output.Length;
    }

    internal static byte[] Write(Action<Stream> write)
    {
        using var output = new MemoryStream();
        write(output);
        return output.ToArray();
    }
}
