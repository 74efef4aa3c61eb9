using System.Globalization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>
/// A campaign's statistics (综合评估情况): average score and score rate overall and per dimension, and how many units
/// fall in each score-rate band. Averages are taken over exact values and rounded once; a unit whose total was
/// zeroed by a 一票否决 item counts with its zero. Bands use each unit's reported (rounded) score rate; each band
/// includes its lower edge (≥ 90, 80 ≤ r &lt; 90, …, &lt; 60 with the default edges).
/// </summary>
public static class CampaignStatistics
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Computes the statistics of <paramref name="units"/>. <paramref name="bandEdges"/> are the score-rate edges
    /// (percent) between bands, in any order (default <see cref="EngineDefaults.DistributionEdges"/>); repeated edges count once.
    /// </summary>
    public static CampaignSummary Compute(IEnumerable<UnitScore> units, IReadOnlyList<decimal>? bandEdges = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        var list = units.ToList();
        var edges = (bandEdges ?? EngineDefaults.DistributionEdges).Distinct().OrderDescending().ToArray();

        var totalSum = 0m;
        var rateSum = 0m;
        var counts = new int[edges.Length + 1];
        var dimensions = new List<DimensionAccumulator>();
        var byCode = new Dictionary<string, DimensionAccumulator>(StringComparer.Ordinal);
        foreach (var unit in list)
        {
            totalSum += unit.Total;
            rateSum += ExactRate(unit.Total, unit.MaxTotal);
            counts[BandOf(edges, unit.ScoreRate)]++;
            foreach (var dimension in unit.Dimensions)
            {
                if (!byCode.TryGetValue(dimension.Code, out var accumulator))
                {
                    accumulator = new DimensionAccumulator(dimension.Code, dimension.Name);
                    byCode.Add(dimension.Code, accumulator);
                    dimensions.Add(accumulator);
                }

                accumulator.Add(dimension.Score, ExactRate(dimension.Score, dimension.MaxPoints));
            }
        }

        var distribution = new DistributionBand[counts.Length];
        for (var b = 0; b < counts.Length; b++)
        {
            decimal? min = b < edges.Length ? edges[b] : null;
            decimal? max = b > 0 ? edges[b - 1] : null;
            distribution[b] = new DistributionBand(Label(min, max), min, max, counts[b]);
        }

        return new CampaignSummary(
            list.Count,
            Mean(totalSum, list.Count),
            Mean(rateSum, list.Count),
            [.. dimensions.Select(d => new DimensionStatistics(d.Code, d.Name, d.Count, Mean(d.ScoreSum, d.Count), Mean(d.RateSum, d.Count)))],
            distribution);
    }

    private static int BandOf(decimal[] edges, decimal rate)
    {
        for (var b = 0; b < edges.Length; b++)
        {
            if (rate >= edges[b])
            {
                return b;
            }
        }

        return edges.Length;
    }

    private static decimal ExactRate(decimal score, decimal max) => max <= 0 ? 0 : score * 100m / max;

    private static decimal Mean(decimal sum, int count) => count == 0 ? 0 : Scoring.Score.Round(sum / count);

    private static string Label(decimal? min, decimal? max) => (min, max) switch
    {
        ({ } lo, null) => string.Create(Inv, $"{Num.S(lo)}%及以上"),
        (null, { } hi) => string.Create(Inv, $"{Num.S(hi)}%以下"),
        ({ } lo, { } hi) => string.Create(Inv, $"{Num.S(lo)}%（含）至{Num.S(hi)}%"),
        (null, null) => "全部",
    };

    private sealed class DimensionAccumulator(string code, string name)
    {
        public string Code { get; } = code;

        public string Name { get; } = name;

        public int Count { get; private set; }

        public decimal ScoreSum { get; private set; }

        public decimal RateSum { get; private set; }

        public void Add(decimal score, decimal rate)
        {
            Count++;
            ScoreSum += score;
            RateSum += rate;
        }
    }
}

/// <summary>A campaign's statistics.</summary>
/// <param name="UnitCount">Units counted.</param>
/// <param name="AverageTotal">Average total.</param>
/// <param name="AverageScoreRate">Average score rate (percent).</param>
/// <param name="Dimensions">Per dimension, in the order first seen.</param>
/// <param name="Distribution">Units per score-rate band, best band first.</param>
public sealed record CampaignSummary(int UnitCount, decimal AverageTotal, decimal AverageScoreRate, IReadOnlyList<DimensionStatistics> Dimensions, IReadOnlyList<DistributionBand> Distribution);

/// <summary>A dimension's statistics.</summary>
/// <param name="Code">Dimension code.</param>
/// <param name="Name">Dimension name.</param>
/// <param name="UnitCount">Units that have the dimension.</param>
/// <param name="AverageScore">Average subtotal.</param>
/// <param name="AverageScoreRate">Average score rate (percent).</param>
public sealed record DimensionStatistics(string Code, string Name, int UnitCount, decimal AverageScore, decimal AverageScoreRate);

/// <summary>A score-rate band and how many units fall in it.</summary>
/// <param name="Label">E.g. 90%及以上, 80%（含）至90%, 60%以下.</param>
/// <param name="MinRate">Lower edge, inclusive; null for the lowest band.</param>
/// <param name="MaxRate">Upper edge, exclusive; null for the highest band.</param>
/// <param name="Count">Units in the band.</param>
public sealed record DistributionBand(string Label, decimal? MinRate, decimal? MaxRate, int Count);
