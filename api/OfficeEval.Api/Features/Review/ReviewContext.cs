using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Review;

/// <summary>What the review endpoints need about one unit of a campaign; the self-assessment and review are tracked.</summary>
internal sealed record ReviewContext(Campaign Campaign, CampaignUnit Link, FrameworkDefinition Framework, SelfAssessmentRecord? Assessment, ReviewRecord? Review)
{
    /// <summary>The questionnaire's fractions for the unit's survey-rule leaves; empty until the campaign's survey is opened.</summary>
    public IReadOnlyDictionary<string, decimal>? SurveyFractions { get; init; }

    /// <summary>The review's revision; 0 before its first save.</summary>
    public int Revision => Review?.Revision ?? 0;

    public SelfAssessmentStatus AssessmentStatus => Assessment?.Status ?? SelfAssessmentStatus.NotStarted;

    /// <summary>Whether reviewers may change the review now.</summary>
    public bool IsOpen => NotOpen() is null;

    public static async Task<(ReviewContext? Context, ProblemHttpResult? Problem)> LoadAsync(AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken)
    {
        // Without the unit's own leaves (individual indicators set up wrongly) there is nothing sound to verify against.
        var (unit, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (unit is null)
        {
            return (null, problem);
        }

        var assessment = await db.SelfAssessments.Include(a => a.Answers)
            .FirstOrDefaultAsync(a => a.CampaignId == campaignId && a.UnitId == unitId, cancellationToken);
        var review = await db.Reviews.Include(r => r.Items)
            .FirstOrDefaultAsync(r => r.CampaignId == campaignId && r.UnitId == unitId, cancellationToken);
        var fractions = await unit.SurveyFractionsAsync(db, cancellationToken);
        return (new ReviewContext(unit.Campaign, unit.Link, unit.Framework, assessment, review) { SurveyFractions = fractions }, null);
    }

    /// <summary>
    /// 409 <c>review.not_open</c> unless the review may change: the self-evaluation passed the initial review
    /// (初审通过) and neither the field review is completed nor the campaign's results finalised.
    /// </summary>
    public ProblemHttpResult? NotOpen()
    {
        if (Campaign.FinalizedAt is not null || AssessmentStatus == SelfAssessmentStatus.Final)
        {
            return Refused("评估结果已定档，实地评估不能再修改。", "The campaign's results are finalised; the field review can no longer change.");
        }

        if (Review?.Status == ReviewStatus.Completed || AssessmentStatus == SelfAssessmentStatus.FieldReviewed)
        {
            return Refused("实地评估已完成，不能再修改；如需修改，请评估办公室重新打开。",
                "The field review is completed and can no longer change; the evaluation office can reopen it.");
        }

        return AssessmentStatus == SelfAssessmentStatus.Accepted ? null
            : Refused($"该单位自评当前为“{SelfAssessmentStatuses.NameZh(AssessmentStatus)}”，通过初审后才能进行实地评估。",
                $"The unit's self-evaluation is {AssessmentStatus}; the field review opens once it passes the initial review (Accepted).");

        static ProblemHttpResult Refused(string zh, string en) => ApiProblem.Create(StatusCodes.Status409Conflict, "review.not_open", zh, en);
    }
}
