using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Results;

public class GradingTests
{
    private static GradeCandidate<string> Unit(string key, decimal rate, params VetoFinding[] vetoes) => new(key, rate) { Vetoes = vetoes };

    private static Dictionary<string, string> Grades(GradeScheme scheme, params GradeCandidate<string>[] units)
    {
        var result = Grading.Assign(units, scheme);
        Assert.Empty(result.Problems);
        return result.Grades.ToDictionary(g => g.Key, g => g.Grade);
    }

    [Theory]
    [InlineData(100, "A")]
    [InlineData(90, "A")]      // the line is inclusive
    [InlineData(89.99, "B")]
    [InlineData(60, "B")]
    [InlineData(59.99, "C")]
    [InlineData(0, "C")]
    [InlineData(104.5, "A")]   // bonus can lift the rate above 100
    public void Assign_DefaultAbcThresholds_GradesByInclusiveLines(double rate, string expected)
    {
        var grade = Assert.Single(Grading.Assign([Unit("u", (decimal)rate)], EngineDefaults.GradesAbc).Grades);

        Assert.Equal(expected, grade.Grade);
        Assert.Null(grade.GradeBeforeVeto);
    }

    [Theory]
    [InlineData(95, "优", 0)]
    [InlineData(80, "良", 1)]
    [InlineData(79.99, "中", 2)]
    [InlineData(60, "中", 2)]
    [InlineData(59, "差", 3)]
    public void Assign_FourLevelLabels_GradeByTheirLines(double rate, string expected, int level)
    {
        var grade = Assert.Single(Grading.Assign([Unit("u", (decimal)rate)], EngineDefaults.GradesFourLevel).Grades);

        Assert.Equal((expected, level), (grade.Grade, grade.Level));
    }

    [Fact]
    public void Assign_ThresholdExplanation_NamesTheLine()
    {
        var grades = Grading.Assign([Unit("a", 92.5m), Unit("c", 55m)], EngineDefaults.GradesAbc).Grades;

        Assert.Equal("得分率 92.5%，达到“A”等次分数线 90%，评为“A”。", grades[0].Explanation);
        Assert.Equal("得分率 55%，低于“B”等次分数线 60%，评为“C”。", grades[1].Explanation);
    }

    [Fact]
    public void Assign_ForcedSharesWithDistinctScores_FillsCumulativeQuotas()
    {
        // 10 units, A 20% → top 2, B 50% → cumulative 70% → places 3–7, C the rest.
        var scheme = GradeScheme.ForcedShares([("A", 20m), ("B", 50m)], "C");
        var units = Enumerable.Range(1, 10).Select(i => Unit($"u{i}", 100m - i)).ToArray();

        var grades = Grades(scheme, units);

        Assert.Equal(["A", "A", "B", "B", "B", "B", "B", "C", "C", "C"], units.Select(u => grades[u.Key]));
    }

