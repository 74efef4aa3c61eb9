using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Frameworks;

public class FrameworkValidatorTests
{
    [Fact]
    public void Validate_SampleFramework_HasNoProblems()
    {
        Assert.Empty(FrameworkValidator.Validate(Build.Sample()));
    }

    [Fact]
    public void Validate_NoDimensions_ReportsEmpty()
    {
        var problem = Assert.Single(FrameworkValidator.Validate(Build.Framework(100m)));

        Assert.Equal("framework.empty", problem.Code);
    }

    [Fact]
    public void Validate_DuplicateCode_ReportsDuplicateOnTheCode()
    {
        var framework = Build.Framework(20m,
            Build.Node("D1", 20m,
                Build.Leaf("1.1", 10m, Build.FourLevelScale()),
                Build.Leaf("1.1", 10m, Build.FourLevelScale())));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("indicator.code_duplicate", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
    }

    [Fact]
    public void Validate_DuplicateAcrossDimensions_ReportsDuplicate()
    {
        var framework = Build.Framework(20m,
            Build.Node("D1", 10m, Build.Leaf("X", 10m, Build.FourLevelScale())),
            Build.Node("D2", 10m, Build.Leaf("X", 10m, Build.FourLevelScale())));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("indicator.code_duplicate", problem.Code);
        Assert.Equal("X", problem.IndicatorCode);
    }

    [Fact]
    public void Validate_MissingCode_ReportsCodeMissing()
    {
        var framework = Build.Framework(10m, Build.Node("D1", 10m, Build.Leaf(" ", 10m, Build.FourLevelScale())));

        Assert.Equal("indicator.code_missing", Assert.Single(FrameworkValidator.Validate(framework)).Code);
    }

    [Fact]
    public void Validate_ChildrenNotAddingUpToParent_ReportsPointsMismatchOnParent()
    {
        var framework = Build.Framework(30m,
            Build.Node("D1", 30m,
                Build.Node("1.1", 30m,
                    Build.Leaf("1.1.1", 10m, Build.FourLevelScale()),
                    Build.Leaf("1.1.2", 15m, Build.FourLevelScale()))));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("indicator.points_mismatch", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
        Assert.Contains("25", problem.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DimensionsNotAddingUpToTotal_ReportsTotalMismatch()
    {
        var framework = Build.Framework(100m,
            Build.Node("D1", 40m, Build.Leaf("1.1", 40m, Build.FourLevelScale())),
            Build.Node("D2", 50m, Build.Leaf("2.1", 50m, Build.FourLevelScale())));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("framework.total_mismatch", problem.Code);
        Assert.Null(problem.IndicatorCode);
        Assert.Contains("90", problem.MessageEn, StringComparison.Ordinal);
        Assert.Contains("100", problem.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LeafWithoutRule_ReportsRuleMissing()
    {
        var framework = Build.Framework(10m, Build.Node("D1", 10m, Build.Leaf("1.1", 10m, null)));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("indicator.rule_missing", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
    }

    [Fact]
    public void Validate_RuleOnInnerNode_ReportsRuleOnInner()
    {
        var inner = Build.Node("1.1", 10m, Build.Leaf("1.1.1", 10m, Build.FourLevelScale())) with { Rule = new DeductionRule(1m) };
        var framework = Build.Framework(10m, Build.Node("D1", 10m, inner));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("indicator.rule_on_inner", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
    }

    [Fact]
    public void Validate_NegativePoints_ReportsPointsNegative()
    {
        var framework = Build.Framework(0m,
            Build.Node("D1", 0m,
                Build.Leaf("1.1", 5m, Build.FourLevelScale()),
                Build.Leaf("1.2", -5m, Build.FourLevelScale())));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("indicator.points_negative", problem.Code);
        Assert.Equal("1.2", problem.IndicatorCode);
    }

    [Fact]
    public void Validate_InvalidRuleOnDeepLeaf_ReportsRuleProblemWithLeafCode()
    {
        var sample = Build.Sample();
        var d2 = sample.Dimensions[1];
        var broken = d2 with
        {
            Children = [d2.Children[0] with { Children = [Build.Leaf("2.1.1", 30m, new DeductionRule(5m, 40m)), d2.Children[0].Children[1]] }],
        };
        var framework = sample with { Dimensions = [sample.Dimensions[0], broken] };

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("rule.deduction_cap", problem.Code);
        Assert.Equal("2.1.1", problem.IndicatorCode);
    }

    [Fact]
    public void Validate_ScaleWithoutFullOption_ReportsOnLeaf()
    {
        var framework = Build.Framework(10m,
            Build.Node("D1", 10m, Build.Leaf("1.1", 10m, Build.Scale(("较好", 0.8m), ("差", 0m)))));

        var problem = Assert.Single(FrameworkValidator.Validate(framework));

        Assert.Equal("rule.scale_no_full", problem.Code);
        Assert.Equal("1.1", problem.IndicatorCode);
    }
}
