using System.Text.Json;
using System.Text.Json.Serialization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Frameworks;

/// <summary>Bonus pools, bonus and veto leaves, names and the compiled form.</summary>
public class FrameworkExtrasTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// <code>
    /// D1 (10) ─ 1.1 (10, scale)
    ///         └ 1.2 (0.5, bonus in pool P)     not counted in D1's 10
    /// D2 (0)  ─ 9.1 (0, veto)                  not counted
    /// pool P: cap 1
    /// </code>
    /// </summary>
    private static FrameworkDefinition WithExtras() => Build.Framework(10m,
        Build.Node("D1", 10m,
            Build.Leaf("1.1", 10m, Build.FourLevelScale()),
            Build.Leaf("1.2", 0.5m, new BonusRule(0.05m, "P"))),
        Build.Node("D2", 0m, Build.Leaf("9.1", 0m, new VetoRule(VetoEffect.CapGrade)))) with
    {
        BonusPools = [new BonusPool("P", "加分项", 1m)],
    };

    [Fact]
    public void Validate_BonusAndVetoLeavesOutsideTheSums_HasNoProblems()
    {
        Assert.Empty(FrameworkValidator.Validate(WithExtras()));
    }

    [Fact]
    public void Validate_DimensionThatIsABonusLeaf_IsOutsideTheTotal()
    {
        var framework = WithExtras() with
        {
            Dimensions = [.. WithExtras().Dimensions, Build.Leaf("D3", 2m, new BonusRule(1m, "P"))],
        };

        Assert.Empty(FrameworkValidator.Validate(framework));
    }

    [Fact]
    public void Validate_BonusLeafNamingUndeclaredPool_ReportsPoolUnknownOnTheLeaf()
    {
        var framework = WithExtras() with { BonusPools = [new BonusPool("Q", "其他", 1m)] };

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal(("rule.bonus_pool_unknown", "1.2"), (problem.Code, problem.IndicatorCode));
        Assert.Contains("P", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PoolCodeRepeatedOrCapNotPositive_ReportsEach()
    {
        var framework = WithExtras() with { BonusPools = [new BonusPool("P", "甲", 1m), new BonusPool("P", "乙", 1m), new BonusPool("R", "丙", 0m)] };

        Assert.Equal(["framework.bonus_pool_code", "framework.bonus_pool_cap"], FrameworkValidator.Validate(framework).Select(p => p.Code));
    }

    [Fact]
    public void Validate_VetoLeafWithPoints_ReportsVetoPointsOnly()
    {
        var framework = WithExtras() with
        {
            Dimensions = [WithExtras().Dimensions[0], Build.Node("D2", 0m, Build.Leaf("9.1", 3m, new VetoRule(VetoEffect.CapGrade)))],
        };

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal(("rule.veto_points", "9.1"), (problem.Code, problem.IndicatorCode));
    }

    [Fact]
    public void Validate_MissingNameAndFrameworkCode_ReportsBoth()
    {
        var framework = Build.Framework(10m, new IndicatorNode("D1", " ", 10m, [Build.Leaf("1.1", 10m, Build.FourLevelScale())])) with { Code = "" };

        Assert.Equal(["framework.code_missing", "indicator.name_missing"], FrameworkValidator.Validate(framework).Select(p => p.Code));
    }

    [Fact]
    public void Validate_ChildrenMismatchExplainsExclusions()
    {
        var framework = Build.Framework(10m,
            Build.Node("D1", 10m, Build.Leaf("1.1", 8m, Build.FourLevelScale()), Build.Leaf("1.2", 2m, new BonusRule(1m, "P")))) with
        {
            BonusPools = [new BonusPool("P", "加分项", 1m)],
        };

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("indicator.points_mismatch", problem.Code);
        Assert.Contains("合计 8 分", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("不含加分项和否决项", problem.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryNewRuleKindInAFramework_IsCheckedAgainstItsLeafPoints()
    {
        var framework = Build.Framework(10m,
            Build.Node("D1", 10m,
                Build.Leaf("1.1", 5m, new BandsRule([new Band(null, null, null, null, 6m)], BandScoreKind.Points)),
                Build.Leaf("1.2", 5m, new ShortfallRule(20m, 0.1m, Cap: 6m))));

        var problems = FrameworkValidator.Validate(framework);

        Assert.Equal([("rule.band_score", "1.1"), ("rule.bands_no_full", "1.1"), ("rule.shortfall_cap", "1.2")], problems.Select(p => (p.Code, p.IndicatorCode)));
    }

    [Fact]
    public void RoundTrip_FrameworkWithPoolsAndNewRules_KeepsThem()
    {
        var original = WithExtras();

        var copy = JsonSerializer.Deserialize<FrameworkDefinition>(JsonSerializer.Serialize(original, Options), Options);

        Assert.NotNull(copy);
        Assert.Equal(original.BonusPools, copy.BonusPools);
        Assert.Equal(original.Leaves().Skip(1).Select(l => l.Node.Rule), copy.Leaves().Skip(1).Select(l => l.Node.Rule));
        Assert.Empty(FrameworkValidator.Validate(copy));
    }

    [Fact]
    public void Deserialize_FrameworkWithoutPools_GivesEmptyPools()
    {
        var json = JsonSerializer.Serialize(Build.Sample(), Options).Replace(",\"bonusPools\":[]", "", StringComparison.Ordinal);

        var copy = JsonSerializer.Deserialize<FrameworkDefinition>(json, Options);

        Assert.NotNull(copy);
        Assert.Empty(copy.BonusPools);
    }

    [Fact]
    public void For_SameInstance_IsCompiledOnce()
    {
        var framework = Build.Sample();

        Assert.Same(CompiledFramework.For(framework), CompiledFramework.For(framework));
        Assert.NotSame(CompiledFramework.For(framework), CompiledFramework.For(framework with { Version = "v2" }));
    }

    [Fact]
    public void Leaves_DepthFirstWithPaths_MatchTheTree()
    {
        var leaves = Build.Sample().Leaves().ToList();

        Assert.Equal(["1.1", "1.2.1", "1.2.2", "2.1.1", "2.1.2"], leaves.Select(l => l.Node.Code));
        Assert.Equal(["D1", "1.2", "1.2.1"], leaves[1].Path.Select(p => p.Code));
        Assert.Equal("D2", leaves[4].Dimension.Code);
    }

    [Fact]
    public void IsCounted_ByRole_ExcludesBonusAndVeto()
    {
        Assert.True(Build.Leaf("a", 1m, Build.FourLevelScale()).IsCounted);
        Assert.True(Build.Leaf("a", 1m, new SurveyRule()).IsCounted);
        Assert.False(Build.Leaf("a", 1m, new BonusRule(1m, "P")).IsCounted);
        Assert.False(Build.Leaf("a", 0m, new VetoRule(VetoEffect.ZeroTotal)).IsCounted);
        Assert.False(Build.Node("n", 1m, Build.Leaf("a", 1m, Build.FourLevelScale())).IsCounted);
    }
}
