using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>One unit of a campaign with the framework it is evaluated on (the campaign's, with its individual indicators).</summary>
public sealed record UnitContext(Campaign Campaign, CampaignUnit Link, FrameworkDefinition Framework)
{
    public Unit Unit => Link.Unit!;

    /// <summary>The questionnaire's fractions for the unit's survey-rule leaves; empty until the campaign's survey is opened.</summary>
    public Task<IReadOnlyDictionary<string, decimal>> SurveyFractionsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        SurveyScores.FractionsAsync(db, Campaign.Id, Unit.Id, Framework, cancellationToken);

    /// <summary>Loads the unit of the campaign, or the 404/409 problem saying why not. Access is checked by the endpoint's policy.</summary>
    public static async Task<(UnitContext? Context, ProblemHttpResult? Problem)> LoadAsync(
        AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        if (campaign is null || framework is null)
        {
            return (null, ApiProblem.NotFound("评估批次", "campaign"));
        }

        var link = await db.CampaignUnits.AsNoTracking().Include(cu => cu.Unit)
            .FirstOrDefaultAsync(cu => cu.CampaignId == campaignId && cu.UnitId == unitId, cancellationToken);
        if (link is null)
        {
            return (null, ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign"));
        }

        var (definition, problems) = UnitEvaluation.FrameworkFor(framework.ToDefinition(), link);
        if (problems.Count > 0)
        {
            return (null, ApiProblem.Create(409, "campaign.individual_invalid", "该单位的个性指标设置有误，请联系评估办公室。",
                "The unit's individual indicators are set up wrongly; contact the evaluation office.",
                [.. problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { IndicatorCode = p.IndicatorCode, Field = p.Field })]));
        }

        return (new UnitContext(campaign, link, definition), null);
    }
}
