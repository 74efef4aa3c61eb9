using System.Globalization;
using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// The named metrics a <see cref="MetricRule"/> may score. Each is computed in code from <see cref="UnitFacts"/>;
/// rates are percentages (96 for 96%), so “每低1%” rules read them directly.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitMetric>))]
public enum UnitMetric
{
    /// <summary>编制使用率 = 实有人数 ÷ 核定编制 × 100.</summary>
    EstablishmentUseRate,
    /// <summary>空编数 = max(0, 核定编制 − 实有人数).</summary>
    Vacancies,
    /// <summary>超编人数 = max(0, 实有人数 − 核定编制).</summary>
    OverEstablishment,
    /// <summary>超职数配备 = max(0, 实配领导职数 − 核定领导职数).</summary>
    LeadershipPostsOverQuota,
    /// <summary>业务处室人员占比 = 业务处室人员 ÷ 人员总数 × 100.</summary>
    BusinessDivisionStaffShare,
    /// <summary>同类单位排名（数值高者居前）: 1 + the number of peers with a higher value (ties share a rank).</summary>
    PeerRankHighFirst,
    /// <summary>同类单位排名（数值低者居前）: 1 + the number of peers with a lower value (ties share a rank).</summary>
    PeerRankLowFirst,
}

/// <summary>A metric's value for one unit, with how it was computed.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Value">The value; null when the facts did not allow it (see <paramref name="Problems"/>).</param>
/// <param name="Explanation">The computation in Chinese, e.g. 编制使用率 = 实有人数 48 ÷ 核定编制 50 × 100% = 96%.</param>
/// <param name="Problems">Missing or invalid facts.</param>
public sealed record MetricValue(UnitMetric Metric, decimal? Value, string Explanation, IReadOnlyList<EngineProblem> Problems);

