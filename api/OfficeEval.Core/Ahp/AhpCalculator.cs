using System.Globalization;

namespace OfficeEval.Core.Ahp;

/// <summary>
/// The analytic hierarchy process (层次分析法): checks a judgement matrix, derives weights, tests consistency
/// (CI = (λmax − n)/(n − 1), CR = CI/RI, accepted when CR ≤ 0.1) and merges experts' matrices.
/// Computation is in <see cref="double"/>; reported figures are <see cref="decimal"/>, rounded half away from zero
/// (weights and ratios to four decimals, <see cref="AhpPolicy"/>). Nothing here throws on bad matrices: every
/// problem is reported with a stable code.
/// </summary>
public static class AhpCalculator
{
    /// <summary>
    /// Derives the weights of <paramref name="comparison"/> and tests its consistency. Each pair is taken from its
    /// entry of at least 1 (the whole Saaty value) and the other entry is set to its exact reciprocal, so fractions
    /// typed with few decimals (0.33) do not perturb the weights. An invalid matrix gives no
    /// weights; an inconsistent one (CR &gt; 0.1) gives weights but is not accepted, with an <c>ahp.inconsistent</c>
    /// problem naming the comparison to revise. Matrices of order 1 or 2 are always consistent (CR = 0).
    /// The acceptance test uses the CR as reported (four decimals), so the figure shown and the verdict agree.
    /// </summary>
    public static AhpResult Calculate(PairwiseComparison comparison, AhpWeightMethod method = AhpWeightMethod.Eigenvector)
    {
        var problems = Validate(comparison).ToList();
        if (problems.Count > 0)
        {
            return new AhpResult(method, [], null, null, null, null, false, null,
                "判断矩阵有误，未计算权重：" + string.Join("；", problems.Select(p => p.MessageZh.TrimEnd('。'))) + "。", problems);
        }

        var a = AhpMath.Reciprocal(comparison.Matrix);
        var n = a.Length;
        var (w, converged) = method switch
        {
            AhpWeightMethod.Eigenvector => AhpMath.PrincipalEigenvector(a),
            AhpWeightMethod.GeometricMean => (AhpMath.GeometricMeans(a), true),
        };

        var lambda = 0d;
        for (var i = 0; i < n; i++)
        {
            lambda += AhpMath.RowDot(a[i], w) / w[i];
        }

        lambda /= n;
        var ri = AhpPolicy.RandomIndexFor(n);
        var ci = n <= 2 ? 0d : Math.Max(0d, (lambda - n) / (n - 1));
        var cr = n <= 2 ? 0m : Ratio(ci / (double)ri);
        var weights = RoundToUnitSum(w).Select((weight, i) => new CriterionWeight(comparison.Criteria[i], weight)).ToList();
        var accepted = converged && cr <= AhpPolicy.ConsistencyRatioLimit;

        InconsistentComparison? worst = null;
        IReadOnlyList<InconsistentComparison> ranked = [];
        if (!converged)
        {
            problems.Add(new EngineProblem("ahp.not_converged",
                F($"幂法迭代 {AhpPolicy.MaxIterations} 次仍未收敛，无法确定权重，请改用方根法或复核判断矩阵。"),
                F($"Power iteration did not converge in {AhpPolicy.MaxIterations} iterations; use the geometric mean or review the matrix.")));
        }
        else if (!accepted)
        {
            ranked = RankComparisons(comparison.Criteria, a, w);
            worst = ranked[0];
            problems.Add(new EngineProblem("ahp.inconsistent",
                F($"判断矩阵一致性比率 CR = {cr:0.0000} > {AhpPolicy.ConsistencyRatioLimit}，未通过一致性检验。最不一致的比较是“{worst.RowCriterion}”对“{worst.ColumnCriterion}”（第 {worst.Row + 1} 行第 {worst.Column + 1} 列）：填写 {worst.Entered:0.####}，按权重推算约为 {worst.Implied:0.####}，请复核。"),
                F($"The consistency ratio CR = {cr:0.0000} exceeds {AhpPolicy.ConsistencyRatioLimit}. The most inconsistent comparison is \"{worst.RowCriterion}\" vs \"{worst.ColumnCriterion}\" (row {worst.Row + 1}, column {worst.Column + 1}): entered {worst.Entered:0.####}, the weights imply about {worst.Implied:0.####}; please review it.")));
        }

        return new AhpResult(method, weights, Ratio(lambda), Ratio(ci), ri, cr, accepted, worst,
            Explain(method, weights, n, Ratio(lambda), Ratio(ci), ri, cr, accepted), problems)
        {
            InconsistentComparisons = ranked,
        };
    }

