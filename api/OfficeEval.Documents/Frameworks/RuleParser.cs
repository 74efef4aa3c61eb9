using System.Globalization;
using OfficeEval.Core.Scoring;
using static OfficeEval.Documents.Frameworks.RuleSyntax;

namespace OfficeEval.Documents.Frameworks;

/// <summary>A rule's parameters that cannot be read, with the reason in both languages.</summary>
internal sealed class RuleSyntaxException(string messageZh, string messageEn) : Exception(messageEn)
{
    public string MessageZh { get; } = messageZh;
}

/// <summary>Reads rule parameters written as <see cref="RuleSyntax"/> describes; the inverse of <see cref="RuleSyntax.Format"/>.</summary>
internal static class RuleParser
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Reads the parameters of a rule of <paramref name="kind"/>; throws <see cref="RuleSyntaxException"/> naming what is wrong.</summary>
    public static ScoringRule Parse(RuleKind kind, string parameters) => Parse(kind, Items(parameters), nested: false);

    private static ScoringRule Parse(RuleKind kind, List<string> items, bool nested) => kind switch
    {
        RuleKind.Qualitative => new QualitativeScaleRule(Labelled(kind, items, allowPercent: true).Select(p => new ScaleOption(p.Label, p.Value)).ToList()),
        RuleKind.Deduction => Deduction(items),
        RuleKind.Bands => Bands(items),
        RuleKind.Linear => Linear(items),
        RuleKind.Ratio => Ratio(items),
        RuleKind.Shortfall => Shortfall(items),
        RuleKind.Bonus => Bonus(items),
        RuleKind.Veto => Veto(items),
        RuleKind.Shares => Shares(items),
        RuleKind.Survey => Survey(items),
        RuleKind.Metric => nested ? throw Error(kind, "“计算”规则中的规则不能又是“计算”。", "A metric rule cannot be scored by another metric rule.") : Metric(items),
    };

    private static List<string> Items(string text) =>
        [.. text.Split(ItemSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>An item split at its last separator: <c>名称=数值</c> → (名称, 数值); a single word → (word, null).</summary>
    private static (string Name, string? Value) Split(string item)
    {
        var at = item.LastIndexOfAny(ValueSeparators);
        return at < 0 ? (item, null) : (item[..at].Trim(), item[(at + 1)..].Trim());
    }

    private static List<(string Label, decimal Value)> Labelled(RuleKind kind, List<string> items, bool allowPercent)
    {
        if (items.Count == 0)
        {
            throw Error(kind, "参数为空。", "The parameters are empty.");
        }

        var result = new List<(string, decimal)>();
        foreach (var item in items)
        {
            var (label, value) = Split(item);
            if (value is null || label.Length == 0 || label.IndexOfAny(ValueSeparators) >= 0)
            {
                throw Error(kind, $"“{item}”应写作“名称=数值”，多项之间用“；”分隔。", $"\"{item}\" should read \"name=number\", items separated by \"；\".");
            }

            result.Add((label, Number(kind, value, item, allowPercent)));
        }

        return result;
    }

    private static DeductionRule Deduction(List<string> items)
    {
        var p = Params.Of(RuleKind.Deduction, items, ["每次扣", "最多扣"], []);
        return new DeductionRule(p.Required("每次扣"), p.Optional("最多扣"));
    }

    private static BandsRule Bands(List<string> items)
    {
        var bands = new List<Band>();
        var contiguous = true;
        bool? points = null;
        foreach (var item in items)
        {
            if (Key(item) == "允许间断")
            {
                contiguous = false;
                continue;
            }

            var (condition, value) = Split(item);
            if (value is null || condition.Length == 0)
            {
                throw Error(RuleKind.Bands, $"“{item}”应写作“条件：得分”，如 值≥90：1。", $"\"{item}\" should read \"condition：score\", e.g. 值≥90：1.");
            }

            var score = Key(value);
            var isPoints = score.EndsWith('分');
            if (points is { } earlier && earlier != isPoints)
            {
                throw Error(RuleKind.Bands, "各区间的得分应统一写比例或统一写“分”。", "Write every band's score either as a fraction or in points (分), not both.");
            }

            points = isPoints;
            bands.Add(Band(item, condition, Number(RuleKind.Bands, isPoints ? score[..^1] : score, item, allowPercent: !isPoints)));
        }

        if (bands.Count == 0)
        {
            throw Error(RuleKind.Bands, "没有区间。", "There are no bands.");
        }

        return new BandsRule(bands, points == true ? BandScoreKind.Points : BandScoreKind.Fraction, contiguous);
    }

    private static Band Band(string item, string condition, decimal score)
    {
        var text = Key(condition).Replace("<=", "≤", StringComparison.Ordinal).Replace(">=", "≥", StringComparison.Ordinal);
        if (text == "任意值")
        {
            return new Band(null, null, null, null, score);
        }

        var at = text.IndexOf('值', StringComparison.Ordinal);
        if (at < 0)
        {
            throw BadCondition(item);
        }

        var left = text[..at];
        var right = text[(at + 1)..];
        if (left.Length == 0 && right.Length > 1)
        {
            var edge = Edge(right[1..], item);
            return right[0] switch
            {
                '=' => new Band(edge, true, edge, true, score),
                '≥' => new Band(edge, true, null, null, score),
                '>' => new Band(edge, false, null, null, score),
                '≤' => new Band(null, null, edge, true, score),
                '<' => new Band(null, null, edge, false, score),
                _ => throw BadCondition(item),
            };
        }

        if (left.Length > 1 && right.Length > 1 && left[^1] is '≤' or '<' && right[0] is '≤' or '<')
        {
            return new Band(Edge(left[..^1], item), left[^1] == '≤', Edge(right[1..], item), right[0] == '≤', score);
        }

        throw BadCondition(item);
    }

    private static decimal Edge(string text, string item) =>
        TryNumber(text.TrimEnd('%'), out var value) ? value : throw BadCondition(item);

    private static RuleSyntaxException BadCondition(string item) => Error(RuleKind.Bands,
        $"“{item}”中的条件无法识别，应写作 值≥a、值>a、值≤b、值<b、a≤值<b、值=a 或 任意值。",
        $"The condition in \"{item}\" is not understood; write 值≥a, 值>a, 值≤b, 值<b, a≤值<b, 值=a or 任意值.");

    private static LinearRule Linear(List<string> items)
    {
        var anchors = Labelled(RuleKind.Linear, items, allowPercent: true);
        if (anchors.Count != 2)
        {
            throw Error(RuleKind.Linear, string.Create(Inv, $"应有两个锚点，现有 {anchors.Count} 个。"), string.Create(Inv, $"Two anchors are needed; found {anchors.Count}."));
        }

        var values = anchors.Select(a => Number(RuleKind.Linear, a.Label.TrimEnd('%'), a.Label, allowPercent: false)).ToList();
        return new LinearRule(new Anchor(values[0], anchors[0].Value), new Anchor(values[1], anchors[1].Value));
    }

    private static RatioRule Ratio(List<string> items)
    {
        var p = Params.Of(RuleKind.Ratio, items, ["目标"], ["正向", "反向"]);
        if (p.Has("正向") && p.Has("反向"))
        {
            throw Error(RuleKind.Ratio, "“正向”和“反向”只能写一个。", "Write either 正向 (positive) or 反向 (negative), not both.");
        }

        return new RatioRule(p.Has("反向") ? RatioDirection.Negative : RatioDirection.Positive, p.Required("目标"));
    }

    private static ShortfallRule Shortfall(List<string> items)
    {
        var p = Params.Of(RuleKind.Shortfall, items, ["目标", "每低1个百分点扣", "每超1个百分点扣", "最多扣"], ["按整百分点"]);
        var below = p.Optional("每低1个百分点扣");
        var above = p.Optional("每超1个百分点扣");
        if ((below is null) == (above is null))
        {
            throw Error(RuleKind.Shortfall, "应写“每低1个百分点扣=分数”或“每超1个百分点扣=分数”其中一项。",
                "Write exactly one of 每低1个百分点扣=points (below the target) or 每超1个百分点扣=points (above it).");
        }

        return new ShortfallRule(p.Required("目标"), (below ?? above)!.Value, p.Optional("最多扣"),
            above is null ? ShortfallDirection.Below : ShortfallDirection.Above, p.Has("按整百分点"));
    }

    private static BonusRule Bonus(List<string> items)
    {
        var p = Params.Of(RuleKind.Bonus, items, ["每次加", "加分池"], []);
        var pool = p.Text("加分池");
        return new BonusRule(p.Required("每次加"), string.IsNullOrEmpty(pool)
            ? throw Error(RuleKind.Bonus, "缺少“加分池=加分池编码”。", "加分池=pool code is missing.")
            : pool);
    }

    private static VetoRule Veto(List<string> items)
    {
        var p = Params.Of(RuleKind.Veto, items, ["最高等次"], ["一票否优", "一票否决"]);
        if (p.Has("一票否优") == p.Has("一票否决"))
        {
            throw Error(RuleKind.Veto, "应写“一票否优”或“一票否决”其中一项。", "Write exactly one of 一票否优 (caps the grade) or 一票否决 (zeroes the total).");
        }

        return new VetoRule(p.Has("一票否决") ? VetoEffect.ZeroTotal : VetoEffect.CapGrade, p.Text("最高等次"));
    }

    private static ShareRule Shares(List<string> items)
    {
        var ageBands = items.RemoveAll(i => Key(i) is "按年龄结构" or "年龄结构") > 0;
        var factors = Labelled(RuleKind.Shares, items, allowPercent: true).Select(p =>
        {
            if (!ageBands)
            {
                return new ShareFactor(p.Label, p.Value);
            }

            var (label, band) = AgeBandLabels.Parse(p.Label);
            return band is null
                ? throw Error(RuleKind.Shares, $"“{p.Label}”不是年龄段，应为 35岁及以下、36-50岁、51-60岁、60岁以上，或写作“名称（年龄段）”。",
                    $"\"{p.Label}\" is not an age band; use 35岁及以下, 36-50岁, 51-60岁, 60岁以上, or write \"name（band）\".")
                : new ShareFactor(label, p.Value, band);
        }).ToList();
        return new ShareRule(factors, ageBands ? ShareSource.AgeBands : ShareSource.Answer);
    }

    private static SurveyRule Survey(List<string> items)
    {
        var p = Params.Of(RuleKind.Survey, items, ["问卷"], []);
        return new SurveyRule(p.Text("问卷"));
    }

    private static MetricRule Metric(List<string> items)
    {
        string? metricName = null, ruleName = null;
        var rest = new List<string>();
        foreach (var item in items)
        {
            var (name, value) = Split(item);
            switch (value is null ? "" : Key(name))
            {
                case "指标" or "计算指标":
                    metricName = value;
                    break;
                case "规则" or "评分规则":
                    ruleName = value;
                    break;
                default:
                    rest.Add(item);
                    break;
            }
        }

        UnitMetric? metric = null;
        foreach (var candidate in Enum.GetValues<UnitMetric>())
        {
            if (Key(UnitMetrics.NameZh(candidate)) == Key(metricName ?? "")
                || string.Equals(candidate.ToString(), metricName?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                metric = candidate;
                break;
            }
        }

        if (metric is null)
        {
            var known = string.Join("、", Enum.GetValues<UnitMetric>().Select(UnitMetrics.NameZh));
            throw Error(RuleKind.Metric, $"计算指标“{metricName}”无法识别，应为：{known}。", $"The metric \"{metricName}\" is not known; use one of: {known}.");
        }

        var inner = ParseType(ruleName ?? "") ?? throw Error(RuleKind.Metric,
            $"“规则={ruleName}”无法识别，应为扣分、区间、线性、比率或差距。", $"规则={ruleName} is not a rule type; use 扣分, 区间, 线性, 比率 or 差距.");
        return new MetricRule(metric.Value, Parse(inner, rest, nested: true));
    }

    private static decimal Number(RuleKind kind, string text, string item, bool allowPercent)
    {
        var key = Key(text);
        var percent = allowPercent && key.EndsWith('%');
        if (TryNumber(percent ? key[..^1] : key, out var value))
        {
            return percent ? value / 100m : value;
        }

        throw Error(kind, $"“{item}”中的“{text}”不是数字。", $"\"{text}\" in \"{item}\" is not a number.");
    }

    internal static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(Key(text), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Inv, out value);

    private static RuleSyntaxException Error(RuleKind kind, string zh, string en)
    {
        var type = Types.First(t => t.Kind == kind);
        return new RuleSyntaxException($"{type.Name}规则：{zh}写法：{type.Syntax}，如 {type.Example}。",
            $"{kind} rule: {en} Syntax: {type.Syntax}, e.g. {type.Example}.");
    }

    /// <summary>Named values and single-word flags of a rule, with aliases folded and anything else refused.</summary>
    private sealed class Params
    {
        private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
        {
            ["每次"] = "每次扣", ["每项扣"] = "每次扣", ["每处扣"] = "每次扣", ["每例扣"] = "每次扣", ["每个扣"] = "每次扣",
            ["上限"] = "最多扣", ["扣分上限"] = "最多扣", ["最多"] = "最多扣",
            ["目标值"] = "目标",
            ["每低1%扣"] = "每低1个百分点扣", ["每低1扣"] = "每低1个百分点扣",
            ["每超1%扣"] = "每超1个百分点扣", ["每超1扣"] = "每超1个百分点扣", ["每高1个百分点扣"] = "每超1个百分点扣", ["每高1%扣"] = "每超1个百分点扣",
            ["按整数"] = "按整百分点",
            ["每项加"] = "每次加", ["每个加"] = "每次加", ["每名加"] = "每次加",
            ["池"] = "加分池",
            ["否优"] = "一票否优", ["否决"] = "一票否决",
            ["最高等级"] = "最高等次",
            ["正向指标"] = "正向", ["反向指标"] = "反向",
            ["问卷名称"] = "问卷",
        };

        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
        private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
        private RuleKind _kind;

        public static Params Of(RuleKind kind, List<string> items, string[] names, string[] flags)
        {
            var p = new Params { _kind = kind };
            foreach (var item in items)
            {
                var (name, value) = Split(item);
                var key = Key(name);
                key = Aliases.GetValueOrDefault(key, key);
                if (value is not null && names.Contains(key) && p._values.TryAdd(key, value))
                {
                    continue;
                }

                if (value is null && flags.Contains(key) && p._flags.Add(key))
                {
                    continue;
                }

                var allowed = string.Join("、", names.Select(n => n + "=…").Concat(flags));
                throw Error(kind, $"“{item}”无法识别或重复，可写：{allowed}。", $"\"{item}\" is not understood or is repeated; allowed: {allowed}.");
            }

            return p;
        }

        public bool Has(string flag) => _flags.Contains(flag);

        public string? Text(string name) => _values.GetValueOrDefault(name);

        public decimal? Optional(string name) => _values.TryGetValue(name, out var text) ? Number(_kind, text, $"{name}={text}", allowPercent: false) : null;

        public decimal Required(string name) => Optional(name) ?? throw Error(_kind, $"缺少“{name}=…”。", $"{name}=… is missing.");
    }
}
