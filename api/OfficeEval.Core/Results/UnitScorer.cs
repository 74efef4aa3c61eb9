using System.Globalization;
using System.Text;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Results;

/// <summary>
/// Aggregates a unit's inputs into leaf scores, dimension subtotals and score rates, bonus pools, veto findings and
/// the total. Per leaf: the rule computes a score from the answer, the unit's facts or the survey result; the
/// scoring policy then picks the leaf's score among the verified score, the self-score and the computed one.
/// Subtotals and totals are exact sums of rounded leaf scores (see <see cref="Scoring.Score"/>).
/// </summary>
public static partial class UnitScorer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly Dictionary<string, Answer> NoAnswers = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Verification> NoVerifications = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, decimal> NoSurveys = new(StringComparer.Ordinal);

    /// <summary>Scores every leaf of <paramref name="framework"/> from <paramref name="answers"/> (keyed by leaf code) alone.</summary>
    public static UnitScore Score(FrameworkDefinition framework, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(answers);
        return Score(CompiledFramework.For(framework), new UnitInput(answers));
    }

    /// <summary>Scores a unit from all its inputs.</summary>
    public static UnitScore Score(FrameworkDefinition framework, UnitInput input, ScoringPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return Score(CompiledFramework.For(framework), input, policy);
    }

    /// <summary>Scores a unit from all its inputs against an already compiled framework (the fast path for many units).</summary>
    public static UnitScore Score(CompiledFramework framework, UnitInput input, ScoringPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(input);
        policy ??= ScoringPolicy.Default;
        var order = SourceOrder(policy);
        var explain = policy.Explain;
        var answers = input.Answers ?? NoAnswers;
        var verified = input.Verified ?? NoVerifications;
        var surveys = input.SurveyFractions ?? NoSurveys;

        var compiledLeaves = framework.LeafArray;
        var leaves = new LeafScore[compiledLeaves.Length];
        var dimensionSums = new decimal[framework.Dimensions.Length];
        var poolClaims = new decimal[framework.Pools.Length];
        List<EngineProblem>? problems = null;
        List<VetoFinding>? vetoes = null;
        var zeroed = false;

        // How many input keys name a leaf (a survey-linked one for survey fractions), each counted once, at the leaf
        // the framework indexes it by: when every key does, no input needs reporting as unknown (see below).
        var (knownAnswers, knownVerified, linkedSurveys) = (0, 0, 0);
        for (var i = 0; i < compiledLeaves.Length; i++)
        {
            var leaf = compiledLeaves[i];
            var node = leaf.Node;
            if (answers.TryGetValue(node.Code, out var answer) && leaf.Indexed)
            {
                knownAnswers++;
            }

            if (verified.TryGetValue(node.Code, out var verification) && leaf.Indexed)
            {
                knownVerified++;
            }

            decimal? fraction = null;
            if (node.Rule is SurveyRule && surveys.TryGetValue(node.Code, out var f))
            {
                fraction = f;
                linkedSurveys += leaf.Indexed ? 1 : 0;
            }

            // The leaf's problems go into its score as it is built, and are then added to the unit's.
            List<EngineProblem>? leafProblems = null;
            var score = node.Rule is null
                ? new LeafScore(node.Code, node.Points, 0, answer?.SelfScore, explain ? "未设置评分规则。" : "", [])
                : ScoreLeaf(leaf, answer, verification, input.Facts, fraction, order, explain, ref leafProblems);
            if (leafProblems is not null)
            {
                (problems ??= []).AddRange(leafProblems);
            }

            leaves[i] = score;
            switch (leaf.Role)
            {
                case LeafRole.Regular:
                    dimensionSums[leaf.Dimension] += score.Value;
                    break;
                case LeafRole.Bonus when leaf.Pool >= 0:
                    poolClaims[leaf.Pool] += score.Value;
                    break;
                case LeafRole.Bonus:
                    break;
                case LeafRole.Veto when score.Finding == true && node.Rule is VetoRule veto && Enum.IsDefined(veto.Effect):
                    (vetoes ??= []).Add(new VetoFinding(node.Code, node.Name, veto.Effect, veto.MaxGrade));
                    zeroed |= veto.Effect == VetoEffect.ZeroTotal;
                    break;
                case LeafRole.Veto:
                    break;
            }
        }

        // With an ordinal dictionary, a key that is a leaf code was found by exactly one indexed leaf above, so when the
        // counts match every key is known and the keys need not be looked up again.
        if (knownAnswers != answers.Count || !IsOrdinal(answers))
        {
            AddUnknown(framework, answers.Keys, "answer", "自评答案", "An answer", ref problems);
        }

        if (knownVerified != verified.Count || !IsOrdinal(verified))
        {
            AddUnknown(framework, verified.Keys, "verified", "实地评估结果", "A verification", ref problems);
        }

        if (linkedSurveys != surveys.Count || !IsOrdinal(surveys))
        {
            AddSurveyProblems(framework, surveys, ref problems);
        }

        var dimensions = new DimensionScore[framework.Dimensions.Length];
        var baseTotal = 0m;
        for (var d = 0; d < dimensions.Length; d++)
        {
            var node = framework.Dimensions[d].Node;
            var max = !node.IsLeaf || node.IsCounted ? node.Points : 0m;
            dimensions[d] = new DimensionScore(node.Code, node.Name, dimensionSums[d], max, Scoring.Score.Rate(dimensionSums[d], max));
            baseTotal += dimensionSums[d];
        }

        var pools = new BonusPoolScore[framework.Pools.Length];
        var bonus = 0m;
        for (var p = 0; p < pools.Length; p++)
        {
            var pool = framework.Pools[p];
            var cap = Math.Max(0, pool.Cap);
            var awarded = Math.Min(poolClaims[p], cap);
            pools[p] = new BonusPoolScore(pool.Code, pool.Name, poolClaims[p], cap, awarded);
            bonus += awarded;
        }

        var total = zeroed ? 0m : baseTotal + bonus;
        var maxTotal = framework.Definition.TotalPoints;
        IReadOnlyList<VetoFinding> vetoList = vetoes is null ? [] : vetoes;
        return new UnitScore(total, maxTotal, Scoring.Score.Rate(total, maxTotal), dimensions, leaves, problems is null ? [] : problems)
        {
            BaseTotal = baseTotal,
            Bonus = zeroed ? 0m : bonus,
            BonusPools = pools,
            Vetoes = vetoList,
            Vetoed = zeroed,
            Explanation = explain ? Explain(baseTotal, pools, bonus, vetoList, zeroed, total, maxTotal) : "",
        };
    }

    /// <summary>True when <paramref name="map"/> is a dictionary that compares its keys ordinally, as the framework's index does.</summary>
    private static bool IsOrdinal<T>(IReadOnlyDictionary<string, T> map) =>
        map is Dictionary<string, T> dictionary
        && (ReferenceEquals(dictionary.Comparer, StringComparer.Ordinal) || ReferenceEquals(dictionary.Comparer, EqualityComparer<string>.Default));

    /// <summary>Reports inputs keyed by a code that is not a leaf of the framework, in code order.</summary>
    private static void AddUnknown(CompiledFramework framework, IEnumerable<string> codes, string kind, string zh, string en, ref List<EngineProblem>? problems)
    {
        List<string>? unknown = null;
        foreach (var code in codes)
        {
            if (!framework.IsLeaf(code))
            {
                (unknown ??= []).Add(code);
            }
        }

        if (unknown is null)
        {
            return;
        }

        // Ordered so the result does not depend on the order the inputs were added in.
        unknown.Sort(StringComparer.Ordinal);
        foreach (var code in unknown)
        {
            (problems ??= []).Add(new EngineProblem(kind + ".indicator_unknown", $"{zh}的指标编码 {code} 不在本指标体系中。", $"{en} refers to indicator code {code}, which is not a leaf of this framework.")
            {
                IndicatorCode = code,
            });
        }
    }

    private static void AddSurveyProblems(CompiledFramework framework, IReadOnlyDictionary<string, decimal> surveys, ref List<EngineProblem>? problems)
    {
        if (surveys.Count == 0)
        {
            return;
        }

        AddUnknown(framework, surveys.Keys, "survey", "问卷结果", "A survey result", ref problems);
        List<string>? notLinked = null;
        foreach (var code in surveys.Keys)
        {
            if (framework.LeafIndex.TryGetValue(code, out var i) && framework.LeafArray[i].Node.Rule is not SurveyRule)
            {
                (notLinked ??= []).Add(code);
            }
        }

        if (notLinked is null)
        {
            return;
        }

        notLinked.Sort(StringComparer.Ordinal);
        foreach (var code in notLinked)
        {
            (problems ??= []).Add(new EngineProblem("survey.not_linked", $"指标 {code} 未关联问卷，问卷结果未采用。", $"Leaf {code} is not survey-linked; its survey result was not used.")
            {
                IndicatorCode = code,
                Field = "survey",
            });
        }
    }

    private static string Explain(decimal baseTotal, BonusPoolScore[] pools, decimal bonus, IReadOnlyList<VetoFinding> vetoes, bool zeroed, decimal total, decimal maxTotal)
    {
        var text = new StringBuilder(96);
        text.Append(Inv, $"各一级指标合计 {Num.S(baseTotal)} 分");
        if (pools.Length > 0)
        {
            text.Append(Inv, $"；加分 {Num.S(bonus)} 分（");
            for (var p = 0; p < pools.Length; p++)
            {
                var pool = pools[p];
                text.Append(p == 0 ? "" : "，").Append(Inv, $"{pool.Name}：申报 {Num.S(pool.Claimed)} 分，上限 {Num.S(pool.Cap)} 分，计 {Num.S(pool.Awarded)} 分");
            }

            text.Append('）');
        }

        foreach (var veto in vetoes)
        {
            text.Append(veto.Effect == VetoEffect.ZeroTotal ? "；一票否决：" : "；一票否优：").Append(veto.Code).Append(' ').Append(veto.Name);
        }

        if (zeroed)
        {
            text.Append("，总分计 0 分");
        }

        text.Append(Inv, $"；总分 {Num.S(total)} 分，得分率 {Num.S(Scoring.Score.Rate(total, maxTotal))}%。");
        return text.ToString();
    }
}
