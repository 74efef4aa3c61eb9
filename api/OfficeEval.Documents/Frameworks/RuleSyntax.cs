using System.Globalization;
using System.Text;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Documents.Frameworks;

/// <summary>
/// How a scoring rule is written in the authoring workbook: a rule type (定性, 扣分, 区间 …) and parameters written as
/// items separated by “；”, each either <c>名称=数值</c> or a single word (e.g. <c>正向</c>). <see cref="Format"/> and
/// <see cref="RuleParser.Parse(RuleKind, string)"/> are exact inverses for every valid rule: numbers keep their decimals as written.
/// </summary>
internal static class RuleSyntax
{
    /// <summary>A rule type as the workbook names and explains it.</summary>
    public sealed record RuleType(RuleKind Kind, string Name, string[] Aliases, string Syntax, string Example, string Note);

    public static readonly IReadOnlyList<RuleType> Types =
    [
        new(RuleKind.Qualitative, "定性", ["定性分档", "选项", "qualitative"], "选项=得分比例；选项=得分比例…",
            "好=1；较好=0.8；一般=0.6；差=0",
            "被评估单位从下拉列表中选一项，得分＝分值×比例；比例在 0 到 1 之间（也可写 80%），须有比例为 1 的选项。"),
        new(RuleKind.Deduction, "扣分", ["扣分项", "deduction"], "每次扣=分数[；最多扣=分数]",
            "每次扣=0.5；最多扣=3",
            "单位填写发生次数；得分＝分值－次数×每次扣分，扣完为止。不写“最多扣”时最多扣完本项分值。"),
        new(RuleKind.Bands, "区间", ["分段", "bands"], "条件：得分；条件：得分…[；允许间断]",
            "值≥90：1；80≤值<90：0.8；值<80：0",
            "数值落在哪个区间得哪个比例；得分后加“分”表示直接给分，如 值=0：5分。条件写作 值≥a、值>a、值≤b、值<b、a≤值<b、值=a 或 任意值。区间须首尾相接、互不重叠；写“允许间断”时可以留空档。"),
        new(RuleKind.Linear, "线性", ["linear"], "数值=得分比例；数值=得分比例",
            "60=0；100=1",
            "两个锚点之间按直线计分，低于或高于锚点按该锚点计；须有一个锚点的比例为 1。"),
        new(RuleKind.Ratio, "比率", ["ratio"], "正向或反向；目标=数值",
            "正向；目标=100",
            "正向指标得分＝分值×实际值÷目标值，反向指标得分＝分值×目标值÷实际值，最高得满分。"),
        new(RuleKind.Shortfall, "差距", ["差距扣分", "shortfall"], "目标=百分数；每低1个百分点扣=分数[；最多扣=分数][；按整百分点]",
            "目标=95；每低1个百分点扣=0.1",
            "达到目标得满分，每低 1 个百分点扣分，扣完为止；写“每超1个百分点扣”则超过目标扣分；写“按整百分点”时不足 1 个百分点的部分不扣。"),
        new(RuleKind.Bonus, "加分", ["加分项", "bonus"], "每次加=分数；加分池=加分池编码",
            "每次加=0.05；加分池=JC",
            "分值即本项加分上限；加分计入“体系设置”中登记的加分池，不计入上级指标分值和一级指标小计。"),
        new(RuleKind.Veto, "否决", ["否决项", "veto"], "一票否优[；最高等次=等次] 或 一票否决",
            "一票否优",
            "分值填 0，不计分。一票否优：不能评为最高等次（写“最高等次”时不高于该等次）；一票否决：总分计 0 分，评为最低等次。"),
        new(RuleKind.Shares, "占比", ["比例", "shares"], "[按年龄结构；]类别=系数；类别=系数…",
            "按年龄结构；35岁及以下=1；36-50岁=0.8；51-60岁=0.5",
            "得分＝分值×Σ（各类别人数占比×系数），须有系数为 1 的类别。按年龄结构时人数取自“编制与人员”表，类别为 35岁及以下、36-50岁、51-60岁、60岁以上，用其他名称时写作“名称（年龄段）”；否则由单位按“类别=人数”填写。"),
        new(RuleKind.Survey, "问卷", ["问卷调查", "survey"], "[问卷=问卷名称]",
            "问卷=服务对象满意度调查",
            "得分＝分值×问卷调查折算的比例，单位不填写。"),
        new(RuleKind.Metric, "计算", ["计算指标", "数据计算", "metric"], "指标=计算指标；规则=规则类型；该规则的参数",
            "指标=超编人数；规则=扣分；每次扣=2",
            "按单位基础数据（“编制与人员”表）计算后计分。计算指标：编制使用率、空编数、超编人数、超职数配备数、业务处室人员占比、同类单位排名（数值高者居前）、同类单位排名（数值低者居前）；规则可为扣分、区间、线性、比率、差距。"),
    ];