    [Fact]
    public void Assign_ForcedSharesTieAtBoundary_GoesToTheBetterGrade()
    {
        // 10 units, A quota 2: places 2 and 3 tie at 90 → both A (3 A); B's cumulative quota 7 is unchanged, so B has 4.
        var scheme = GradeScheme.ForcedShares([("A", 20m), ("B", 50m)], "C");
        GradeCandidate<string>[] units =
        [
            Unit("u1", 95m), Unit("u2", 90m), Unit("u3", 90m), Unit("u4", 85m), Unit("u5", 84m),
            Unit("u6", 83m), Unit("u7", 82m), Unit("u8", 70m), Unit("u9", 70m), Unit("u10", 60m),
        ];

        var result = Grading.Assign(units, scheme);
        var grades = result.Grades.ToDictionary(g => g.Key, g => g.Grade);

        Assert.Equal(["A", "A", "A", "B", "B", "B", "B", "C", "C", "C"], units.Select(u => grades[u.Key]));
        Assert.Equal([1, 2, 2, 4, 5, 6, 7, 8, 8, 10], result.Grades.Select(g => g.Rank));
        Assert.Contains("并列者均评为较高等次", result.Grades[2].Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("并列", result.Grades[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_ForcedSharesTieStraddlingTheLastQuota_AllGetTheBetterGrade()
    {
        // 10 units, B cumulative quota 7: places 7–9 tie → all B; C keeps only place 10.
        var scheme = GradeScheme.ForcedShares([("A", 20m), ("B", 50m)], "C");
        var units = new[] { 99m, 98m, 97m, 96m, 95m, 94m, 80m, 80m, 80m, 10m }.Select((r, i) => Unit($"u{i}", r)).ToArray();

        var grades = Grades(scheme, units);

        Assert.Equal(["A", "A", "B", "B", "B", "B", "B", "B", "B", "C"], units.Select(u => grades[u.Key]));
    }

    [Fact]
    public void Assign_AllTied_AllGetTheBestGrade()
    {
        var scheme = GradeScheme.ForcedShares([("A", 20m), ("B", 50m)], "C");

        var grades = Grades(scheme, [Unit("a", 80m), Unit("b", 80m), Unit("c", 80m), Unit("d", 80m), Unit("e", 80m)]);

        Assert.All(grades.Values, g => Assert.Equal("A", g));
    }

    [Theory]
    [InlineData(QuotaRounding.Down, 2)]    // 13 × 20% = 2.6 → 2
    [InlineData(QuotaRounding.Nearest, 3)] // 2.6 → 3
    public void Assign_QuotaRounding_DecidesTheNumberOfPlaces(QuotaRounding rounding, int expectedA)
    {
        var scheme = GradeScheme.ForcedShares([("优秀", 20m)], "合格", rounding);
        var units = Enumerable.Range(0, 13).Select(i => Unit($"u{i}", 90m - i)).ToArray();

        var grades = Grades(scheme, units);

        Assert.Equal(expectedA, grades.Values.Count(g => g == "优秀"));
    }

    [Fact]
    public void Assign_ShareTooSmallForAnyUnit_GivesNobodyTheGrade()
    {
        // 4 × 20% = 0.8 → 0 places when rounding down: a share is a ceiling.
        var grades = Grades(GradeScheme.ForcedShares([("A", 20m)], "B"), [Unit("a", 99m), Unit("b", 98m), Unit("c", 97m), Unit("d", 96m)]);

        Assert.All(grades.Values, g => Assert.Equal("B", g));
    }

    [Fact]
    public void Assign_ForcedShareExplanation_NamesRankQuotaAndRounding()
    {
        var scheme = GradeScheme.ForcedShares([("A", 20m), ("B", 50m)], "C");
        var units = Enumerable.Range(1, 10).Select(i => Unit($"u{i}", 100m - i)).ToArray();

        var grades = Grading.Assign(units, scheme).Grades;

        Assert.Equal("得分率 99%，在 10 个单位中排第 1 名，在“A”及以上等次名额（前 2 名，向下取整）之内，评为“A”。", grades[0].Explanation);
        Assert.Equal("得分率 91%，在 10 个单位中排第 9 名，在“B”及以上等次名额（前 7 名，向下取整）之外，评为“C”。", grades[8].Explanation);
    }

    [Fact]
    public void Assign_CapGradeVetoWithoutLabel_TakesOneBelowTheBest()
    {
        var veto = new VetoFinding("4.1", "通报批评", VetoEffect.CapGrade, null);

        var grade = Assert.Single(Grading.Assign([Unit("u", 95m, veto)], EngineDefaults.GradesFourLevel).Grades);

        Assert.Equal(("良", "优", 1), (grade.Grade, grade.GradeBeforeVeto, grade.Level));
        Assert.EndsWith("因一票否优（4.1 通报批评）评为“良”。", grade.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_CapGradeVetoWithLabel_CapsAtThatGrade()
    {
        var veto = new VetoFinding("4.5", "排名靠后", VetoEffect.CapGrade, "中");

        Assert.Equal("中", Assert.Single(Grading.Assign([Unit("u", 95m, veto)], EngineDefaults.GradesFourLevel).Grades).Grade);
    }

    [Fact]
    public void Assign_CapBelowTheEarnedGrade_ChangesNothing()
    {
        var veto = new VetoFinding("4.1", "通报批评", VetoEffect.CapGrade, null);

        var grade = Assert.Single(Grading.Assign([Unit("u", 70m, veto)], EngineDefaults.GradesFourLevel).Grades);

        Assert.Equal(("中", (string?)null), (grade.Grade, grade.GradeBeforeVeto));
    }

    [Fact]
    public void Assign_ZeroTotalVeto_GivesTheLowestGrade()
    {
        var veto = new VetoFinding("4.2", "严重违规", VetoEffect.ZeroTotal, null);

        // Even with forced shares and everyone tied at 0, the vetoed unit is not lifted by the tie rule.
        var scheme = GradeScheme.ForcedShares([("A", 50m)], "B");
        var grades = Grading.Assign([Unit("a", 0m, veto), Unit("b", 0m)], scheme).Grades;

        Assert.Equal(["B", "A"], grades.Select(g => g.Grade));
    }

    [Fact]
    public void Assign_SeveralVetoes_TheStrictestWins()
    {
        var grade = Assert.Single(Grading.Assign(
            [Unit("u", 95m, new VetoFinding("x", "甲", VetoEffect.CapGrade, "中"), new VetoFinding("y", "乙", VetoEffect.CapGrade, null))],
            EngineDefaults.GradesFourLevel).Grades);

        Assert.Equal("中", grade.Grade);
    }

    [Fact]
    public void Assign_VetoNamingUnknownGrade_IsReportedAndTakesOneBelowTheBest()
    {
        var result = Grading.Assign([Unit("u", 95m, new VetoFinding("4.1", "通报批评", VetoEffect.CapGrade, "优秀"))], EngineDefaults.GradesAbc);

        Assert.Equal("B", Assert.Single(result.Grades).Grade);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("grade.veto_grade_unknown", "4.1"), (problem.Code, problem.IndicatorCode));
    }

    public static TheoryData<GradeScheme, string> InvalidSchemes => new()
    {
        { GradeScheme.Thresholds([("A", 60m), ("B", 90m)], "C"), "grade.thresholds_order" },
        { GradeScheme.Thresholds([("A", 90m), ("B", 90m)], "C"), "grade.thresholds_order" },
        { GradeScheme.Thresholds([("A", -1m)], "C"), "grade.threshold_range" },
        { new GradeScheme(GradingMethod.Thresholds, [new GradeLevel("A"), new GradeLevel("B")]), "grade.threshold_missing" },
        { GradeScheme.ForcedShares([("A", 60m), ("B", 50m)], "C"), "grade.shares_sum" },
        { GradeScheme.ForcedShares([("A", 0m)], "C"), "grade.share_range" },
        { new GradeScheme(GradingMethod.ForcedShares, [new GradeLevel("A", SharePercent: 20m), new GradeLevel("B", SharePercent: 10m)]), "grade.lowest_bounded" },
        { GradeScheme.Thresholds([("A", 90m)], "A"), "grade.label" },
        { new GradeScheme(GradingMethod.Thresholds, [new GradeLevel("A")]), "grade.levels_too_few" },
        { new GradeScheme((GradingMethod)5, [new GradeLevel("A"), new GradeLevel("B")]), "grade.method_invalid" },
    };

    [Theory]
    [MemberData(nameof(InvalidSchemes))]
    public void Assign_InvalidScheme_GradesNobodyAndSaysWhy(GradeScheme scheme, string code)
    {
        var result = Grading.Assign([Unit("u", 80m)], scheme);

        Assert.Empty(result.Grades);
        Assert.Contains(result.Problems, p => p.Code == code);
    }

    [Fact]
    public void Assign_ShuffledCandidates_GiveEveryUnitTheSameGradeAndRank()
    {
        var random = new Random(11);
        var units = Enumerable.Range(0, 40).Select(i => Unit($"u{i}", random.Next(50, 60) + (random.Next(3) * 0.5m),
            i % 7 == 0 ? [new VetoFinding("v", "否优", VetoEffect.CapGrade, null)] : [])).ToArray();
        var scheme = GradeScheme.ForcedShares([("A", 15m), ("B", 35m), ("C", 30m)], "D");
        var expected = Grading.Assign(units, scheme).Grades.ToDictionary(g => g.Key, g => (g.Grade, g.Rank, g.Explanation));

        for (var run = 0; run < 20; run++)
        {
            var shuffled = units.ToArray();
            random.Shuffle(shuffled);

            var grades = Grading.Assign(shuffled, scheme).Grades;

            Assert.Equal(shuffled.Select(u => u.Key), grades.Select(g => g.Key));
            Assert.Equal(expected, grades.ToDictionary(g => g.Key, g => (g.Grade, g.Rank, g.Explanation)));
        }
    }
}
