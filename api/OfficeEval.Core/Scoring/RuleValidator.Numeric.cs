namespace OfficeEval.Core.Scoring;

public static partial class RuleValidator
{
    private static IEnumerable<EngineProblem> ValidateBands(string code, decimal points, BandsRule rule)
    {
        if (!Enum.IsDefined(rule.ScoreAs))
        {
            yield return EnumInvalid(code, "scoreAs", (int)rule.ScoreAs, "Fraction、Points");
            yield break;
        }

        if (rule.Bands is null || rule.Bands.Count == 0 || rule.Bands.Any(b => b is null))
        {
            yield return Problem(code, "rule.bands_empty", $"指标 {code} 的评分区间为空。", $"Leaf {code} has no bands, or an empty one.");
            yield break;
        }

        var max = rule.ScoreAs == BandScoreKind.Points ? points : 1m;
        var unit = rule.ScoreAs == BandScoreKind.Points ? "分" : "";
        var wellFormed = true;
        foreach (var band in rule.Bands)
        {
            var text = RuleScorer.Describe(band);
            if ((band.From is not null && band.FromInclusive is null) || (band.To is not null && band.ToInclusive is null))
            {
                wellFormed = false;
                yield return Problem(code, "rule.band_edge_unspecified",
                    $"指标 {code} 的区间 {text} 未说明端点是否包含在内。",
                    $"Leaf {code}: band {text} does not say whether its edges are inclusive.");
            }
            else if (band.From is { } from && band.To is { } to && (from > to || (from == to && !(band.FromInclusive == true && band.ToInclusive == true))))
            {
                wellFormed = false;
                yield return Problem(code, "rule.band_empty",
                    $"指标 {code} 的区间 {text} 不含任何数值（下限应小于上限，或两端均包含的单点）。",
                    $"Leaf {code}: band {text} contains no value (the lower edge must be below the upper, or both inclusive for a single point).");
            }

            if (band.Score < 0 || band.Score > max)
            {
                yield return Problem(code, "rule.band_score",
                    string.Create(Inv, $"指标 {code} 的区间 {text} 得分 {band.Score}{unit} 应在 0 到 {max}{unit} 之间。"),
                    string.Create(Inv, $"Leaf {code}: band {text} is worth {band.Score}, expected 0 to {max}."));
            }
        }

        if (!rule.Bands.Any(b => b.Score == max))
        {
            yield return Problem(code, "rule.bands_no_full",
                string.Create(Inv, $"指标 {code} 没有可得满分（{max}{unit}）的区间。"),
                string.Create(Inv, $"Leaf {code} has no band worth full points ({max})."));
        }

        if (!wellFormed)
        {
            yield break;
        }

        // Sorted by lower edge (unbounded first; at an equal edge, the inclusive one first), neighbours must meet exactly.
        var sorted = rule.Bands
            .OrderBy(b => b.From is null ? 0 : 1).ThenBy(b => b.From ?? 0).ThenBy(b => b.FromInclusive == true ? 0 : 1)
            .ToList();
        for (var i = 0; i + 1 < sorted.Count; i++)
        {
            var (a, b) = (sorted[i], sorted[i + 1]);
            var (left, right) = (RuleScorer.Describe(a), RuleScorer.Describe(b));
            var touch = Compare(a, b);
            if (touch > 0)
            {
                yield return Problem(code, "rule.bands_overlap",
                    $"指标 {code} 的区间 {left} 与 {right} 重叠，同一数值只能落在一个区间。",
                    $"Leaf {code}: bands {left} and {right} overlap; a value must fall in one band only.");
            }
            else if (touch < 0 && rule.Contiguous)
            {
                yield return Problem(code, "rule.bands_gap",
                    $"指标 {code} 的区间 {left} 与 {right} 之间有空档，连续区间不能留空。",
                    $"Leaf {code}: there is a gap between bands {left} and {right}, which are declared contiguous.");
            }
        }
    }

    /// <summary>Where band <paramref name="a"/> ends against band <paramref name="b"/>, which starts no lower: &gt; 0 overlap, 0 meet, &lt; 0 gap.</summary>
    private static int Compare(Band a, Band b)
    {
        if (a.To is not { } end || b.From is not { } start)
        {
            return 1;
        }

        if (end != start)
        {
            return end > start ? 1 : -1;
        }

        return (a.ToInclusive == true, b.FromInclusive == true) switch
        {
            (true, true) => 1,
            (false, false) => -1,
            _ => 0,
        };
    }

