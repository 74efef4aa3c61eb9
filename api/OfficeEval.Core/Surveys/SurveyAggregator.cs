using System.Globalization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Surveys;

/// <summary>
/// Aggregates a unit's questionnaires into a satisfaction fraction per linked indicator. Create one per survey
/// definition and reuse it for every unit: the definition is indexed once, and each unit's answers are tallied in one
/// pass into integer counts per (indicator, group, scale value), so results do not depend on the order of responses
/// and a campaign's 150,000 answers cost one dictionary lookup each.
/// </summary>
/// <remarks>
/// Within a group, every valid answer on the indicator's items weighs the same (equal-interval, unweighted);
/// across groups, fraction = Σ weight × group mean ÷ Σ weight over the groups used, so the weights of groups left out
/// are renormalised away. Invalid answers are counted and reported, never thrown.
/// </remarks>
public sealed class SurveyAggregator
{
    // Histogram bins per (indicator, group): Likert raw values 1…5, then 3-point raw values 1…3.
    internal const int Bins = 8;
    private const int ThreePointOffset = 5;

    private readonly SurveyDefinition definition;
    private readonly Dictionary<string, int> itemIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> groupIndex = new(StringComparer.Ordinal);
    private readonly CompiledItem[] items = [];
    private readonly string[] indicators = [];
    private readonly bool[] asked = [];
    private readonly decimal[] binFractions = new decimal[Bins];

    private SurveyAggregator(SurveyDefinition definition, IReadOnlyList<EngineProblem> problems)
    {
        this.definition = definition;
        DefinitionProblems = problems;
        if (problems.Count > 0)
        {
            return;
        }

        for (var g = 0; g < definition.Groups.Count; g++)
        {
            groupIndex.Add(definition.Groups[g].Name, g);
        }

        var indicatorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicatorList = new List<string>();
        var definedItems = definition.Items ?? [];
        items = new CompiledItem[definedItems.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = definedItems[i];
            itemIndex.Add(item.Code, i);
            var indicator = -1;
            if (!string.IsNullOrWhiteSpace(item.IndicatorCode) && !indicatorIndex.TryGetValue(item.IndicatorCode, out indicator))
            {
                indicator = indicatorList.Count;
                indicatorIndex.Add(item.IndicatorCode, indicator);
                indicatorList.Add(item.IndicatorCode);
            }

            var offset = item.Scale switch
            {
                SurveyScale.Likert5 => 0,
                SurveyScale.ThreePoint => ThreePointOffset,
            };
            items[i] = new CompiledItem(item.Group is null ? -1 : groupIndex[item.Group], indicator, offset, item.Scale, item.Reverse);
        }

        indicators = [.. indicatorList];
        var groupCount = definition.Groups.Count;
        asked = new bool[indicators.Length * groupCount];
        foreach (var item in items.Where(item => item.Indicator >= 0))
        {
            for (var g = 0; g < groupCount; g++)
            {
                asked[(item.Indicator * groupCount) + g] |= item.Group < 0 || item.Group == g;
            }
        }

        for (var value = 1; value <= 5; value++)
        {
            binFractions[value - 1] = SurveyScales.Fraction(SurveyScale.Likert5, value, definition.Policy.ThreePoint);
        }

        for (var value = 1; value <= 3; value++)
        {
            binFractions[ThreePointOffset + value - 1] = SurveyScales.Fraction(SurveyScale.ThreePoint, value, definition.Policy.ThreePoint);
        }
    }

    /// <summary>The definition's problems; when there are any, <see cref="Aggregate"/> reports them and aggregates nothing.</summary>
    public IReadOnlyList<EngineProblem> DefinitionProblems { get; }

    /// <summary>Indexes <paramref name="definition"/> for aggregation; never throws on a bad definition (see <see cref="DefinitionProblems"/>).</summary>
    public static SurveyAggregator Create(SurveyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new SurveyAggregator(definition, SurveyDefinitionValidator.Validate(definition).ToList());
    }

