namespace OfficeEval.Core.Surveys;

/// <summary>
/// A group of respondents (服务对象, 内部人员, …). Groups are data, so a campaign can add its own.
/// </summary>
/// <param name="Name">The group's name, unique in the survey.</param>
/// <param name="Weight">Its weight in an indicator's satisfaction (≥ 0; weights are renormalised over the groups used).</param>
/// <param name="MinimumResponses">The fewest respondents answering an indicator for the group to count fully (≥ 0).</param>
/// <param name="ExpectedSampleSize">How many questionnaires were sent out (≥ 0), for the response rate; 0 when unknown.</param>
public sealed record RespondentGroup(string Name, decimal Weight, int MinimumResponses, int ExpectedSampleSize);