    /// <summary>
    /// Returns the problems of <paramref name="comparison"/>: criteria count and names (<c>ahp.criteria_count</c>,
    /// <c>ahp.criterion_name</c>), order 1…15 (<c>ahp.order</c>), squareness (<c>ahp.not_square</c>), diagonal of 1
    /// (<c>ahp.diagonal</c>), entries within [1/9, 9] (<c>ahp.entry_out_of_range</c>) and reciprocity
    /// (<c>ahp.not_reciprocal</c>), each naming the row and column in its messages (from 1) and in
    /// <see cref="EngineProblem.Field"/> (<c>matrix[i][j]</c>, <c>matrix[i]</c>, <c>criteria[i]</c>, from 0, as in a JSON
    /// request). Empty when the matrix can be used.
    /// </summary>
    public static IEnumerable<EngineProblem> Validate(PairwiseComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var criteria = comparison.Criteria ?? [];
        var a = comparison.Matrix ?? [];
        var n = a.Count;
        if (n is < 1 or > AhpPolicy.MaxOrder)
        {
            yield return new EngineProblem("ahp.order",
                F($"判断矩阵有 {n} 行，应为 1 至 {AhpPolicy.MaxOrder} 行。"),
                F($"The matrix has {n} rows; it must have 1 to {AhpPolicy.MaxOrder}."))
            { Field = "matrix" };
            yield break;
        }

        var structural = false;
        if (criteria.Count != n)
        {
            structural = true;
            yield return new EngineProblem("ahp.criteria_count",
                F($"判断矩阵有 {n} 行，但给出了 {criteria.Count} 个准则名称。"),
                F($"The matrix has {n} rows but {criteria.Count} criteria are named."))
            { Field = "criteria" };
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < criteria.Count; c++)
        {
            var name = criteria[c];
            if (string.IsNullOrWhiteSpace(name) || !names.Add(name.Trim()))
            {
                structural = true;
                yield return new EngineProblem("ahp.criterion_name", $"准则名称“{name}”为空或重复。", $"The criterion name \"{name}\" is empty or repeated.")
                {
                    Field = F($"criteria[{c}]"),
                };
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (a[i]?.Count != n)
            {
                structural = true;
                yield return new EngineProblem("ahp.not_square",
                    F($"判断矩阵第 {i + 1} 行有 {a[i]?.Count ?? 0} 个数，应为 {n} 个（矩阵须为方阵）。"),
                    F($"Row {i + 1} of the matrix has {a[i]?.Count ?? 0} entries; a square matrix needs {n}."))
                { Field = F($"matrix[{i}]") };
            }
        }

        if (structural)
        {
            yield break;
        }

        const double tol = AhpPolicy.EntryTolerance;
        for (var i = 0; i < n; i++)
        {
            if (!(Math.Abs(a[i][i] - 1) <= tol))
            {
                yield return new EngineProblem("ahp.diagonal",
                    F($"判断矩阵第 {i + 1} 行第 {i + 1} 列（“{criteria[i]}”对自身）为 {a[i][i]}，应为 1。"),
                    F($"Row {i + 1}, column {i + 1} (\"{criteria[i]}\" against itself) is {a[i][i]}; it must be 1."))
                { Field = F($"matrix[{i}][{i}]") };
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j && !InRange(a[i][j]))
                {
                    yield return new EngineProblem("ahp.entry_out_of_range",
                        F($"判断矩阵第 {i + 1} 行第 {j + 1} 列（“{criteria[i]}”对“{criteria[j]}”）为 {a[i][j]}，应在 1/9 至 9 之间。"),
                        F($"Row {i + 1}, column {j + 1} (\"{criteria[i]}\" vs \"{criteria[j]}\") is {a[i][j]}; it must be between 1/9 and 9."))
                    { Field = F($"matrix[{i}][{j}]") };
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (InRange(a[i][j]) && InRange(a[j][i]) && Math.Abs(a[i][j] * a[j][i] - 1) > tol)
                {
                    yield return new EngineProblem("ahp.not_reciprocal",
                        F($"判断矩阵第 {i + 1} 行第 {j + 1} 列为 {a[i][j]}，第 {j + 1} 行第 {i + 1} 列为 {a[j][i]}，“{criteria[i]}”与“{criteria[j]}”的两个比较应互为倒数。"),
                        F($"Row {i + 1}, column {j + 1} is {a[i][j]} and row {j + 1}, column {i + 1} is {a[j][i]}; the comparisons of \"{criteria[i]}\" and \"{criteria[j]}\" must be reciprocal."))
                    { Field = F($"matrix[{i}][{j}]") };
                }
            }
        }
    }

    /// <summary>
    /// Merges several experts' matrices over the same criteria by the element-wise geometric mean, which keeps the
    /// result reciprocal (the lower triangle is set to the exact reciprocals of the upper). Each matrix is validated
    /// first (problems say which expert, from 1); the criteria must be the same, in the same order
    /// (<c>ahp.merge_mismatch</c>). Consistency is not tested here: test each expert or the merged matrix with
    /// <see cref="Calculate"/>.
    /// </summary>
    public static AhpMergeResult Merge(IReadOnlyList<PairwiseComparison> experts)
    {
        ArgumentNullException.ThrowIfNull(experts);
        if (experts.Count == 0)
        {
            return new AhpMergeResult(null, [new EngineProblem("ahp.merge_empty", "没有可合并的专家判断矩阵。", "There are no experts' matrices to merge.")]);
        }

        var problems = new List<EngineProblem>();
        var first = experts[0];
        var criteria = first?.Criteria ?? [];
        for (var k = 0; k < experts.Count; k++)
        {
            var expert = experts[k] ?? throw new ArgumentException("An expert's matrix is null.", nameof(experts));
            problems.AddRange(Validate(expert).Select(p => p with { MessageZh = F($"专家 {k + 1}：{p.MessageZh}"), MessageEn = F($"Expert {k + 1}: {p.MessageEn}") }));
            if (k > 0 && !(expert.Criteria ?? []).SequenceEqual(criteria, StringComparer.Ordinal))
            {
                problems.Add(new EngineProblem("ahp.merge_mismatch",
                    F($"专家 {k + 1} 的准则（{string.Join("、", expert.Criteria ?? [])}）与专家 1（{string.Join("、", criteria)}）不一致，无法合并。"),
                    F($"Expert {k + 1}'s criteria ({string.Join(", ", expert.Criteria ?? [])}) differ from expert 1's ({string.Join(", ", criteria)}); they cannot be merged.")));
            }
        }

        if (problems.Count > 0)
        {
            return new AhpMergeResult(null, problems);
        }

        var n = criteria.Count;
        var matrices = experts.Select(e => AhpMath.Reciprocal(e.Matrix)).ToList();
        var merged = new double[n][];
        for (var i = 0; i < n; i++)
        {
            merged[i] = new double[n];
            merged[i][i] = 1;
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var logSum = 0d;
                foreach (var matrix in matrices)
                {
                    logSum += Math.Log(matrix[i][j]);
                }

                merged[i][j] = Math.Exp(logSum / matrices.Count);
                merged[j][i] = 1 / merged[i][j];
            }
        }

        return new AhpMergeResult(new PairwiseComparison([.. criteria], merged), []);
    }

