using System.Globalization;

namespace OfficeEval.Core.Surveys;

/// <summary>Checks a survey definition before it is used (and when a campaign saves it).</summary>
public static class SurveyDefinitionValidator
{
    /// <summary>
    /// Returns the problems of <paramref name="definition"/>: groups (<c>survey.no_groups</c>, <c>survey.group_name</c>,
    /// <c>survey.group_weight</c>, <c>survey.group_minimum</c>, <c>survey.group_expected</c>, <c>survey.weights_zero</c>),
    /// items (<c>survey.item_code</c>, <c>survey.item_scale</c>, <c>survey.item_group_unknown</c>) and the 3-point
    /// fractions and fallback (<c>survey.three_point_fraction</c>, <c>survey.fallback</c>). Empty when the definition can be used.
    /// </summary>
    public static IEnumerable<EngineProblem> Validate(SurveyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var groups = definition.Groups ?? [];
        if (groups.Count == 0)
        {
            yield return new EngineProblem("survey.no_groups", "调查未设置答卷群体。", "The survey has no respondent groups.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group is null || string.IsNullOrWhiteSpace(group.Name) || !names.Add(group.Name))
            {
                yield return new EngineProblem("survey.group_name", $"答卷群体名称“{group?.Name}”为空或重复。", $"The respondent group name \"{group?.Name}\" is empty or repeated.");
                continue;
            }

            if (group.Weight < 0)
            {
                yield return new EngineProblem("survey.group_weight", F($"答卷群体“{group.Name}”的权重 {group.Weight} 不能为负数。"), F($"Group \"{group.Name}\": the weight {group.Weight} cannot be negative."));
            }

            if (group.MinimumResponses < 0)
            {
                yield return new EngineProblem("survey.group_minimum", F($"答卷群体“{group.Name}”的最低份数 {group.MinimumResponses} 不能为负数。"), F($"Group \"{group.Name}\": the minimum {group.MinimumResponses} cannot be negative."));
            }

            if (group.ExpectedSampleSize < 0)
            {
                yield return new EngineProblem("survey.group_expected", F($"答卷群体“{group.Name}”的应发放份数 {group.ExpectedSampleSize} 不能为负数。"), F($"Group \"{group.Name}\": the expected sample size {group.ExpectedSampleSize} cannot be negative."));
            }
        }

        if (groups.Count > 0 && groups.Where(g => g is not null).Sum(g => Math.Max(g.Weight, 0)) == 0)
        {
            yield return new EngineProblem("survey.weights_zero", "所有答卷群体的权重均为 0。", "Every respondent group has weight 0.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in definition.Items ?? [])
        {
            if (item is null || string.IsNullOrWhiteSpace(item.Code) || !codes.Add(item.Code))
            {
                yield return new EngineProblem("survey.item_code", $"题目编码“{item?.Code}”为空或重复。", $"The item code \"{item?.Code}\" is empty or repeated.");
                continue;
            }

            if (!Enum.IsDefined(item.Scale))
            {
                yield return new EngineProblem("survey.item_scale", $"题目 {item.Code} 的量表无效。", $"Item {item.Code} has an unknown scale.") { IndicatorCode = item.IndicatorCode };
            }

            if (item.Group is not null && !names.Contains(item.Group))
            {
                yield return new EngineProblem("survey.item_group_unknown", $"题目 {item.Code} 所属群体“{item.Group}”不在答卷群体中。", $"Item {item.Code} belongs to group \"{item.Group}\", which is not in the survey.") { IndicatorCode = item.IndicatorCode };
            }
        }

        if (definition.Policy is { } policy && !Enum.IsDefined(policy.BelowMinimum))
        {
            yield return new EngineProblem("survey.fallback", "人数不足群体的处理方式无效。", "The fallback for groups below their minimum is unknown.");
        }

        var three = definition.Policy?.ThreePoint;
        if (three is null || !(three.Satisfied is >= 0 and <= 1 && three.FairlySatisfied is >= 0 and <= 1 && three.Dissatisfied is >= 0 and <= 1)
            || three.Satisfied < three.FairlySatisfied || three.FairlySatisfied < three.Dissatisfied)
        {
            yield return new EngineProblem("survey.three_point_fraction",
                F($"三级量表得分比例（满意 {three?.Satisfied}、基本满意 {three?.FairlySatisfied}、不满意 {three?.Dissatisfied}）应在 0 到 1 之间且依次不增。"),
                F($"The 3-point fractions (satisfied {three?.Satisfied}, fairly {three?.FairlySatisfied}, dissatisfied {three?.Dissatisfied}) must be within 0 to 1 and not increasing downwards."));
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
