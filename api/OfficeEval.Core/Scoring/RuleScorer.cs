using System.Globalization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// Applies a leaf's rule to its answer (or to the unit's facts, or to a survey result) and explains in Chinese how
/// the score was reached. A missing or unusable input scores 0 and is reported as a coded problem; nothing throws
/// on bad input. The score is always within [0, points] and rounded once by <see cref="Score.Round"/>.
/// </summary>
public static partial class RuleScorer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Scores one leaf by its rule alone (no verification, no source order: that is <c>UnitScorer</c>'s job).
    /// </summary>
    /// <param name="code">The leaf's code, used in problems.</param>
    /// <param name="points">The leaf's points.</param>
    /// <param name="rule">The leaf's rule.</param>
    /// <param name="answer">The unit's answer, if any.</param>
    /// <param name="facts">The unit's data tables, for <see cref="MetricRule"/> and age-band <see cref="ShareRule"/>s.</param>
    /// <param name="surveyFraction">The linked questionnaire's result 0..1, for <see cref="SurveyRule"/>.</param>
    public static LeafScore ScoreLeaf(string code, decimal points, ScoringRule rule, Answer? answer, UnitFacts? facts = null, decimal? surveyFraction = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        List<EngineProblem>? problems = null;
        var outcome = Compute(code, points, rule, answer, facts, surveyFraction, explain: true, ref problems);
        CheckSelfScore(code, points, answer, ref problems);
        return new LeafScore(code, points, outcome.Score, answer?.SelfScore, outcome.Explanation, problems ?? (IReadOnlyList<EngineProblem>)[])
        {
            Computed = outcome.Score,
            Role = RoleOf(rule.Kind),
            Finding = outcome.Finding,
        };
    }

    /// <summary>How a leaf with a rule of <paramref name="kind"/> takes part in the total.</summary>
    public static LeafRole RoleOf(RuleKind kind) => kind switch
    {
        RuleKind.Bonus => LeafRole.Bonus,
        RuleKind.Veto => LeafRole.Veto,
        RuleKind.Qualitative or RuleKind.Deduction or RuleKind.Bands or RuleKind.Linear or RuleKind.Ratio
            or RuleKind.Shortfall or RuleKind.Shares or RuleKind.Survey or RuleKind.Metric => LeafRole.Regular,
    };

    /// <summary>
    /// Whether the unit answers a leaf with this rule itself. Survey leaves are scored from questionnaires, metric and
    /// age-band leaves from the unit's data tables; a leaf without a rule takes the unit's self-score.
    /// </summary>
    public static bool AnsweredByUnit(ScoringRule? rule) => rule switch
    {
        SurveyRule or MetricRule => false,
        ShareRule { Source: ShareSource.AgeBands } => false,
        _ => true,
    };

    /// <summary>The rule's score, rounded and within [0, points], its explanation, and a veto leaf's finding.</summary>
    internal readonly record struct Outcome(decimal Score, string Explanation, bool? Finding = null);

    /// <summary>
    /// The rule's outcome. With <paramref name="explain"/> off the explanation is the empty string and no text is
    /// formatted for it; the score, the finding and the problems are the same either way.
    /// </summary>
    internal static Outcome Compute(string code, decimal points, ScoringRule rule, Answer? answer, UnitFacts? facts, decimal? surveyFraction, bool explain, ref List<EngineProblem>? problems)
    {
        var (raw, explanation) = rule.Kind switch
        {
            RuleKind.Qualitative => ScoreScale(code, points, (QualitativeScaleRule)rule, answer, explain, ref problems),
            RuleKind.Deduction => answer?.Number is { } count
                ? ScoreNumber(code, points, rule, count, explain, ref problems)
                : Missing(code, "number", "未填写发生次数，得 0 分。", ref problems),
            RuleKind.Bands or RuleKind.Linear or RuleKind.Ratio or RuleKind.Shortfall => answer?.Number is { } value
                ? ScoreNumber(code, points, rule, value, explain, ref problems)
                : Missing(code, "number", "未填写数值，得 0 分。", ref problems),
            RuleKind.Bonus => ScoreBonus(code, points, (BonusRule)rule, answer, explain, ref problems),
            RuleKind.Veto => (0m, ""),
            RuleKind.Shares => ScoreShares(code, points, (ShareRule)rule, answer, facts, explain, ref problems),
            RuleKind.Survey => ScoreSurvey(code, points, (SurveyRule)rule, surveyFraction, explain, ref problems),
            RuleKind.Metric => ScoreMetric(code, points, (MetricRule)rule, facts, explain, ref problems),
        };

        if (rule.Kind == RuleKind.Veto)
        {
            var (finding, text) = Veto(code, (VetoRule)rule, answer, explain, ref problems);
            return new Outcome(0m, explain ? text : "", finding);
        }

        // Texts that cost nothing (literals) are not guarded where they are chosen; they are dropped here.
        return new Outcome(Score.Round(Score.Clamp(raw, points)), explain ? explanation : "");
    }

    internal static void CheckSelfScore(string code, decimal points, Answer? answer, ref List<EngineProblem>? problems)
    {
        if (answer?.SelfScore is { } self && (self < 0 || self > points))
        {
            Add(ref problems, new EngineProblem(
                "answer.self_score_range",
                string.Create(Inv, $"指标 {code} 自评得分 {self} 超出 0 至 {points} 分。"),
                string.Create(Inv, $"Leaf {code}: self-score {self} is outside 0 to {points}."))
            { IndicatorCode = code, Field = "selfScore" });
        }
    }

    private static (decimal, string) ScoreScale(string code, decimal points, QualitativeScaleRule rule, Answer? answer, bool explain, ref List<EngineProblem>? problems)
    {
        var picked = answer?.Option?.Trim();
        if (string.IsNullOrEmpty(picked))
        {
            return Missing(code, "option", "未作答，得 0 分。", ref problems);
        }

        var options = rule.Options ?? [];
        ScaleOption? option = null;
        for (var i = 0; i < options.Count; i++)
        {
            if (string.Equals(options[i].Label?.Trim(), picked, StringComparison.Ordinal))
            {
                option = options[i];
                break;
            }
        }

        if (option is null)
        {
            var allowed = string.Join("、", options.Select(o => o.Label));
            Add(ref problems, new EngineProblem(
                "answer.option_unknown",
                $"指标 {code} 的选项“{picked}”无效，应为：{allowed}。",
                $"Leaf {code}: \"{picked}\" is not an option; expected one of: {allowed}.")
            { IndicatorCode = code, Field = "option" });
            return (0, explain ? $"选项“{picked}”无效，得 0 分。" : "");
        }

        var score = points * option.Fraction;
        return (score, explain ? string.Create(Inv, $"选择“{option.Label}”，按 {Num.S(option.Fraction)} × {Num.V(points)} 分计 {Num.S(Score.Round(score))} 分。") : "");
    }

    private static (decimal, string) ScoreDeduction(string code, decimal points, DeductionRule rule, decimal count, bool explain, ref List<EngineProblem>? problems)
    {
        if (!IsCount(code, count, ref problems))
        {
            return (0, "次数无效，得 0 分。");
        }

        var cap = rule.Cap ?? points;
        var overCap = Exceeds(count, rule.PerOccurrence, cap);
        var deducted = overCap ? cap : Math.Min(Saturating.Mul(count, rule.PerOccurrence), cap);
        var score = points - deducted;
        if (!explain)
        {
            return (score, "");
        }

        var capNote = !overCap ? "" : rule.Cap is null ? "（扣完为止）" : string.Create(Inv, $"（扣分上限 {Num.V(cap)} 分）");
        return (score, string.Create(Inv, $"发生 {Num.V(count)} 次，每次扣 {Num.V(rule.PerOccurrence)} 分，共扣 {Num.V(deducted)} 分{capNote}，得 {Num.S(Score.Round(Score.Clamp(score, points)))} 分。"));
    }

    private static (decimal, string) ScoreBonus(string code, decimal points, BonusRule rule, Answer? answer, bool explain, ref List<EngineProblem>? problems)
    {
        // No answer is no bonus claimed: the least favourable reading, so not a problem.
        if (answer?.Number is not { } count)
        {
            return (0, "未申报加分事项，加 0 分。");
        }

        if (!IsCount(code, count, ref problems))
        {
            return (0, "次数无效，加 0 分。");
        }

        var overCap = Exceeds(count, rule.PerOccurrence, points);
        var added = overCap ? points : Saturating.Mul(count, rule.PerOccurrence);
        if (!explain)
        {
            return (added, "");
        }

        var capNote = overCap ? string.Create(Inv, $"（本项最多加 {Num.V(points)} 分）") : "";
        return (added, string.Create(Inv, $"发生 {Num.V(count)} 次，每次加 {Num.V(rule.PerOccurrence)} 分，计 {Num.S(Score.Round(Score.Clamp(added, points)))} 分{capNote}，计入加分项。"));
    }

    private static (bool, string) Veto(string code, VetoRule rule, Answer? answer, bool explain, ref List<EngineProblem>? problems)
    {
        bool found;
        if (answer?.Finding is { } finding)
        {
            found = finding;
        }
        else if (answer?.Number is { } count)
        {
            if (!IsCount(code, count, ref problems))
            {
                return (false, "次数无效，按未发现否决情形处理。");
            }

            found = count > 0;
        }
        else
        {
            return (false, "未填报，视为未发现否决情形。");
        }

        return (found, !explain ? "" : found ? "发现否决情形：" + VetoEffectText(rule) + "。" : "未发现否决情形。");
    }

    /// <summary>What a veto finding does, in Chinese.</summary>
    internal static string VetoEffectText(VetoRule rule) => !Enum.IsDefined(rule.Effect) ? "否决效果未定义，不影响总分和等次" : rule.Effect switch
    {
        VetoEffect.ZeroTotal => "一票否决，总分计 0 分，评为最低等次",
        VetoEffect.CapGrade => string.IsNullOrWhiteSpace(rule.MaxGrade) ? "一票否优，不得评为最高等次" : $"一票否优，等次最高为“{rule.MaxGrade}”",
    };

    /// <summary>
    /// True when <paramref name="count"/> × <paramref name="step"/> (step &gt; 0) exceeds <paramref name="cap"/>. The count
    /// comes from a user's cell and may be huge, so the product is only formed when it cannot overflow.
    /// </summary>
    private static bool Exceeds(decimal count, decimal step, decimal cap)
    {
        if (step <= 0)
        {
            return false;
        }

        return count < 1_000_000_000_000m && step < 1_000_000_000_000m ? count * step > cap : count > Saturating.Div(cap, step);
    }

    /// <summary>True when <paramref name="count"/> is a whole number of at least 0; otherwise reports it.</summary>
    private static bool IsCount(string code, decimal count, ref List<EngineProblem>? problems)
    {
        if (count >= 0 && count == decimal.Truncate(count))
        {
            return true;
        }

        Add(ref problems, new EngineProblem(
            "answer.count_invalid",
            string.Create(Inv, $"指标 {code} 的次数 {count} 应为不小于 0 的整数。"),
            string.Create(Inv, $"Leaf {code}: the count {count} must be a whole number of at least 0."))
        { IndicatorCode = code, Field = "number" });
        return false;
    }

    private static (decimal, string) Missing(string code, string field, string explanation, ref List<EngineProblem>? problems)
    {
        Add(ref problems, new EngineProblem("answer.missing", $"指标 {code} 尚未作答。", $"Leaf {code} has no answer.") { IndicatorCode = code, Field = field });
        return (0, explanation);
    }

    private static void Add(ref List<EngineProblem>? problems, EngineProblem problem) => (problems ??= []).Add(problem);
}
