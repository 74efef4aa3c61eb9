namespace OfficeEval.Core.Surveys;

/// <summary>
/// A campaign's questionnaire as authored: what respondents see (title, introduction, items, answer labels) and how
/// it is scored (groups with weights and minimums, items linked to indicators). <see cref="ToDefinition"/> turns it
/// into the engine's <see cref="SurveyDefinition"/>.
/// </summary>
/// <param name="Title">Shown at the top of the page, e.g. 2026 年度部门履职满意度调查.</param>
/// <param name="Introduction">Shown under the title (purpose, anonymity promise); may be empty.</param>
/// <param name="Groups">The respondent groups, in display order.</param>
/// <param name="Items">The items, in display order.</param>
/// <param name="Choices">The answer labels of the two scales.</param>
/// <param name="BelowMinimum">What happens to a group with fewer respondents than its minimum on an indicator.</param>
public sealed record SurveyForm(
    string Title,
    string Introduction,
    IReadOnlyList<SurveyFormGroup> Groups,
    IReadOnlyList<SurveyFormItem> Items,
    SurveyChoices Choices,
    GroupFallback BelowMinimum = GroupFallback.Exclude)
{
    /// <summary>The engine's definition. An item asked of several (but not all) groups becomes one engine item per group, coded by <see cref="EngineCode"/>.</summary>
    public SurveyDefinition ToDefinition()
    {
        var items = new List<SurveyItem>(Items.Count);
        foreach (var item in Items)
        {
            if (item.Groups.Count <= 1)
            {
                items.Add(new SurveyItem(item.Code, item.Scale, item.Groups.Count == 0 ? null : item.Groups[0], item.IndicatorCode, item.Reverse));
                continue;
            }

            foreach (var group in item.Groups)
            {
                items.Add(new SurveyItem(EngineCode(item, group), item.Scale, group, item.IndicatorCode, item.Reverse));
            }
        }

        var groups = Groups.Select(g => new RespondentGroup(g.Name, g.Weight, g.MinimumResponses, g.ExpectedSampleSize)).ToList();
        return new SurveyDefinition(items, groups, SurveyPolicy.Default with { BelowMinimum = BelowMinimum });
    }

    /// <summary>The items a respondent of <paramref name="group"/> is asked, in display order.</summary>
    public IEnumerable<SurveyFormItem> ItemsFor(string group) => Items.Where(i => i.IsAskedOf(group));

    /// <summary>The engine item code of <paramref name="item"/> as answered by a respondent of <paramref name="group"/>.</summary>
    public static string EngineCode(SurveyFormItem item, string group)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Groups.Count <= 1 ? item.Code : item.Code + "@" + group;
    }

    /// <summary>The group named <paramref name="name"/>, or null.</summary>
    public SurveyFormGroup? Group(string? name) => Groups.FirstOrDefault(g => g.Name == name);
}

/// <summary>A respondent group of a questionnaire.</summary>
/// <param name="Name">服务对象, 内部人员, 协作单位, 乡镇（街道）, 公众 or the campaign's own; unique.</param>
/// <param name="Weight">Weight in an indicator's satisfaction (≥ 0).</param>
/// <param name="MinimumResponses">Fewest respondents for the group to count fully on an indicator (≥ 0).</param>
/// <param name="ExpectedSampleSize">Questionnaires planned per evaluated unit, for the response rate when no tokens were issued (≥ 0; 0 unknown).</param>
/// <param name="Respondent">
/// Who answers: people (anonymous individuals), or units in mutual evaluation (互评), where each respondent unit gets
/// one link per unit it evaluates and its identity never appears in results.
/// </param>
public sealed record SurveyFormGroup(string Name, decimal Weight, int MinimumResponses, int ExpectedSampleSize = 0, RespondentKind Respondent = RespondentKind.Person);

/// <summary>Who answers for a respondent group.</summary>
public enum RespondentKind
{
    /// <summary>Individual people, anonymously.</summary>
    Person,

    /// <summary>Units evaluating other units (乡镇街道评县直部门, 部门互评); a unit never evaluates itself.</summary>
    Unit,
}

/// <summary>One question.</summary>
/// <param name="Code">Unique in the questionnaire: letters, digits, <c>_ - .</c>, at most 32 characters (e.g. Q1, A1.2).</param>
/// <param name="Text">The question as shown.</param>
/// <param name="Scale">5-point Likert or 满意/基本满意/不满意.</param>
/// <param name="Groups">The groups asked this item; empty for every group.</param>
/// <param name="IndicatorCode">The framework leaf (a survey-rule indicator) the item feeds; null for an item that scores nothing.</param>
/// <param name="Reverse">A reverse-worded item, recoded before scoring.</param>
/// <param name="Required">The respondent must answer it.</param>
/// <param name="Section">A heading shown above the first item of a section; null for none.</param>
public sealed record SurveyFormItem(
    string Code,
    string Text,
    SurveyScale Scale,
    IReadOnlyList<string> Groups,
    string? IndicatorCode,
    bool Reverse = false,
    bool Required = true,
    string? Section = null)
{
    /// <summary>True when a respondent of <paramref name="group"/> is asked this item.</summary>
    public bool IsAskedOf(string group) => Groups.Count == 0 || Groups.Contains(group, StringComparer.Ordinal);
}

/// <summary>The answer labels shown for each scale, lowest raw value first (raw values never change: see <see cref="SurveyScales"/>).</summary>
/// <param name="Likert5">Five labels.</param>
/// <param name="ThreePoint">Three labels.</param>
public sealed record SurveyChoices(IReadOnlyList<string> Likert5, IReadOnlyList<string> ThreePoint)
{
    /// <summary>非常不满意 … 非常满意, and 不满意/基本满意/满意.</summary>
    public static SurveyChoices Default { get; } = new(SurveyScales.LikertLabels, SurveyScales.ThreePointLabels);

    /// <summary>The labels of <paramref name="scale"/>.</summary>
    public IReadOnlyList<string> For(SurveyScale scale) => scale switch
    {
        SurveyScale.Likert5 => Likert5,
        SurveyScale.ThreePoint => ThreePoint,
    };

    /// <summary>The list names used in the authoring workbook's choices sheet (XLSForm's list_name).</summary>
    public static string ListName(SurveyScale scale) => scale switch
    {
        SurveyScale.Likert5 => "likert5",
        SurveyScale.ThreePoint => "satisfaction3",
    };
}