    /// <summary>
    /// Aggregates one unit's <paramref name="responses"/>.
    /// </summary>
    /// <param name="responses">The unit's returned questionnaires, in any order.</param>
    /// <param name="expectedSampleSizes">
    /// Per-unit overrides of <see cref="RespondentGroup.ExpectedSampleSize"/> by group name (e.g. the unit's own
    /// staff count for 内部人员); groups not named keep the definition's value.
    /// </param>
    /// <param name="explain">
    /// Whether to build each indicator's Chinese explanation (<see cref="IndicatorSatisfaction.Explanation"/>); true by
    /// default. Turn it off where no explanation is shown, e.g. when a whole campaign is consolidated: every fraction,
    /// count, group row and problem is the same either way, and only the explanations are then empty strings.
    /// </param>
    public SurveyResult Aggregate(IEnumerable<SurveyResponse> responses, IReadOnlyDictionary<string, int>? expectedSampleSizes = null, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (DefinitionProblems.Count > 0)
        {
            return new SurveyResult([], [], 0, 0, DefinitionProblems);
        }

        var groupCount = definition.Groups.Count;
        var tally = new Tally(indicators.Length * groupCount, items.Length, groupCount);
        var respondent = 0;
        if (responses is IReadOnlyList<SurveyResponse> list)
        {
            // Indexed, so no enumerator is allocated for the usual list or array.
            for (var r = 0; r < list.Count; r++)
            {
                if (list[r] is { } response)
                {
                    Add(response, respondent++, tally);
                }
            }
        }
        else
        {
            foreach (var response in responses)
            {
                if (response is not null)
                {
                    Add(response, respondent++, tally);
                }
            }
        }

        var problems = InvalidProblems(tally);
        var participation = Participation(tally.GroupRespondents, expectedSampleSizes, problems);
        var results = new IndicatorSatisfaction[indicators.Length];
        for (var k = 0; k < indicators.Length; k++)
        {
            results[k] = SurveyIndicator.Build(indicators[k], k, definition, asked, tally, binFractions, participation, problems, explain);
        }

        return new SurveyResult(results, participation, tally.Valid, tally.InvalidCount, problems);
    }

    /// <summary>One problem per kind and key of invalid answers, sorted so problems do not depend on the order of responses.</summary>
    private List<EngineProblem> InvalidProblems(Tally tally)
    {
        if (tally.Invalid is not { Count: > 0 } invalid)
        {
            return [];
        }

        var entries = new KeyValuePair<(string Code, string Key), int>[invalid.Count];
        ((ICollection<KeyValuePair<(string Code, string Key), int>>)invalid).CopyTo(entries, 0);
        Array.Sort(entries, static (a, b) =>
        {
            var byCode = string.CompareOrdinal(a.Key.Code, b.Key.Code);
            return byCode != 0 ? byCode : string.CompareOrdinal(a.Key.Key, b.Key.Key);
        });
        var problems = new List<EngineProblem>(entries.Length + 4);
        foreach (var entry in entries)
        {
            problems.Add(InvalidProblem(entry.Key.Code, entry.Key.Key, entry.Value));
        }

        return problems;
    }

