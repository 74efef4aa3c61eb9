using System.Text.Json;

namespace OfficeEval.Api.Features.Ahp;

/// <summary>
/// Body of <c>POST /api/ahp</c>: the criteria and one judgement matrix, or several experts' matrices (merged by the
/// element-wise geometric mean); optionally the total points to distribute over the criteria.
/// Matrix entries are numbers or strings such as <c>"1/3"</c>.
/// </summary>
/// <param name="Criteria">The criteria, in row order (also the experts' criteria when they give none).</param>
/// <param name="Matrix">One judgement matrix, row by row; leave out when <paramref name="Experts"/> are given.</param>
/// <param name="Experts">Several experts' matrices over the same criteria.</param>
/// <param name="TotalPoints">Points to distribute over the criteria by weight (e.g. 100), or null for weights only.</param>
/// <param name="PointStep">The points are multiples of this: 1, 0.5 (default) or 0.1.</param>
/// <param name="Method"><c>eigenvector</c> (特征向量法, default) or <c>geometricMean</c> (方根法).</param>
public sealed record AhpRequest(
    List<string>? Criteria,
    List<List<JsonElement>>? Matrix,
    List<AhpExpert>? Experts,
    decimal? TotalPoints,
    decimal? PointStep,
    string? Method);

/// <summary>One expert's judgement matrix.</summary>
/// <param name="Criteria">The criteria; null to use the request's.</param>
/// <param name="Matrix">The matrix, row by row.</param>
public sealed record AhpExpert(List<string>? Criteria, List<List<JsonElement>>? Matrix);

/// <summary>
/// The weights, λmax, CI, RI, CR and consistency of a judgement matrix (<c>Consistent</c>: CR ≤ 0.1, always for 1 or
/// 2 criteria; only then are weights and points fit to use). <c>Weights</c> are in row order, with points when a total
/// was given and the matrix is consistent; <c>PointsRounding</c> says how they were rounded to add up exactly. When
/// inconsistent, <c>InconsistentComparisons</c> are the three comparisons departing most from the weights (rows and
/// columns from 0). With several experts, <c>Experts</c> gives each one's own consistency and <c>MergedMatrix</c> the
/// element-wise geometric mean that was evaluated.
/// </summary>
public sealed record AhpResponse(
    string Method,
    IReadOnlyList<AhpWeight> Weights,
    decimal? LambdaMax,
    decimal? ConsistencyIndex,
    decimal? RandomIndex,
    decimal? ConsistencyRatio,
    bool Consistent,
    IReadOnlyList<AhpComparison> InconsistentComparisons,
    string Explanation,
    IReadOnlyList<Infrastructure.ProblemItem> Problems,
    decimal? TotalPoints,
    decimal? PointStep,
    AhpRounding? PointsRounding,
    IReadOnlyList<AhpExpertConsistency>? Experts,
    IReadOnlyList<IReadOnlyList<double>>? MergedMatrix);

/// <summary>A criterion's weight (four decimals) and, when a total was given, its points.</summary>
public sealed record AhpWeight(string Criterion, decimal Weight, decimal? Points);

/// <summary>A comparison that disagrees with the weights: entered a_ij against the implied w_i/w_j.</summary>
public sealed record AhpComparison(int Row, int Column, string Field, string RowCriterion, string ColumnCriterion, decimal Entered, decimal Implied, decimal Deviation);

/// <summary>One expert's consistency ratio.</summary>
public sealed record AhpExpertConsistency(int Expert, decimal? ConsistencyRatio, bool Consistent);

/// <summary>How points were rounded, in both languages.</summary>
public sealed record AhpRounding(string MessageZh, string MessageEn);
