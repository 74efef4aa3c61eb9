namespace OfficeEval.Core.Surveys;

/// <summary>
/// The scales' raw values, labels, reverse coding and satisfaction fractions, in one place.
/// Raw values are small integers ascending with satisfaction, so answers are stored and aggregated without strings:
/// Likert 1…5; 3-point 1 不满意, 2 基本满意, 3 满意.
/// </summary>
public static class SurveyScales
{
    /// <summary>Likert labels for raw values 1…5 (index value − 1).</summary>
    public static IReadOnlyList<string> LikertLabels { get; } = ["非常不满意", "不满意", "一般", "满意", "非常满意"];

    /// <summary>3-point labels for raw values 1…3 (index value − 1).</summary>
    public static IReadOnlyList<string> ThreePointLabels { get; } = ["不满意", "基本满意", "满意"];

    /// <summary>The labels of <paramref name="scale"/>, lowest raw value first.</summary>
    public static IReadOnlyList<string> Labels(SurveyScale scale) => scale switch
    {
        SurveyScale.Likert5 => LikertLabels,
        SurveyScale.ThreePoint => ThreePointLabels,
    };

    /// <summary>The highest raw value of <paramref name="scale"/> (the lowest is 1).</summary>
    public static int MaxValue(SurveyScale scale) => Labels(scale).Count;

    /// <summary>True when <paramref name="value"/> is a raw value of <paramref name="scale"/>.</summary>
    public static bool IsValid(SurveyScale scale, int value) => value >= 1 && value <= MaxValue(scale);

    /// <summary>
    /// Recodes a reverse-worded item's answer: Likert 6 − x; 3-point swaps 满意 and 不满意 (4 − x), 基本满意 stays.
    /// Both are (max + 1) − x.
    /// </summary>
    public static int Reverse(SurveyScale scale, int value) => MaxValue(scale) + 1 - value;

    /// <summary>
    /// The satisfaction fraction (0…1) of a valid raw value. Likert is equal-interval, (x − 1)/4:
    /// 0, 0.25, 0.5, 0.75, 1. The 3-point values come from <paramref name="threePoint"/>
    /// (default 满意 1, 基本满意 0.6, 不满意 0).
    /// </summary>
    public static decimal Fraction(SurveyScale scale, int value, ThreePointFractions threePoint)
    {
        ArgumentNullException.ThrowIfNull(threePoint);
        return scale switch
        {
            SurveyScale.Likert5 => (value - 1) / 4m,
            SurveyScale.ThreePoint => value switch
            {
                1 => threePoint.Dissatisfied,
                2 => threePoint.FairlySatisfied,
                _ => threePoint.Satisfied,
            },
        };
    }

    /// <summary>
    /// Reads an answer as written on a form or in a cell: its label (非常满意, 基本满意, …) or its raw value as digits.
    /// Returns false for anything else.
    /// </summary>
    public static bool TryParse(SurveyScale scale, string? text, out int value)
    {
        var trimmed = text?.Trim();
        var labels = Labels(scale);
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i], trimmed, StringComparison.Ordinal))
            {
                value = i + 1;
                return true;
            }
        }

        value = trimmed is { Length: 1 } ? trimmed[0] - '0' : 0;
        if (value >= 1 && value <= labels.Count)
        {
            return true;
        }

        value = 0;
        return false;
    }
}
