using OfficeEval.Core.Surveys;

namespace OfficeEval.Core.Tests.Surveys;

public class SurveyAggregatorTests
{
    private const string Users = RespondentGroups.ServiceUsers;
    private const string Staff = RespondentGroups.InternalStaff;
    private const string Partners = RespondentGroups.PartnerUnits;

    /// <summary>
    /// Indicator 3.1 is asked of three groups: 服务对象 (Q1, and Q2 reverse-worded, Likert), 内部人员 (N1, 3-point),
    /// 协作单位 (P1, 3-point). X1 is asked of everyone and scores nothing.
    /// </summary>
    private static SurveyDefinition Definition(int staffMinimum = 2, GroupFallback fallback = GroupFallback.Exclude, ThreePointFractions? threePoint = null) => new(
        [
            new SurveyItem("Q1", SurveyScale.Likert5, Users, "3.1"),
            new SurveyItem("Q2", SurveyScale.Likert5, Users, "3.1", Reverse: true),
            new SurveyItem("N1", SurveyScale.ThreePoint, Staff, "3.1"),
            new SurveyItem("P1", SurveyScale.ThreePoint, Partners, "3.1"),
            new SurveyItem("X1", SurveyScale.Likert5, null, null),
        ],
        [
            new RespondentGroup(Users, 0.5m, 3, 10),
            new RespondentGroup(Staff, 0.3m, staffMinimum, 4),
            new RespondentGroup(Partners, 0.2m, 2, 5),
        ],
        new SurveyPolicy { BelowMinimum = fallback, ThreePoint = threePoint ?? ThreePointFractions.Default });

    private static SurveyResponse R(string group, params (string Item, int Value)[] answers) =>
        new(group, [.. answers.Select(a => new ItemAnswer(a.Item, a.Value))]);

    /// <summary>The hand-computed sample (see <see cref="Aggregate_HandComputedExample_MatchesWeightedMeans"/>).</summary>
    private static List<SurveyResponse> Sample() =>
    [
        R(Users, ("Q1", 5), ("Q2", 1), ("X1", 3)),
        R(Users, ("Q1", 4), ("Q2", 2)),
        R(Users, ("Q1", 3), ("Q2", 4)),
        R(Users, ("Q1", 4)),
        R(Staff, ("N1", 3), ("X1", 2)),
        R(Staff, ("N1", 2)),
        R(Partners, ("P1", 3)),
        R(Partners, ("P1", 3)),
        R(Partners, ("P1", 1)),
    ];

    private static SurveyResult Aggregate(SurveyDefinition definition, IEnumerable<SurveyResponse> responses, IReadOnlyDictionary<string, int>? expected = null) =>
        SurveyAggregator.Create(definition).Aggregate(responses, expected);

