using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// Quantitative bands: the value (the answer's <see cref="Answer.Number"/>, or a metric) is looked up in a list of
/// intervals, each worth a fraction of the points or a number of points
/// (e.g. 预算控制率 0 → 5; 0–10% → 4; 10–20% → 3; 20–30% → 2; &gt;30% → 0).
/// Whether each edge is inclusive is stated per band, never implied. Bands never overlap; with
/// <see cref="Contiguous"/> they also leave no gap between the lowest and the highest edge.
/// A value in no band scores 0 and is reported.
/// </summary>
/// <param name="Bands">The intervals, in any order (shown in this order in explanations).</param>
/// <param name="ScoreAs">Whether a band's <see cref="Band.Score"/> is a fraction of the points or points.</param>
/// <param name="Contiguous">True when the bands must cover one unbroken range (checked by the validator).</param>
public sealed record BandsRule(IReadOnlyList<Band> Bands, BandScoreKind ScoreAs = BandScoreKind.Fraction, bool Contiguous = true) : ScoringRule
{
    /// <inheritdoc />
    [JsonIgnore]
    public override RuleKind Kind => RuleKind.Bands;
}

/// <summary>
/// One interval of a <see cref="BandsRule"/>. A null edge is unbounded. An edge that is set must say whether it is
/// inclusive (the validator reports <c>rule.band_edge_unspecified</c> otherwise).
/// </summary>
/// <param name="From">Lower edge; null for no lower bound.</param>
/// <param name="FromInclusive">True when a value equal to <paramref name="From"/> is in the band.</param>
/// <param name="To">Upper edge; null for no upper bound.</param>
/// <param name="ToInclusive">True when a value equal to <paramref name="To"/> is in the band.</param>
/// <param name="Score">What the band is worth: a fraction 0..1 or points 0..leaf points (see <see cref="BandsRule.ScoreAs"/>).</param>
public sealed record Band(decimal? From, bool? FromInclusive, decimal? To, bool? ToInclusive, decimal Score)
{
    /// <summary>True when <paramref name="value"/> lies in the band.</summary>
    public bool Contains(decimal value) =>
        (From is not { } from || (FromInclusive == true ? value >= from : value > from))
        && (To is not { } to || (ToInclusive == true ? value <= to : value < to));
}

/// <summary>How a band's score is read.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BandScoreKind>))]
public enum BandScoreKind
{
    /// <summary>A fraction 0..1 of the leaf's points.</summary>
    Fraction,
    /// <summary>Points, 0..the leaf's points.</summary>
    Points,
}
