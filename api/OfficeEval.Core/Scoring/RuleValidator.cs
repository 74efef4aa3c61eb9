using System.Globalization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// Checks that a rule is consistent in itself and with the points of the leaf that carries it: every score it can
/// produce lies within [0, points], full points are reachable, and every parameter is usable. Each problem is coded,
/// names the leaf and says which value was found and what was expected.
/// </summary>
public static partial class RuleValidator
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Returns the problems of <paramref name="rule"/> on leaf <paramref name="code"/> worth <paramref name="points"/>.</summary>
    public static IEnumerable<EngineProblem> Validate(string code, decimal points, ScoringRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            RuleKind.Qualitative => ValidateScale(code, (QualitativeScaleRule)rule),
            RuleKind.Deduction => ValidateDeduction(code, points, (DeductionRule)rule),
            RuleKind.Bands => ValidateBands(code, points, (BandsRule)rule),
            RuleKind.Linear => ValidateLinear(code, (LinearRule)rule),
            RuleKind.Ratio => ValidateRatio(code, (RatioRule)rule),
            RuleKind.Shortfall => ValidateShortfall(code, points, (ShortfallRule)rule),
            RuleKind.Bonus => ValidateBonus(code, points, (BonusRule)rule),
            RuleKind.Veto => ValidateVeto(code, points, (VetoRule)rule),
            RuleKind.Shares => ValidateShares(code, (ShareRule)rule),
            RuleKind.Survey => [],
            RuleKind.Metric => ValidateMetric(code, points, (MetricRule)rule),
        };
    }

    private static IEnumerable<EngineProblem> ValidateScale(string code, QualitativeScaleRule rule)
    {
        if (rule.Options is null || rule.Options.Count == 0)
        {
            yield return Problem(code, "rule.scale_empty", $"指标 {code} 的评价选项为空。", $"Leaf {code} has a scale with no options.");
            yield break;
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in rule.Options)
        {
            if (string.IsNullOrWhiteSpace(option?.Label) || !labels.Add(option.Label.Trim()))
            {
                yield return Problem(code, "rule.scale_label", $"指标 {code} 的选项“{option?.Label}”为空或重复。", $"Leaf {code} has an empty or repeated option \"{option?.Label}\".");
            }

            if (option?.Fraction is < 0 or > 1)
            {
                yield return Problem(code, "rule.scale_fraction",
                    string.Create(Inv, $"指标 {code} 的选项“{option.Label}”得分比例 {option.Fraction} 不在 0 到 1 之间。"),
                    string.Create(Inv, $"Leaf {code}: option \"{option.Label}\" has fraction {option.Fraction}, expected 0 to 1."));
            }
        }

        if (rule.Options.Where(o => o is not null).Select(o => o.Fraction).DefaultIfEmpty().Max() != 1)
        {
            yield return Problem(code, "rule.scale_no_full", $"指标 {code} 没有可得满分的选项。", $"Leaf {code} has no option worth full points.");
        }
    }

    private static IEnumerable<EngineProblem> ValidateDeduction(string code, decimal points, DeductionRule rule)
    {
        if (rule.PerOccurrence <= 0)
        {
            yield return Problem(code, "rule.deduction_step", $"指标 {code} 的每次扣分必须大于 0。", $"Leaf {code}: the deduction per occurrence must be greater than 0.");
        }

        if (rule.PerOccurrence > points)
        {
            yield return Problem(code, "rule.deduction_step_over_points",
                string.Create(Inv, $"指标 {code} 每次扣 {rule.PerOccurrence} 分，超过分值 {points} 分。"),
                string.Create(Inv, $"Leaf {code}: deducting {rule.PerOccurrence} per occurrence exceeds its {points} points."));
        }

        if (rule.Cap is { } cap && (cap <= 0 || cap > points))
        {
            yield return Problem(code, "rule.deduction_cap",
                string.Create(Inv, $"指标 {code} 扣分上限 {cap} 分应在 0 到分值 {points} 分之间。"),
                string.Create(Inv, $"Leaf {code}: the deduction cap {cap} must be above 0 and at most its {points} points."));
        }
    }

    private static IEnumerable<EngineProblem> ValidateBonus(string code, decimal points, BonusRule rule)
    {
        if (points <= 0)
        {
            yield return Problem(code, "rule.bonus_points",
                string.Create(Inv, $"加分指标 {code} 的分值 {points} 分即本项加分上限，应大于 0。"),
                string.Create(Inv, $"Bonus leaf {code}: its points ({points}) are its cap and must be greater than 0."));
        }

        if (rule.PerOccurrence <= 0)
        {
            yield return Problem(code, "rule.bonus_step", $"指标 {code} 的每次加分必须大于 0。", $"Leaf {code}: the bonus per occurrence must be greater than 0.");
        }
        else if (points > 0 && rule.PerOccurrence > points)
        {
            yield return Problem(code, "rule.bonus_step_over_points",
                string.Create(Inv, $"指标 {code} 每次加 {rule.PerOccurrence} 分，超过本项加分上限 {points} 分。"),
                string.Create(Inv, $"Leaf {code}: adding {rule.PerOccurrence} per occurrence exceeds its cap of {points}."));
        }

        if (string.IsNullOrWhiteSpace(rule.Pool))
        {
            yield return Problem(code, "rule.bonus_pool_missing", $"加分指标 {code} 未指定加分池。", $"Bonus leaf {code} names no bonus pool.");
        }
    }

    private static IEnumerable<EngineProblem> ValidateVeto(string code, decimal points, VetoRule rule)
    {
        if (points != 0)
        {
            yield return Problem(code, "rule.veto_points",
                string.Create(Inv, $"否决指标 {code} 不计分，分值应为 0，实为 {points} 分。"),
                string.Create(Inv, $"Veto leaf {code} scores nothing: its points must be 0, not {points}."));
        }

        if (!Enum.IsDefined(rule.Effect))
        {
            yield return EnumInvalid(code, "effect", (int)rule.Effect, "CapGrade、ZeroTotal");
        }
        else if (rule.MaxGrade is not null && (rule.Effect != VetoEffect.CapGrade || string.IsNullOrWhiteSpace(rule.MaxGrade)))
        {
            yield return Problem(code, "rule.veto_max_grade",
                $"否决指标 {code} 的最高等次“{rule.MaxGrade}”只适用于一票否优，且不能为空。",
                $"Veto leaf {code}: a maximum grade (\"{rule.MaxGrade}\") applies only to CapGrade and cannot be blank.");
        }
    }

    private static IEnumerable<EngineProblem> ValidateMetric(string code, decimal points, MetricRule rule)
    {
        if (!Enum.IsDefined(rule.Metric))
        {
            yield return Problem(code, "rule.metric_unknown",
                string.Create(Inv, $"指标 {code} 引用了未定义的计算指标（{(int)rule.Metric}）。"),
                string.Create(Inv, $"Leaf {code} refers to an undefined metric ({(int)rule.Metric})."));
        }

        if (rule.Scoring is null || !RuleScorer.IsNumeric(rule.Scoring.Kind))
        {
            var found = rule.Scoring?.Kind.ToString() ?? "无";
            yield return Problem(code, "rule.metric_scoring_kind",
                $"指标 {code} 的计算指标评分规则为 {found}，应为区间、线性、比率、差距或扣分规则。",
                $"Leaf {code}: the metric is scored by {found}; expected bands, linear, ratio, shortfall or deduction.");
            yield break;
        }

        foreach (var problem in Validate(code, points, rule.Scoring))
        {
            yield return problem;
        }
    }

    private static EngineProblem EnumInvalid(string code, string field, int value, string expected) =>
        new("rule.enum_invalid",
            string.Create(Inv, $"指标 {code} 的规则参数 {field} 取值 {value} 无效，应为：{expected}。"),
            string.Create(Inv, $"Leaf {code}: rule parameter {field} has the invalid value {value}; expected one of {expected}."))
        {
            IndicatorCode = code,
            Field = field,
        };

    private static EngineProblem Problem(string code, string problemCode, string zh, string en) =>
        new(problemCode, zh, en) { IndicatorCode = code };
}