    // Written so NaN is out of range too.
    private static bool InRange(double value) =>
        value >= AhpPolicy.MinEntry / (1 + AhpPolicy.EntryTolerance) && value <= AhpPolicy.MaxEntry * (1 + AhpPolicy.EntryTolerance);

    /// <summary>Every comparison above the diagonal, the one that departs most from the weights first (ties in row, then column order).</summary>
    private static List<InconsistentComparison> RankComparisons(IReadOnlyList<string> criteria, double[][] a, double[] w)
    {
        var all = new List<(double Deviation, InconsistentComparison Comparison)>();
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = i + 1; j < a.Length; j++)
            {
                var ratio = a[i][j] * w[j] / w[i];
                var deviation = Math.Max(ratio, 1 / ratio);
                all.Add((deviation, new InconsistentComparison(i, j, criteria[i], criteria[j], Ratio(a[i][j]), Ratio(w[i] / w[j]), Ratio(deviation))));
            }
        }

        // A stable sort keeps row-then-column order among equal deviations, so the first is the first strictly largest.
        return [.. all.OrderByDescending(c => c.Deviation).Select(c => c.Comparison)];
    }

    /// <summary>Rounds to <see cref="AhpPolicy.WeightDecimals"/> and puts the rounding remainder on the largest weight (the first, on ties).</summary>
    private static decimal[] RoundToUnitSum(double[] w)
    {
        var rounded = w.Select(x => Math.Round((decimal)x, AhpPolicy.WeightDecimals, MidpointRounding.AwayFromZero)).ToArray();
        var largest = Array.IndexOf(rounded, rounded.Max());
        rounded[largest] += 1m - rounded.Sum();
        return rounded;
    }

    private static string Explain(AhpWeightMethod method, List<CriterionWeight> weights, int n, decimal lambda, decimal ci, decimal ri, decimal cr, bool accepted)
    {
        var how = method switch
        {
            AhpWeightMethod.Eigenvector => "特征向量法（幂法）",
            AhpWeightMethod.GeometricMean => "方根法（各行乘积开 n 次方后归一）",
        };
        var list = string.Join("、", weights.Select(w => F($"{w.Criterion} {w.Weight:0.0000}")));
        var consistency = n <= 2
            ? F($"{n} 阶判断矩阵总是一致的，CR = 0。")
            : F($"λmax = {lambda:0.0000}，CI = (λmax − {n}) ÷ {n - 1} = {ci:0.0000}，RI = {ri:0.00}，CR = CI ÷ RI = {cr:0.0000}") +
              (accepted ? F($" ≤ {AhpPolicy.ConsistencyRatioLimit}，通过一致性检验。") : F($" > {AhpPolicy.ConsistencyRatioLimit}，未通过一致性检验，权重不可采用。"));
        return $"采用{how}计算权重：{list}；{consistency}";
    }

    private static decimal Ratio(double value) => Math.Round((decimal)value, AhpPolicy.RatioDecimals, MidpointRounding.AwayFromZero);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
