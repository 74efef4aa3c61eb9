namespace OfficeEval.Core.Ahp;

/// <summary>
/// The comparison a_ij whose entered value deviates most from what the weights imply (w_i/w_j), measured as
/// max(a_ij·w_j/w_i, w_i/(a_ij·w_j)) so over- and under-statements count alike.
/// </summary>
/// <param name="Row">Row index i, from 0.</param>
/// <param name="Column">Column index j, from 0 (always greater than <paramref name="Row"/>).</param>
/// <param name="RowCriterion">The row criterion's name.</param>
/// <param name="ColumnCriterion">The column criterion's name.</param>
/// <param name="Entered">The value entered, a_ij, four decimals (a typed fraction as the exact reciprocal of its pair, e.g. 0.1111 for 0.11).</param>
/// <param name="Implied">The value the weights imply, w_i/w_j, four decimals.</param>
/// <param name="Deviation">The ratio deviation, at least 1, four decimals.</param>
public sealed record InconsistentComparison(int Row, int Column, string RowCriterion, string ColumnCriterion, decimal Entered, decimal Implied, decimal Deviation);