    [Fact]
    public void Aggregate_HandComputedExample_MatchesWeightedMeans()
    {
        // 服务对象: Q1 5,4,3,4 → 1, 0.75, 0.5, 0.75; Q2 (reverse, 6 − x) 1,2,4 → 5,4,2 → 1, 0.75, 0.25.
        //           7 answers, sum 5.00 → mean 5/7 = 0.714286; 4 respondents ≥ 3; response rate 4/10 = 40%.
        // 内部人员: N1 满意, 基本满意 → 1, 0.6 → mean 0.8; 2 respondents ≥ 2; 2/4 = 50%.
        // 协作单位: P1 满意, 满意, 不满意 → 1, 1, 0 → mean 0.666667; 3 ≥ 2; 3/5 = 60%.
        // fraction = (0.5 × 0.714286 + 0.3 × 0.8 + 0.2 × 0.666667) ÷ 1 = 0.357143 + 0.24 + 0.133333 = 0.730476 → 0.7305.
        var result = Aggregate(Definition(), Sample());

        Assert.Empty(result.Problems);
        Assert.Equal(14, result.ValidAnswers);
        Assert.Equal(0, result.InvalidAnswers);
        var indicator = Assert.Single(result.Indicators);
        Assert.Equal("3.1", indicator.IndicatorCode);
        Assert.Equal(0.7305m, indicator.Fraction);
        Assert.Equal(
            [
                new GroupSatisfaction(Users, 4, 7, 0.7143m, 0.5m, 0.5m, 40m, false, GroupUse.Used),
                new GroupSatisfaction(Staff, 2, 2, 0.8m, 0.3m, 0.3m, 50m, false, GroupUse.Used),
                new GroupSatisfaction(Partners, 3, 3, 0.6667m, 0.2m, 0.2m, 60m, false, GroupUse.Used),
            ],
            indicator.Groups);
        Assert.Equal(
            [new GroupParticipation(Users, 4, 10, 40m), new GroupParticipation(Staff, 2, 4, 50m), new GroupParticipation(Partners, 3, 5, 60m)],
            result.Groups);
        Assert.Contains("服务对象 4 人作答（有效答案 7 个，回收率 40%），平均 0.7143，权重 0.5", indicator.Explanation, StringComparison.Ordinal);
        Assert.Contains("满意度 = (0.5 × 0.7143 + 0.3 × 0.8000 + 0.2 × 0.6667) ÷ 1 = 0.7305", indicator.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SurveyScale.Likert5, 1, 5)]
    [InlineData(SurveyScale.Likert5, 2, 4)]
    [InlineData(SurveyScale.Likert5, 3, 3)]
    [InlineData(SurveyScale.Likert5, 5, 1)]
    [InlineData(SurveyScale.ThreePoint, 3, 1)]
    [InlineData(SurveyScale.ThreePoint, 2, 2)]
    [InlineData(SurveyScale.ThreePoint, 1, 3)]
    public void Reverse_RawValue_MirrorsOnItsScale(SurveyScale scale, int value, int expected)
    {
        Assert.Equal(expected, SurveyScales.Reverse(scale, value));
    }

    [Fact]
    public void Aggregate_ReverseCodedThreePointItem_SatisfiedScoresZero()
    {
        // “办事需要多次跑腿”: answering 满意 to a negative statement means dissatisfied → 0; 不满意 → 1.
        var definition = new SurveyDefinition(
            [new SurveyItem("R1", SurveyScale.ThreePoint, null, "4.2", Reverse: true)],
            [new RespondentGroup(RespondentGroups.Public, 1m, 0, 0)],
            SurveyPolicy.Default);

        var result = Aggregate(definition, [R(RespondentGroups.Public, ("R1", 3)), R(RespondentGroups.Public, ("R1", 3)), R(RespondentGroups.Public, ("R1", 1))]);

        // (0 + 0 + 1) ÷ 3 = 0.3333
        Assert.Equal(0.3333m, Assert.Single(result.Indicators).Fraction);
        Assert.Null(result.Groups[0].ResponseRatePercent);
    }

