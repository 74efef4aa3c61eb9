using OfficeEval.Core.Surveys;

namespace OfficeEval.Core.Tests.Surveys;

/// <summary>
/// <see cref="SurveyAggregator.Aggregate"/> with <c>explain: false</c> (a campaign's consolidation) gives the same
/// result as with explanations, except that every indicator's explanation is empty. Fixed-seed random definitions and
/// questionnaires, with unknown groups and items, repeats, out-of-scale values, groups under their minimum (either
/// fallback), zero weights and per-unit sample sizes.
/// </summary>
public class SurveyExplainSwitchTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Aggregate_ExplainOff_ChangesNothingButEmptiesTheExplanations(int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var run = 0; run < 300; run++)
        {
            var definition = RandomDefinition(random);
            var aggregator = SurveyAggregator.Create(definition);
            var responses = RandomResponses(random, definition);
            Dictionary<string, int>? expected = random.Next(3) == 0
                ? null
                : new(StringComparer.Ordinal) { [definition.Groups[0].Name] = random.Next(-2, 10), ["不存在的群体"] = 3 };

            var on = aggregator.Aggregate(responses, expected);
            var off = aggregator.Aggregate(responses, expected, explain: false);

            Assert.Equal(on.ValidAnswers, off.ValidAnswers);
            Assert.Equal(on.InvalidAnswers, off.InvalidAnswers);
            Assert.Equal(on.Groups, off.Groups);
            Assert.Equal(on.Problems, off.Problems);
            Assert.Equal(on.FractionsByIndicator(), off.FractionsByIndicator());
            Assert.Equal(on.Indicators.Count, off.Indicators.Count);
            foreach (var (a, b) in on.Indicators.Zip(off.Indicators))
            {
                Assert.Equal(a.IndicatorCode, b.IndicatorCode);
                Assert.Equal(a.Fraction, b.Fraction);
                Assert.Equal(a.Groups, b.Groups);
                Assert.NotEmpty(a.Explanation);
                Assert.Equal("", b.Explanation);
                seen.Add(a.Fraction is null ? "no fraction" : "fraction");
                seen.UnionWith(a.Groups.Select(g => g.Use.ToString()));
            }

            seen.UnionWith(on.Problems.Select(p => p.Code));
        }

        // The random inputs reach every way a group is used or left out, and every kind of invalid answer.
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "fraction", "no fraction", nameof(GroupUse.Used), nameof(GroupUse.UsedBelowMinimum), nameof(GroupUse.ExcludedBelowMinimum),
                nameof(GroupUse.ExcludedNoAnswers), "survey.group_unknown", "survey.item_unknown", "survey.item_wrong_group",
                "survey.answer_duplicate", "survey.value_out_of_range", "survey.expected_invalid", "survey.group_below_minimum",
                "survey.indicator_no_answers", "survey.indicator_no_usable_group",
            },
            seen);
    }

    private static SurveyDefinition RandomDefinition(Random random)
    {
        var groups = RespondentGroups.Standard.Take(random.Next(1, 5))
            .Select(name => new RespondentGroup(name, (random.Next(0, 4) / 4m) + (random.Next(3) == 0 ? 0.125m : 0m), random.Next(0, 4), random.Next(0, 8)))
            .ToArray();
        var items = Enumerable.Range(0, random.Next(1, 9))
            .Select(i => new SurveyItem(
                "I" + i,
                random.Next(2) == 0 ? SurveyScale.Likert5 : SurveyScale.ThreePoint,
                random.Next(3) == 0 ? null : groups[random.Next(groups.Length)].Name,
                random.Next(5) == 0 ? null : "K" + random.Next(3),
                Reverse: random.Next(3) == 0))
            .ToArray();
        var policy = new SurveyPolicy
        {
            BelowMinimum = random.Next(2) == 0 ? GroupFallback.Exclude : GroupFallback.UseAnyway,
            ThreePoint = random.Next(2) == 0 ? ThreePointFractions.Default : new ThreePointFractions(1m, 0.5m, 0.1m),
        };
        return new SurveyDefinition(items, groups, policy);
    }

    private static List<SurveyResponse> RandomResponses(Random random, SurveyDefinition definition)
    {
        var responses = new List<SurveyResponse>();
        for (var r = random.Next(0, 15); r > 0; r--)
        {
            var group = random.Next(12) == 0 ? "未知群体" : definition.Groups[random.Next(definition.Groups.Count)].Name;
            var answers = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => new ItemAnswer(random.Next(15) == 0 ? "ZZ" : definition.Items[random.Next(definition.Items.Count)].Code, random.Next(0, 7)))
                .ToList();
            responses.Add(new SurveyResponse(group, answers));
        }

        return responses;
    }
}
