using OfficeEval.Core.Surveys;

namespace OfficeEval.Core.Tests.Surveys;

public class SurveyDefinitionValidatorTests
{
    private static readonly SurveyItem Item = new("Q1", SurveyScale.Likert5, null, "3.1");
    private static readonly RespondentGroup Group = new(RespondentGroups.ServiceUsers, 1m, 0, 0);

    public static TheoryData<string, SurveyDefinition, string> BadDefinitions => new()
    {
        { "no groups", new SurveyDefinition([Item], [], SurveyPolicy.Default), "survey.no_groups" },
        { "repeated group", new SurveyDefinition([Item], [Group, Group with { Weight = 0m }], SurveyPolicy.Default), "survey.group_name" },
        { "negative weight", new SurveyDefinition([Item], [Group, Group with { Name = "公众", Weight = -1m }], SurveyPolicy.Default), "survey.group_weight" },
        { "negative minimum", new SurveyDefinition([Item], [Group with { MinimumResponses = -1 }], SurveyPolicy.Default), "survey.group_minimum" },
        { "negative expected", new SurveyDefinition([Item], [Group with { ExpectedSampleSize = -5 }], SurveyPolicy.Default), "survey.group_expected" },
        { "zero weights", new SurveyDefinition([Item], [Group with { Weight = 0m }], SurveyPolicy.Default), "survey.weights_zero" },
        { "repeated item", new SurveyDefinition([Item, Item], [Group], SurveyPolicy.Default), "survey.item_code" },
        { "unknown scale", new SurveyDefinition([Item with { Scale = (SurveyScale)7 }], [Group], SurveyPolicy.Default), "survey.item_scale" },
        { "unknown item group", new SurveyDefinition([Item with { Group = "游客" }], [Group], SurveyPolicy.Default), "survey.item_group_unknown" },
        { "3-point above 1", new SurveyDefinition([Item], [Group], new SurveyPolicy { ThreePoint = new(1.2m, 0.6m, 0m) }), "survey.three_point_fraction" },
        { "3-point not ordered", new SurveyDefinition([Item], [Group], new SurveyPolicy { ThreePoint = new(0.5m, 0.6m, 0m) }), "survey.three_point_fraction" },
        { "unknown fallback", new SurveyDefinition([Item], [Group], new SurveyPolicy { BelowMinimum = (GroupFallback)9 }), "survey.fallback" },
    };

    [Theory]
    [MemberData(nameof(BadDefinitions))]
    public void Validate_BadDefinition_ReportsItsCode(string caseName, SurveyDefinition definition, string code)
    {
        var problem = Assert.Single(SurveyDefinitionValidator.Validate(definition));

        Assert.True(code == problem.Code, caseName + ": " + problem.Code);
    }

    [Fact]
    public void Validate_StandardGroups_HasNoProblems()
    {
        var groups = RespondentGroups.Standard.Select(name => new RespondentGroup(name, 0.2m, 5, 30)).ToList();

        Assert.Empty(SurveyDefinitionValidator.Validate(new SurveyDefinition([Item], groups, SurveyPolicy.Default)));
        Assert.Equal(["服务对象", "内部人员", "协作单位", "乡镇（街道）", "公众"], RespondentGroups.Standard);
    }

    [Fact]
    public void Aggregate_BadDefinition_ReportsDefinitionProblemsAndAggregatesNothing()
    {
        var aggregator = SurveyAggregator.Create(new SurveyDefinition([Item with { Group = "游客" }], [Group], SurveyPolicy.Default));

        var result = aggregator.Aggregate([new SurveyResponse(RespondentGroups.ServiceUsers, [new ItemAnswer("Q1", 5)])]);

        Assert.Equal("survey.item_group_unknown", Assert.Single(aggregator.DefinitionProblems).Code);
        Assert.Equal(aggregator.DefinitionProblems, result.Problems);
        Assert.Empty(result.Indicators);
        Assert.Equal(0, result.ValidAnswers);
    }
}