    /// <summary>The separators between items.</summary>
    public static readonly char[] ItemSeparators = ['；', ';', '\n', '\r'];

    /// <summary>The separators between a name and its value; the last one in an item counts.</summary>
    public static readonly char[] ValueSeparators = ['=', '＝', '：', ':'];

    public static string TypeName(RuleKind kind) => Types.First(t => t.Kind == kind).Name;

    /// <summary>The kind named by <paramref name="text"/> (a name, an alias or the JSON kind), or null.</summary>
    public static RuleKind? ParseType(string text)
    {
        var wanted = Key(text);
        return Types.FirstOrDefault(t => Key(t.Name) == wanted || t.Aliases.Any(a => string.Equals(Key(a), wanted, StringComparison.OrdinalIgnoreCase)))?.Kind;
    }

    /// <summary>The rule's parameters as written in the workbook.</summary>
    public static string Format(ScoringRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            RuleKind.Qualitative => Join(((QualitativeScaleRule)rule).Options.Select(o => $"{o.Label}={N(o.Fraction)}")),
            RuleKind.Deduction => FormatDeduction((DeductionRule)rule),
            RuleKind.Bands => FormatBands((BandsRule)rule),
            RuleKind.Linear => FormatLinear((LinearRule)rule),
            RuleKind.Ratio => FormatRatio((RatioRule)rule),
            RuleKind.Shortfall => FormatShortfall((ShortfallRule)rule),
            RuleKind.Bonus => Join([$"每次加={N(((BonusRule)rule).PerOccurrence)}", $"加分池={((BonusRule)rule).Pool}"]),
            RuleKind.Veto => FormatVeto((VetoRule)rule),
            RuleKind.Shares => FormatShares((ShareRule)rule),
            RuleKind.Survey => ((SurveyRule)rule).Questionnaire is { } name ? $"问卷={name}" : "",
            RuleKind.Metric => FormatMetric((MetricRule)rule),
        };
    }

    /// <summary>A band's condition, e.g. <c>值≥90</c>, <c>80≤值&lt;90</c>, <c>值=0</c>, <c>任意值</c>.</summary>
    public static string Condition(Band band)
    {
        static string Lower(bool? inclusive) => inclusive == true ? "≤" : "<";
        return (band.From, band.To) switch
        {
            (null, null) => "任意值",
            ({ } from, { } to) when from == to && band.FromInclusive == true && band.ToInclusive == true => $"值={N(from)}",
            ({ } from, null) => $"值{(band.FromInclusive == true ? "≥" : ">")}{N(from)}",
            (null, { } to) => $"值{Lower(band.ToInclusive)}{N(to)}",
            ({ } from, { } to) => $"{N(from)}{Lower(band.FromInclusive)}值{Lower(band.ToInclusive)}{N(to)}",
        };
    }

    /// <summary>A decimal exactly as held, decimals included (0.80 stays 0.80), invariant culture.</summary>
    public static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A name compared loosely: full-width forms folded (NFKC), spaces removed.</summary>
    public static string Key(string text)
    {
        var normal = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normal.Length);
        foreach (var c in normal)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Join(IEnumerable<string> items) => string.Join("；", items);

    private static string FormatDeduction(DeductionRule rule) =>
        rule.Cap is { } cap ? Join([$"每次扣={N(rule.PerOccurrence)}", $"最多扣={N(cap)}"]) : $"每次扣={N(rule.PerOccurrence)}";

    private static string FormatBands(BandsRule rule)
    {
        var unit = rule.ScoreAs == BandScoreKind.Points ? "分" : "";
        var items = rule.Bands.Select(b => $"{Condition(b)}：{N(b.Score)}{unit}").ToList();
        if (!rule.Contiguous)
        {
            items.Add("允许间断");
        }

        return Join(items);
    }

    private static string FormatLinear(LinearRule rule) =>
        Join([$"{N(rule.From.Value)}={N(rule.From.Fraction)}", $"{N(rule.To.Value)}={N(rule.To.Fraction)}"]);

    private static string FormatRatio(RatioRule rule) =>
        Join([rule.Direction == RatioDirection.Negative ? "反向" : "正向", $"目标={N(rule.Target)}"]);

    private static string FormatShortfall(ShortfallRule rule)
    {
        var items = new List<string>
        {
            $"目标={N(rule.Target)}",
            $"{(rule.Direction == ShortfallDirection.Above ? "每超1个百分点扣" : "每低1个百分点扣")}={N(rule.PerPoint)}",
        };
        if (rule.Cap is { } cap)
        {
            items.Add($"最多扣={N(cap)}");
        }

        if (rule.WholePoints)
        {
            items.Add("按整百分点");
        }

        return Join(items);
    }

    private static string FormatVeto(VetoRule rule)
    {
        var effect = rule.Effect == VetoEffect.ZeroTotal ? "一票否决" : "一票否优";
        return rule.MaxGrade is { } grade ? Join([effect, $"最高等次={grade}"]) : effect;
    }

    private static string FormatShares(ShareRule rule)
    {
        var ageBands = rule.Source == ShareSource.AgeBands;
        var items = rule.Factors.Select(f => $"{(ageBands ? AgeBandLabels.Format(f.Label, f.AgeBand) : f.Label)}={N(f.Factor)}");
        return Join(ageBands ? ["按年龄结构", .. items] : items);
    }

    private static string FormatMetric(MetricRule rule)
    {
        var inner = rule.Scoring is null ? "" : Format(rule.Scoring);
        var head = $"指标={Core.Scoring.UnitMetrics.NameZh(rule.Metric)}；规则={(rule.Scoring is null ? "" : TypeName(rule.Scoring.Kind))}";
        return inner.Length == 0 ? head : head + "；" + inner;
    }
}

