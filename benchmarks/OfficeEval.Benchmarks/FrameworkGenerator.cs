using System.Globalization;
using System.Runtime.InteropServices;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Benchmarks;

/// <summary>
/// Builds a 100-point framework of 6 dimensions and 250 leaves with the rule kinds in the proportions of a real
/// 编制 evaluation framework: mostly qualitative and deduction leaves, then bands, linear/ratio and shortfall; per
/// dimension one survey-linked and one metric leaf; four share leaves; two veto leaves; five bonus leaves in one pool.
/// </summary>
internal static class FrameworkGenerator
{
    public const int DimensionCount = 6;
    public const string BonusPool = "JCBZ";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly ScaleOption[] Scale = [new("好", 1m), new("较好", 0.8m), new("一般", 0.6m), new("差", 0m)];

    // 预算控制率-style bands: 0 earns full points, then 10-point steps down to nothing above 30.
    private static readonly Band[] Bands =
    [
        new(null, null, 0m, true, 1m),
        new(0m, false, 10m, true, 0.8m),
        new(10m, false, 20m, true, 0.6m),
        new(20m, false, 30m, true, 0.4m),
        new(30m, false, null, null, 0m),
    ];

    private static readonly ShareFactor[] AnswerShares = [new("35岁及以下", 1m), new("36至50岁", 0.8m), new("51岁及以上", 0.5m)];

    private static readonly ShareFactor[] AgeBandShares =
    [
        new("35岁及以下", 1m, AgeBand.UpTo35),
        new("36–50岁", 0.8m, AgeBand.From36To50),
        new("51–60岁", 0.5m, AgeBand.From51To60),
        new("60岁以上", 0.2m, AgeBand.Over60),
    ];

    /// <summary>One metric leaf per dimension, each scored by the numeric rule a real framework uses for it.</summary>
    private static readonly MetricRule[] Metrics =
    [
        new(UnitMetric.EstablishmentUseRate, new ShortfallRule(95m, 0.1m)),
        new(UnitMetric.Vacancies, new DeductionRule(0.1m)),
        new(UnitMetric.OverEstablishment, new DeductionRule(0.5m)),
        new(UnitMetric.LeadershipPostsOverQuota, new DeductionRule(0.5m)),
        new(UnitMetric.BusinessDivisionStaffShare, new LinearRule(new Anchor(50m, 0m), new Anchor(70m, 1m))),
        new(UnitMetric.PeerRankLowFirst, new BandsRule([new(null, null, 10m, true, 1m), new(10m, false, 20m, true, 0.8m), new(20m, false, null, null, 0.6m)])),
    ];

    private enum Kind
    {
        Qualitative,
        Deduction,
        Bands,
        Linear,
        Ratio,
        Shortfall,
        SharesAnswer,
        SharesAgeBands,
        Survey,
        Metric,
    }

    public static FrameworkDefinition Generate(Random random)
    {
        // 227 regular leaves; 99 of them are worth 0.4 points and 128 0.3, so that with the survey (6 × 2), metric
        // (6 × 1) and share (4 × 1) leaves the framework adds up to exactly 100.
        List<Kind> regular =
        [
            .. Enumerable.Repeat(Kind.Qualitative, 90),
            .. Enumerable.Repeat(Kind.Deduction, 45),
            .. Enumerable.Repeat(Kind.Bands, 35),
            .. Enumerable.Repeat(Kind.Linear, 20),
            .. Enumerable.Repeat(Kind.Ratio, 15),
            .. Enumerable.Repeat(Kind.Shortfall, 22),
        ];
        random.Shuffle(CollectionsMarshal.AsSpan(regular));
        var heavy = Enumerable.Range(0, regular.Count).OrderBy(_ => random.Next()).Take(99).ToHashSet();

        var dimensions = new IndicatorNode[DimensionCount];
        var next = 0;
        for (var d = 0; d < DimensionCount; d++)
        {
            var leaves = new List<(Kind Kind, decimal Points)>();
            var count = d < DimensionCount - 1 ? 38 : 37;
            for (var i = 0; i < count; i++, next++)
            {
                leaves.Add((regular[next], heavy.Contains(next) ? 0.4m : 0.3m));
            }

            leaves.Add((Kind.Survey, 2m));
            leaves.Add((Kind.Metric, 1m));
            if (d is >= 1 and <= 4)
            {
                leaves.Add((d % 2 == 0 ? Kind.SharesAgeBands : Kind.SharesAnswer, 1m));
            }

            random.Shuffle(CollectionsMarshal.AsSpan(leaves));
            dimensions[d] = Dimension(d, leaves);
        }

        var framework = new FrameworkDefinition("BENCH-2026", "基准测试指标体系", "1", 100m, [], dimensions)
        {
            BonusPools = [new BonusPool(BonusPool, "基层编制加分", 1m)],
        };
        var problems = FrameworkValidator.Validate(framework);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The generated framework is invalid: " + string.Join("; ", problems.Select(p => p.MessageEn)));
        }

