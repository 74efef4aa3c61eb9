using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.Results;

namespace OfficeEval.Documents.Tests.Results;

/// <summary>A small campaign's consolidated rows: three dimensions, four scored units on each board and one not started.</summary>
internal static class ConsolidatedSamples
{
    public static readonly ConsolidatedDimension[] Dimensions =
    [
        new("1", "机构编制执行", 40m),
        new("2", "人员使用效益", 35m),
        new("3", "满意度", 25m),
    ];

    public static readonly DateTimeOffset GeneratedAt = new(2027, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));

    /// <summary>Dimension scores per scored unit; totals and rates follow from them.</summary>
    private static readonly (string Code, string Name, string Category, decimal[] Scores, decimal Self, string Grade, Board Board, bool Vetoed, bool ConsecutiveRed)[] Scored =
    [
        ("ZF-FGW", "市发展和改革委员会", "经济", [38m, 33.5m, 24m], 97m, "优", Board.Green, false, false),
        ("DW-ZZB", "市委组织部", "非经济", [36m, 30m, 22.25m], 90m, "良", Board.Yellow, false, false),
        ("ZF-JYJ", "市教育局", "非经济", [30m, 27m, 20m], 80m, "中", Board.Yellow, false, false),
        ("XZ-CGJD", "城关街道", "经济", [20m, 21m, 15.5m], 70m, "差", Board.Red, false, true),
    ];

    public static List<UnitScore> Scores() =>
    [
        .. Scored.Select(u =>
        {
            var dimensions = Dimensions.Select((d, i) => new DimensionScore(d.Code, d.Name, u.Scores[i], d.MaxPoints, Score.Rate(u.Scores[i], d.MaxPoints))).ToList();
            var total = dimensions.Sum(d => d.Score);
            return new UnitScore(total, 100m, Score.Rate(total, 100m), dimensions, [], []);
        }),
    ];

    public static ConsolidatedWorkbookInfo Info(CampaignSummary? statistics = null) =>
        new("2026年度机构编制执行情况和使用效益评估", 100m, Dimensions, statistics ?? CampaignStatistics.Compute(Scores()))
        {
            GeneratedAt = GeneratedAt,
            Grades = ["优", "良", "中", "差"],
        };

    /// <summary>The four scored units by rank, then one that has not started.</summary>
    public static List<ConsolidatedRow> Rows()
    {
        var scores = Scores();
        var rows = Scored.Select((u, i) => new ConsolidatedRow(u.Code, u.Name)
        {
            Category = u.Category,
            Status = "已实地评估",
            Dimensions = scores[i].Dimensions,
            Total = scores[i].Total,
            ScoreRate = scores[i].ScoreRate,
            SelfTotal = u.Self,
            Deviation = u.Self - scores[i].Total,
            Rank = i + 1,
            Grade = u.Grade,
            Board = u.Board,
            Vetoed = u.Vetoed,
            ConsecutiveRed = u.ConsecutiveRed,
        }).ToList();
        rows.Add(new ConsolidatedRow("QT-GQT", "共青团市委") { Category = "非经济", Status = "未开始" });
        return rows;
    }

    public static byte[] Write(IEnumerable<ConsolidatedRow>? rows = null, ConsolidatedWorkbookInfo? info = null)
    {
        using var output = new MemoryStream();
        ConsolidatedWorkbook.Write(info ?? Info(), rows ?? Rows(), output);
        return output.ToArray();
    }
}