    [Fact]
    public void Aggregate_GroupBelowMinimumExcluded_RemainingWeightsRenormalised()
    {
        // 内部人员 has 2 respondents, minimum 3: left out. Remaining weights 0.5 + 0.2 = 0.7:
        // (0.5 × 5/7 + 0.2 × 2/3) ÷ 0.7 = (0.357143 + 0.133333) ÷ 0.7 = 0.700680 → 0.7007;
        // effective weights 0.5/0.7 = 0.7143 and 0.2/0.7 = 0.2857.
        var result = Aggregate(Definition(staffMinimum: 3), Sample());

        var indicator = Assert.Single(result.Indicators);
        Assert.Equal(0.7007m, indicator.Fraction);
        Assert.Equal([0.7143m, null, 0.2857m], indicator.Groups.Select(g => g.EffectiveWeight));
        var staff = indicator.Groups[1];
        Assert.True(staff.BelowMinimum);
        Assert.Equal(GroupUse.ExcludedBelowMinimum, staff.Use);
        Assert.Equal(0.8m, staff.Mean);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("survey.group_below_minimum", problem.Code);
        Assert.Equal("3.1", problem.IndicatorCode);
        Assert.Contains("内部人员 有 2 人作答，少于最低 3 人，不计入", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("内部人员 2 人作答，回收率 50%，少于最低 3 人，不计入", indicator.Explanation, StringComparison.Ordinal);
        Assert.Contains("未计入群体的权重按其余群体重新归一", indicator.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_GroupBelowMinimumUsedAnyway_CountsAndFlags()
    {
        var result = Aggregate(Definition(staffMinimum: 3, fallback: GroupFallback.UseAnyway), Sample());

        var indicator = Assert.Single(result.Indicators);
        Assert.Equal(0.7305m, indicator.Fraction);
        var staff = indicator.Groups[1];
        Assert.True(staff.BelowMinimum);
        Assert.Equal(GroupUse.UsedBelowMinimum, staff.Use);
        Assert.Equal(0.3m, staff.EffectiveWeight);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("survey.group_below_minimum", problem.Code);
        Assert.Contains("仍计入，已标注", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("少于最低 3 人但仍计入（已标注）", indicator.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_GroupWithoutAnswers_LeftOutAndFlaggedUnderMinimum()
    {
        // No 协作单位 questionnaires: (0.5 × 5/7 + 0.3 × 0.8) ÷ 0.8 = 0.597143 ÷ 0.8 = 0.746429 → 0.7464.
        var result = Aggregate(Definition(), Sample().Where(r => r.Group != Partners));

        var indicator = Assert.Single(result.Indicators);
        Assert.Equal(0.7464m, indicator.Fraction);
        var partners = indicator.Groups[2];
        Assert.Equal((0, 0, (decimal?)null, GroupUse.ExcludedNoAnswers, true), (partners.Respondents, partners.Answers, partners.Mean, partners.Use, partners.BelowMinimum));
        Assert.Equal(0m, result.Groups[2].ResponseRatePercent);
        Assert.Equal("survey.group_below_minimum", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Aggregate_ExpectedSampleOverride_ChangesResponseRateOnly()
    {
        var result = Aggregate(Definition(), Sample(), new Dictionary<string, int> { [Staff] = 8 });

        Assert.Equal(new GroupParticipation(Staff, 2, 8, 25m), result.Groups[1]);
        Assert.Equal(25m, result.Indicators[0].Groups[1].ResponseRatePercent);
        Assert.Equal(0.7305m, result.Indicators[0].Fraction);
    }

    [Fact]
    public void Aggregate_ConfiguredThreePointFractions_UsedForThreePointItems()
    {
        // 基本满意 worth 0.5: 内部人员 (1 + 0.5) ÷ 2 = 0.75; fraction 0.357143 + 0.3 × 0.75 + 0.133333 = 0.715476 → 0.7155.
        var result = Aggregate(Definition(threePoint: new ThreePointFractions(1m, 0.5m, 0m)), Sample());

        Assert.Equal(0.75m, result.Indicators[0].Groups[1].Mean);
        Assert.Equal(0.7155m, result.Indicators[0].Fraction);
    }

    [Fact]
    public void Aggregate_InvalidAnswers_CountedAndReportedPerKindAndItem()
    {
        var responses = Sample();
        responses.AddRange(
        [
            R(Users, ("Q1", 0), ("Q2", 6), ("Q9", 3)),  // out of scale twice, unknown item
            R(Users, ("Q1", 5), ("Q1", 1)),             // repeated: the first counts
            R(Users, ("N1", 3)),                        // 内部人员's item on a 服务对象 form
            R(Staff, ("N1", 4)),                        // 3-point has no 4
            R("游客", ("Q1", 5), ("Q2", 5)),            // unknown group: both answers set aside
        ]);

        var result = Aggregate(Definition(), responses);

        Assert.Equal(8, result.InvalidAnswers);
        Assert.Equal(15, result.ValidAnswers);
        Assert.Equal(
            ["survey.answer_duplicate", "survey.group_unknown", "survey.item_unknown", "survey.item_wrong_group", "survey.value_out_of_range", "survey.value_out_of_range", "survey.value_out_of_range"],
            result.Problems.Select(p => p.Code));
        Assert.Contains("“游客”", result.Problems[1].MessageZh, StringComparison.Ordinal);
        Assert.Contains("2 个答案未计入", result.Problems[1].MessageZh, StringComparison.Ordinal);
        Assert.Contains("Q9", result.Problems[2].MessageZh, StringComparison.Ordinal);
        Assert.Equal("题目 N1 有 1 个答案超出量表范围（1–3），未计入。", result.Problems[4].MessageZh);
        Assert.Equal("3.1", result.Problems[4].IndicatorCode);
        Assert.Equal("题目 Q1 有 1 个答案超出量表范围（1–5），未计入。", result.Problems[5].MessageZh);

        // Valid answers added: the duplicate's first Q1 = 5 (→ 1) for 服务对象, 6 respondents now (the ones with only
        // invalid answers still returned a questionnaire, 7 in all for the response rate).
        // 服务对象: sum 5 + 1 = 6 over 8 answers = 0.75; respondents with a valid answer on 3.1: 5.
        var users = result.Indicators[0].Groups[0];
        Assert.Equal((5, 8, (decimal?)0.75m), (users.Respondents, users.Answers, users.Mean));
        Assert.Equal(new GroupParticipation(Users, 7, 10, 70m), result.Groups[0]);
        Assert.Equal(new GroupParticipation(Staff, 3, 4, 75m), result.Groups[1]);
    }

    [Fact]
    public void Aggregate_IndicatorWithNoValidAnswers_NullFractionAndProblemNoNaN()
    {
        var result = Aggregate(Definition(), [R(Users, ("Q1", 9)), R(Staff, ("X1", 4))]);

        var indicator = Assert.Single(result.Indicators);
        Assert.Null(indicator.Fraction);
        Assert.All(indicator.Groups, g => Assert.Null(g.Mean));
        Assert.Contains(result.Problems, p => p.Code == "survey.indicator_no_answers" && p.IndicatorCode == "3.1");
        Assert.Contains("无可计入的群体，未计算满意度", indicator.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FractionsByIndicator_SomeIndicatorsWithoutFraction_OnlyComputedOnesListed()
    {
        var definition = Definition() with { Items = [.. Definition().Items, new SurveyItem("Z1", SurveyScale.Likert5, null, "9.9")] };

        var fractions = Aggregate(definition, Sample()).FractionsByIndicator();

        Assert.Equal(0.7305m, Assert.Single(fractions).Value);
        Assert.Equal("3.1", fractions.Keys.Single());
    }

    [Fact]
    public void Aggregate_OnlyZeroWeightGroupAnswered_NullFractionNoUsableGroup()
    {
        var definition = new SurveyDefinition(
            [new SurveyItem("Q1", SurveyScale.Likert5, null, "5.1")],
            [new RespondentGroup(Users, 1m, 0, 0), new RespondentGroup(RespondentGroups.Public, 0m, 0, 0)],
            SurveyPolicy.Default);

        var result = Aggregate(definition, [R(RespondentGroups.Public, ("Q1", 5))]);

        Assert.Null(result.Indicators[0].Fraction);
        Assert.Contains(result.Problems, p => p.Code == "survey.indicator_no_usable_group");
    }

    [Fact]
    public void Aggregate_ShuffledResponsesAndAnswers_SameResult()
    {
        var random = new Random(20240601);
        var groups = new[] { Users, Staff, Partners, "游客" };
        var itemsByGroup = new Dictionary<string, string[]>
        {
            [Users] = ["Q1", "Q2", "X1", "N1"],
            [Staff] = ["N1", "X1", "Q9"],
            [Partners] = ["P1", "X1"],
            ["游客"] = ["Q1"],
        };
        var responses = Enumerable.Range(0, 400).Select(_ =>
        {
            var group = groups[random.Next(groups.Length)];
            var answers = itemsByGroup[group].Where(_ => random.Next(4) > 0).Select(item => (item, random.Next(0, 7))).ToArray();
            return R(group, answers);
        }).ToList();
        var shuffled = responses.OrderBy(_ => random.Next())
            .Select(r => r with { Answers = [.. r.Answers.OrderBy(_ => random.Next())] }).ToList();

        var first = Aggregate(Definition(staffMinimum: 500, fallback: GroupFallback.UseAnyway), responses);
        var second = Aggregate(Definition(staffMinimum: 500, fallback: GroupFallback.UseAnyway), shuffled);

        Assert.NotNull(first.Indicators[0].Fraction);
        Assert.True(first.InvalidAnswers > 0);
        Assert.Equal(first.Indicators[0].Fraction, second.Indicators[0].Fraction);
        Assert.Equal(first.Indicators[0].Groups, second.Indicators[0].Groups);
        Assert.Equal(first.Indicators[0].Explanation, second.Indicators[0].Explanation);
        Assert.Equal(first.Groups, second.Groups);
        Assert.Equal(first.Problems, second.Problems);
        Assert.Equal((first.ValidAnswers, first.InvalidAnswers), (second.ValidAnswers, second.InvalidAnswers));
    }

    [Fact]
    public void Aggregate_OneAggregatorManyUnits_UnitsDoNotLeakIntoEachOther()
    {
        var aggregator = SurveyAggregator.Create(Definition());

        var full = aggregator.Aggregate(Sample());
        var other = aggregator.Aggregate([R(Users, ("Q1", 1)), R(Users, ("Q1", 1)), R(Users, ("Q1", 1))]);
        var again = aggregator.Aggregate(Sample());

        Assert.Equal(0m, other.Indicators[0].Fraction);
        Assert.Equal(full.Indicators[0].Fraction, again.Indicators[0].Fraction);
        Assert.Equal(full.Indicators[0].Groups, again.Indicators[0].Groups);
    }

    [Theory]
    [InlineData(SurveyScale.Likert5, "非常满意", 5)]
    [InlineData(SurveyScale.Likert5, " 一般 ", 3)]
    [InlineData(SurveyScale.Likert5, "2", 2)]
    [InlineData(SurveyScale.ThreePoint, "基本满意", 2)]
    [InlineData(SurveyScale.ThreePoint, "满意", 3)]
    [InlineData(SurveyScale.ThreePoint, "3", 3)]
    public void TryParse_LabelOrDigit_ReturnsRawValue(SurveyScale scale, string text, int expected)
    {
        Assert.True(SurveyScales.TryParse(scale, text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(SurveyScale.Likert5, "6")]
    [InlineData(SurveyScale.Likert5, "0")]
    [InlineData(SurveyScale.Likert5, "基本满意")]
    [InlineData(SurveyScale.ThreePoint, "4")]
    [InlineData(SurveyScale.ThreePoint, "非常满意")]
    [InlineData(SurveyScale.ThreePoint, null)]
    public void TryParse_NotOnScale_ReturnsFalse(SurveyScale scale, string? text)
    {
        Assert.False(SurveyScales.TryParse(scale, text, out var value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void Fraction_DefaultMapping_LikertEqualIntervalThreePointOneSixZero()
    {
        Assert.Equal([0m, 0.25m, 0.5m, 0.75m, 1m], Enumerable.Range(1, 5).Select(v => SurveyScales.Fraction(SurveyScale.Likert5, v, ThreePointFractions.Default)));
        Assert.Equal([0m, 0.6m, 1m], Enumerable.Range(1, 3).Select(v => SurveyScales.Fraction(SurveyScale.ThreePoint, v, ThreePointFractions.Default)));
    }
}
