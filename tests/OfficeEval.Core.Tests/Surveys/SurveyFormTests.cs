using OfficeEval.Core.Surveys;

namespace OfficeEval.Core.Tests.Surveys;

public class SurveyFormTests
{
    private const string Users = RespondentGroups.ServiceUsers;
    private const string Staff = RespondentGroups.InternalStaff;
    private const string Towns = RespondentGroups.Townships;

    /// <summary>Three groups (one of them units evaluating units); items asked of all, of one, and of two groups.</summary>
    private static SurveyForm Form(GroupFallback fallback = GroupFallback.Exclude) => new(
        "2026 年度部门履职满意度调查",
        "本问卷匿名填写。",
        [
            new SurveyFormGroup(Users, 0.5m, 30, 100),
            new SurveyFormGroup(Staff, 0.3m, 10, 20),
            new SurveyFormGroup(Towns, 0.2m, 3, 0, RespondentKind.Unit),
        ],
        [
            new SurveyFormItem("Q1", "您对该单位的总体服务是否满意？", SurveyScale.Likert5, [], "3.1", Section: "总体评价"),
            new SurveyFormItem("Q2", "办事需要多次跑腿。", SurveyScale.Likert5, [Users], "3.1", Reverse: true),
            new SurveyFormItem("Q3", "对工作作风的评价", SurveyScale.ThreePoint, [Staff, Towns], "3.2", Required: false),
            new SurveyFormItem("Q4", "其他意见方面的满意程度", SurveyScale.ThreePoint, [Towns], null),
        ],
        SurveyChoices.Default,
        fallback);

    [Fact]
    public void ToDefinition_ItemAskedOfTwoGroups_BecomesOneEngineItemPerGroup()
    {
        var definition = Form().ToDefinition();

        Assert.Equal(
            [
                new SurveyItem("Q1", SurveyScale.Likert5, null, "3.1"),
                new SurveyItem("Q2", SurveyScale.Likert5, Users, "3.1", Reverse: true),
                new SurveyItem("Q3@" + Staff, SurveyScale.ThreePoint, Staff, "3.2"),
                new SurveyItem("Q3@" + Towns, SurveyScale.ThreePoint, Towns, "3.2"),
                new SurveyItem("Q4", SurveyScale.ThreePoint, Towns, null),
            ],
            definition.Items);
        Assert.Empty(SurveyDefinitionValidator.Validate(definition));
    }

    [Fact]
    public void ToDefinition_Groups_KeepWeightsMinimumsAndExpectedSizesInOrder()
    {
        var definition = Form().ToDefinition();

        Assert.Equal(
            [new RespondentGroup(Users, 0.5m, 30, 100), new RespondentGroup(Staff, 0.3m, 10, 20), new RespondentGroup(Towns, 0.2m, 3, 0)],
            definition.Groups);
    }

    [Theory]
    [InlineData(GroupFallback.Exclude)]
    [InlineData(GroupFallback.UseAnyway)]
    public void ToDefinition_BelowMinimumPolicy_CarriedWithDefaultThreePointFractions(GroupFallback fallback)
    {
        var policy = Form(fallback).ToDefinition().Policy;

        Assert.Equal(fallback, policy.BelowMinimum);
        Assert.Equal(SurveyPolicy.Default.ThreePoint, policy.ThreePoint);
    }

    [Fact]
    public void EngineCode_ByNumberOfGroups_FormCodeUnlessSplit()
    {
        var form = Form();

        Assert.Equal("Q1", SurveyForm.EngineCode(form.Items[0], Users));
        Assert.Equal("Q2", SurveyForm.EngineCode(form.Items[1], Users));
        Assert.Equal("Q3@" + Towns, SurveyForm.EngineCode(form.Items[2], Towns));
    }

    [Fact]
    public void ItemsFor_EachGroup_ItsItemsInDisplayOrder()
    {
        var form = Form();

        Assert.Equal(["Q1", "Q2"], form.ItemsFor(Users).Select(i => i.Code));
        Assert.Equal(["Q1", "Q3"], form.ItemsFor(Staff).Select(i => i.Code));
        Assert.Equal(["Q1", "Q3", "Q4"], form.ItemsFor(Towns).Select(i => i.Code));
        Assert.Equal(["Q1"], form.ItemsFor("游客").Select(i => i.Code));
    }

    [Fact]
    public void Group_ByName_FoundOrNull()
    {
        var form = Form();

        Assert.Equal(RespondentKind.Unit, form.Group(Towns)!.Respondent);
        Assert.Null(form.Group("游客"));
        Assert.Null(form.Group(null));
    }

