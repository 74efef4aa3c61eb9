namespace OfficeEval.Core.Ahp;

/// <summary>
/// One judgement matrix (判断矩阵): the criteria and, for each pair, how much more important the row criterion is
/// than the column criterion on Saaty's 1–9 scale (1 equal, 3 slightly, 5 obviously, 7 strongly, 9 extremely;
/// 2/4/6/8 between; a_ji = 1/a_ij).
/// </summary>
/// <param name="Criteria">The criteria's names (or indicator codes), in row order; used in problems and explanations.</param>
/// <param name="Matrix">The square matrix, row by row.</param>
public sealed record PairwiseComparison(IReadOnlyList<string> Criteria, IReadOnlyList<IReadOnlyList<double>> Matrix);
