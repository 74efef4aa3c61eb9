namespace OfficeEval.Core.Scoring;

public static partial class RuleScorer
{
    /// <summary>True for the rules that score one number and may therefore score a metric.</summary>
    public static bool IsNumeric(RuleKind kind) => kind switch
    {
        RuleKind.Deduction or RuleKind.Bands or RuleKind.Linear or RuleKind.Ratio or RuleKind.Shortfall => true,
        RuleKind.Qualitative or RuleKind.Bonus or RuleKind.Veto or RuleKind.Shares or RuleKind.Survey or RuleKind.Metric => false,
    };

    /// <summary>Scores one number (an answer or a metric) by a numeric rule.</summary>
    private static (decimal, string) ScoreNumber(string code, decimal points, ScoringRule rule, decimal value, bool explain, ref List<EngineProblem>? problems) => rule.Kind switch
    {
        RuleKind.Deduction => ScoreDeduction(code, points, (DeductionRule)rule, value, explain, ref problems),
        RuleKind.Bands => ScoreBands(code, points, (BandsRule)rule, value, explain, ref problems),
        RuleKind.Linear => ScoreLinear(code, points, (LinearRule)rule, value, explain, ref problems),
        RuleKind.Ratio => ScoreRatio(code, points, (RatioRule)rule, value, explain, ref problems),
        RuleKind.Shortfall => ScoreShortfall(code, points, (ShortfallRule)rule, value, explain, ref problems),
        RuleKind.Qualitative or RuleKind.Bonus or RuleKind.Veto or RuleKind.Shares or RuleKind.Survey or RuleKind.Metric =>
            RuleProblem(code, "rule.metric_scoring_kind",
                $"指标 {code} 的计算指标只能按区间、线性、比率、差距或扣分规则评分。",
                $"Leaf {code}: a metric can only be scored by a bands, linear, ratio, shortfall or deduction rule.", ref problems),
    };

    private static (decimal, string) ScoreBands(string code, decimal points, BandsRule rule, decimal value, bool explain, ref List<EngineProblem>? problems)
    {
        var bands = rule.Bands ?? [];
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band is null || !band.Contains(value))
            {
                continue;
            }

            if (rule.ScoreAs == BandScoreKind.Points)
            {
                return (band.Score, explain
                    ? string.Create(Inv, $"数值 {Num.V(value)}，落在区间 {new BandText(band)}，计 {Num.S(Score.Round(Score.Clamp(band.Score, points)))} 分。")
                    : "");
            }

