using System.Globalization;
using System.Text;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>
/// Grades units (评定等次) by a <see cref="GradeScheme"/>, then applies veto caps.
/// <list type="bullet">
/// <item>Units are compared by score rate (得分率), which is comparable across frameworks of different totals.</item>
/// <item>Thresholds: a unit earns the best grade whose threshold its reported (rounded) score rate reaches; the line is inclusive.</item>
/// <item>Forced shares: units are ranked (standard competition ranking); each grade's quota is cumulative — the best
/// k grades together take <see cref="Score.Quota"/>(n, share₁ + … + shareₖ) units, rounded down by default. A unit of
/// rank r gets the best grade whose cumulative quota is at least r, so units tied at a boundary all get the better
/// grade (the quota is exceeded rather than a tie split), and the next grade's places shrink accordingly.</item>
/// <item>Veto caps are applied after grading: a 一票否优 finding caps the grade (by default one below the best, or the
/// grade the rule names); a 一票否决 finding gives the lowest grade. The freed place is not passed to another unit.</item>
/// </list>
/// The result depends only on each unit's score rate and findings, never on the order the units are given in.
/// </summary>
public static class Grading
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A candidate from a unit's scores: its score rate and veto findings.</summary>
    public static GradeCandidate<TKey> Candidate<TKey>(TKey key, UnitScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new GradeCandidate<TKey>(key, score.ScoreRate) { Vetoes = score.Vetoes };
    }

    /// <summary>Grades every candidate; results are in the candidates' order. An invalid scheme grades nobody and says why.</summary>
    public static GradingResult<TKey> Assign<TKey>(IEnumerable<GradeCandidate<TKey>> candidates, GradeScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(scheme);
        var schemeProblems = scheme.Validate();
        if (schemeProblems.Count > 0)
        {
            return new GradingResult<TKey>([], schemeProblems);
        }

        var units = candidates.ToList();
        var rates = units.Select(u => u.ScoreRate).ToArray();
        var ranks = Ranking.Ranks(rates);
        var tieEnds = TieEnds(rates, ranks);
        var levels = scheme.Levels;
        var quotas = new int[levels.Count - 1];
        var cumulative = 0m;
        for (var k = 0; k < quotas.Length; k++)
        {
            cumulative += levels[k].SharePercent ?? 0;
            quotas[k] = Score.Quota(units.Count, cumulative, scheme.Rounding);
        }

        var problems = new List<EngineProblem>();
        var grades = new UnitGrade<TKey>[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var text = new StringBuilder(96);
            var level = scheme.Method == GradingMethod.Thresholds
                ? ByThreshold(levels, rates[i], text)
                : ByShare(levels, quotas, units.Count, ranks[i], tieEnds[i], rates[i], scheme.Rounding, text);
            var capped = ApplyVetoes(levels, level, units[i].Vetoes ?? [], text, problems);
            grades[i] = new UnitGrade<TKey>(units[i].Key, ranks[i], levels[capped].Label, capped,
                capped != level ? levels[level].Label : null, text.ToString());
        }

        return new GradingResult<TKey>(grades, problems);
    }

    private static int ByThreshold(IReadOnlyList<GradeLevel> levels, decimal rate, StringBuilder text)
    {
        for (var k = 0; k < levels.Count - 1; k++)
        {
            if (rate >= levels[k].MinScoreRate)
            {
                text.Append(Inv, $"得分率 {Num.S(rate)}%，达到“{levels[k].Label}”等次分数线 {Num.S(levels[k].MinScoreRate ?? 0)}%，评为“{levels[k].Label}”。");
                return k;
            }
        }

        var lastLine = levels[^2];
        text.Append(Inv, $"得分率 {Num.S(rate)}%，低于“{lastLine.Label}”等次分数线 {Num.S(lastLine.MinScoreRate ?? 0)}%，评为“{levels[^1].Label}”。");
        return levels.Count - 1;
    }

    private static int ByShare(IReadOnlyList<GradeLevel> levels, int[] quotas, int count, int rank, int tieEnd, decimal rate, QuotaRounding rounding, StringBuilder text)
    {
        var roundingText = rounding == QuotaRounding.Down ? "向下取整" : "四舍五入";
        text.Append(Inv, $"得分率 {Num.S(rate)}%，在 {count} 个单位中排第 {rank} 名");
        for (var k = 0; k < quotas.Length; k++)
        {
            if (rank <= quotas[k])
            {
                text.Append(Inv, $"，在“{levels[k].Label}”及以上等次名额（前 {quotas[k]} 名，{roundingText}）之内");
                if (tieEnd > quotas[k])
                {
                    text.Append("，与名额线上的单位并列，并列者均评为较高等次");
                }

                text.Append(Inv, $"，评为“{levels[k].Label}”。");
                return k;
            }
        }

        text.Append(Inv, $"，在“{levels[^2].Label}”及以上等次名额（前 {quotas[^1]} 名，{roundingText}）之外，评为“{levels[^1].Label}”。");
        return levels.Count - 1;
    }

    private static int ApplyVetoes(IReadOnlyList<GradeLevel> levels, int level, IReadOnlyList<VetoFinding> vetoes, StringBuilder text, List<EngineProblem> problems)
    {
        var result = level;
        foreach (var veto in vetoes)
        {
            int cap;
            if (veto.Effect == VetoEffect.ZeroTotal)
            {
                cap = levels.Count - 1;
            }
            else if (string.IsNullOrWhiteSpace(veto.MaxGrade))
            {
                cap = 1;
            }
            else
            {
                cap = IndexOf(levels, veto.MaxGrade);
                if (cap < 0)
                {
                    problems.Add(new EngineProblem("grade.veto_grade_unknown",
                        $"否决项 {veto.Code} 规定的最高等次“{veto.MaxGrade}”不在等次方案中，按不得评为最高等次处理。",
                        $"Veto item {veto.Code} caps the grade at \"{veto.MaxGrade}\", which the scheme does not have; the best grade is withheld instead.")
                    { IndicatorCode = veto.Code });
                    cap = 1;
                }
            }

            if (cap > result)
            {
                text.Append(veto.Effect == VetoEffect.ZeroTotal ? "因一票否决（" : "因一票否优（").Append(veto.Code).Append(' ').Append(veto.Name)
                    .Append("）评为“").Append(levels[cap].Label).Append("”。");
                result = cap;
            }
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<GradeLevel> levels, string label)
    {
        for (var k = 0; k < levels.Count; k++)
        {
            if (string.Equals(levels[k].Label?.Trim(), label.Trim(), StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>For each unit, the last position its tie group occupies (rank + group size − 1).</summary>
    private static int[] TieEnds(decimal[] rates, int[] ranks)
    {
        var groupSize = new Dictionary<decimal, int>();
        foreach (var rate in rates)
        {
            groupSize[rate] = groupSize.GetValueOrDefault(rate) + 1;
        }

        var ends = new int[rates.Length];
        for (var i = 0; i < rates.Length; i++)
        {
            ends[i] = ranks[i] + groupSize[rates[i]] - 1;
        }

        return ends;
    }
}

/// <summary>A unit to grade.</summary>
/// <param name="Key">The unit's key.</param>
/// <param name="ScoreRate">Its score rate (得分率, percent), as reported.</param>
public sealed record GradeCandidate<TKey>(TKey Key, decimal ScoreRate)
{
    /// <summary>Its veto findings (see <see cref="UnitScore.Vetoes"/>).</summary>
    public IReadOnlyList<VetoFinding> Vetoes { get; init; } = [];
}

/// <summary>A unit's grade.</summary>
/// <param name="Key">The unit's key.</param>
/// <param name="Rank">Its competition rank by score rate among the graded units.</param>
/// <param name="Grade">The grade's label, after veto caps.</param>
/// <param name="Level">The grade's index in the scheme, 0 = best.</param>
/// <param name="GradeBeforeVeto">The grade before a veto capped it; null when no veto changed it.</param>
/// <param name="Explanation">How the grade was reached, in Chinese.</param>
public sealed record UnitGrade<TKey>(TKey Key, int Rank, string Grade, int Level, string? GradeBeforeVeto, string Explanation);

/// <summary>Grades and any problems with the scheme or the veto caps.</summary>
/// <param name="Grades">One per candidate, in the candidates' order; empty when the scheme is invalid.</param>
/// <param name="Problems">Problems found.</param>
public sealed record GradingResult<TKey>(IReadOnlyList<UnitGrade<TKey>> Grades, IReadOnlyList<EngineProblem> Problems);
