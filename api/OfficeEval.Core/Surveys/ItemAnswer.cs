namespace OfficeEval.Core.Surveys;

/// <summary>One answer: an item code and the raw value (see <see cref="SurveyScales"/>), stored without boxing.</summary>
/// <param name="ItemCode">The item's code.</param>
/// <param name="Value">The raw value as answered (before reverse coding).</param>
public readonly record struct ItemAnswer(string ItemCode, int Value);