/// <summary>
/// The age bands of a share rule as written: a label that names a band (35岁及以下, 36-50岁, 51-60岁, 60岁以上, with
/// any dash) stands for it; any other label is written <c>名称（年龄段）</c>.
/// </summary>
internal static class AgeBandLabels
{
    private static readonly (AgeBand Band, string Name, string[] Aliases)[] Bands =
    [
        (AgeBand.UpTo35, "35岁及以下", ["35岁及以下", "35岁以下", "≤35岁", "35岁以内"]),
        (AgeBand.From36To50, "36-50岁", ["36-50岁", "36至50岁", "36到50岁"]),
        (AgeBand.From51To60, "51-60岁", ["51-60岁", "51至60岁", "51到60岁"]),
        (AgeBand.Over60, "60岁以上", ["60岁以上", "61岁及以上", ">60岁"]),
    ];

    public static string Name(AgeBand band) => Bands.First(b => b.Band == band).Name;

    /// <summary>The band a text names, or null.</summary>
    public static AgeBand? Band(string text)
    {
        var key = Dashes(RuleSyntax.Key(text));
        foreach (var (band, _, aliases) in Bands)
        {
            if (aliases.Any(a => Dashes(a) == key))
            {
                return band;
            }
        }

        return null;
    }

    /// <summary>Reads a written label: <c>名称（年龄段）</c>, or a label that itself names a band.</summary>
    public static (string Label, AgeBand? Band) Parse(string written)
    {
        var text = written.Trim();
        if (text.Length > 2 && text[^1] is '）' or ')')
        {
            var open = text.LastIndexOfAny(['（', '(']);
            if (open > 0 && Band(text[(open + 1)..^1]) is { } named)
            {
                return (text[..open].Trim(), named);
            }
        }

        return (text, Band(text));
    }

    /// <summary>The label as written: plain when reading it back gives the same label and band.</summary>
    public static string Format(string label, AgeBand? band) =>
        band is not { } b || Parse(label) == (label, b) ? label : $"{label}（{Name(b)}）";

    private static string Dashes(string text) =>
        text.Replace('–', '-').Replace('—', '-').Replace('~', '-').Replace('～', '-').Replace('－', '-');
}
