using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Results;

/// <summary>Fixed-seed random inputs over every rule kind: invariants that must hold whatever the input.</summary>
public class PropertyTests
{
    private static readonly ScoringRule[] EveryRule =
    [
        Build.FourLevelScale(),
        new DeductionRule(1.5m),
        new DeductionRule(0.335m, 2m),
        Rules.BudgetBands(),
        Rules.SaturationBands(),
        new BandsRule([new Band(0m, true, 10m, false, 1m), new Band(20m, true, 30m, true, 0.5m)], Contiguous: false),
        new LinearRule(new Anchor(60m, 0m), new Anchor(100m, 1m)),
        new LinearRule(new Anchor(0m, 1m), new Anchor(20m, 0.25m)),
        new RatioRule(RatioDirection.Positive, 80m),
        new RatioRule(RatioDirection.Negative, 3m),
        new ShortfallRule(20m, 0.1m),
        new ShortfallRule(97m, 0.7m, 1.5m, ShortfallDirection.Above, WholePoints: true),
        new ShareRule([new ShareFactor("甲", 1m), new ShareFactor("乙", 0.6m), new ShareFactor("丙", 0.1m)]),
        Rules.AgeShares(),
        new SurveyRule("满意度"),
        new MetricRule(UnitMetric.EstablishmentUseRate, new BandsRule([new Band(null, null, 95m, false, 0.5m), new Band(95m, true, 100m, true, 1m), new Band(100m, false, null, null, 0.3m)])),
        new MetricRule(UnitMetric.Vacancies, new DeductionRule(0.5m)),
        new MetricRule(UnitMetric.OverEstablishment, new DeductionRule(2.5m)),
        new MetricRule(UnitMetric.LeadershipPostsOverQuota, new ShortfallRule(0m, 2m, Direction: ShortfallDirection.Above)),
        new MetricRule(UnitMetric.BusinessDivisionStaffShare, new LinearRule(new Anchor(40m, 0m), new Anchor(70m, 1m))),
        new MetricRule(UnitMetric.PeerRankHighFirst, new RatioRule(RatioDirection.Negative, 1m)),
        new MetricRule(UnitMetric.PeerRankLowFirst, new LinearRule(new Anchor(1m, 1m), new Anchor(11m, 0.5m))),
    ];

    /// <summary>Every rule kind twice over two dimensions, two bonus leaves in two pools, two veto leaves.</summary>
    private static FrameworkDefinition Framework()
    {
        // Point bands are written for a 5-point leaf; every other rule scales with any points.
        var leaves = EveryRule.Select((rule, i) => Build.Leaf($"L{i}", rule is BandsRule { ScoreAs: BandScoreKind.Points } ? 5m : 1m + (i % 4 * 2.5m), rule)).ToList();
        var half = leaves.Count / 2;
        var d1 = leaves.Take(half).ToList();
        var d2 = leaves.Skip(half).ToList();
        d1.Add(Build.Leaf("B1", 0.5m, new BonusRule(0.05m, "P1")));
        d2.Add(Build.Leaf("B2", 2m, new BonusRule(0.7m, "P2")));
        var vetoes = new[] { Build.Leaf("V1", 0m, new VetoRule(VetoEffect.CapGrade)), Build.Leaf("V2", 0m, new VetoRule(VetoEffect.ZeroTotal)) };
        var p1 = d1.Where(l => l.IsCounted).Sum(l => l.Points);
        var p2 = d2.Where(l => l.IsCounted).Sum(l => l.Points);
        return Build.Framework(p1 + p2, Build.Node("D1", p1, [.. d1]), Build.Node("D2", p2, [.. d2]), Build.Node("D3", 0m, vetoes)) with
        {
            BonusPools = [new BonusPool("P1", "甲", 0.3m), new BonusPool("P2", "乙", 1m)],
        };
    }

    private static decimal? RandomNumber(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => -random.Next(1, 50),
        2 => random.Next(0, 100) + 0.5m,
        3 => decimal.MaxValue,
        4 => decimal.MinValue,
        5 => random.Next(0, 4),
        6 => 0m,
        _ => random.Next(0, 130) + (random.Next(100) / 100m),
    };

    private static UnitInput RandomInput(FrameworkDefinition framework, Random random)
    {
        string[] options = ["好", "较好", "一般", "差", "优秀", " 较好 ", ""];
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var verified = new Dictionary<string, Verification>(StringComparer.Ordinal);
        var surveys = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var leaf in framework.Leaves())
        {
            var code = leaf.Node.Code;
            if (random.Next(6) > 0)
            {
                answers[code] = new Answer(code)
                {
                    Option = options[random.Next(options.Length)],
                    Number = RandomNumber(random),
                    Finding = random.Next(3) switch { 0 => null, 1 => true, _ => false },
                    Counts = random.Next(4) == 0 ? null : new Dictionary<string, decimal>(StringComparer.Ordinal)
                    {
                        ["甲"] = random.Next(-1, 20), ["乙"] = random.Next(0, 20), ["丙"] = random.Next(0, 3) + (random.Next(5) == 0 ? 0.5m : 0m),
                    },
                    SelfScore = random.Next(5) == 0 ? null : random.Next(-2, 12) + (random.Next(4) * 0.25m),
                };
            }

            if (random.Next(4) == 0)
            {
                verified[code] = new Verification(random.Next(3) == 0 ? null : random.Next(-2, 12) + 0.125m, random.Next(4) == 0 ? random.Next(2) == 0 : null);
            }

            if (random.Next(3) > 0)
            {
                surveys[code] = random.Next(-20, 120) / 100m;
            }
        }

