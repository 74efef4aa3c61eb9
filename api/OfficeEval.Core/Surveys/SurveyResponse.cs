namespace OfficeEval.Core.Surveys;

/// <summary>One returned questionnaire.</summary>
/// <param name="Group">The respondent's group.</param>
/// <param name="Answers">The items answered; skipped items are simply absent.</param>
public sealed record SurveyResponse(string Group, IReadOnlyList<ItemAnswer> Answers);