    [Fact]
    public void Aggregate_AnswersByEngineCode_SplitItemCountsPerGroupAndReverseItemRecoded()
    {
        var form = Form();
        var aggregator = SurveyAggregator.Create(form.ToDefinition());
        SurveyResponse Answer(string group, params (string Item, int Value)[] answers) =>
            new(group, [.. answers.Select(a => new ItemAnswer(SurveyForm.EngineCode(form.Items.Single(i => i.Code == a.Item), group), a.Value))]);

        var result = aggregator.Aggregate(
        [
            // Q2 is reverse-worded: 1 (非常不满意 with "多次跑腿") is recoded to 5.
            Answer(Users, ("Q1", 5), ("Q2", 1)),
            Answer(Staff, ("Q1", 3), ("Q3", 3)),
            Answer(Towns, ("Q1", 1), ("Q3", 1), ("Q4", 2)),
        ]);

        Assert.DoesNotContain(result.Problems, p => p.Code is "survey.item_unknown" or "survey.item_wrong_group");
        var q3 = result.Indicators.Single(i => i.IndicatorCode == "3.2");
        Assert.Equal([Staff, Towns], q3.Groups.Select(g => g.Group));
        var users = result.Indicators.Single(i => i.IndicatorCode == "3.1").Groups.Single(g => g.Group == Users);
        Assert.Equal(1m, users.Mean);
        Assert.Equal([1m, 0m], q3.Groups.Select(g => g.Mean));
    }

    [Fact]
    public void Validate_UsableForm_HasNoProblems()
    {
        Assert.Empty(SurveyFormValidator.Validate(Form()));
    }

    [Fact]
    public void Validate_LineBreaksTabsAndSurrogatePairs_Accepted()
    {
        var form = Form() with { Introduction = "第一段\r\n第二段\t😀", Items = [Form().Items[0] with { Text = "您对𠮷的\n服务满意吗？" }] };

        Assert.Empty(SurveyFormValidator.Validate(form));
    }

    public static TheoryData<string, SurveyForm, string, string> BadForms()
    {
        var form = Form();
        var items = form.Items;
        var groups = form.Groups;
        SurveyForm Item(int index, SurveyFormItem item) => form with { Items = [.. items.Select((x, i) => i == index ? item : x)] };
        SurveyForm Group(int index, SurveyFormGroup group) => form with { Groups = [.. groups.Select((x, i) => i == index ? group : x)] };
        var longText = new string('题', SurveyFormValidator.MaxText + 1);
        return new()
        {
            { "empty title", form with { Title = " " }, "survey.title", "title" },
            { "long title", form with { Title = new string('标', SurveyFormValidator.MaxTitle + 1) }, "survey.title", "title" },
            { "control character in title", form with { Title = "调查\u0001" }, "survey.title", "title" },
            { "long introduction", form with { Introduction = new string('说', SurveyFormValidator.MaxIntroduction + 1) }, "survey.introduction", "introduction" },
            { "control character in introduction", form with { Introduction = "说明\u0007" }, "survey.introduction", "introduction" },
            { "unknown fallback", form with { BelowMinimum = (GroupFallback)5 }, "survey.fallback", "belowMinimum" },
            { "too many groups", form with { Groups = [.. Enumerable.Range(1, SurveyFormValidator.MaxGroups + 1).Select(i => new SurveyFormGroup("G" + i, 1m, 0))], Items = [items[0]] }, "survey.no_groups", "groups" },
            { "repeated group", form with { Groups = [.. groups, groups[0]] }, "survey.group_name", "groups[3].name" },
            { "long group name", form with { Groups = [.. groups, new SurveyFormGroup(new string('群', SurveyFormValidator.MaxGroupName + 1), 1m, 0)] }, "survey.group_name", "groups[3].name" },
            { "control character in group name", form with { Groups = [.. groups, new SurveyFormGroup("公众", 1m, 0)] }, "survey.group_name", "groups[3].name" },
            { "negative weight", Group(2, groups[2] with { Weight = -1m }), "survey.group_weight", "groups[2].weight" },
            { "weight above 1000", Group(0, groups[0] with { Weight = 1001m }), "survey.group_weight", "groups[0].weight" },
            { "negative minimum", Group(1, groups[1] with { MinimumResponses = -1 }), "survey.group_minimum", "groups[1].minimumResponses" },
            { "huge expected sample", Group(1, groups[1] with { ExpectedSampleSize = 1_000_001 }), "survey.group_expected", "groups[1].expectedSampleSize" },
            { "unknown respondent kind", Group(0, groups[0] with { Respondent = (RespondentKind)3 }), "survey.group_respondent", "groups[0].respondent" },
            { "every weight 0", form with { Groups = [.. groups.Select(g => g with { Weight = 0m })] }, "survey.weights_zero", "groups" },
            { "four Likert labels", form with { Choices = SurveyChoices.Default with { Likert5 = ["1", "2", "3", "4"] } }, "survey.choices_count", "choices.likert5" },
            { "repeated 3-point label", form with { Choices = SurveyChoices.Default with { ThreePoint = ["不满意", "满意", "满意"] } }, "survey.choice_label", "choices.satisfaction3[2]" },
            { "long label", form with { Choices = SurveyChoices.Default with { Likert5 = ["1", "2", new string('好', SurveyFormValidator.MaxLabel + 1), "4", "5"] } }, "survey.choice_label", "choices.likert5[2]" },
            { "no items", form with { Items = [] }, "survey.no_items", "items" },
            { "repeated item code", Item(2, items[2] with { Code = "Q1" }), "survey.item_code", "items[2].code" },
            { "item code with a space", Item(0, items[0] with { Code = "Q 1" }), "survey.item_code", "items[0].code" },
            { "item code with @", Item(0, items[0] with { Code = "Q1@A" }), "survey.item_code", "items[0].code" },
            { "long item text", Item(1, items[1] with { Text = longText }), "survey.item_text", "items[1].text" },
            { "control character in item text", Item(1, items[1] with { Text = "跑腿\u0000" }), "survey.item_text", "items[1].text" },
            { "lone surrogate in item text", Item(1, items[1] with { Text = "跑腿\uD800" }), "survey.item_text", "items[1].text" },
            { "U+FFFF in a label", form with { Choices = SurveyChoices.Default with { ThreePoint = ["不满意", "基本满意", "满意\uFFFF"] } }, "survey.choice_label", "choices.satisfaction3[2]" },
            { "unknown scale", Item(3, items[3] with { Scale = (SurveyScale)9 }), "survey.item_scale", "items[3].scale" },
            { "long section", Item(0, items[0] with { Section = new string('节', SurveyFormValidator.MaxSection + 1) }), "survey.item_section", "items[0].section" },
            { "control character in section", Item(0, items[0] with { Section = "总体\u001B" }), "survey.item_section", "items[0].section" },
            { "unknown item group", Item(2, items[2] with { Groups = [Staff, "游客"] }), "survey.item_group_unknown", "items[2].groups[1]" },
            { "repeated item group", Item(2, items[2] with { Groups = [Staff, Towns, Staff] }), "survey.item_group_unknown", "items[2].groups[2]" },
            { "blank indicator", Item(3, items[3] with { IndicatorCode = " " }), "survey.item_indicator", "items[3].indicatorCode" },
            { "control character in indicator", Item(3, items[3] with { IndicatorCode = "3.\u00011" }), "survey.item_indicator", "items[3].indicatorCode" },
            { "group asked nothing", form with { Items = [items[1], items[2] with { Groups = [Staff] }] }, "survey.group_without_items", "groups[2]" },
        };
    }

