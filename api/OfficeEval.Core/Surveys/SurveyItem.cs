namespace OfficeEval.Core.Surveys;

/// <summary>One question.</summary>
/// <param name="Code">The item's code, unique in the survey, e.g. Q3.</param>
/// <param name="Scale">The answer scale.</param>
/// <param name="Group">The respondent group whose questionnaire carries the item; null when every group is asked it.</param>
/// <param name="IndicatorCode">The indicator the item measures; null for an item that scores nothing.</param>
/// <param name="Reverse">True for a reverse-worded item (e.g. “办事需要多次跑腿”), recoded by <see cref="SurveyScales.Reverse"/>.</param>
public sealed record SurveyItem(string Code, SurveyScale Scale, string? Group, string? IndicatorCode, bool Reverse = false);
