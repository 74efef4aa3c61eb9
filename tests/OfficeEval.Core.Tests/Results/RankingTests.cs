using OfficeEval.Core.Results;

namespace OfficeEval.Core.Tests.Results;

public class RankingTests
{
    [Fact]
    public void Competition_TiedScores_ShareRankAndNextSkips()
    {
        var ranks = Ranking.Competition<string>([("A", 90m), ("B", 80m), ("C", 80m), ("D", 70m)]);

        Assert.Equal([("A", 1), ("B", 2), ("C", 2), ("D", 4)], ranks);
    }

    [Fact]
    public void Competition_UnsortedInput_IsReturnedBestFirst()
    {
        var ranks = Ranking.Competition<string>([("low", 60.5m), ("high", 99m), ("mid", 75.25m)]);

        Assert.Equal([("high", 1), ("mid", 2), ("low", 3)], ranks);
    }

    [Fact]
    public void Competition_ThreeWayTieAtTop_NextRankIsFour()
    {
        var ranks = Ranking.Competition<string>([("A", 88m), ("B", 88m), ("C", 88m), ("D", 87.99m)]);

        Assert.Equal([1, 1, 1, 4], ranks.Select(r => r.Rank));
    }

    [Fact]
    public void Competition_EqualScoresWithDifferentScale_AreTied()
    {
        var ranks = Ranking.Competition<string>([("A", 80m), ("B", 80.00m)]);

        Assert.Equal([1, 1], ranks.Select(r => r.Rank));
    }

    [Fact]
    public void Competition_Empty_IsEmpty()
    {
        Assert.Empty(Ranking.Competition<string>([]));
    }

    [Fact]
    public void Competition_ShuffledInput_GivesEveryKeyTheSameRank()
    {
        (string Key, decimal Score)[] scores = [("A", 91m), ("B", 85.5m), ("C", 85.5m), ("D", 85.5m), ("E", 70m), ("F", 91m), ("G", 60.01m), ("H", 60m)];
        var expected = new Dictionary<string, int>
        {
            ["A"] = 1, ["F"] = 1, ["B"] = 3, ["C"] = 3, ["D"] = 3, ["E"] = 6, ["G"] = 7, ["H"] = 8,
        };
        var random = new Random(42);

        for (var i = 0; i < 50; i++)
        {
            var shuffled = scores.ToArray();
            random.Shuffle(shuffled);

            var ranks = Ranking.Competition(shuffled).ToDictionary(r => r.Key, r => r.Rank);

            Assert.Equal(expected, ranks);
        }
    }

    [Fact]
    public void Competition_Ties_KeepInputOrder()
    {
        var ranks = Ranking.Competition<string>([("Z", 50m), ("Y", 70m), ("X", 50m)]);

        Assert.Equal(["Y", "Z", "X"], ranks.Select(r => r.Key));
    }
}