    [Theory]
    [MemberData(nameof(BadForms))]
    public void Validate_BadForm_ReportsItsCodeOnItsField(string caseName, SurveyForm form, string code, string field)
    {
        var problems = SurveyFormValidator.Validate(form);

        var problem = Assert.Single(problems);
        Assert.True((code, field) == (problem.Code, problem.Field), $"{caseName}: {problem.Code} on {problem.Field}");
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(problem.MessageEn));
    }

    [Fact]
    public void Validate_IndicatorProblem_ReportedWithTheCallbacksReason()
    {
        var problems = SurveyFormValidator.Validate(Form(), code => code == "3.2" ? ("不是问卷类指标。", "is not a survey indicator.") : null);

        var problem = Assert.Single(problems);
        Assert.Equal(("survey.item_indicator", "items[2].indicatorCode"), (problem.Code, problem.Field));
        Assert.Contains("3.2 不是问卷类指标。", problem.MessageZh, StringComparison.Ordinal);
        Assert.Contains("3.2 is not a survey indicator.", problem.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullsInLists_ReportedNotThrown()
    {
        var form = Form() with { Groups = [null!, new SurveyFormGroup(Users, 1m, 0)], Items = [null!, new SurveyFormItem("Q1", "题", SurveyScale.Likert5, [], null)] };

        var problems = SurveyFormValidator.Validate(form);

        Assert.Equal([("survey.group_name", "groups[0].name"), ("survey.item_code", "items[0].code")], problems.Select(p => (p.Code, p.Field!)));
    }

    [Fact]
    public void Validate_SeveralProblems_AllReportedAtOnce()
    {
        var form = Form() with { Title = "", Items = [Form().Items[0] with { Code = "", Groups = [Users] }, Form().Items[1] with { Text = "" }] };

        var fields = SurveyFormValidator.Validate(form).Select(p => p.Field);

        Assert.Equal(["title", "items[0].code", "items[1].text", "groups[1]", "groups[2]"], fields);
    }
}
