using BenchmarkDotNet.Attributes;
using OfficeEval.Documents.Results;

namespace OfficeEval.Benchmarks;

/// <summary>
/// The consolidated results workbook (评估结果汇总表) of the generated campaign: 3,000 units ranked, graded and placed
/// on boards by the same consolidation as <see cref="CampaignBenchmarks"/>, written with their statistics sheet and
/// chart. 30,000 units (the 3,000 repeated) show that time and allocation grow with the rows and nothing else does.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class ConsolidatedWorkbookBenchmarks
{
    private ConsolidatedWorkbookInfo info = null!;
    private ConsolidatedRow[] rows = [];
    private MemoryStream output = null!;

    [Params(3_000, 30_000)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var campaign = CampaignGenerator.Generate();
        var outcome = Consolidation.Run(campaign);
        info = Info(campaign, outcome);
        var unitRows = UnitRows(campaign, outcome);
        rows = [.. Enumerable.Range(0, Units).Select(i => i < unitRows.Count ? unitRows[i] : unitRows[i % unitRows.Count] with { UnitCode = $"{unitRows[i % unitRows.Count].UnitCode}-{i / unitRows.Count}" })];
        // The API writes into a memory stream; one reused here, so the benchmark measures the writer and not the stream's growth.
        output = new MemoryStream(capacity: 64 * 1024 * 1024);
    }

    [Benchmark]
    public long Write()
    {
        output.SetLength(0);
        ConsolidatedWorkbook.Write(info, rows, output);
        return output.Length;
    }

    internal static ConsolidatedWorkbookInfo Info(Campaign campaign, CampaignOutcome outcome) =>
        new("2026年度机构编制执行情况和使用效益评估", campaign.Framework.TotalPoints,
            [.. campaign.Framework.Dimensions.Select(d => new ConsolidatedDimension(d.Code, d.Name, d.Points))], outcome.Summary)
        {
            GeneratedAt = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)),
            Grades = ["优", "良", "中", "差"],
        };

    /// <summary>Every unit's row, by rank as the API sorts them.</summary>
    internal static List<ConsolidatedRow> UnitRows(Campaign campaign, CampaignOutcome outcome)
    {
        var ranks = outcome.Ranking.ToDictionary(r => r.Key, r => r.Rank);
        var grades = outcome.Grades.Grades.ToDictionary(g => g.Key);
        var boards = outcome.Boards.Placements.ToDictionary(p => p.Key);
        return [.. campaign.Units.Select((unit, i) =>
        {
            var score = outcome.Scores[i];
            var self = score.Total + (i % 7);
            return new ConsolidatedRow(unit.Id, "测试单位" + unit.Id)
            {
                Category = unit.Category,
                Status = "已实地评估",
                Dimensions = score.Dimensions,
                Total = score.Total,
                ScoreRate = score.ScoreRate,
                SelfTotal = self,
                Deviation = self - score.Total,
                Rank = ranks[unit.Id],
                Grade = grades[unit.Id].Grade,
                Board = boards[unit.Id].Board,
                ConsecutiveRed = boards[unit.Id].ConsecutiveRed,
                Vetoed = score.Vetoed,
            };
        }).OrderBy(r => r.Rank)];
    }
}
