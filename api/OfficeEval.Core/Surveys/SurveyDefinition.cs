namespace OfficeEval.Core.Surveys;

/// <summary>A campaign's questionnaire: its items, its respondent groups and how answers are aggregated.</summary>
/// <param name="Items">The items of every group's questionnaire.</param>
/// <param name="Groups">The respondent groups, with weights.</param>
/// <param name="Policy">Aggregation policy; <see cref="SurveyPolicy.Default"/> unless the campaign sets one.</param>
public sealed record SurveyDefinition(IReadOnlyList<SurveyItem> Items, IReadOnlyList<RespondentGroup> Groups, SurveyPolicy Policy);