    private void Add(SurveyResponse response, int respondent, Tally tally)
    {
        var answers = response.Answers ?? [];
        if (response.Group is null || !groupIndex.TryGetValue(response.Group, out var group))
        {
            tally.Reject("survey.group_unknown", response.Group ?? "", answers.Count);
            return;
        }

        tally.GroupRespondents[group]++;
        for (var a = 0; a < answers.Count; a++)
        {
            var answer = answers[a];
            if (answer.ItemCode is null || !itemIndex.TryGetValue(answer.ItemCode, out var i))
            {
                tally.Reject("survey.item_unknown", answer.ItemCode ?? "", 1);
                continue;
            }

            var item = items[i];
            if (item.Group >= 0 && item.Group != group)
            {
                tally.Reject("survey.item_wrong_group", answer.ItemCode, 1);
                continue;
            }

            // The first answer to an item in a questionnaire counts; repeats are invalid.
            if (tally.ItemSeenBy[i] == respondent)
            {
                tally.Reject("survey.answer_duplicate", answer.ItemCode, 1);
                continue;
            }

            tally.ItemSeenBy[i] = respondent;
            if (!SurveyScales.IsValid(item.Scale, answer.Value))
            {
                tally.Reject("survey.value_out_of_range", answer.ItemCode, 1);
                continue;
            }

            tally.Valid++;
            if (item.Indicator < 0)
            {
                continue;
            }

            var value = item.Reverse ? SurveyScales.Reverse(item.Scale, answer.Value) : answer.Value;
            var slot = (item.Indicator * definition.Groups.Count) + group;
            tally.Counts[(slot * Bins) + item.BinOffset + value - 1]++;
            if (tally.SlotSeenBy[slot] != respondent)
            {
                tally.SlotSeenBy[slot] = respondent;
                tally.SlotRespondents[slot]++;
            }
        }
    }

    private List<GroupParticipation> Participation(int[] respondents, IReadOnlyDictionary<string, int>? overrides, List<EngineProblem> problems)
    {
        var result = new List<GroupParticipation>(respondents.Length);
        for (var g = 0; g < respondents.Length; g++)
        {
            var group = definition.Groups[g];
            var expected = group.ExpectedSampleSize;
            if (overrides is not null && overrides.TryGetValue(group.Name, out var overridden))
            {
                if (overridden < 0)
                {
                    problems.Add(new EngineProblem("survey.expected_invalid",
                        F($"群体“{group.Name}”的应发放份数 {overridden} 不能为负数，已改用调查设置的 {expected} 份。"),
                        F($"Group \"{group.Name}\": the expected sample size {overridden} cannot be negative; the survey's {expected} was used.")));
                }
                else
                {
                    expected = overridden;
                }
            }

            result.Add(new GroupParticipation(group.Name, respondents[g], expected,
                expected > 0 ? Score.Round(respondents[g] * 100m / expected) : null));
        }

        return result;
    }

    private EngineProblem InvalidProblem(string code, string key, int count)
    {
        var indicator = itemIndex.TryGetValue(key, out var i) ? definition.Items[i].IndicatorCode : null;
        var range = itemIndex.TryGetValue(key, out i) ? F($"1–{SurveyScales.MaxValue(items[i].Scale)}") : "";
        var (zh, en) = code switch
        {
            "survey.group_unknown" => (F($"答卷群体“{key}”不在本次调查中，{count} 个答案未计入。"), F($"Respondent group \"{key}\" is not in this survey; {count} answers were not counted.")),
            "survey.item_unknown" => (F($"题目编码 {key} 不在问卷中，{count} 个答案未计入。"), F($"Item {key} is not in the questionnaire; {count} answers were not counted.")),
            "survey.item_wrong_group" => (F($"题目 {key} 不在该答卷群体的问卷中，{count} 个答案未计入。"), F($"Item {key} is not on that group's questionnaire; {count} answers were not counted.")),
            "survey.answer_duplicate" => (F($"题目 {key} 在同一份答卷中重复作答，{count} 个重复答案未计入。"), F($"Item {key} was answered more than once in a questionnaire; {count} repeats were not counted.")),
            "survey.value_out_of_range" => (F($"题目 {key} 有 {count} 个答案超出量表范围（{range}），未计入。"), F($"Item {key}: {count} answers are outside the scale ({range}) and were not counted.")),
            _ => throw new InvalidOperationException("Unknown problem code " + code),
        };
        return new EngineProblem(code, zh, en) { IndicatorCode = indicator };
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct CompiledItem(int Group, int Indicator, int BinOffset, SurveyScale Scale, bool Reverse);
}
