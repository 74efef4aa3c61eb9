namespace OfficeEval.Core.Results;

/// <summary>Ranks scores.</summary>
public static class Ranking
{
    /// <summary>
    /// Standard competition ranking (“1224”): a higher score ranks better; equal scores share a rank, and the next
    /// rank skips by the size of the tie (90, 80, 80, 70 → 1, 2, 2, 4). Scores compare as decimals, so 80 and 80.00 tie.
    /// Returns each key with its rank, best first; ties keep the input's relative order, so the ranks depend on the
    /// scores only and the order of the result on the scores and that input order.
    /// </summary>
    public static IReadOnlyList<(TKey Key, int Rank)> Competition<TKey>(IEnumerable<(TKey Key, decimal Score)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ordered = scores.OrderByDescending(s => s.Score).ToList();
        var ranks = new List<(TKey, int)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranks[i - 1].Item2 : i + 1;
            ranks.Add((ordered[i].Key, rank));
        }

        return ranks;
    }

    /// <summary>The competition rank of each score, by index (1 + the number of strictly higher scores).</summary>
    internal static int[] Ranks(IReadOnlyList<decimal> scores)
    {
        var order = new int[scores.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var byScore && byScore != 0 ? byScore : a.CompareTo(b));
        var ranks = new int[scores.Count];
        for (var i = 0; i < order.Length; i++)
        {
            ranks[order[i]] = i > 0 && scores[order[i]] == scores[order[i - 1]] ? ranks[order[i - 1]] : i + 1;
        }

        return ranks;
    }
}
