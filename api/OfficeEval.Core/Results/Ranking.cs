namespace OfficeEval.Core.Results;

/// <summary>Ranks scores.</summary>
public static class Ranking
{
    /// <summary>
    /// Standard competition ranking ("1224"): equal scores share a rank and the next rank skips accordingly.
    /// Returns each key with its rank, best first; ties keep the input's relative order, so the result does not
    /// depend on anything but the scores and that order.
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
}
