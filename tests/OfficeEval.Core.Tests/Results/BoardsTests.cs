using OfficeEval.Core.Results;

namespace OfficeEval.Core.Tests.Results;

public class BoardsTests
{
    private const string Economic = "经济";
    private const string Other = "非经济";

    private static BoardCandidate<string> Unit(string key, string category, decimal rate, Board? previous = null) =>
        new(key, category, rate) { Previous = previous };

    private static Dictionary<string, Board> Boards(BoardPolicy policy, params BoardCandidate<string>[] units)
    {
        var result = Core.Results.Boards.Assign(units, policy);
        Assert.Empty(result.Problems);
        return result.Placements.ToDictionary(p => p.Key, p => p.Board);
    }

    [Fact]
    public void Assign_PerCategory_RanksWithinEachCategoryWithItsOwnSizes()
    {
        // 经济: top 2 green, bottom 1 red; 非经济 (default): top 1 green, bottom 1 red.
        var policy = new BoardPolicy(new BoardSize(1, 1)) { PerCategory = new Dictionary<string, BoardSize> { [Economic] = new(2, 1) } };

        var boards = Boards(policy,
            Unit("e1", Economic, 95m), Unit("e2", Economic, 90m), Unit("e3", Economic, 85m), Unit("e4", Economic, 80m), Unit("e5", Economic, 75m),
            Unit("o1", Other, 70m), Unit("o2", Other, 99m), Unit("o3", Other, 88m), Unit("o4", Other, 60m));

        Assert.Equal(
            [Board.Green, Board.Green, Board.Yellow, Board.Yellow, Board.Red, Board.Yellow, Board.Green, Board.Yellow, Board.Red],
            new[] { "e1", "e2", "e3", "e4", "e5", "o1", "o2", "o3", "o4" }.Select(k => boards[k]));
    }

    [Fact]
    public void Assign_TieAtTheGreenBoundary_AllTiedUnitsAreGreen()
    {
        var boards = Boards(new BoardPolicy(new BoardSize(2, 1)),
            Unit("a", Economic, 95m), Unit("b", Economic, 90m), Unit("c", Economic, 90m), Unit("d", Economic, 80m), Unit("e", Economic, 70m));

        Assert.Equal([Board.Green, Board.Green, Board.Green, Board.Yellow, Board.Red], "abcde".Select(k => boards[k.ToString()]));
    }

    [Fact]
    public void Assign_TieStraddlingTheRedBoundary_IsYellow()
    {
        // bottom 2 would be {60, one of the 65s}: the 65s tie, so they go to the better board.
        var boards = Boards(new BoardPolicy(new BoardSize(1, 2)),
            Unit("a", Economic, 95m), Unit("b", Economic, 80m), Unit("c", Economic, 65m), Unit("d", Economic, 65m), Unit("e", Economic, 60m));

        Assert.Equal([Board.Green, Board.Yellow, Board.Yellow, Board.Yellow, Board.Red], "abcde".Select(k => boards[k.ToString()]));
    }

    [Fact]
    public void Assign_TieThatFitsTheRedPlaces_IsAllRed()
    {
        var boards = Boards(new BoardPolicy(new BoardSize(1, 2)),
            Unit("a", Economic, 95m), Unit("b", Economic, 80m), Unit("c", Economic, 60m), Unit("d", Economic, 60m));

        Assert.Equal([Board.Green, Board.Yellow, Board.Red, Board.Red], "abcd".Select(k => boards[k.ToString()]));
    }

    [Fact]
    public void Assign_CategoryTooSmallForBothBoards_GreenWins()
    {
        var boards = Boards(new BoardPolicy(new BoardSize(2, 2)), Unit("a", Other, 90m), Unit("b", Other, 80m), Unit("c", Other, 70m));

        Assert.Equal([Board.Green, Board.Green, Board.Red], "abc".Select(k => boards[k.ToString()]));
    }

    [Fact]
    public void Assign_ZeroSizes_PutsEveryoneOnYellow()
    {
        var boards = Boards(new BoardPolicy(new BoardSize(0, 0)), Unit("a", Other, 90m), Unit("b", Other, 80m));

        Assert.All(boards.Values, b => Assert.Equal(Board.Yellow, b));
    }

    [Fact]
    public void Assign_RedAgainAfterRed_IsFlaggedConsecutive()
    {
        var result = Core.Results.Boards.Assign(
            [
                Unit("a", Economic, 95m, Board.Red),
                Unit("b", Economic, 80m, Board.Red),
                Unit("c", Economic, 50m, Board.Red),
                Unit("d", Economic, 40m, Board.Yellow),
                Unit("e", Economic, 30m),
            ],
            new BoardPolicy(new BoardSize(1, 3)));

        Assert.Equal(
            [(Board.Green, false), (Board.Yellow, false), (Board.Red, true), (Board.Red, false), (Board.Red, false)],
            result.Placements.Select(p => (p.Board, p.ConsecutiveRed)));
        Assert.Equal("在“经济”类 5 个单位中排第 3 名，位列后 3 名，列入红榜。上一批次也列入红榜，连续两次列入红榜。", result.Placements[2].Explanation);
    }

    [Fact]
    public void Assign_Placement_CarriesCategoryRankAndCount()
    {
        var placement = Core.Results.Boards.Assign([Unit("a", Economic, 90m), Unit("b", Economic, 95m)], new BoardPolicy(new BoardSize(1, 1))).Placements[0];

        Assert.Equal((Economic, 2, 2, Board.Red), (placement.Category, placement.Rank, placement.CategoryCount, placement.Board));
    }

    [Fact]
    public void Assign_NegativeSize_IsReportedAndTreatedAsZero()
    {
        var result = Core.Results.Boards.Assign([Unit("a", Other, 90m), Unit("b", Other, 80m)], new BoardPolicy(new BoardSize(-1, 1)));

        Assert.Equal("board.size_invalid", Assert.Single(result.Problems).Code);
        Assert.Equal([Board.Yellow, Board.Red], result.Placements.Select(p => p.Board));
    }

    [Fact]
    public void Assign_ShuffledCandidates_GiveEveryUnitTheSamePlacement()
    {
        var random = new Random(5);
        var units = Enumerable.Range(0, 30).Select(i => Unit($"u{i}", i % 3 == 0 ? Economic : Other, random.Next(60, 70), i % 4 == 0 ? Board.Red : null)).ToArray();
        var policy = new BoardPolicy(new BoardSize(3, 3));
        var expected = Core.Results.Boards.Assign(units, policy).Placements.ToDictionary(p => p.Key);

        for (var run = 0; run < 20; run++)
        {
            var shuffled = units.ToArray();
            random.Shuffle(shuffled);

            var placements = Core.Results.Boards.Assign(shuffled, policy).Placements;

            Assert.Equal(shuffled.Select(u => u.Key), placements.Select(p => p.Key));
            Assert.Equal(expected, placements.ToDictionary(p => p.Key));
        }
    }
}
