using OfficeEval.Core.Surveys;

namespace OfficeEval.Benchmarks;

/// <summary>
/// A satisfaction survey of 10 items over the five standard respondent groups, linked to the framework's six
/// survey-linked leaves, and one unit's returned questionnaires: about 12 respondents answering about 50 items in all.
/// </summary>
internal static class SurveyGenerator
{
    // Respondents per group for an average unit (each varies by ±1 per unit), in RespondentGroups.Standard order.
    private static readonly int[] Respondents = [3, 3, 2, 2, 2];

    public static SurveyDefinition Definition(IReadOnlyList<string> surveyLeaves)
    {
        string[] groups = [.. RespondentGroups.Standard];
        RespondentGroup[] respondentGroups =
        [
            new(groups[0], 0.4m, 2, 4),
            new(groups[1], 0.25m, 2, 4),
            new(groups[2], 0.15m, 2, 3),
            new(groups[3], 0.1m, 2, 3),
            new(groups[4], 0.1m, 2, 3),
        ];
        SurveyItem[] items =
        [
            new("Q1", SurveyScale.Likert5, null, surveyLeaves[0]),
            new("Q2", SurveyScale.Likert5, null, surveyLeaves[1]),
            new("Q3", SurveyScale.ThreePoint, groups[0], surveyLeaves[2]),
            new("Q4", SurveyScale.Likert5, groups[0], surveyLeaves[2], Reverse: true),
            new("Q5", SurveyScale.Likert5, groups[1], surveyLeaves[3]),
            new("Q6", SurveyScale.ThreePoint, groups[1], surveyLeaves[3]),
            new("Q7", SurveyScale.Likert5, groups[2], surveyLeaves[4]),
            new("Q8", SurveyScale.Likert5, groups[3], surveyLeaves[4]),
            new("Q9", SurveyScale.ThreePoint, groups[4], surveyLeaves[5]),
            new("Q10", SurveyScale.Likert5, null, surveyLeaves[5]),
        ];
        return new SurveyDefinition(items, respondentGroups, SurveyPolicy.Default);
    }

    /// <summary>One unit's questionnaires; <paramref name="quality"/> (0..1) shifts the answers towards satisfied.</summary>
    public static List<SurveyResponse> Responses(Random random, SurveyDefinition definition, double quality)
    {
        var responses = new List<SurveyResponse>(16);
        for (var g = 0; g < definition.Groups.Count; g++)
        {
            var group = definition.Groups[g].Name;
            var asked = definition.Items.Where(item => item.Group is null || item.Group == group).ToArray();
            var count = Math.Max(1, Respondents[g] + random.Next(-1, 2));
            for (var r = 0; r < count; r++)
            {
                var answers = new List<ItemAnswer>(asked.Length);
                foreach (var item in asked)
                {
                    // Respondents skip about 7% of the items; about 0.3% of answers are out of scale (a typo in the form).
                    if (random.NextDouble() < 0.07)
                    {
                        continue;
                    }

                    answers.Add(new ItemAnswer(item.Code, random.NextDouble() < 0.003 ? 0 : Value(random, item, quality)));
                }

                responses.Add(new SurveyResponse(group, answers));
            }
        }

        return responses;
    }

    private static int Value(Random random, SurveyItem item, double quality)
    {
        var satisfaction = quality + ((random.NextDouble() + random.NextDouble() - 1) * 0.3);
        var value = item.Scale switch
        {
            SurveyScale.Likert5 => Math.Clamp(1 + (int)Math.Round(satisfaction * 4), 1, 5),
            SurveyScale.ThreePoint => satisfaction > 0.8 ? 3 : satisfaction > 0.5 ? 2 : 1,
        };
        return item.Reverse ? SurveyScales.Reverse(item.Scale, value) : value;
    }
}
