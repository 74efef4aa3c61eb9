using System.Globalization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Documents.Reports;

/// <summary>Numbers, dates and answers as the reports write them.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A score or count: at most two decimals, trailing zeros dropped (12.5, 8, 91.25).</summary>
    public static string N(decimal value) => value.ToString("0.##", Inv);

    /// <summary>A score or "—" when there is none.</summary>
    public static string N(decimal? value) => value is { } v ? N(v) : "—";

    /// <summary>A percentage: 91.9%.</summary>
    public static string Percent(decimal value) => N(value) + "%";

    /// <summary>A percentage or "—".</summary>
    public static string Percent(decimal? value) => value is { } v ? Percent(v) : "—";

    /// <summary>A deviation with its sign: +2, −1.5, 0.</summary>
    public static string Signed(decimal value) => value switch
    {
        > 0 => "+" + N(value),
        < 0 => "−" + N(-value),
        _ => "0",
    };

    /// <summary>A deviation or "—".</summary>
    public static string Signed(decimal? value) => value is { } v ? Signed(v) : "—";

    /// <summary>
    /// <paramref name="name"/> followed by <paramref name="suffix"/>, without saying 评估 twice: a campaign named
    /// “…评估” gives “…评估报告”, not “…评估评估报告”.
    /// </summary>
    public static string Joined(string name, string suffix) =>
        suffix.StartsWith("评估", StringComparison.Ordinal) && name.EndsWith("评估", StringComparison.Ordinal) ? name + suffix[2..] : name + suffix;

    /// <summary>GB/T 9704-2012 writes dates in Arabic numerals: 2026年12月1日.</summary>
    public static string Date(DateOnly date) => string.Create(Inv, $"{date.Year}年{date.Month}月{date.Day}日");

    /// <summary>一, 二, … 十一 …: the numbers of headings.</summary>
    public static string Chinese(int n) => AssessmentSheet.ChineseOrdinal(n);

    /// <summary>Width of <paramref name="text"/> in body characters: a CJK or full-width character is one, others half.</summary>
    public static decimal Width(string text) => text.Sum(c => c > 0x2E7F ? 1m : 0.5m);

    /// <summary>红榜 / 黄榜 / 绿榜.</summary>
    public static string Board(Board board) => board switch
    {
        Core.Results.Board.Green => "绿榜",
        Core.Results.Board.Yellow => "黄榜",
        Core.Results.Board.Red => "红榜",
    };

    /// <summary>The cell fill of a board: pale green, yellow or red.</summary>
    public static string BoardFill(Board board) => board switch
    {
        Core.Results.Board.Green => "E2EFDA",
        Core.Results.Board.Yellow => "FFF2CC",
        Core.Results.Board.Red => "F8D7DA",
    };

    /// <summary>
    /// What the unit answered on a leaf, in words; where the score comes from when the unit does not answer it.
    /// Switches over the rule kind exhaustively, so a new kind fails the build until it is described here.
    /// </summary>
    public static string Answer(IndicatorNode leaf, Answer? answer)
    {
        if (leaf.Rule is not { } rule)
        {
            return Given(answer);
        }

        return rule.Kind switch
        {
            RuleKind.Survey => "按问卷调查结果计分" + (((SurveyRule)rule).Questionnaire is { Length: > 0 } name ? "（" + name + "）" : "") + "。",
            RuleKind.Metric => "按单位基础数据计分。",
            RuleKind.Shares when ((ShareRule)rule).Source == ShareSource.AgeBands => "按“编制与人员”表中的人员年龄结构计分。",
            RuleKind.Shares => answer?.Counts is { Count: > 0 } counts
                ? string.Join("；", counts.Select(c => c.Key + " " + N(c.Value) + " 人")) + "。"
                : Missing,
            RuleKind.Qualitative => answer?.Option is { } option ? "选择“" + option + "”。" : Missing,
            RuleKind.Deduction => answer?.Number is { } count ? "发现问题 " + N(count) + " 次。" : Missing,
            RuleKind.Bonus => answer?.Number is { } items ? "加分事项 " + N(items) + " 项。" : Missing,
            RuleKind.Veto => answer?.Finding switch
            {
                true => "存在该情形（是）。",
                false => "不存在该情形（否）。",
                null => Missing,
            },
            RuleKind.Bands or RuleKind.Linear or RuleKind.Ratio or RuleKind.Shortfall =>
                answer?.Number is { } value ? "填报数值 " + N(value) + "。" : Missing,
        };
    }

    private const string Missing = "未填报。";

    private static string Given(Answer? answer) => answer switch
    {
        { Option: { } option } => "选择“" + option + "”。",
        { Number: { } number } => "填报数值 " + N(number) + "。",
        { Finding: { } finding } => finding ? "存在该情形（是）。" : "不存在该情形（否）。",
        _ => Missing,
    };

    /// <summary>The headline facts of the unit's data tables, as label and value, in the order of the tables.</summary>
    public static List<(string Label, string Value)> Facts(ReportUnit unit, UnitDataTables? tables)
    {
        var facts = tables?.Facts;
        var rows = new List<(string, string)>
        {
            ("单位类型", unit.Kind ?? "—"),
            ("单位类别", unit.Category ?? "—"),
            ("机构级别", unit.Level ?? "—"),
            ("核定编制（名）", Count(unit.ApprovedEstablishment ?? facts?.ApprovedEstablishment)),
            ("实有人数（名）", Count(facts?.ActualStaff)),
        };
        var approved = unit.ApprovedEstablishment ?? facts?.ApprovedEstablishment;
        if (approved is > 0 && facts?.ActualStaff is { } actual)
        {
            rows.Add(("编制使用率", Percent(Score.Rate(actual, approved.Value))));
        }

        rows.Add(("核定领导职数（名）", Count(unit.ApprovedLeadershipPosts ?? facts?.ApprovedLeadershipPosts)));
        rows.Add(("实配领导职数（名）", Count(facts?.ActualLeadershipPosts)));
        if (tables?.Basics is { } basics)
        {
            rows.Add(("内设机构数（个）", Count(basics.InternalDivisions)));
            rows.Add(("所属事业单位数（个）", Count(basics.AffiliatedInstitutions)));
        }

        if (facts?.AgeBands is { } ages)
        {
            var text = string.Create(Inv, $"35岁及以下 {ages.UpTo35} 名，36–50岁 {ages.From36To50} 名，51–60岁 {ages.From51To60} 名");
            rows.Add(("人员年龄结构", ages.Over60 > 0 ? text + string.Create(Inv, $"，60岁以上 {ages.Over60} 名") : text));
        }

        if (tables?.Education is { } education)
        {
            rows.Add(("人员学历结构", string.Create(Inv, $"研究生 {education.Postgraduate} 名，大学本科 {education.Undergraduate} 名，大专及以下 {education.CollegeOrBelow} 名")));
        }

        if (tables?.Workload() is { SaturationPercent: { } saturation } workload)
        {
            rows.Add(("工作饱满度", Percent(saturation) + (workload.Band is { } band ? "（" + band + "）" : "")));
        }

        return rows;
    }

    private static string Count(int? value) => value is { } v ? v.ToString(Inv) : "—";
}