            var score = Saturating.Mul(points, band.Score);
            return (score, !explain ? "" : string.Create(Inv,
                $"数值 {Num.V(value)}，落在区间 {new BandText(band)}，得分比例 {Num.V(band.Score)}，计 {Num.S(Score.Round(Score.Clamp(score, points)))} 分。"));
        }

        var all = string.Join("；", bands.Where(b => b is not null).Select(Describe));
        Add(ref problems, new EngineProblem(
            "answer.value_out_of_bands",
            string.Create(Inv, $"指标 {code} 的数值 {Num.V(value)} 不在任何评分区间内（{all}）。"),
            string.Create(Inv, $"Leaf {code}: the value {Num.V(value)} is in none of the bands ({all})."))
        { IndicatorCode = code, Field = "number" });
        return (0, explain ? string.Create(Inv, $"数值 {Num.V(value)} 不在任何评分区间内，得 0 分。") : "");
    }

    private static (decimal, string) ScoreLinear(string code, decimal points, LinearRule rule, decimal value, bool explain, ref List<EngineProblem>? problems)
    {
        if (rule.From is null || rule.To is null || rule.From.Value == rule.To.Value)
        {
            return RuleProblem(code, "rule.linear_anchors", $"指标 {code} 的线性评分锚点无效。", $"Leaf {code}: the linear anchors are invalid.", ref problems);
        }

        var (low, high) = rule.From.Value < rule.To.Value ? (rule.From, rule.To) : (rule.To, rule.From);
        decimal fraction;
        if (value <= low.Value)
        {
            fraction = low.Fraction;
        }
        else if (value >= high.Value)
        {
            fraction = high.Fraction;
        }
        else
        {
            var t = Saturating.Div(Saturating.Sub(value, low.Value), Saturating.Sub(high.Value, low.Value));
            fraction = low.Fraction + (t * (high.Fraction - low.Fraction));
        }

        var score = Saturating.Mul(points, fraction);
        if (!explain)
        {
            return (score, "");
        }

        var final = Num.S(Score.Round(Score.Clamp(score, points)));
        return (score, value <= low.Value
            ? string.Create(Inv, $"数值 {Num.V(value)}，不高于锚点 {Num.V(low.Value)}，按该锚点得分比例 {Num.V(fraction)} 计，计 {final} 分。")
            : value >= high.Value
            ? string.Create(Inv, $"数值 {Num.V(value)}，不低于锚点 {Num.V(high.Value)}，按该锚点得分比例 {Num.V(fraction)} 计，计 {final} 分。")
            : string.Create(Inv,
                $"数值 {Num.V(value)}，在锚点 {Num.V(low.Value)}（{Num.V(low.Fraction)}）与 {Num.V(high.Value)}（{Num.V(high.Fraction)}）之间线性折算，得分比例 {Num.V(fraction)}，计 {final} 分。"));
    }

    private static (decimal, string) ScoreRatio(string code, decimal points, RatioRule rule, decimal actual, bool explain, ref List<EngineProblem>? problems)
    {
        if (rule.Target <= 0 || !Enum.IsDefined(rule.Direction))
        {
            return RuleProblem(code, "rule.ratio_target", $"指标 {code} 的比率评分规则无效（目标值须大于 0）。",
                $"Leaf {code}: the ratio rule is invalid (the target must be greater than 0).", ref problems);
        }

        if (actual < 0)
        {
            Add(ref problems, new EngineProblem(
                "answer.value_negative",
                string.Create(Inv, $"指标 {code} 的实际值 {Num.V(actual)} 不能为负数。"),
                string.Create(Inv, $"Leaf {code}: the actual value {Num.V(actual)} cannot be negative."))
            { IndicatorCode = code, Field = "number" });
            return (0, "实际值无效，得 0 分。");
        }

        var target = rule.Target;
        if (!explain)
        {
            return rule.Direction switch
            {
                RatioDirection.Positive when actual >= target => (points, ""),
                RatioDirection.Positive => (points * (actual / target), ""),
                RatioDirection.Negative when actual <= target => (points, ""),
                RatioDirection.Negative => (points * (target / actual), ""),
            };
        }

        return rule.Direction switch
        {
            RatioDirection.Positive when actual >= target =>
                (points, string.Create(Inv, $"正向指标：实际值 {Num.V(actual)} 达到目标值 {Num.V(target)}，得满分 {Num.S(points)} 分。")),
            RatioDirection.Positive => Ratio(points, actual / target,
                string.Create(Inv, $"正向指标：实际值 {Num.V(actual)} ÷ 目标值 {Num.V(target)}")),
            RatioDirection.Negative when actual <= target =>
                (points, string.Create(Inv, $"反向指标：实际值 {Num.V(actual)} 不高于目标值 {Num.V(target)}，得满分 {Num.S(points)} 分。")),
            RatioDirection.Negative => Ratio(points, target / actual,
                string.Create(Inv, $"反向指标：目标值 {Num.V(target)} ÷ 实际值 {Num.V(actual)}")),
        };

        static (decimal, string) Ratio(decimal points, decimal ratio, string formula)
        {
            var score = points * ratio;
            return (score, string.Create(Inv, $"{formula} = {Num.V(ratio)}，计 {Num.S(Score.Round(Score.Clamp(score, points)))} 分。"));
        }
    }

    private static (decimal, string) ScoreShortfall(string code, decimal points, ShortfallRule rule, decimal value, bool explain, ref List<EngineProblem>? problems)
    {
        var below = rule.Direction != ShortfallDirection.Above;
        var gap = below ? Saturating.Sub(rule.Target, value) : Saturating.Sub(value, rule.Target);
        if (gap <= 0)
        {
            return (points, !explain ? "" : string.Create(Inv,
                $"数值 {Num.V(value)}%，{(below ? "不低于" : "不高于")}目标 {Num.V(rule.Target)}%，得满分 {Num.S(points)} 分。"));
        }

        var counted = rule.WholePoints ? decimal.Floor(gap) : gap;
        var cap = rule.Cap ?? points;
        var full = Saturating.Mul(counted, rule.PerPoint);
        var deducted = Math.Min(full, cap);
        var score = points - deducted;
        if (!explain)
        {
            return (score, "");
        }

        var whole = rule.WholePoints && counted != gap ? string.Create(Inv, $"（按整百分点计 {Num.V(counted)} 个）") : "";
        var capNote = full <= cap ? "" : rule.Cap is null ? "（扣完为止）" : string.Create(Inv, $"（扣分上限 {Num.V(cap)} 分）");
        return (score, string.Create(Inv,
            $"数值 {Num.V(value)}%，{(below ? "低于" : "高于")}目标 {Num.V(rule.Target)}% 共 {Num.V(gap)} 个百分点{whole}，每个百分点扣 {Num.V(rule.PerPoint)} 分，共扣 {Num.S(deducted)} 分{capNote}，得 {Num.S(Score.Clamp(score, points))} 分。"));
    }

    private static (decimal, string) ScoreMetric(string code, decimal points, MetricRule rule, UnitFacts? facts, bool explain, ref List<EngineProblem>? problems)
    {
        if (rule.Scoring is null || !IsNumeric(rule.Scoring.Kind))
        {
            return ScoreNumber(code, points, rule.Scoring ?? rule, 0, explain, ref problems);
        }

        var value = UnitMetrics.Compute(rule.Metric, facts, code, explain, out var formula, ref problems);
        if (value is not { } metric)
        {
            return (0, formula);
        }

        var (score, explanation) = ScoreNumber(code, points, rule.Scoring, metric, explain, ref problems);
        return (score, explain ? formula + "；" + explanation : "");
    }

    /// <summary>An interval as text, e.g. <c>80≤值&lt;90</c>, <c>值&gt;30</c>.</summary>
    internal static string Describe(Band band) => new BandText(band).ToString();

    private static (decimal, string) RuleProblem(string code, string problemCode, string zh, string en, ref List<EngineProblem>? problems)
    {
        Add(ref problems, new EngineProblem(problemCode, zh, en) { IndicatorCode = code, Field = "rule" });
        return (0, "评分规则无效，得 0 分。");
    }
}