/// <summary>Computes the named metrics from a unit's facts.</summary>
public static class UnitMetrics
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Computes <paramref name="metric"/> from <paramref name="facts"/>; never throws on bad facts.</summary>
    public static MetricValue Compute(UnitMetric metric, UnitFacts? facts)
    {
        List<EngineProblem>? problems = null;
        var value = Compute(metric, facts, null, explain: true, out var explanation, ref problems);
        return new MetricValue(metric, value, explanation, problems ?? (IReadOnlyList<EngineProblem>)[]);
    }

    /// <summary>The metric's Chinese name.</summary>
    public static string NameZh(UnitMetric metric) => !Enum.IsDefined(metric) ? "未知指标" : metric switch
    {
        UnitMetric.EstablishmentUseRate => "编制使用率",
        UnitMetric.Vacancies => "空编数",
        UnitMetric.OverEstablishment => "超编人数",
        UnitMetric.LeadershipPostsOverQuota => "超职数配备数",
        UnitMetric.BusinessDivisionStaffShare => "业务处室人员占比",
        UnitMetric.PeerRankHighFirst => "同类单位排名（数值高者居前）",
        UnitMetric.PeerRankLowFirst => "同类单位排名（数值低者居前）",
    };

    /// <summary>The metric's value; with <paramref name="explain"/> off, <paramref name="explanation"/> is the empty string.</summary>
    internal static decimal? Compute(UnitMetric metric, UnitFacts? facts, string? code, bool explain, out string explanation, ref List<EngineProblem>? problems)
    {
        if (!Enum.IsDefined(metric))
        {
            Add(ref problems, new EngineProblem("rule.metric_unknown",
                string.Create(Inv, $"指标 {code} 引用了未定义的计算指标（{(int)metric}）。"),
                string.Create(Inv, $"Leaf {code} refers to an undefined metric ({(int)metric})."))
            { IndicatorCode = code, Field = "metric" });
            explanation = explain ? "计算指标未定义，得 0 分。" : "";
            return null;
        }

        var name = NameZh(metric);
        if (facts is null)
        {
            Add(ref problems, new EngineProblem("facts.missing",
                string.Create(Inv, $"指标 {code} 按单位基础数据计算{name}，但未提供基础数据。"),
                string.Create(Inv, $"Leaf {code} computes {metric} from the unit's data tables, but none were supplied."))
            { IndicatorCode = code, Field = "facts" });
            explanation = explain ? string.Create(Inv, $"缺少单位基础数据，无法计算{name}，得 0 分。") : "";
            return null;
        }

        switch (metric)
        {
            case UnitMetric.EstablishmentUseRate:
            {
                if (!Need(facts.ActualStaff, "actualStaff", "实有人数", code, ref problems, out var actual, 0)
                    | !Need(facts.ApprovedEstablishment, "approvedEstablishment", "核定编制", code, ref problems, out var approved, 1))
                {
                    return Fail(name, explain, out explanation);
                }

                var rate = actual * 100m / approved;
                explanation = explain ? string.Create(Inv, $"{name} = 实有人数 {actual} ÷ 核定编制 {approved} × 100% = {Num.S(rate)}%") : "";
                return rate;
            }

            case UnitMetric.Vacancies:
            case UnitMetric.OverEstablishment:
            {
                if (!Need(facts.ActualStaff, "actualStaff", "实有人数", code, ref problems, out var actual, 0)
                    | !Need(facts.ApprovedEstablishment, "approvedEstablishment", "核定编制", code, ref problems, out var approved, 0))
                {
                    return Fail(name, explain, out explanation);
                }

                var gap = metric == UnitMetric.Vacancies ? approved - actual : actual - approved;
                var value = Math.Max(0, gap);
                var floored = gap < 0 ? "（不足 0 按 0 计）" : "";
                explanation = !explain ? ""
                    : metric == UnitMetric.Vacancies
                    ? string.Create(Inv, $"{name} = 核定编制 {approved} − 实有人数 {actual} = {value}{floored}")
                    : string.Create(Inv, $"{name} = 实有人数 {actual} − 核定编制 {approved} = {value}{floored}");

                return value;
            }

            case UnitMetric.LeadershipPostsOverQuota:
            {
                if (!Need(facts.ActualLeadershipPosts, "actualLeadershipPosts", "实配领导职数", code, ref problems, out var actual, 0)
                    | !Need(facts.ApprovedLeadershipPosts, "approvedLeadershipPosts", "核定领导职数", code, ref problems, out var approved, 0))
                {
                    return Fail(name, explain, out explanation);
                }

                var value = Math.Max(0, actual - approved);
                explanation = explain
                    ? string.Create(Inv, $"{name} = 实配领导职数 {actual} − 核定领导职数 {approved} = {value}{(actual < approved ? "（不足 0 按 0 计）" : "")}")
                    : "";

                return value;
            }

            case UnitMetric.BusinessDivisionStaffShare:
            {
                if (!Need(facts.BusinessDivisionStaff, "businessDivisionStaff", "业务处室人员", code, ref problems, out var business, 0)
                    | !Need(facts.TotalStaff, "totalStaff", "人员总数", code, ref problems, out var total, 1))
                {
                    return Fail(name, explain, out explanation);
                }

                if (business > total)
                {
                    Add(ref problems, new EngineProblem("facts.invalid",
                        string.Create(Inv, $"指标 {code}：业务处室人员 {business} 人多于人员总数 {total} 人。"),
                        string.Create(Inv, $"Leaf {code}: business-division staff {business} exceeds total staff {total}."))
                    { IndicatorCode = code, Field = "businessDivisionStaff" });
                    return Fail(name, explain, out explanation);
                }

                var share = business * 100m / total;
                explanation = explain ? string.Create(Inv, $"{name} = 业务处室人员 {business} ÷ 人员总数 {total} × 100% = {Num.S(share)}%") : "";
                return share;
            }

            case UnitMetric.PeerRankHighFirst:
            case UnitMetric.PeerRankLowFirst:
            {
                if (facts.PeerValue is not { } own)
                {
                    Add(ref problems, MissingFact(code, "peerValue", "同类比较数值"));
                    return Fail(name, explain, out explanation);
                }

                var peers = facts.PeerValues ?? [];
                var ahead = 0;
                var highFirst = metric == UnitMetric.PeerRankHighFirst;
                for (var i = 0; i < peers.Count; i++)
                {
                    if (highFirst ? peers[i] > own : peers[i] < own)
                    {
                        ahead++;
                    }
                }

                var rank = ahead + 1;
                explanation = explain ? string.Create(Inv, $"{name}：本单位 {Num.V(own)}，在 {peers.Count + 1} 个同类单位中排第 {rank} 位") : "";
                return rank;
            }
        }

        explanation = "";
        return null;
    }

    private static decimal? Fail(string name, bool explain, out string explanation)
    {
        explanation = explain ? string.Create(Inv, $"单位基础数据不完整或无效，无法计算{name}，得 0 分。") : "";
        return null;
    }

    /// <summary>Reads a required count; reports it missing or below <paramref name="minimum"/>.</summary>
    private static bool Need(int? fact, string field, string nameZh, string? code, ref List<EngineProblem>? problems, out int value, int minimum)
    {
        value = fact ?? 0;
        if (fact is null)
        {
            Add(ref problems, MissingFact(code, field, nameZh));
            return false;
        }

        if (value < minimum)
        {
            Add(ref problems, new EngineProblem("facts.invalid",
                string.Create(Inv, $"指标 {code}：{nameZh} {value} 无效，应不小于 {minimum}。"),
                string.Create(Inv, $"Leaf {code}: {field} is {value}, expected at least {minimum}."))
            { IndicatorCode = code, Field = field });
            return false;
        }

        return true;
    }

    private static EngineProblem MissingFact(string? code, string field, string nameZh) =>
        new("facts.missing", string.Create(Inv, $"指标 {code} 需要单位基础数据“{nameZh}”，但未提供。"), string.Create(Inv, $"Leaf {code} needs the unit's {field}, which was not supplied."))
        {
            IndicatorCode = code,
            Field = field,
        };

    private static void Add(ref List<EngineProblem>? problems, EngineProblem problem) => (problems ??= []).Add(problem);

}
