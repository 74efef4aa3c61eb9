using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>Per leaf: the rule's score, then the first available source in the policy's order.</summary>
public static partial class UnitScorer
{
    /// <summary>
    /// Scores a leaf that has a rule. <paramref name="problems"/> starts empty (null) for each leaf and becomes the
    /// returned score's <see cref="LeafScore.Problems"/>.
    /// </summary>
    private static LeafScore ScoreLeaf(CompiledLeaf leaf, Answer? answer, Verification? verification, UnitFacts? facts, decimal? fraction, ScoreSource[] order, bool explain, ref List<EngineProblem>? problems)
    {
        var node = leaf.Node;
        var code = node.Code;
        var points = node.Points;
        var outcome = RuleScorer.Compute(code, points, node.Rule!, answer, facts, fraction, explain, ref problems);
        RuleScorer.CheckSelfScore(code, points, answer, ref problems);

        if (leaf.Role == LeafRole.Veto)
        {
            return ScoreVeto(leaf, answer, verification, outcome, explain, ref problems);
        }

        decimal? verifiedScore = null;
        if (verification is not null)
        {
            if (verification.Finding is not null)
            {
                (problems ??= []).Add(new EngineProblem("verified.finding_not_applicable",
                    $"指标 {code} 不是否决项，核实结论“有/无”不适用，应填写核定得分。",
                    $"Leaf {code} is not a veto item: a finding does not apply; give a verified score.")
                { IndicatorCode = code, Field = "verified" });
            }

            if (verification.Score is { } v)
            {
                if (v < 0 || v > points)
                {
                    (problems ??= []).Add(new EngineProblem("verified.score_range",
                        string.Create(Inv, $"指标 {code} 的核定得分 {v} 超出 0 至 {points} 分，未采用。"),
                        string.Create(Inv, $"Leaf {code}: the verified score {v} is outside 0 to {points} and was not used."))
                    { IndicatorCode = code, Field = "verified" });
                }
                else
                {
                    verifiedScore = v;
                }
            }
        }

        var self = answer?.SelfScore;
        var source = ScoreSource.Computed;
        var value = outcome.Score;
        foreach (var candidate in order)
        {
            if (candidate == ScoreSource.Verified && verifiedScore is { } vs)
            {
                (source, value) = (candidate, Scoring.Score.Round(vs));
                break;
            }

            if (candidate == ScoreSource.SelfScore && self is { } s && s >= 0 && s <= points)
            {
                (source, value) = (candidate, Scoring.Score.Round(s));
                break;
            }

            if (candidate == ScoreSource.Computed)
            {
                break;
            }
        }

        if (leaf.Role == LeafRole.Bonus && leaf.Pool < 0)
        {
            (problems ??= []).Add(new EngineProblem("rule.bonus_pool_unknown",
                $"加分指标 {code} 的加分池未在指标体系中定义，加分不计入总分。",
                $"Bonus leaf {code} names a bonus pool the framework does not declare; its bonus is not added.")
            { IndicatorCode = code });
        }

        var explanation = !explain ? "" : source switch
        {
            ScoreSource.Computed => outcome.Explanation,
            ScoreSource.Verified => self is { } selfScore
                ? string.Create(Inv, $"采用实地评估核定得分 {Num.S(value)} 分（自评 {Num.S(selfScore)} 分，偏差 {selfScore - verifiedScore!.Value:+0.##;-0.##;0} 分）。按规则计算：{outcome.Explanation}")
                : string.Create(Inv, $"采用实地评估核定得分 {Num.S(value)} 分。按规则计算：{outcome.Explanation}"),
            ScoreSource.SelfScore => string.Create(Inv, $"采用自评得分 {Num.S(value)} 分。按规则计算：{outcome.Explanation}"),
        };

        return new LeafScore(code, points, value, self, explanation, problems ?? (IReadOnlyList<EngineProblem>)[])
        {
            Computed = outcome.Score,
            Verified = verifiedScore,
            Source = source,
            Role = leaf.Role,
        };
    }

    private static LeafScore ScoreVeto(CompiledLeaf leaf, Answer? answer, Verification? verification, RuleScorer.Outcome outcome, bool explain, ref List<EngineProblem>? problems)
    {
        var code = leaf.Node.Code;
        var finding = outcome.Finding;
        var source = ScoreSource.Computed;
        var explanation = outcome.Explanation;
        if (verification?.Score is not null)
        {
            (problems ??= []).Add(new EngineProblem("verified.score_not_applicable",
                $"指标 {code} 是否决项，不计分，应核实“有/无”而不是给出得分。",
                $"Leaf {code} is a veto item and scores nothing: verify the finding, not a score.")
            { IndicatorCode = code, Field = "verified" });
        }

        if (verification?.Finding is { } verifiedFinding)
        {
            finding = verifiedFinding;
            source = ScoreSource.Verified;
            explanation = !explain ? ""
                : verifiedFinding
                ? "实地评估确认发现否决情形：" + RuleScorer.VetoEffectText((VetoRule)leaf.Node.Rule!) + "。"
                : "实地评估确认未发现否决情形。";
        }

        return new LeafScore(code, 0m, 0m, answer?.SelfScore, explanation, problems ?? (IReadOnlyList<EngineProblem>)[])
        {
            Computed = 0m,
            Source = source,
            Role = LeafRole.Veto,
            Finding = finding,
        };
    }

    /// <summary>The policy's defined sources, each once, in order, ending with <see cref="ScoreSource.Computed"/>.</summary>
    private static ScoreSource[] SourceOrder(ScoringPolicy policy)
    {
        var sources = policy.SourceOrder ?? [];
        var order = new ScoreSource[sources.Count + 1];
        var count = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            if (Enum.IsDefined(source) && Array.IndexOf(order, source, 0, count) < 0)
            {
                order[count++] = source;
            }
        }

        if (Array.IndexOf(order, ScoreSource.Computed, 0, count) < 0)
        {
            order[count++] = ScoreSource.Computed;
        }

        Array.Resize(ref order, count);
        return order;
    }
}