        int? Count(int max) => random.Next(8) == 0 ? null : random.Next(-1, max);
        var facts = random.Next(10) == 0 ? null : new UnitFacts
        {
            ApprovedEstablishment = Count(60),
            ActualStaff = Count(70),
            ApprovedLeadershipPosts = Count(8),
            ActualLeadershipPosts = Count(10),
            BusinessDivisionStaff = Count(50),
            TotalStaff = Count(60),
            AgeBands = random.Next(6) == 0 ? null : new AgeBandCounts(random.Next(-1, 20), random.Next(0, 20), random.Next(0, 20), random.Next(0, 5)),
            PeerValue = random.Next(5) == 0 ? null : random.Next(0, 100),
            PeerValues = [.. Enumerable.Range(0, random.Next(0, 15)).Select(_ => (decimal)random.Next(0, 100))],
        };

        return new UnitInput(answers) { Verified = verified, SurveyFractions = surveys, Facts = facts };
    }

    [Fact]
    public void Framework_WithEveryRuleKind_IsValid()
    {
        Assert.Empty(FrameworkValidator.Validate(Framework()).Select(p => p.Code + " " + p.IndicatorCode + " " + p.MessageEn));
        Assert.Equal(Enum.GetValues<RuleKind>().Order(), Framework().Leaves().Select(l => l.Node.Rule!.Kind).Distinct().Order());
    }

    [Theory]
    [InlineData(20260315)]
    [InlineData(42)]
    [InlineData(7)]
    public void Score_RandomInputsOverEveryRuleKind_KeepLeavesInRangeAndTotalsExact(int seed)
    {
        var framework = Framework();
        var leaves = framework.Leaves().ToList();
        var random = new Random(seed);
        ScoreSource[][] orders = [[ScoreSource.Verified, ScoreSource.Computed], [ScoreSource.SelfScore, ScoreSource.Verified], [ScoreSource.Computed]];

        for (var run = 0; run < 300; run++)
        {
            var input = RandomInput(framework, random);
            var result = UnitScorer.Score(framework, input, new ScoringPolicy(orders[run % orders.Length]));

            Assert.Equal(leaves.Count, result.Leaves.Count);
            foreach (var (score, leaf) in result.Leaves.Zip(leaves))
            {
                Assert.Equal(leaf.Node.Code, score.Code);
                Assert.InRange(score.Value, 0m, leaf.Node.Points);
                Assert.InRange(score.Computed, 0m, leaf.Node.Points);
                Assert.Equal(Score.Round(score.Value), score.Value);
                Assert.False(string.IsNullOrWhiteSpace(score.Explanation));
                Assert.Equal(RuleScorer.RoleOf(leaf.Node.Rule!.Kind), score.Role);
                if (score.Role == LeafRole.Veto)
                {
                    Assert.Equal(0m, score.Value);
                    Assert.NotNull(score.Finding);
                }
            }

            var regular = result.Leaves.Where(l => l.Role == LeafRole.Regular).Sum(l => l.Value);
            Assert.Equal(regular, result.BaseTotal);
            Assert.Equal(result.Dimensions.Sum(d => d.Score), result.BaseTotal);
            Assert.InRange(result.Bonus, 0m, 1.3m);
            Assert.Equal(result.Vetoed ? 0m : result.BaseTotal + result.Bonus, result.Total);
            Assert.Equal(result.Vetoes.Any(v => v.Effect == VetoEffect.ZeroTotal), result.Vetoed);
            Assert.All(result.BonusPools, p => Assert.Equal(Math.Min(p.Claimed, p.Cap), p.Awarded));
            Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Code + p.MessageZh + p.MessageEn)));
            Assert.Equal(result.Leaves.SelectMany(l => l.Problems), result.Problems.Take(result.Leaves.Sum(l => l.Problems.Count)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RuleScorer_RandomRulesAndPoints_NeverLeavesZeroToPoints(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 3000; run++)
        {
            var rule = EveryRule[random.Next(EveryRule.Length)];
            var points = random.Next(0, 40) / 4m;
            var answer = new Answer("x") { Number = RandomNumber(random), Option = random.Next(2) == 0 ? "较好" : "?" };
            var facts = new UnitFacts { ApprovedEstablishment = random.Next(0, 5), ActualStaff = random.Next(0, 9), AgeBands = new AgeBandCounts(random.Next(3), random.Next(3), random.Next(3)) };

            var score = RuleScorer.ScoreLeaf("x", points, rule, answer, facts, random.Next(-10, 110) / 100m);

            Assert.InRange(score.Value, 0m, points);
            Assert.Equal(Score.Round(score.Value), score.Value);
        }
    }

    [Theory]
    [InlineData(20260315)]
    [InlineData(42)]
    [InlineData(7)]
    public void Score_ExplainOff_ChangesNothingButEmptiesTheExplanations(int seed)
    {
        var framework = Framework();
        var random = new Random(seed);
        ScoreSource[][] orders = [[ScoreSource.Verified, ScoreSource.Computed], [ScoreSource.SelfScore, ScoreSource.Verified], [ScoreSource.Computed]];

        for (var run = 0; run < 300; run++)
        {
            var input = RandomInput(framework, random);
            var policy = new ScoringPolicy(orders[run % orders.Length]);

            var on = UnitScorer.Score(framework, input, policy);
            var off = UnitScorer.Score(framework, input, policy with { Explain = false });

            Assert.NotEmpty(on.Explanation);
            Assert.All(on.Leaves, l => Assert.NotEmpty(l.Explanation));
            Assert.Equal("", off.Explanation);
            Assert.All(off.Leaves, l => Assert.Equal("", l.Explanation));
            Assert.Equal(Comparable(on), Comparable(off));
            Assert.Equal(on.Dimensions, off.Dimensions);
            Assert.Equal(on.BonusPools, off.BonusPools);
            Assert.Equal(on.Vetoes, off.Vetoes);
            Assert.Equal(on.Problems, off.Problems);
            Assert.Equal(on.Leaves.Count, off.Leaves.Count);
            foreach (var (a, b) in on.Leaves.Zip(off.Leaves))
            {
                Assert.Equal(a with { Explanation = "", Problems = [] }, b with { Problems = [] });
                Assert.Equal(a.Problems, b.Problems);
            }
        }

        static (decimal Total, decimal MaxTotal, decimal ScoreRate, decimal BaseTotal, decimal Bonus, bool Vetoed) Comparable(UnitScore s) =>
            (s.Total, s.MaxTotal, s.ScoreRate, s.BaseTotal, s.Bonus, s.Vetoed);
    }

    [Fact]
    public void Consolidate_ExplainOff_GivesTheSameRanksGradesAndBoards()
    {
        var framework = Framework();
        var random = new Random(2026);
        var units = Enumerable.Range(0, 60).Select(i => (Key: $"U{i:00}", Category: i % 3 == 0 ? "经济" : "非经济", Input: RandomInput(framework, random))).ToArray();

        Assert.Equal(Consolidate(framework, units), Consolidate(framework, units, ScoringPolicy.Default with { Explain = false }));
    }

    [Fact]
    public void Score_ReorderedUnits_ChangeNobodysScoreRankGradeOrBoard()
    {
        var framework = Framework();
        var random = new Random(99);
        var units = Enumerable.Range(0, 40).Select(i => (Key: $"U{i:00}", Category: i % 3 == 0 ? "经济" : "非经济", Input: RandomInput(framework, random))).ToArray();

        var expected = Consolidate(framework, units);
        for (var run = 0; run < 10; run++)
        {
            var shuffled = units.ToArray();
            random.Shuffle(shuffled);

            Assert.Equal(expected, Consolidate(framework, shuffled));
        }
    }

    /// <summary>Scores, ranks, grades and boards per unit key, as a campaign would consolidate them.</summary>
    private static Dictionary<string, (decimal Total, int Rank, string Grade, Board Board)> Consolidate(
        FrameworkDefinition framework, (string Key, string Category, UnitInput Input)[] units, ScoringPolicy? policy = null)
    {
        var scores = units.Select(u => (u.Key, u.Category, Score: UnitScorer.Score(framework, u.Input, policy))).ToList();
        var ranks = Ranking.Competition(scores.Select(s => (s.Key, s.Score.Total))).ToDictionary(r => r.Key, r => r.Rank);
        var grades = Grading.Assign(scores.Select(s => Grading.Candidate(s.Key, s.Score)), GradeScheme.ForcedShares([("A", 20m), ("B", 50m)], "C"))
            .Grades.ToDictionary(g => g.Key, g => g.Grade);
        var boards = Boards.Assign(scores.Select(s => new BoardCandidate<string>(s.Key, s.Category, s.Score.ScoreRate)), new BoardPolicy(new BoardSize(3, 3)))
            .Placements.ToDictionary(p => p.Key, p => p.Board);
        return scores.ToDictionary(s => s.Key, s => (s.Score.Total, ranks[s.Key], grades[s.Key], boards[s.Key]));
    }
}
