using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Scoring;

public class RuleValidatorTests
{
    private static EngineProblem SingleProblem(decimal points, ScoringRule rule)
    {
        var problem = Assert.Single(RuleValidator.Validate("3.2.1", points, rule));
        Assert.Equal("3.2.1", problem.IndicatorCode);
        return problem;
    }

    [Fact]
    public void Validate_FourLevelScale_HasNoProblems()
    {
        Assert.Empty(RuleValidator.Validate("3.2.1", 10m, Build.FourLevelScale()));
    }

    [Fact]
    public void Validate_DeductionWithinPoints_HasNoProblems()
    {
        Assert.Empty(RuleValidator.Validate("3.2.1", 10m, new DeductionRule(2m, 10m)));
    }

    [Fact]
    public void Validate_EmptyScale_ReportsScaleEmpty()
    {
        Assert.Equal("rule.scale_empty", SingleProblem(10m, new QualitativeScaleRule([])).Code);
    }

    [Fact]
    public void Validate_ScaleWithoutFullPointsOption_ReportsScaleNoFull()
    {
        var problem = SingleProblem(10m, Build.Scale(("较好", 0.8m), ("差", 0m)));

        Assert.Equal("rule.scale_no_full", problem.Code);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.2)]
    public void Validate_FractionOutsideZeroToOne_ReportsScaleFraction(double fraction)
    {
        var problems = RuleValidator.Validate("3.2.1", 10m, Build.Scale(("好", 1m), ("奇怪", (decimal)fraction))).ToList();

        // A fraction above 1 also leaves no option worth exactly full points.
        var problem = Assert.Single(problems, p => p.Code == "rule.scale_fraction");
        Assert.Equal("3.2.1", problem.IndicatorCode);
        Assert.Contains("奇怪", problem.MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("好", "好")]
    [InlineData("好", "好 ")]
    [InlineData("好", " ")]
    public void Validate_RepeatedOrBlankLabel_ReportsScaleLabel(string first, string second)
    {
        var problem = SingleProblem(10m, Build.Scale((first, 1m), (second, 0.5m)));

        Assert.Equal("rule.scale_label", problem.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_DeductionStepNotPositive_ReportsDeductionStep(int step)
    {
        Assert.Equal("rule.deduction_step", SingleProblem(10m, new DeductionRule(step)).Code);
    }

    [Fact]
    public void Validate_DeductionStepAbovePoints_ReportsStepOverPoints()
    {
        Assert.Equal("rule.deduction_step_over_points", SingleProblem(10m, new DeductionRule(10.5m)).Code);
    }

    [Fact]
    public void Validate_DeductionStepEqualToPoints_IsAllowed()
    {
        Assert.Empty(RuleValidator.Validate("3.2.1", 10m, new DeductionRule(10m)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(10.01)]
    public void Validate_CapOutOfRange_ReportsDeductionCap(double cap)
    {
        Assert.Equal("rule.deduction_cap", SingleProblem(10m, new DeductionRule(1m, (decimal)cap)).Code);
    }
}
