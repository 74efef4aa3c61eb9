namespace OfficeEval.Core.Ahp;

/// <summary>
/// The weights of a judgement matrix and its consistency. Use <see cref="Weights"/> only when
/// <see cref="IsAccepted"/> is true; when the matrix is too inconsistent they are still given, so an expert can
/// see what their judgements imply.
/// </summary>
/// <param name="Method">How the weights were derived.</param>
/// <param name="Weights">One weight per criterion, in row order, four decimals, summing to exactly 1; empty when the matrix is invalid.</param>
/// <param name="LambdaMax">The largest eigenvalue estimate λmax = mean of (A·w)_i / w_i, four decimals.</param>
/// <param name="ConsistencyIndex">CI = (λmax − n)/(n − 1), four decimals; 0 when n ≤ 2.</param>
/// <param name="RandomIndex">RI for the matrix's order, from <see cref="AhpPolicy.RandomIndex"/>.</param>
/// <param name="ConsistencyRatio">CR = CI/RI, four decimals; 0 when n ≤ 2.</param>
/// <param name="IsAccepted">True when the matrix is valid and CR ≤ <see cref="AhpPolicy.ConsistencyRatioLimit"/>.</param>
/// <param name="MostInconsistent">When rejected for inconsistency, the comparison that disagrees most with the weights.</param>
/// <param name="Explanation">How the result was reached, in Chinese.</param>
/// <param name="Problems">Why the matrix was rejected; empty when accepted.</param>
public sealed record AhpResult(
    AhpWeightMethod Method,
    IReadOnlyList<CriterionWeight> Weights,
    decimal? LambdaMax,
    decimal? ConsistencyIndex,
    decimal? RandomIndex,
    decimal? ConsistencyRatio,
    bool IsAccepted,
    InconsistentComparison? MostInconsistent,
    string Explanation,
    IReadOnlyList<EngineProblem> Problems)
{
    /// <summary>
    /// When rejected for inconsistency, every comparison above the diagonal ordered by how far it departs from the
    /// weights, most first (the first is <see cref="MostInconsistent"/>); empty otherwise.
    /// </summary>
    public IReadOnlyList<InconsistentComparison> InconsistentComparisons { get; init; } = [];
}
