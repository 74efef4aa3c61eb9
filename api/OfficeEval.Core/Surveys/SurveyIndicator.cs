using System.Globalization;
using System.Text;

namespace OfficeEval.Core.Surveys;

/// <summary>Turns one indicator's counts into its satisfaction, group rows, problems and explanation.</summary>
/// <remarks>
/// Runs for every linked indicator of every unit, so it works on stack buffers with plain loops: each group row is
/// built once, with its effective weight, and no intermediate lists are made.
/// </remarks>
internal static class SurveyIndicator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static IndicatorSatisfaction Build(
        string code, int indicator, SurveyDefinition definition, bool[] asked, Tally tally, decimal[] binFractions,
        IReadOnlyList<GroupParticipation> participation, List<EngineProblem> problems, bool explain)
    {
        var groups = definition.Groups;
        var groupCount = groups.Count;
        Span<Row> rows = groupCount <= 16 ? stackalloc Row[groupCount] : new Row[groupCount];
        var rowCount = 0;
        for (var g = 0; g < groupCount; g++)
        {
            var slot = (indicator * groupCount) + g;
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

            var respondents = tally.SlotRespondents[slot];
            var below = respondents < groups[g].MinimumResponses;
            var use = answers == 0 ? GroupUse.ExcludedNoAnswers
                : !below ? GroupUse.Used
                : definition.Policy.BelowMinimum switch
                {
                    GroupFallback.Exclude => GroupUse.ExcludedBelowMinimum,
                    GroupFallback.UseAnyway => GroupUse.UsedBelowMinimum,
                };
            rows[rowCount++] = new Row(g, respondents, answers, answers > 0 ? sum / answers : 0m, below, use);
        }

        rows = rows[..rowCount];

        // Σ weight and Σ weight × exact mean over the groups used, in definition order.
        var (weightSum, weightedSum, usedCount) = (0m, 0m, 0);
        foreach (ref readonly var row in rows)
        {
            if (IsUsed(row.Use))
            {
                var weight = groups[row.Group].Weight;
                weightSum += weight;
                weightedSum += weight * row.ExactMean;
                usedCount++;
            }
        }

        decimal? fraction = weightSum > 0 ? SurveyPolicy.Round(weightedSum / weightSum) : null;
        var groupRows = new GroupSatisfaction[rows.Length];
        var noAnswers = true;
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            var group = groups[row.Group];
            groupRows[r] = new GroupSatisfaction(group.Name, row.Respondents, row.Answers,
                row.Answers > 0 ? SurveyPolicy.Round(row.ExactMean) : null,
                group.Weight,
                IsUsed(row.Use) && weightSum > 0 ? SurveyPolicy.Round(group.Weight / weightSum) : null,
                participation[row.Group].ResponseRatePercent, row.Below, row.Use);
            noAnswers &= row.Answers == 0;
            if (row.Below)
            {
                var (zh, en) = row.Use == GroupUse.UsedBelowMinimum
                    ? ("仍计入，已标注", "used anyway and flagged")
                    : ("不计入，其余群体权重重新归一", "left out; the other groups' weights are renormalised");
                problems.Add(new EngineProblem("survey.group_below_minimum",
                    string.Create(Inv, $"指标 {code}：{group.Name} 有 {row.Respondents} 人作答，少于最低 {group.MinimumResponses} 人，{zh}。"),
                    string.Create(Inv, $"Indicator {code}: {row.Respondents} respondents in \"{group.Name}\", fewer than the minimum {group.MinimumResponses}; {en}."))
                { IndicatorCode = code });
            }
        }

        if (fraction is null)
        {
            problems.Add(noAnswers
                ? new EngineProblem("survey.indicator_no_answers", $"指标 {code} 没有有效答案，无法计算满意度。", $"Indicator {code} has no valid answers; no satisfaction can be computed.") { IndicatorCode = code }
                : new EngineProblem("survey.indicator_no_usable_group", $"指标 {code} 没有可计入的答卷群体（人数不足或权重为 0），无法计算满意度。", $"Indicator {code} has no group that can be used (too few respondents or zero weight); no satisfaction can be computed.") { IndicatorCode = code });
        }

        var explanation = explain ? Explain(groupRows, groups, usedCount, weightSum, fraction) : "";
        return new IndicatorSatisfaction(code, fraction, groupRows, explanation);
    }

    private static bool IsUsed(GroupUse use) => use switch
    {
        GroupUse.Used or GroupUse.UsedBelowMinimum => true,
        GroupUse.ExcludedBelowMinimum or GroupUse.ExcludedNoAnswers => false,
    };

    /// <summary>
    /// Each group's row, then the weighted mean over the groups used, e.g.
    /// <c>服务对象 4 人作答（有效答案 7 个，回收率 40%），平均 0.7143，权重 0.5；… 满意度 = (0.5 × 0.7143 + …) ÷ 1 = 0.7305。</c>
    /// </summary>
    private static string Explain(GroupSatisfaction[] rows, IReadOnlyList<RespondentGroup> groups, int usedCount, decimal weightSum, decimal? fraction)
    {
        var text = new StringBuilder(64 + (rows.Length * 64));
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (i > 0)
            {
                text.Append('；');
            }

            // Rows used have answers, hence a mean.
            switch (r.Use)
            {
                case GroupUse.Used:
                    text.Append(Inv, $"{r.Group} {r.Respondents} 人作答（有效答案 {r.Answers} 个");
                    AppendRate(text, r);
                    text.Append(Inv, $"），平均 {r.Mean!.Value:0.0000}，权重 {r.Weight:0.####}");
                    break;
                case GroupUse.UsedBelowMinimum:
                    text.Append(Inv, $"{r.Group} {r.Respondents} 人作答（有效答案 {r.Answers} 个");
                    AppendRate(text, r);
                    text.Append(Inv, $"），少于最低 {Minimum(groups, r.Group)} 人但仍计入（已标注），平均 {r.Mean!.Value:0.0000}，权重 {r.Weight:0.####}");
                    break;
                case GroupUse.ExcludedBelowMinimum:
                    text.Append(Inv, $"{r.Group} {r.Respondents} 人作答");
                    AppendRate(text, r);
                    text.Append(Inv, $"，少于最低 {Minimum(groups, r.Group)} 人，不计入");
                    break;
                case GroupUse.ExcludedNoAnswers:
                    text.Append(r.Group).Append(" 无有效答案，不计入");
                    break;
            }
        }

        text.Append('。');
        if (fraction is not { } f)
        {
            return text.Append("无可计入的群体，未计算满意度。").ToString();
        }

        if (usedCount < rows.Length)
        {
            text.Append("未计入群体的权重按其余群体重新归一，");
        }

        text.Append("满意度 = (");
        var first = true;
        foreach (var r in rows)
        {
            if (r.EffectiveWeight is not null)
            {
                text.Append(first ? "" : " + ").Append(Inv, $"{r.Weight:0.####} × {r.Mean!.Value:0.0000}");
                first = false;
            }
        }

        return text.Append(Inv, $") ÷ {weightSum:0.####} = {f:0.0000}。").ToString();
    }

    private static void AppendRate(StringBuilder text, GroupSatisfaction row)
    {
        if (row.ResponseRatePercent is { } p)
        {
            text.Append(Inv, $"，回收率 {p:0.##}%");
        }
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

    /// <summary>One group's counts on the indicator; <see cref="ExactMean"/> is unrounded (0 without answers).</summary>
    private readonly record struct Row(int Group, int Respondents, int Answers, decimal ExactMean, bool Below, GroupUse Use);
}
