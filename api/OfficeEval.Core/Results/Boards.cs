using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace OfficeEval.Core.Results;

/// <summary>
/// Red, yellow and green boards (红黄绿榜), per unit category (e.g. 经济 / 非经济):
/// within each category units are ranked by score rate (standard competition ranking); the top N are green, the
/// bottom M red, the others yellow, N and M set per category or by default.
/// <list type="bullet">
/// <item>Ties at a boundary go to the better board: units tied with the last green place are all green; a tie group
/// that does not fit entirely in the bottom M places is yellow.</item>
/// <item>When a category is too small for both, green wins: a unit is never both.</item>
/// <item>A unit red in the previous campaign and red again is flagged (连续两次红榜).</item>
/// </list>
/// The result depends only on each unit's category, score rate and previous board, never on the input order.
/// </summary>
public static class Boards
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Places every candidate on a board; results are in the candidates' order.</summary>
    public static BoardResult<TKey> Assign<TKey>(IEnumerable<BoardCandidate<TKey>> candidates, BoardPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(policy);
        var units = candidates.ToList();
        var problems = new List<EngineProblem>();
        var placements = new BoardPlacement<TKey>[units.Count];
        var sizes = new Dictionary<string, BoardSize>(StringComparer.Ordinal);

        foreach (var group in Enumerable.Range(0, units.Count).GroupBy(i => units[i].Category ?? "", StringComparer.Ordinal))
        {
            var category = group.Key;
            var size = SizeOf(policy, category, problems);
            var members = group.ToArray();
            var rates = members.Select(i => units[i].ScoreRate).ToArray();
            var ranks = Ranking.Ranks(rates);
            var n = members.Length;
            for (var j = 0; j < n; j++)
            {
                var unit = units[members[j]];
                var rank = ranks[j];
                // Red when the whole tie group fits in the bottom places: rank > n − red.
                var board = rank <= size.Green ? Board.Green : rank > n - size.Red ? Board.Red : Board.Yellow;
                var consecutive = board == Board.Red && unit.Previous == Board.Red;
                placements[members[j]] = new BoardPlacement<TKey>(unit.Key, category, rank, n, board, consecutive,
                    Explain(category, n, rank, board, size, consecutive));
            }
        }

        return new BoardResult<TKey>(placements, problems);
    }

    private static BoardSize SizeOf(BoardPolicy policy, string category, List<EngineProblem> problems)
    {
        var size = policy.PerCategory is { } perCategory && perCategory.TryGetValue(category, out var own) ? own : policy.Default;
        if (size is null || size.Green < 0 || size.Red < 0)
        {
            problems.Add(new EngineProblem("board.size_invalid",
                string.Create(Inv, $"“{category}”类的红绿榜名额（绿榜 {size?.Green}，红榜 {size?.Red}）不能为负数，按 0 处理。"),
                string.Create(Inv, $"Category \"{category}\": board sizes (green {size?.Green}, red {size?.Red}) cannot be negative; 0 is used."))
            { Field = "boards" });
            return new BoardSize(Math.Max(0, size?.Green ?? 0), Math.Max(0, size?.Red ?? 0));
        }

        return size;
    }

    private static string Explain(string category, int count, int rank, Board board, BoardSize size, bool consecutive)
    {
        var text = new StringBuilder(64);
        text.Append(Inv, $"在“{category}”类 {count} 个单位中排第 {rank} 名，");
        text.Append(board switch
        {
            Board.Green => string.Create(Inv, $"位列前 {size.Green} 名，列入绿榜。"),
            Board.Red => string.Create(Inv, $"位列后 {size.Red} 名，列入红榜。"),
            Board.Yellow => "列入黄榜。",
        });
        if (consecutive)
        {
            text.Append("上一批次也列入红榜，连续两次列入红榜。");
        }

        return text.ToString();
    }
}

/// <summary>The three boards.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Board>))]
public enum Board
{
    /// <summary>绿榜: the top of the category.</summary>
    Green,
    /// <summary>黄榜: neither top nor bottom.</summary>
    Yellow,
    /// <summary>红榜: the bottom of the category.</summary>
    Red,
}

/// <summary>How many units go on the green and red boards of a category.</summary>
/// <param name="Green">Top N (≥ 0).</param>
/// <param name="Red">Bottom N (≥ 0).</param>
public sealed record BoardSize(int Green, int Red);

/// <summary>Board sizes: a default, and optionally one per category.</summary>
/// <param name="Default">Sizes for categories not listed in <see cref="PerCategory"/>.</param>
public sealed record BoardPolicy(BoardSize Default)
{
    /// <summary>Sizes per category name.</summary>
    public IReadOnlyDictionary<string, BoardSize> PerCategory { get; init; } = new Dictionary<string, BoardSize>(StringComparer.Ordinal);
}

/// <summary>A unit to place on a board.</summary>
/// <param name="Key">The unit's key.</param>
/// <param name="Category">Its category (e.g. 经济); units are ranked within their category.</param>
/// <param name="ScoreRate">Its score rate (percent).</param>
public sealed record BoardCandidate<TKey>(TKey Key, string Category, decimal ScoreRate)
{
    /// <summary>Its board in the previous campaign, if it was evaluated then.</summary>
    public Board? Previous { get; init; }
}

/// <summary>A unit's board.</summary>
/// <param name="Key">The unit's key.</param>
/// <param name="Category">Its category.</param>
/// <param name="Rank">Its competition rank within the category.</param>
/// <param name="CategoryCount">How many units the category has.</param>
/// <param name="Board">Green, yellow or red.</param>
/// <param name="ConsecutiveRed">True when red now and in the previous campaign.</param>
/// <param name="Explanation">Why, in Chinese.</param>
public sealed record BoardPlacement<TKey>(TKey Key, string Category, int Rank, int CategoryCount, Board Board, bool ConsecutiveRed, string Explanation);

/// <summary>Placements and any problems with the policy.</summary>
/// <param name="Placements">One per candidate, in the candidates' order.</param>
/// <param name="Problems">Problems found.</param>
public sealed record BoardResult<TKey>(IReadOnlyList<BoardPlacement<TKey>> Placements, IReadOnlyList<EngineProblem> Problems);
