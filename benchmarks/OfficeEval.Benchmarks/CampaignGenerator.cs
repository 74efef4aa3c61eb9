using System.Globalization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Benchmarks;

/// <summary>
/// Generates a campaign deterministically from a seed, in memory: the framework, the survey and per unit an answer
/// for every leaf (with a self-score), reviewers' verifications of about 30% of the leaves, the unit's data tables and
/// its questionnaires. Each unit has a quality (0.3..1) so totals spread over every grade and board.
/// </summary>
internal static class CampaignGenerator
{
    public const int DefaultUnits = 3000;
    public const int DefaultSeed = 20260101;

    private const int PeerGroupSize = 30;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Board categories, weighted by repetition: more government departments, institutions and townships.
    private static readonly string[] Categories = ["党委部门", "政府部门", "政府部门", "群团机关", "事业单位", "事业单位", "乡镇（街道）", "乡镇（街道）"];

    public static Campaign Generate(int units = DefaultUnits, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var framework = FrameworkGenerator.Generate(random);
        var leaves = framework.Leaves().ToArray();
        var survey = SurveyGenerator.Definition([.. leaves.Where(l => l.Node.Rule is SurveyRule).Select(l => l.Node.Code)]);

        var facts = new UnitFacts[units];
        for (var u = 0; u < units; u++)
        {
            facts[u] = Facts(random);
        }

        // 同类单位: consecutive groups of 30; each unit's peers are the others of its group.
        for (var u = 0; u < units; u++)
        {
            var first = u / PeerGroupSize * PeerGroupSize;
            var peers = new List<decimal>(PeerGroupSize - 1);
            for (var p = first; p < Math.Min(first + PeerGroupSize, units); p++)
            {
                if (p != u)
                {
                    peers.Add(facts[p].PeerValue!.Value);
                }
            }

            facts[u] = facts[u] with { PeerValues = peers };
        }

        var list = new CampaignUnit[units];
        for (var u = 0; u < units; u++)
        {
            var quality = 0.3 + (0.7 * random.NextDouble());
            var answers = new Dictionary<string, Answer>(leaves.Length, StringComparer.Ordinal);
            var verified = new Dictionary<string, Verification>(StringComparer.Ordinal);
            foreach (var leaf in leaves)
            {
                var answer = AnswerFor(leaf.Node, random, quality);
                answers.Add(answer.IndicatorCode, answer);
                if (random.NextDouble() < 0.3)
                {
                    verified.Add(answer.IndicatorCode, leaf.Node.Rule is VetoRule
                        ? new Verification(Finding: answer.Finding ?? false)
                        : new Verification(Score: Hundredths(leaf.Node.Points, Math.Clamp((int)(quality * 100) + random.Next(-10, 21), 0, 100))));
                }
            }

            var input = new UnitInput(answers) { Verified = verified, Facts = facts[u] };
            var responses = SurveyGenerator.Responses(random, survey, quality);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [RespondentGroups.InternalStaff] = 3 + (facts[u].ActualStaff!.Value / 100),
            };
            var previous = random.NextDouble() switch
            {
                < 0.2 => (Board?)null,
                < 0.35 => Board.Green,
                < 0.43 => Board.Red,
                _ => Board.Yellow,
            };
            list[u] = new CampaignUnit(string.Create(Inv, $"U{u + 1:D4}"), Categories[random.Next(Categories.Length)], input, responses, expected, previous);
        }

        var boards = new BoardPolicy(new BoardSize(30, 15))
        {
            PerCategory = new Dictionary<string, BoardSize>(StringComparer.Ordinal) { ["乡镇（街道）"] = new BoardSize(60, 30) },
        };
        return new Campaign(framework, survey, list, EngineDefaults.GradesFourLevel, boards);
    }

    private static UnitFacts Facts(Random random)
    {
        var approved = random.Next(20, 201);
        var actual = approved * random.Next(85, 106) / 100;
        var posts = random.Next(3, 9);
        var young = actual * random.Next(15, 40) / 100;
        var middle = actual * random.Next(30, 50) / 100;
        var over60 = random.NextDouble() < 0.1 ? 1 : 0;
        return new UnitFacts
        {
            ApprovedEstablishment = approved,
            ActualStaff = actual,
            ApprovedLeadershipPosts = posts,
            ActualLeadershipPosts = posts + (random.NextDouble() < 0.1 ? 1 : 0),
            TotalStaff = actual,
            BusinessDivisionStaff = actual * random.Next(50, 81) / 100,
            AgeBands = new AgeBandCounts(young, middle, Math.Max(0, actual - young - middle - over60), over60),
            PeerValue = actual + (random.Next(0, 100) / 100m),
        };
    }

    /// <summary>The unit's answer to a leaf; a “good” answer (probability = quality) earns most of the points.</summary>
    private static Answer AnswerFor(IndicatorNode leaf, Random random, double quality)
    {
        var good = random.NextDouble() < quality;
        var answer = new Answer(leaf.Code);
        answer = leaf.Rule switch
        {
            QualitativeScaleRule scale => answer with { Option = scale.Options[good ? random.Next(0, 2) : random.Next(1, scale.Options.Count)].Label },
            DeductionRule => answer with { Number = good ? 0 : random.Next(1, 4) },
            BandsRule => answer with { Number = good ? random.Next(0, 11) : random.Next(5, 40) },
            LinearRule => answer with { Number = good ? random.Next(85, 101) : random.Next(50, 90) },
            RatioRule { Direction: RatioDirection.Positive } => answer with { Number = good ? random.Next(95, 121) : random.Next(60, 100) },
            RatioRule => answer with { Number = (good ? random.Next(30, 51) : random.Next(50, 101)) / 10m },
            ShortfallRule { Direction: ShortfallDirection.Below } => answer with { Number = (good ? random.Next(950, 1001) : random.Next(850, 950)) / 10m },
            ShortfallRule => answer with { Number = (good ? random.Next(0, 51) : random.Next(50, 120)) / 10m },
            ShareRule { Source: ShareSource.Answer } shares => answer with
            {
                Counts = shares.Factors.ToDictionary(f => f.Label, _ => (decimal)random.Next(2, 30), StringComparer.Ordinal),
            },
            ShareRule or SurveyRule or MetricRule => answer,
            BonusRule => answer with { Number = random.NextDouble() < 0.25 ? random.Next(1, 4) : 0 },
            VetoRule veto => answer with { Finding = random.NextDouble() < (veto.Effect == VetoEffect.ZeroTotal ? 0.003 : 0.02) },
            _ => throw new InvalidOperationException("No answer generator for leaf " + leaf.Code + "."),
        };

        return leaf.Rule is VetoRule ? answer : answer with { SelfScore = Hundredths(leaf.Points, random.Next(good ? 85 : 60, 101)) };
    }

    private static decimal Hundredths(decimal points, int percent) => Math.Round(points * percent / 100m, 2, MidpointRounding.AwayFromZero);
}
