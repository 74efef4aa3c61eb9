using System.Globalization;

namespace OfficeEval.Core.Scoring;

/// <summary>Checks that a rule is consistent with the points of the leaf that carries it.</summary>
public static class RuleValidator
{
    /// <summary>Returns the problems of <paramref name="rule"/> on leaf <paramref name="code"/> worth <paramref name="points"/>.</summary>
    public static IEnumerable<EngineProblem> Validate(string code, decimal points, ScoringRule rule) => rule.Kind switch
    {
        RuleKind.Qualitative => ValidateScale(code, (QualitativeScaleRule)rule),
        RuleKind.Deduction => ValidateDeduction(code, points, (DeductionRule)rule),
    };

    private static IEnumerable<EngineProblem> ValidateScale(string code, QualitativeScaleRule rule)
    {
        if (rule.Options.Count == 0)
        {
            yield return Problem(code, "rule.scale_empty", $"指标 {code} 的评价选项为空。", $"Leaf {code} has a scale with no options.");
            yield break;
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in rule.Options)
        {
            if (string.IsNullOrWhiteSpace(option.Label) || !labels.Add(option.Label.Trim()))
            {
                yield return Problem(code, "rule.scale_label", $"指标 {code} 的选项“{option.Label}”为空或重复。", $"Leaf {code} has an empty or repeated option \"{option.Label}\".");
            }

            if (option.Fraction is < 0 or > 1)
            {
                yield return Problem(code, "rule.scale_fraction",
                    string.Create(CultureInfo.InvariantCulture, $"指标 {code} 的选项“{option.Label}”得分比例 {option.Fraction} 不在 0 到 1 之间。"),
                    string.Create(CultureInfo.InvariantCulture, $"Leaf {code}: option \"{option.Label}\" has fraction {option.Fraction}, expected 0 to 1."));
            }
        }

        if (rule.Options.Max(o => o.Fraction) != 1)
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
                string.Create(CultureInfo.InvariantCulture, $"指标 {code} 每次扣 {rule.PerOccurrence} 分，超过分值 {points} 分。"),
                string.Create(CultureInfo.InvariantCulture, $"Leaf {code}: deducting {rule.PerOccurrence} per occurrence exceeds its {points} points."));
        }

        if (rule.Cap is { } cap && (cap <= 0 || cap > points))
        {
            yield return Problem(code, "rule.deduction_cap",
                string.Create(CultureInfo.InvariantCulture, $"指标 {code} 扣分上限 {cap} 分应在 0 到分值 {points} 分之间。"),
                string.Create(CultureInfo.InvariantCulture, $"Leaf {code}: the deduction cap {cap} must be above 0 and at most its {points} points."));
        }
    }

    private static EngineProblem Problem(string code, string problemCode, string zh, string en) =>
        new(problemCode, zh, en) { IndicatorCode = code };
}