        return framework;
    }

    private static IndicatorNode Dimension(int d, List<(Kind Kind, decimal Points)> leaves)
    {
        // Second-level indicators of 7 leaves each (the last one takes the rest).
        var children = new List<IndicatorNode>();
        for (var start = 0; start < leaves.Count; start += 7)
        {
            var code = string.Create(Inv, $"{d + 1}.{children.Count + 1}");
            var group = leaves.Skip(start).Take(7)
                .Select((leaf, i) => Leaf(string.Create(Inv, $"{code}.{i + 1}"), leaf.Kind, leaf.Points, d))
                .ToArray();
            children.Add(new IndicatorNode(code, "二级指标 " + code, group.Sum(l => l.Points), group));
        }

        if (d == 0)
        {
            children.Add(Special(d, children.Count, "违规超编进人", new VetoRule(VetoEffect.ZeroTotal)));
            children.Add(Special(d, children.Count, "机构编制违纪违规问题", new VetoRule(VetoEffect.CapGrade)));
        }

        if (d == DimensionCount - 1)
        {
            var code = string.Create(Inv, $"{d + 1}.{children.Count + 1}");
            var bonus = Enumerable.Range(0, 5)
                .Select(i => new IndicatorNode(string.Create(Inv, $"{code}.{i + 1}"), "加分事项 " + (i + 1).ToString(Inv), 0.5m, [], new BonusRule(0.1m, BonusPool)))
                .ToArray();
            children.Add(new IndicatorNode(code, "加分项", 0m, bonus));
        }

        var dimensionCode = (d + 1).ToString(Inv);
        return new IndicatorNode(dimensionCode, "一级指标 " + dimensionCode, children.Sum(c => c.Points), children);
    }

    private static IndicatorNode Special(int d, int index, string name, ScoringRule rule) =>
        new(string.Create(Inv, $"{d + 1}.{index + 1}"), name, 0m, [], rule);

    private static IndicatorNode Leaf(string code, Kind kind, decimal points, int dimension)
    {
        // Alternate the variants of a kind by the leaf's last digit, so every variant is scored.
        var odd = code[^1] % 2 == 1;
        ScoringRule rule = kind switch
        {
            Kind.Qualitative => new QualitativeScaleRule(Scale),
            Kind.Deduction => new DeductionRule(odd ? 0.1m : 0.05m, odd ? null : 0.2m),
            Kind.Bands => new BandsRule(Bands),
            Kind.Linear => new LinearRule(new Anchor(60m, 0m), new Anchor(100m, 1m)),
            Kind.Ratio => odd ? new RatioRule(RatioDirection.Positive, 100m) : new RatioRule(RatioDirection.Negative, 5m),
            Kind.Shortfall => odd
                ? new ShortfallRule(95m, 0.05m)
                : new ShortfallRule(5m, 0.1m, Direction: ShortfallDirection.Above, WholePoints: true),
            Kind.SharesAnswer => new ShareRule(AnswerShares),
            Kind.SharesAgeBands => new ShareRule(AgeBandShares, ShareSource.AgeBands),
            Kind.Survey => new SurveyRule("满意度调查"),
            Kind.Metric => Metrics[dimension],
        };
        return new IndicatorNode(code, "三级指标 " + code, points, [], rule)
        {
            ScoringStandard = "按评分规则计分。",
        };
    }
}
