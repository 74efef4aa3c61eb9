using System.Text;

namespace OfficeEval.Core.Scoring;

public static partial class RuleScorer
{
    private static (decimal, string) ScoreShares(string code, decimal points, ShareRule rule, Answer? answer, UnitFacts? facts, bool explain, ref List<EngineProblem>? problems)
    {
        var factors = rule.Factors ?? [];
        var fromFacts = rule.Source == ShareSource.AgeBands;
        if (fromFacts && facts?.AgeBands is null)
        {
            Add(ref problems, new EngineProblem("facts.missing",
                $"指标 {code} 需要单位基础数据“人员年龄结构”，但未提供。", $"Leaf {code} needs the unit's ageBands, which were not supplied.")
            { IndicatorCode = code, Field = "ageBands" });
            return (0, "缺少人员年龄结构数据，得 0 分。");
        }

        if (!fromFacts && answer?.Counts is null)
        {
            return Missing(code, "counts", "未填写各类人数，得 0 分。", ref problems);
        }

        Span<decimal> counts = factors.Count <= 16 ? stackalloc decimal[factors.Count] : new decimal[factors.Count];
        var total = 0m;
        for (var i = 0; i < factors.Count; i++)
        {
            var factor = factors[i];
            if (factor is null)
            {
                return RuleProblem(code, "rule.share_label", $"指标 {code} 的占比分组为空。", $"Leaf {code} has an empty share group.", ref problems);
            }

            decimal count;
            if (fromFacts)
            {
                if (factor.AgeBand is not { } band || !Enum.IsDefined(band))
                {
                    return RuleProblem(code, "rule.share_age_band", $"指标 {code} 的分组“{factor.Label}”未指定年龄段。",
                        $"Leaf {code}: group \"{factor.Label}\" names no age band.", ref problems);
                }

                count = facts!.AgeBands!.Of(band);
                if (count < 0)
                {
                    Add(ref problems, new EngineProblem("facts.invalid",
                        string.Create(Inv, $"指标 {code}：年龄段“{factor.Label}”人数 {count} 不能为负数。"),
                        string.Create(Inv, $"Leaf {code}: the age band \"{factor.Label}\" has a negative count {count}."))
                    { IndicatorCode = code, Field = "ageBands" });
                    return (0, "人员年龄结构数据无效，得 0 分。");
                }
            }
            else
            {
                count = factor.Label is { } label && answer!.Counts!.TryGetValue(label, out var given) ? given : 0;
                if (count < 0 || count != decimal.Truncate(count))
                {
                    Add(ref problems, new EngineProblem("answer.count_invalid",
                        string.Create(Inv, $"指标 {code} 中“{factor.Label}”的人数 {count} 应为不小于 0 的整数。"),
                        string.Create(Inv, $"Leaf {code}: the count {count} of \"{factor.Label}\" must be a whole number of at least 0."))
                    { IndicatorCode = code, Field = "counts" });
                    return (0, "人数无效，得 0 分。");
                }
            }

            counts[i] = count;
            total = Saturating.Add(total, count);
        }

        if (total <= 0)
        {
            Add(ref problems, new EngineProblem("answer.shares_empty",
                $"指标 {code} 各类人数合计为 0，无法计算占比。", $"Leaf {code}: the group counts add up to 0, so no shares can be computed.")
            { IndicatorCode = code, Field = fromFacts ? "ageBands" : "counts" });
            return (0, "各类人数合计为 0，得 0 分。");
        }

        var weighted = 0m;
        var text = explain ? new StringBuilder(128) : null;
        for (var i = 0; i < factors.Count; i++)
        {
            var share = counts[i] / total;
            weighted += share * factors[i].Factor;
            text?.Append(i == 0 ? "" : "；").Append(Inv, $"{factors[i].Label} {Num.V(counts[i])} 人，占 {Num.S(share * 100)}%，系数 {Num.V(factors[i].Factor)}");
        }

        var score = Saturating.Mul(points, weighted);
        if (text is null)
        {
            return (score, "");
        }

        text.Append(Inv, $"；加权比例 {Num.V(weighted)}，{Num.S(points)} × {Num.V(weighted)} 计 {Num.S(Score.Round(Score.Clamp(score, points)))} 分。");
        return (score, text.ToString());
    }

    private static (decimal, string) ScoreSurvey(string code, decimal points, SurveyRule rule, decimal? fraction, bool explain, ref List<EngineProblem>? problems)
    {
        if (fraction is not { } f)
        {
            var name = SurveyName(rule);
            Add(ref problems, new EngineProblem("survey.missing", $"指标 {code} 的{name}尚无结果。", $"Leaf {code}: its linked questionnaire has no result yet.")
            {
                IndicatorCode = code,
                Field = "survey",
            });
            return (0, explain ? $"{name}尚无结果，得 0 分。" : "");
        }

        if (f is < 0 or > 1)
        {
            Add(ref problems, new EngineProblem("survey.fraction_range",
                string.Create(Inv, $"指标 {code} 的问卷得分比例 {f} 不在 0 到 1 之间。"),
                string.Create(Inv, $"Leaf {code}: the survey fraction {f} is outside 0 to 1."))
            { IndicatorCode = code, Field = "survey" });
            return (0, "问卷结果无效，得 0 分。");
        }

        var score = points * f;
        return (score, explain ? string.Create(Inv, $"{SurveyName(rule)}得分比例 {Num.V(f)}，{Num.S(points)} × {Num.V(f)} 计 {Num.S(Score.Round(score))} 分。") : "");
    }

    private static string SurveyName(SurveyRule rule) => string.IsNullOrWhiteSpace(rule.Questionnaire) ? "关联问卷" : $"问卷“{rule.Questionnaire}”";
}
