using OfficeEval.Core.Ahp;

namespace OfficeEval.Core.Tests.Ahp;

public class AhpCalculatorTests
{
    private static readonly string[] Three = ["机构职能", "编制使用", "运行效能"];
    private static readonly string[] Four = ["机构职能", "编制使用", "人员结构", "运行效能"];

    private static PairwiseComparison Matrix(string[] criteria, params double[][] rows) => new(criteria, rows);

    private static PairwiseComparison Named(params double[][] rows) =>
        new([.. Enumerable.Range(1, rows.Length).Select(i => "C" + i)], rows);

    /// <summary>Saaty's classic 3 × 3 example.</summary>
    private static PairwiseComparison Classic() => Matrix(Three, [1, 1d / 3, 1d / 2], [3, 1, 3], [2, 1d / 3, 1]);

    /// <summary>The textbook 4 × 4 matrix 1-3-5-7.</summary>
    private static PairwiseComparison Textbook() =>
        Matrix(Four, [1, 3, 5, 7], [1d / 3, 1, 3, 5], [1d / 5, 1d / 3, 1, 3], [1d / 7, 1d / 5, 1d / 3, 1]);

    private static decimal[] Weights(AhpResult result) => [.. result.Weights.Select(w => w.Weight)];

    [Fact]
    public void Calculate_SaatyClassicMatrix_MatchesClosedFormSolution()
    {
        // Independent calculation: for a 3 × 3 reciprocal matrix with a12 = a, a13 = b, a23 = c,
        // det(A − λI) = (1 − λ)³ − 3(1 − λ) + q + 1/q with q = ac/b, whose largest root is λmax = 1 + q^(1/3) + q^(−1/3).
        // Here q = (1/3 · 3)/(1/2) = 2, so λmax = 1 + 1.259921 + 0.793701 = 3.053622;
        // CI = 0.053622/2 = 0.026811; CR = 0.026811/0.58 = 0.046225.
        // The eigenvector is the cross product of the first two rows of A − λI (μ = λ − 1 = 2.053622):
        // (1 + μ/2, 3/2 + 3μ, μ² − 1) = (2.026811, 7.660865, 3.217362), sum 12.905037
        // → w = (0.157056, 0.593634, 0.249311) → 0.1571 + 0.5936 + 0.2493 = 1.
        var result = AhpCalculator.Calculate(Classic());

        Assert.True(result.IsAccepted);
        Assert.Empty(result.Problems);
        Assert.Equal([0.1571m, 0.5936m, 0.2493m], Weights(result));
        Assert.Equal(Three, result.Weights.Select(w => w.Criterion));
        Assert.Equal(3.0536m, result.LambdaMax);
        Assert.Equal(0.0268m, result.ConsistencyIndex);
        Assert.Equal(0.58m, result.RandomIndex);
        Assert.Equal(0.0462m, result.ConsistencyRatio);
        Assert.Null(result.MostInconsistent);
        Assert.Contains("CR = CI ÷ RI = 0.0462 ≤ 0.1，通过一致性检验", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_GeometricMeanOnThreeByThree_EqualsEigenvector()
    {
        // 方根法 by hand: row products 1/6, 9, 2/3; cube roots 0.550321, 2.080084, 0.873580; sum 3.503985
        // → 0.157056, 0.593634, 0.249311: for n = 3 the geometric mean is the principal eigenvector.
        var result = AhpCalculator.Calculate(Classic(), AhpWeightMethod.GeometricMean);

        Assert.Equal(AhpWeightMethod.GeometricMean, result.Method);
        Assert.Equal([0.1571m, 0.5936m, 0.2493m], Weights(result));
        Assert.Equal(0.0462m, result.ConsistencyRatio);
        Assert.Contains("方根法", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_GeometricMeanOnFourByFour_DiffersFromEigenvectorAsComputedIndependently()
    {
        // 方根法 by hand: row products 105, 5, 1/5, 1/105; fourth roots 3.201086, 1.495349, 0.668740, 0.312394;
        // sum 5.677569 → 0.563813, 0.263378, 0.117786, 0.055022.
        // λ = mean of (A·w)_i/w_i = 4.116934 → CI 0.038978, CR 0.043309.
        // The eigenvector (largest root of det(A − λI) by bisection, then the null space): λmax = 4.116982,
        // w = (0.565009, 0.262201, 0.117504, 0.055285), CR 0.043327.
        var geometric = AhpCalculator.Calculate(Textbook(), AhpWeightMethod.GeometricMean);
        var eigen = AhpCalculator.Calculate(Textbook());

        Assert.Equal([0.5638m, 0.2634m, 0.1178m, 0.0550m], Weights(geometric));
        Assert.Equal(4.1169m, geometric.LambdaMax);
        Assert.Equal(0.0433m, geometric.ConsistencyRatio);
        Assert.Equal([0.5650m, 0.2622m, 0.1175m, 0.0553m], Weights(eigen));
        Assert.Equal(4.1170m, eigen.LambdaMax);
        Assert.Equal(0.0390m, eigen.ConsistencyIndex);
        Assert.True(geometric.IsAccepted);
        Assert.True(eigen.IsAccepted);
    }

    [Theory]
    [InlineData(AhpWeightMethod.Eigenvector)]
    [InlineData(AhpWeightMethod.GeometricMean)]
    public void Calculate_PerfectlyConsistentMatrix_ExactWeightsAndZeroRatio(AhpWeightMethod method)
    {
        // a_ij = w_i/w_j for w = (1/2, 1/4, 1/8, 1/8), so λmax = n = 4 and CI = CR = 0.
        var result = AhpCalculator.Calculate(
            Matrix(Four, [1, 2, 4, 4], [0.5, 1, 2, 2], [0.25, 0.5, 1, 1], [0.25, 0.5, 1, 1]), method);

        Assert.True(result.IsAccepted);
        Assert.Equal([0.5m, 0.25m, 0.125m, 0.125m], Weights(result));
        Assert.Equal(4m, result.LambdaMax);
        Assert.Equal(0m, result.ConsistencyIndex);
        Assert.Equal(0m, result.ConsistencyRatio);
    }

    [Fact]
    public void Calculate_InconsistentMatrix_RejectedNamingTheMostInconsistentPair()
    {
        // The consistent matrix above with a14 turned from 4 to 1/9 (and a41 to 9).
        // Independently (largest root of det(A − λI) by bisection): λmax = 5.933224, CI = 0.644408, CR = 0.716009;
        // w = (0.207178, 0.243643, 0.121822, 0.427357). Ratio deviations max(a_ij·w_j/w_i, inverse):
        // (1,4) = (1/9)·0.427357/0.207178 → 1/0.229195 = 4.363108; next (3,4) and (2,4) = 3.508056.
        var result = AhpCalculator.Calculate(
            Matrix(Four, [1, 2, 4, 1d / 9], [0.5, 1, 2, 2], [0.25, 0.5, 1, 1], [9, 0.5, 1, 1]));

        Assert.False(result.IsAccepted);
        Assert.Equal(0.7160m, result.ConsistencyRatio);
        Assert.Equal(5.9332m, result.LambdaMax);
        Assert.Equal([0.2072m, 0.2436m, 0.1218m, 0.4274m], Weights(result));
        var worst = Assert.IsType<InconsistentComparison>(result.MostInconsistent);
        Assert.Equal((0, 3), (worst.Row, worst.Column));
        Assert.Equal(("机构职能", "运行效能"), (worst.RowCriterion, worst.ColumnCriterion));
        Assert.Equal(0.1111m, worst.Entered);
        Assert.Equal(0.4848m, worst.Implied);
        Assert.Equal(4.3631m, worst.Deviation);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("ahp.inconsistent", problem.Code);
        Assert.Contains("CR = 0.7160 > 0.1", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("“机构职能”对“运行效能”（第 1 行第 4 列）", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("\"机构职能\" vs \"运行效能\"", problem.MessageEn, StringComparison.Ordinal);
        Assert.Contains("权重不可采用", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_RoundedWeightsNotSummingToOne_LargestAbsorbsRemainder()
    {
        // Three equal criteria: 1/3 each rounds to 0.3333 × 3 = 0.9999; the first largest takes the 0.0001.
        var result = AhpCalculator.Calculate(Named([1, 1, 1], [1, 1, 1], [1, 1, 1]));

        Assert.Equal([0.3334m, 0.3333m, 0.3333m], Weights(result));
        Assert.Equal(1m, Weights(result).Sum());
    }

    [Fact]
    public void Calculate_OrderOneOrTwo_AlwaysConsistent()
    {
        var one = AhpCalculator.Calculate(Named([1]));
        var two = AhpCalculator.Calculate(Named([1, 9], [1d / 9, 1]));

        Assert.Equal([1m], Weights(one));
        Assert.Equal(0m, one.ConsistencyRatio);
        Assert.True(one.IsAccepted);
        Assert.Equal([0.9m, 0.1m], Weights(two));
        Assert.Equal(0m, two.ConsistencyRatio);
        Assert.Equal(2m, two.LambdaMax);
        Assert.True(two.IsAccepted);
        Assert.Contains("2 阶判断矩阵总是一致的", two.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_ReciprocalsTypedWithTwoDecimals_SameWeightsAsExactFractions()
    {
        // 0.13 for 1/8 is 4% off, 0.33 for 1/3 1%: both pass, and the whole values decide the weights.
        var typed = AhpCalculator.Calculate(Named([1, 3, 8], [0.33, 1, 3], [0.13, 0.33, 1]));
        var exact = AhpCalculator.Calculate(Named([1, 3, 8], [1d / 3, 1, 3], [1d / 8, 1d / 3, 1]));

        Assert.Empty(typed.Problems);
        Assert.True(typed.IsAccepted);
        Assert.Equal(Weights(exact), Weights(typed));
        Assert.Equal(exact.ConsistencyRatio, typed.ConsistencyRatio);
    }

    public static TheoryData<string, PairwiseComparison, string, string> InvalidMatrices => new()
    {
        { "empty", Named(), "ahp.order", "0 行" },
        { "16 × 16", Named([.. Enumerable.Range(0, 16).Select(_ => Enumerable.Repeat(1d, 16).ToArray())]), "ahp.order", "16 行" },
        { "ragged", Named([1, 2, 3], [0.5, 1], [1d / 3, 1, 1]), "ahp.not_square", "第 2 行有 2 个数" },
        { "names", new PairwiseComparison(["甲"], [[1, 2], [0.5, 1]]), "ahp.criteria_count", "给出了 1 个" },
        { "duplicate name", new PairwiseComparison(["甲", "甲"], [[1, 2], [0.5, 1]]), "ahp.criterion_name", "“甲”" },
        { "diagonal", Named([1, 2], [0.5, 2]), "ahp.diagonal", "第 2 行第 2 列" },
        { "not reciprocal", Named([1, 3], [3, 1]), "ahp.not_reciprocal", "第 1 行第 2 列为 3，第 2 行第 1 列为 3" },
        { "reciprocal typo", Named([1, 0.17], [7, 1]), "ahp.not_reciprocal", "第 1 行第 2 列为 0.17，第 2 行第 1 列为 7" },
        { "NaN", Named([1, double.NaN], [1, 1]), "ahp.entry_out_of_range", "第 1 行第 2 列（“C1”对“C2”）为 NaN" },
        { "zero", Named([1, 0, 1], [2, 1, 1], [1, 1, 1]), "ahp.entry_out_of_range", "第 1 行第 2 列" },
    };

    [Theory]
    [MemberData(nameof(InvalidMatrices))]
    public void Calculate_InvalidMatrix_ReportsCodeNamingPlaceAndNoWeights(string caseName, PairwiseComparison comparison, string code, string place)
    {
        var result = AhpCalculator.Calculate(comparison);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Contains(place, problem.MessageZh, StringComparison.Ordinal);
        Assert.Empty(result.Weights);
        Assert.Null(result.ConsistencyRatio);
        Assert.False(result.IsAccepted, caseName);
        Assert.Equal("判断矩阵有误，未计算权重：" + problem.MessageZh, result.Explanation);
    }

    [Fact]
    public void Validate_EntryAboveNine_ReportsBothCellsOutOfRange()
    {
        var problems = AhpCalculator.Validate(Named([1, 10], [0.1, 1])).ToList();

        Assert.Equal(["ahp.entry_out_of_range", "ahp.entry_out_of_range"], problems.Select(p => p.Code));
        Assert.Contains("第 1 行第 2 列（“C1”对“C2”）为 10", problems[0].MessageZh, StringComparison.Ordinal);
        Assert.Contains("第 2 行第 1 列（“C2”对“C1”）为 0.1", problems[1].MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_TwoExperts_ElementwiseGeometricMeanStaysReciprocal()
    {
        // Expert 1: a12 = 2, a13 = 3, a23 = 2. Expert 2: a12 = 8, a13 = 1/3, a23 = 7.
        // Geometric means: √(2·8) = 4, √(3·1/3) = 1, √(2·7) = √14 = 3.741657; lower triangle 1/4, 1, 0.267261.
        var first = Matrix(Three, [1, 2, 3], [0.5, 1, 2], [1d / 3, 0.5, 1]);
        var second = Matrix(Three, [1, 8, 1d / 3], [1d / 8, 1, 7], [3, 1d / 7, 1]);

        var result = AhpCalculator.Merge([first, second]);

        Assert.Empty(result.Problems);
        var merged = Assert.IsType<PairwiseComparison>(result.Merged);
        Assert.Equal(Three, merged.Criteria);
        Assert.Equal(4, merged.Matrix[0][1], 12);
        Assert.Equal(1, merged.Matrix[0][2], 12);
        Assert.Equal(Math.Sqrt(14), merged.Matrix[1][2], 12);
        Assert.Equal(0.25, merged.Matrix[1][0], 12);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, merged.Matrix[i][i]);
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(1, merged.Matrix[i][j] * merged.Matrix[j][i], 12);
            }
        }

        Assert.Empty(AhpCalculator.Validate(merged));
    }

    [Fact]
    public void Merge_DifferentSizes_ReportsMismatchNamingExpert()
    {
        var result = AhpCalculator.Merge([Classic(), Textbook()]);

        Assert.Null(result.Merged);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("ahp.merge_mismatch", problem.Code);
        Assert.StartsWith("专家 2 的准则", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_InvalidExpertMatrix_ReportsItsProblemPrefixedWithExpert()
    {
        var result = AhpCalculator.Merge([Classic(), Matrix(Three, [1, 3, 2], [3, 1, 3], [0.5, 1d / 3, 1])]);

        Assert.Null(result.Merged);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("ahp.not_reciprocal", problem.Code);
        Assert.StartsWith("专家 2：判断矩阵第 1 行第 2 列为 3", problem.MessageZh, StringComparison.Ordinal);
        Assert.StartsWith("Expert 2: ", problem.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_NoExperts_ReportsEmpty()
    {
        var result = AhpCalculator.Merge([]);

        Assert.Null(result.Merged);
        Assert.Equal("ahp.merge_empty", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void RandomIndex_Table_IsSaatysFifteenValues()
    {
        Assert.Equal(AhpPolicy.MaxOrder, AhpPolicy.RandomIndex.Count);
        Assert.Equal(0m, AhpPolicy.RandomIndexFor(2));
        Assert.Equal(0.58m, AhpPolicy.RandomIndexFor(3));
        Assert.Equal(1.12m, AhpPolicy.RandomIndexFor(5));
        Assert.Equal(1.48m, AhpPolicy.RandomIndexFor(12));
        Assert.Equal(1.59m, AhpPolicy.RandomIndexFor(15));
        Assert.Throws<ArgumentOutOfRangeException>(() => AhpPolicy.RandomIndexFor(16));
    }
}

public class AhpCalculatorFieldTests
{
    private static PairwiseComparison Named(params double[][] rows) =>
        new([.. Enumerable.Range(1, rows.Length).Select(i => "C" + i)], rows);

    public static TheoryData<PairwiseComparison, string, string> Places => new()
    {
        { Named([1, 2, 3], [0.5, 1], [1d / 3, 1, 1]), "ahp.not_square", "matrix[1]" },
        { new PairwiseComparison(["甲"], [[1, 2], [0.5, 1]]), "ahp.criteria_count", "criteria" },
        { new PairwiseComparison(["甲", " "], [[1, 2], [0.5, 1]]), "ahp.criterion_name", "criteria[1]" },
        { Named([1, 2], [0.5, 2]), "ahp.diagonal", "matrix[1][1]" },
        { Named([1, 3, 1], [1d / 3, 1, 1], [1, 1, 1], [1, 1, 1]), "ahp.not_square", "matrix[0]" },
        { Named([1, 3, 1], [1d / 3, 1, 4], [1, 4, 1]), "ahp.not_reciprocal", "matrix[1][2]" },
        { Named([1, 0, 1], [2, 1, 1], [1, 1, 1]), "ahp.entry_out_of_range", "matrix[0][1]" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void Validate_InvalidMatrix_FieldNamesTheEntryFromZero(PairwiseComparison comparison, string code, string field)
    {
        var problem = AhpCalculator.Validate(comparison).First();

        Assert.Equal((code, field), (problem.Code, problem.Field));
    }

    [Fact]
    public void Calculate_Inconsistent_RanksEveryComparisonMostDeviatingFirst()
    {
        // The matrix of Calculate_InconsistentMatrix_RejectedNamingTheMostInconsistentPair: (1,4) deviates 4.3631,
        // then (2,4) and (3,4) at 3.5081 each (row order on the tie), the rest less.
        var result = AhpCalculator.Calculate(
            Named([1, 2, 4, 1d / 9], [0.5, 1, 2, 2], [0.25, 0.5, 1, 1], [9, 0.5, 1, 1]));

        Assert.Equal(6, result.InconsistentComparisons.Count);
        Assert.Same(result.MostInconsistent, result.InconsistentComparisons[0]);
        Assert.Equal([(0, 3), (1, 3), (2, 3)], result.InconsistentComparisons.Take(3).Select(c => (c.Row, c.Column)));
        Assert.Equal(3.5081m, result.InconsistentComparisons[1].Deviation);
        Assert.True(result.InconsistentComparisons.Zip(result.InconsistentComparisons.Skip(1)).All(p => p.First.Deviation >= p.Second.Deviation));
    }

    [Fact]
    public void Calculate_Consistent_NoRankedComparisons()
    {
        Assert.Empty(AhpCalculator.Calculate(Named([1, 2], [0.5, 1])).InconsistentComparisons);
    }
}
