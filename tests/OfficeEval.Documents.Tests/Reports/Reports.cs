using OfficeEval.Documents.Reports;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Reports;

/// <summary>The sample reports by name, for theories over all of them.</summary>
internal static class Reports
{
    public const string SelfAssessment = "self-assessment";
    public const string SelfAssessmentDraft = "self-assessment-draft";
    public const string Evaluation = "evaluation";
    public const string EvaluationWithPrevious = "evaluation-previous";
    public const string Summary = "summary";
    public const string FeedbackLetter = "feedback-letter";

    public static readonly string[] Names = [SelfAssessment, SelfAssessmentDraft, Evaluation, EvaluationWithPrevious, Summary, FeedbackLetter];

    public static TheoryData<string> All() => [.. Names];

    public static byte[] Generate(string name) => name switch
    {
        SelfAssessment => GeneratedReport.SelfAssessment(ReportSamples.SelfAssessment()),
        SelfAssessmentDraft => GeneratedReport.SelfAssessment(ReportSamples.SelfAssessment(draft: true)),
        Evaluation => GeneratedReport.Evaluation(ReportSamples.Evaluation()),
        EvaluationWithPrevious => GeneratedReport.Evaluation(ReportSamples.EvaluationWithPrevious()),
        Summary => GeneratedReport.Summary(ReportSamples.Summary()),
        FeedbackLetter => Rectification.LetterSamples.Write(Rectification.LetterSamples.Letter()),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The title's first line as the report prints it; for the letter, its 版头's issuer.</summary>
    public static string TitleOf(string name) => name switch
    {
        SelfAssessment or SelfAssessmentDraft or Evaluation or EvaluationWithPrevious => ReportSamples.Unit.Name,
        Summary => ReportSamples.Campaign.Name,
        FeedbackLetter => ReportSamples.Campaign.Issuer,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static GeneratedReport Open(string name) => new(Generate(name));

    /// <summary>The report kinds whose body lists every leaf inside a content control.</summary>
    public static bool HasIndicators(string name) => name is not (Summary or FeedbackLetter);

    public static SummaryReportModel EmptySummary() => ReportSamples.Summary() with
    {
        Units = [],
        Problems = [],
        Statistics = Core.Results.CampaignStatistics.Compute([]),
    };
}