    private static IEnumerable<EngineProblem> ValidateLinear(string code, LinearRule rule)
    {
        if (rule.From is null || rule.To is null || rule.From.Value == rule.To.Value)
        {
            yield return Problem(code, "rule.linear_anchors",
                string.Create(Inv, $"指标 {code} 的两个线性锚点应取不同的数值（现为 {rule.From?.Value} 与 {rule.To?.Value}）。"),
                string.Create(Inv, $"Leaf {code}: the two linear anchors need different values (found {rule.From?.Value} and {rule.To?.Value})."));
            yield break;
        }

        foreach (var anchor in new[] { rule.From, rule.To })
        {
            if (anchor.Fraction is < 0 or > 1)
            {
                yield return Problem(code, "rule.linear_fraction",
                    string.Create(Inv, $"指标 {code} 在锚点 {anchor.Value} 的得分比例 {anchor.Fraction} 不在 0 到 1 之间。"),
                    string.Create(Inv, $"Leaf {code}: the fraction {anchor.Fraction} at anchor {anchor.Value} is outside 0 to 1."));
            }
        }

        if (rule.From.Fraction != 1 && rule.To.Fraction != 1)
        {
            yield return Problem(code, "rule.linear_no_full", $"指标 {code} 的线性评分没有可得满分的锚点。", $"Leaf {code}: neither linear anchor is worth full points.");
        }
    }

    private static IEnumerable<EngineProblem> ValidateRatio(string code, RatioRule rule)
    {
        if (!Enum.IsDefined(rule.Direction))
        {
            yield return EnumInvalid(code, "direction", (int)rule.Direction, "Positive、Negative");
        }

        if (rule.Target <= 0)
        {
            yield return Problem(code, "rule.ratio_target",
                string.Create(Inv, $"指标 {code} 的目标值 {rule.Target} 应大于 0。"),
                string.Create(Inv, $"Leaf {code}: the target {rule.Target} must be greater than 0."));
        }
    }

    private static IEnumerable<EngineProblem> ValidateShortfall(string code, decimal points, ShortfallRule rule)
    {
        if (!Enum.IsDefined(rule.Direction))
        {
            yield return EnumInvalid(code, "direction", (int)rule.Direction, "Below、Above");
        }

        if (rule.PerPoint <= 0)
        {
            yield return Problem(code, "rule.shortfall_step",
                string.Create(Inv, $"指标 {code} 每个百分点的扣分 {rule.PerPoint} 应大于 0。"),
                string.Create(Inv, $"Leaf {code}: the deduction per percentage point ({rule.PerPoint}) must be greater than 0."));
        }

        if (rule.Cap is { } cap && (cap <= 0 || cap > points))
        {
            yield return Problem(code, "rule.shortfall_cap",
                string.Create(Inv, $"指标 {code} 扣分上限 {cap} 分应在 0 到分值 {points} 分之间。"),
                string.Create(Inv, $"Leaf {code}: the deduction cap {cap} must be above 0 and at most its {points} points."));
        }
    }

    private static IEnumerable<EngineProblem> ValidateShares(string code, ShareRule rule)
    {
        if (!Enum.IsDefined(rule.Source))
        {
            yield return EnumInvalid(code, "source", (int)rule.Source, "Answer、AgeBands");
            yield break;
        }

        if (rule.Factors is null || rule.Factors.Count == 0 || rule.Factors.Any(f => f is null))
        {
            yield return Problem(code, "rule.shares_empty", $"指标 {code} 的占比分组为空。", $"Leaf {code} has no share groups, or an empty one.");
            yield break;
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        var bands = new HashSet<AgeBand>();
        foreach (var factor in rule.Factors)
        {
            if (string.IsNullOrWhiteSpace(factor.Label) || !labels.Add(factor.Label.Trim()))
            {
                yield return Problem(code, "rule.share_label", $"指标 {code} 的分组“{factor.Label}”为空或重复。", $"Leaf {code} has an empty or repeated group \"{factor.Label}\".");
            }

            if (factor.Factor is < 0 or > 1)
            {
                yield return Problem(code, "rule.share_factor",
                    string.Create(Inv, $"指标 {code} 的分组“{factor.Label}”系数 {factor.Factor} 不在 0 到 1 之间。"),
                    string.Create(Inv, $"Leaf {code}: group \"{factor.Label}\" has factor {factor.Factor}, expected 0 to 1."));
            }

            if (rule.Source == ShareSource.AgeBands && (factor.AgeBand is not { } band || !Enum.IsDefined(band) || !bands.Add(band)))
            {
                yield return Problem(code, "rule.share_age_band",
                    $"指标 {code} 的分组“{factor.Label}”应指定一个未被其他分组使用的年龄段（UpTo35、From36To50、From51To60、Over60）。",
                    $"Leaf {code}: group \"{factor.Label}\" must name an age band no other group uses (UpTo35, From36To50, From51To60, Over60).");
            }
        }

        if (!rule.Factors.Any(f => f.Factor == 1))
        {
            yield return Problem(code, "rule.shares_no_full", $"指标 {code} 没有系数为 1 的分组，无法得满分。", $"Leaf {code} has no group with factor 1, so full points are unreachable.");
        }
    }
}
