using OfficeEval.Core.Results;
using OfficeEval.Documents.Results;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Results;

/// <summary>
/// The consolidated workbook is written by streaming: what the writer holds does not grow with the rows. Measured, not
/// timed: the live heap after a full collection at every 10,000th row, and the bytes allocated per row. The class runs
/// alone (its collection disables parallelism), so other tests' objects do not enter the live heap measured.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class ConsolidatedWorkbookMemoryTests
{
    private const int Rows = 100_000;
    private const int SampleEvery = 10_000;

    [Fact]
    public void Write_100000Rows_LiveMemoryDoesNotGrowWithTheRows()
    {
        var info = ConsolidatedSamples.Info();
        var samples = new List<(int Row, long Live, long Allocated)>();
        var output = new CountingStream();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        ConsolidatedWorkbook.Write(info, Generate(info, samples), output);

        Assert.Equal(Rows / SampleEvery, samples.Count);
        // The file itself is several megabytes; had it been kept in memory (as the SDK's update-mode package does), the
        // live heap would have grown by about as much between the first sample and the last.
        Assert.True(output.Length > 4_000_000, $"{output.Length} bytes written");
        var first = samples[0];
        var last = samples[^1];
        Assert.True(last.Live - first.Live < 1_000_000,
            $"Live heap grew by {last.Live - first.Live:N0} bytes from row {first.Row:N0} to row {last.Row:N0}: {Describe(samples, baseline)}");
        Assert.True(samples.Max(s => s.Live) - baseline < 8_000_000, $"Live heap above the baseline: {Describe(samples, baseline)}");

        // Each row allocates its cells' texts and nothing that accumulates: the same bytes per row early and late.
        var early = (samples[1].Allocated - samples[0].Allocated) / SampleEvery;
        var late = (last.Allocated - samples[^2].Allocated) / SampleEvery;
        Assert.True(late < 6_000, $"{late:N0} bytes allocated per row");
        Assert.True(late <= early + (early / 10), $"{early:N0} bytes per row early, {late:N0} late");
    }

    /// <summary>Rows made as they are asked for, so the test holds none of them; samples memory as it goes.</summary>
    private static IEnumerable<ConsolidatedRow> Generate(ConsolidatedWorkbookInfo info, List<(int Row, long Live, long Allocated)> samples)
    {
        for (var i = 1; i <= Rows; i++)
        {
            var dimensions = info.Dimensions.Select((d, n) => new DimensionScore(d.Code, d.Name, d.MaxPoints * (50 + ((i + n) % 50)) / 100m, d.MaxPoints, 50 + ((i + n) % 50))).ToList();
            var total = dimensions.Sum(d => d.Score);
            yield return new ConsolidatedRow($"U{i:D6}", $"测试单位{i}")
            {
                Category = i % 2 == 0 ? "经济" : "非经济",
                Status = "已实地评估",
                Dimensions = dimensions,
                Total = total,
                ScoreRate = total,
                SelfTotal = total + 1.5m,
                Deviation = 1.5m,
                Rank = i,
                Grade = "良",
                Board = (Board)(i % 3),
            };

            if (i % SampleEvery == 0)
            {
                samples.Add((i, GC.GetTotalMemory(forceFullCollection: true), GC.GetAllocatedBytesForCurrentThread()));
            }
        }
    }

    private static string Describe(List<(int Row, long Live, long Allocated)> samples, long baseline) =>
        $"baseline {baseline:N0}; " + string.Join(", ", samples.Select(s => $"row {s.Row:N0}: {s.Live:N0}"));
}

/// <summary>Memory measurements run alone: a full collection's live heap must hold only what the test holds.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory";
}
