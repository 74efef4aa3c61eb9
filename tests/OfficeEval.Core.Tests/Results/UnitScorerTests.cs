using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Results;

public class UnitScorerTests
{
    private static Dictionary<string, Answer> Answers(params Answer[] answers) =>
        answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);

    private static Answer Option(string code, string option) => new(code) { Option = option };

    private static Answer Count(string code, decimal count) => new(code) { Number = count };

    /// <summary>
    /// Hand computation on <see cref="Build.Sample"/>:
    /// <code>
    /// 1.1   较好 on 10 points          → 10 × 0.8            =  8
    /// 1.2.1 2 occurrences, −4 each, 20 → 20 − 2 × 4          = 12
    /// 1.2.2 一般 on 10 points          → 10 × 0.6            =  6
    /// 2.1.1 5 occurrences, −5, cap 20  → 30 − min(25, 20)    = 10
    /// 2.1.2 好 on 30 points            → 30 × 1              = 30
    /// D1 = 8 + 12 + 6 = 26 of 40 → 26 / 40 = 65.00 %
    /// D2 = 10 + 30    = 40 of 60 → 40 / 60 = 66.666… → 66.67 %
    /// Total = 66 of 100 → 66.00 %
    /// </code>
    /// </summary>
    private static Dictionary<string, Answer> SampleAnswers() => Answers(
        Option("1.1", "较好"),
        Count("1.2.1", 2m),
        Option("1.2.2", "一般"),
        Count("2.1.1", 5m),
        Option("2.1.2", "好"));

    [Fact]
    public void Score_HandComputedAnswers_GivesLeavesSubtotalsRatesAndTotal()
    {
        var result = UnitScorer.Score(Build.Sample(), SampleAnswers());

        Assert.Equal(["1.1", "1.2.1", "1.2.2", "2.1.1", "2.1.2"], result.Leaves.Select(l => l.Code));
        Assert.Equal([8m, 12m, 6m, 10m, 30m], result.Leaves.Select(l => l.Value));

        Assert.Collection(result.Dimensions,
            d1 =>
            {
                Assert.Equal("D1", d1.Code);
                Assert.Equal(26m, d1.Score);
                Assert.Equal(40m, d1.MaxPoints);
                Assert.Equal(65.00m, d1.ScoreRate);
            },
            d2 =>
            {
                Assert.Equal("D2", d2.Code);
                Assert.Equal(40m, d2.Score);
                Assert.Equal(60m, d2.MaxPoints);
                Assert.Equal(66.67m, d2.ScoreRate);
            });

        Assert.Equal(66m, result.Total);
        Assert.Equal(100m, result.MaxTotal);
        Assert.Equal(66.00m, result.ScoreRate);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Score_NoAnswers_ScoresZeroAndReportsEveryLeafMissing()
    {
        var result = UnitScorer.Score(Build.Sample(), Answers());

        Assert.Equal(0m, result.Total);
        Assert.Equal(0m, result.ScoreRate);
        Assert.All(result.Problems, p => Assert.Equal("answer.missing", p.Code));
        Assert.Equal(["1.1", "1.2.1", "1.2.2", "2.1.1", "2.1.2"], result.Problems.Select(p => p.IndicatorCode));
    }

    [Fact]
    public void Score_AnswerForUnknownCode_ReportsIndicatorUnknown()
    {
        var answers = SampleAnswers();
        answers["9.9"] = Option("9.9", "好");

        var result = UnitScorer.Score(Build.Sample(), answers);

        Assert.Equal(66m, result.Total);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("answer.indicator_unknown", problem.Code);
        Assert.Equal("9.9", problem.IndicatorCode);
    }

    [Fact]
    public void Score_AnswerForInnerNodeCode_ReportsIndicatorUnknown()
    {
        var answers = SampleAnswers();
        answers["1.2"] = Count("1.2", 1m);

        var result = UnitScorer.Score(Build.Sample(), answers);

        Assert.Equal("1.2", Assert.Single(result.Problems, p => p.Code == "answer.indicator_unknown").IndicatorCode);
    }

    [Fact]
    public void Score_CaseInsensitiveAnswers_StillReportACodeThatIsNotExactlyALeaf()
    {
        // The leaf finds its answer through the dictionary's own comparer, but codes are compared ordinally.
        var framework = Build.Framework(10m, Build.Node("D1", 10m, Build.Leaf("a1", 10m, Build.FourLevelScale())));
        var answers = new Dictionary<string, Answer>(StringComparer.OrdinalIgnoreCase) { ["A1"] = Option("A1", "好") };

        var result = UnitScorer.Score(framework, answers);

        Assert.Equal(10m, result.Total);
        Assert.Equal(("answer.indicator_unknown", "A1"), (Assert.Single(result.Problems).Code, result.Problems[0].IndicatorCode));
    }

    [Fact]
    public void Score_RepeatedLeafCodes_StillReportInputsForCodesOutsideTheFramework()
    {
        // A repeated code is invalid (the validator reports it) but still scored; its input must not hide an unknown one.
        var framework = Build.Framework(
            20m,
            Build.Node("D1", 20m,
                Build.Leaf("1.1", 5m, Build.FourLevelScale()), Build.Leaf("1.1", 5m, Build.FourLevelScale()),
                Build.Leaf("1.2", 5m, new SurveyRule("满意度")), Build.Leaf("1.2", 5m, new SurveyRule("满意度"))));
        var input = new UnitInput(Answers(Option("1.1", "好"), Option("9.9", "好")))
        {
            Verified = new Dictionary<string, Verification>(StringComparer.Ordinal) { ["1.1"] = new(Score: 4m), ["8.8"] = new(Score: 1m) },
            SurveyFractions = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["1.2"] = 0.5m, ["7.7"] = 0.5m },
        };

        var result = UnitScorer.Score(framework, input);

        Assert.Equal(13m, result.Total);
        Assert.Equal(
            [("answer.indicator_unknown", "9.9"), ("verified.indicator_unknown", "8.8"), ("survey.indicator_unknown", "7.7")],
            result.Problems.Select(p => (p.Code, p.IndicatorCode)));
    }

    [Fact]
    public void Score_LeafProblems_AreCollectedInFrameworkOrder()
    {
        var answers = SampleAnswers();
        answers["1.1"] = Option("1.1", "优秀");
        answers["2.1.1"] = Count("2.1.1", -1m);

        var result = UnitScorer.Score(Build.Sample(), answers);

        // 66 − 8 (1.1 now 0) − 10 (2.1.1 now 0) = 48
        Assert.Equal(48m, result.Total);
        Assert.Equal(["answer.option_unknown", "answer.count_invalid"], result.Problems.Select(p => p.Code));
        Assert.Equal(["1.1", "2.1.1"], result.Problems.Select(p => p.IndicatorCode));
    }

    [Fact]
    public void Score_ManyRandomAnswerSets_KeepsLeavesInRangeAndTotalsExact()
    {
        var framework = Build.Sample();
        var leaves = framework.Leaves().ToList();
        var random = new Random(20260315);
        string[] labels = ["好", "较好", "一般", "差", "优秀", " 较好 ", ""];

        for (var run = 0; run < 500; run++)
        {
            var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
            foreach (var leaf in leaves.Where(_ => random.Next(6) > 0))
            {
                answers[leaf.Node.Code] = leaf.Node.Rule switch
                {
                    QualitativeScaleRule => Option(leaf.Node.Code, labels[random.Next(labels.Length)]),
                    _ => Count(leaf.Node.Code, random.Next(8) == 0 ? random.Next(-3, 3) + 0.5m : random.Next(-1, 12)),
                } with { SelfScore = random.Next(-2, 35) };
            }

            var result = UnitScorer.Score(framework, answers);

            Assert.Equal(leaves.Count, result.Leaves.Count);
            foreach (var (leafScore, leaf) in result.Leaves.Zip(leaves))
            {
                Assert.Equal(leaf.Node.Code, leafScore.Code);
                Assert.InRange(leafScore.Value, 0m, leaf.Node.Points);
                Assert.Equal(Score.Round(leafScore.Value), leafScore.Value);
                Assert.Equal(Expected(leaf.Node, answers.GetValueOrDefault(leaf.Node.Code)), leafScore.Value);
            }

            Assert.Equal(result.Leaves.Sum(l => l.Value), result.Total);
            Assert.Equal(result.Dimensions.Sum(d => d.Score), result.Total);
            foreach (var dimension in result.Dimensions)
            {
                var dimensionLeaves = framework.Dimensions.Single(d => d.Code == dimension.Code).Leaves().Select(l => l.Code).ToHashSet();
                Assert.Equal(result.Leaves.Where(l => dimensionLeaves.Contains(l.Code)).Sum(l => l.Value), dimension.Score);
            }

            Assert.InRange(result.ScoreRate, 0m, 100m);
        }
    }

    /// <summary>An independent statement of the rules, to check the engine against.</summary>
    private static decimal Expected(IndicatorNode leaf, Answer? answer) => leaf.Rule switch
    {
        QualitativeScaleRule scale => scale.Options.FirstOrDefault(o => o.Label == answer?.Option?.Trim()) is { } option
            ? Score.Round(leaf.Points * option.Fraction)
            : 0m,
        DeductionRule deduction => answer?.Number is { } n && n >= 0 && n == Math.Floor(n)
            ? Math.Max(0m, leaf.Points - Math.Min(n * deduction.PerOccurrence, deduction.Cap ?? leaf.Points))
            : 0m,
        _ => throw new InvalidOperationException("The sample framework has only the two rule kinds."),
    };

    [Fact]
    public void Score_ReorderedAnswers_GivesIdenticalResult()
    {
        var forward = SampleAnswers();
        forward["1.1"] = Option("1.1", "优秀");
        forward["8.8"] = Option("8.8", "好");
        forward["9.9"] = Count("9.9", 1m);
        var reversed = forward.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        Assert.NotEqual(forward.Keys, reversed.Keys);

        var a = UnitScorer.Score(Build.Sample(), forward);
        var b = UnitScorer.Score(Build.Sample(), reversed);

        Assert.Equal(a.Total, b.Total);
        Assert.Equal(a.ScoreRate, b.ScoreRate);
        Assert.Equal(a.Dimensions, b.Dimensions);
        Assert.Equal(a.Leaves.Select(l => (l.Code, l.Value, l.Explanation)), b.Leaves.Select(l => (l.Code, l.Value, l.Explanation)));
        Assert.Equal(a.Problems, b.Problems);
        Assert.Equal(["answer.option_unknown", "answer.indicator_unknown", "answer.indicator_unknown"], a.Problems.Select(p => p.Code));
    }
}
