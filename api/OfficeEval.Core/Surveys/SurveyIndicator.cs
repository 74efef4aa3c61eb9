using System.Globalization;

namespace OfficeEval.Core.Surveys;

/// <summary>Turns one indicator's counts into its satisfaction, group rows, problems and explanation.</summary>
internal static class SurveyIndicator
{
    public static IndicatorSatisfaction Build(
        string code, int indicator, SurveyDefinition definition, bool[] asked, Tally tally, decimal[] binFractions,
        IReadOnlyList<GroupParticipation> participation, List<EngineProblem> problems)
    {
        var groups = definition.Groups;
        var rows = new List<(GroupSatisfaction Row, decimal? ExactMean)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var slot = (indicator * groups.Count) + g;
            if (!asked[slot])
            {
                continue;
            }

            var (answers, sum) = (0, 0m);
            for (var bin = 0; bin < SurveyAggregator.Bins; bin++)
            {
                var count = tally.Counts[(slot * SurveyAggregator.Bins) + bin];
                answers += count;
                sum += count * binFractions[bin];
            }

            var group = groups[g];
            var respondents = tally.SlotRespondents[slot];
            var below = respondents < group.MinimumResponses;
            var use = answers == 0 ? GroupUse.ExcludedNoAnswers
                : !below ? GroupUse.Used
                : definition.Policy.BelowMinimum switch
                {
                    GroupFallback.Exclude => GroupUse.ExcludedBelowMinimum,
                    GroupFallback.UseAnyway => GroupUse.UsedBelowMinimum,
                };
            decimal? mean = answers > 0 ? sum / answers : null;
            rows.Add((new GroupSatisfaction(group.Name, respondents, answers, mean is { } m ? SurveyPolicy.Round(m) : null, group.Weight, null,
                participation[g].ResponseRatePercent, below, use), mean));
        }

        var used = rows.Where(r => IsUsed(r.Row.Use)).ToList();
        var weightSum = used.Sum(r => r.Row.Weight);
        decimal? fraction = weightSum > 0 ? SurveyPolicy.Round(used.Sum(r => r.Row.Weight * r.ExactMean!.Value) / weightSum) : null;
        var groupRows = rows.Select(r => IsUsed(r.Row.Use) && weightSum > 0 ? r.Row with { EffectiveWeight = SurveyPolicy.Round(r.Row.Weight / weightSum) } : r.Row).ToList();

        foreach (var row in groupRows.Where(r => r.BelowMinimum))
        {
            var minimum = Minimum(groups, row.Group);
            var (zh, en) = row.Use == GroupUse.UsedBelowMinimum
                ? ("仍计入，已标注", "used anyway and flagged")
                : ("不计入，其余群体权重重新归一", "left out; the other groups' weights are renormalised");
            problems.Add(new EngineProblem("survey.group_below_minimum",
                F($"指标 {code}：{row.Group} 有 {row.Respondents} 人作答，少于最低 {minimum} 人，{zh}。"),
                F($"Indicator {code}: {row.Respondents} respondents in \"{row.Group}\", fewer than the minimum {minimum}; {en}."))
            { IndicatorCode = code });
        }

        if (fraction is null)
        {
            var none = rows.All(r => r.Row.Answers == 0);
            problems.Add(none
                ? new EngineProblem("survey.indicator_no_answers", $"指标 {code} 没有有效答案，无法计算满意度。", $"Indicator {code} has no valid answers; no satisfaction can be computed.") { IndicatorCode = code }
                : new EngineProblem("survey.indicator_no_usable_group", $"指标 {code} 没有可计入的答卷群体（人数不足或权重为 0），无法计算满意度。", $"Indicator {code} has no group that can be used (too few respondents or zero weight); no satisfaction can be computed.") { IndicatorCode = code });
        }

        return new IndicatorSatisfaction(code, fraction, groupRows, Explain(groupRows, weightSum, fraction, definition.Groups));
    }

    private static bool IsUsed(GroupUse use) => use switch
    {
        GroupUse.Used or GroupUse.UsedBelowMinimum => true,
        GroupUse.ExcludedBelowMinimum or GroupUse.ExcludedNoAnswers => false,
    };

    private static string Explain(List<GroupSatisfaction> rows, decimal weightSum, decimal? fraction, IReadOnlyList<RespondentGroup> groups)
    {
        var parts = rows.Select(r =>
        {
            var rate = r.ResponseRatePercent is { } p ? F($"，回收率 {p:0.##}%") : "";
            var minimum = Minimum(groups, r.Group);
            return r.Use switch
            {
                GroupUse.Used => F($"{r.Group} {r.Respondents} 人作答（有效答案 {r.Answers} 个{rate}），平均 {r.Mean:0.0000}，权重 {r.Weight:0.####}"),
                GroupUse.UsedBelowMinimum => F($"{r.Group} {r.Respondents} 人作答（有效答案 {r.Answers} 个{rate}），少于最低 {minimum} 人但仍计入（已标注），平均 {r.Mean:0.0000}，权重 {r.Weight:0.####}"),
                GroupUse.ExcludedBelowMinimum => F($"{r.Group} {r.Respondents} 人作答{rate}，少于最低 {minimum} 人，不计入"),
                GroupUse.ExcludedNoAnswers => F($"{r.Group} 无有效答案，不计入"),
            };
        });
        var text = string.Join("；", parts) + "。";
        if (fraction is null)
        {
            return text + "无可计入的群体，未计算满意度。";
        }

        var used = rows.Where(r => r.EffectiveWeight is not null).ToList();
        var renormalised = used.Count < rows.Count ? "未计入群体的权重按其余群体重新归一，" : "";
        var terms = string.Join(" + ", used.Select(r => F($"{r.Weight:0.####} × {r.Mean:0.0000}")));
        return text + F($"{renormalised}满意度 = ({terms}) ÷ {weightSum:0.####} = {fraction:0.0000}。");
    }

    private static int Minimum(IReadOnlyList<RespondentGroup> groups, string name)
    {
        foreach (var group in groups)
        {
            if (group.Name == name)
            {
                return group.MinimumResponses;
            }
        }

        return 0;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
