using System.Globalization;

namespace OfficeEval.Core.Scoring;

/// <summary>Applies a leaf's rule to its answer and explains how the score was reached.</summary>
public static class RuleScorer
{
    /// <summary>
    /// Scores one leaf. A missing or unusable answer scores 0 and is reported as a problem; the score is always
    /// within [0, points] and rounded by <see cref="Score.Round"/>.
    /// </summary>
    public static LeafScore ScoreLeaf(string code, decimal points, ScoringRule rule, Answer? answer)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problems = new List<EngineProblem>();
        var (raw, explanationZh) = rule.Kind switch
        {
            RuleKind.Qualitative => ScoreScale(code, points, (QualitativeScaleRule)rule, answer, problems),
            RuleKind.Deduction => ScoreDeduction(code, points, (DeductionRule)rule, answer, problems),
        };

        var score = Score.Round(Score.Clamp(raw, points));
        if (answer?.SelfScore is { } self && (self < 0 || self > points))
        {
            problems.Add(new EngineProblem(
                "answer.self_score_range",
                F($"指标 {code} 自评得分 {self} 超出 0 至 {points} 分。"),
                F($"Leaf {code}: self-score {self} is outside 0 to {points}."))
            { IndicatorCode = code, Field = "selfScore" });
        }

        return new LeafScore(code, points, score, answer?.SelfScore, explanationZh, problems);
    }

    private static (decimal, string) ScoreScale(string code, decimal points, QualitativeScaleRule rule, Answer? answer, List<EngineProblem> problems)
    {
        var picked = answer?.Option?.Trim();
        if (string.IsNullOrEmpty(picked))
        {
            problems.Add(Missing(code, "option"));
            return (0, "未作答，得 0 分。");
        }

        var option = rule.Options.FirstOrDefault(o => string.Equals(o.Label.Trim(), picked, StringComparison.Ordinal));
        if (option is null)
        {
            var allowed = string.Join("、", rule.Options.Select(o => o.Label));
            problems.Add(new EngineProblem(
                "answer.option_unknown",
                $"指标 {code} 的选项“{picked}”无效，应为：{allowed}。",
                $"Leaf {code}: \"{picked}\" is not an option; expected one of: {allowed}.")
            { IndicatorCode = code, Field = "option" });
            return (0, $"选项“{picked}”无效，得 0 分。");
        }

        var score = points * option.Fraction;
        return (score, F($"选择“{option.Label}”，按 {option.Fraction:0.##} × {points} 分计 {Score.Round(score):0.##} 分。"));
    }

    private static (decimal, string) ScoreDeduction(string code, decimal points, DeductionRule rule, Answer? answer, List<EngineProblem> problems)
    {
        if (answer?.Number is not { } count)
        {
            problems.Add(Missing(code, "number"));
            return (0, "未填写发生次数，得 0 分。");
        }

        if (count < 0 || count != decimal.Truncate(count))
        {
            problems.Add(new EngineProblem(
                "answer.count_invalid",
                F($"指标 {code} 的次数 {count} 应为不小于 0 的整数。"),
                F($"Leaf {code}: the count {count} must be a whole number of at least 0."))
            { IndicatorCode = code, Field = "number" });
            return (0, "次数无效，得 0 分。");
        }

        var cap = rule.Cap ?? points;
        // The count comes from a user's cell and may be huge: decide on the cap before multiplying, which could overflow.
        var overCap = rule.PerOccurrence > 0 && count > cap / rule.PerOccurrence;
        var deducted = overCap ? cap : Math.Min(count * rule.PerOccurrence, cap);
        var score = points - deducted;
        var capNote = !overCap ? "" : rule.Cap is null ? "（扣完为止）" : F($"（扣分上限 {cap} 分）");
        return (score, F($"发生 {count:0} 次，每次扣 {rule.PerOccurrence} 分，共扣 {deducted} 分{capNote}，得 {Score.Round(Score.Clamp(score, points)):0.##} 分。"));
    }

    private static EngineProblem Missing(string code, string field) =>
        new("answer.missing", $"指标 {code} 尚未作答。", $"Leaf {code} has no answer.") { IndicatorCode = code, Field = field };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The score of one leaf.</summary>
/// <param name="Code">Leaf code.</param>
/// <param name="Points">Leaf points (the maximum).</param>
/// <param name="Value">The engine's score, rounded, within [0, points].</param>
/// <param name="SelfScore">The unit's own score, as entered.</param>
/// <param name="Explanation">How <paramref name="Value"/> was reached, in Chinese.</param>
/// <param name="Problems">Problems with the answer.</param>
public sealed record LeafScore(string Code, decimal Points, decimal Value, decimal? SelfScore, string Explanation, IReadOnlyList<EngineProblem> Problems);
