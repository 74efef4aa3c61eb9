using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Campaigns;

/// <summary>Where every unit of a campaign is, and how each stage stands against its deadline.</summary>
public static class ProgressEndpoints
{
    /// <summary>Deadlines are Chinese calendar dates: a stage is late from the day after its due date in China Standard Time.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public sealed record UnitProgress(Guid UnitId, string Code, string Name, string Status, string StatusZh, DateTimeOffset? UpdatedAt, int Versions, string? ReviewerGroup);

    public sealed record StageProgress(string Code, string Name, DateOnly? Due, int Done, int Pending, bool Overdue, IReadOnlyList<Guid> LateUnits);

    public sealed record CampaignProgress(Guid CampaignId, DateOnly Today, int UnitCount, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<StageProgress> Stages, IReadOnlyList<UnitProgress> Units);

    public static IEndpointRouteBuilder MapProgress(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/progress", Get).WithTags("Campaigns")
            .WithName("GetCampaignProgress")
            .WithSummary("Each unit's status (未开始/填报中/已提交/已退回/初审通过/已实地评估/已定档) and each stage's done, pending and late units against its deadline.")
            .RequireAccess(Access.Office);
        return endpoints;
    }

    /// <summary>The unit statuses that complete a stage.</summary>
    public static bool Completes(string stage, SelfAssessmentStatus status) => stage switch
    {
        CampaignStages.SelfAssessment => status is SelfAssessmentStatus.Submitted or SelfAssessmentStatus.Accepted or SelfAssessmentStatus.FieldReviewed or SelfAssessmentStatus.Final,
        CampaignStages.InitialReview => status is SelfAssessmentStatus.Accepted or SelfAssessmentStatus.FieldReviewed or SelfAssessmentStatus.Final,
        CampaignStages.FieldReview => status is SelfAssessmentStatus.FieldReviewed or SelfAssessmentStatus.Final,
        CampaignStages.Results => status is SelfAssessmentStatus.Final,
        _ => false,
    };

    internal static async Task<Results<Ok<CampaignProgress>, ProblemHttpResult>> Get(Guid campaignId, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var units = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaignId)
            .Select(cu => cu.Unit!).OrderBy(u => u.Code).ToListAsync(cancellationToken);
        var assessments = await db.SelfAssessments.AsNoTracking().Where(a => a.CampaignId == campaignId)
            .Select(a => new { a.UnitId, a.Status, a.UpdatedAt, Versions = a.Versions.Count }).ToDictionaryAsync(a => a.UnitId, cancellationToken);
        var groups = await (from gu in db.ReviewerGroupUnits
                            join g in db.ReviewerGroups on gu.GroupId equals g.Id
                            where gu.CampaignId == campaignId
                            select new { gu.UnitId, g.Name }).ToDictionaryAsync(x => x.UnitId, x => x.Name, cancellationToken);

        var rows = units.Select(u =>
        {
            var a = assessments.GetValueOrDefault(u.Id);
            var status = a?.Status ?? SelfAssessmentStatus.NotStarted;
            return new UnitProgress(u.Id, u.Code, u.Name, status.ToString(), SelfAssessmentStatuses.NameZh(status), a?.UpdatedAt, a?.Versions ?? 0, groups.GetValueOrDefault(u.Id));
        }).ToList();

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);
        var stages = CampaignStages.All.Select(code =>
        {
            var deadline = campaign.Deadlines.FirstOrDefault(d => d.Code == code);
            var pending = rows.Where(r => !Completes(code, Enum.Parse<SelfAssessmentStatus>(r.Status))).ToList();
            var overdue = deadline is not null && today > deadline.Due && pending.Count > 0;
            return new StageProgress(code, deadline?.Stage ?? StageName(code), deadline?.Due, rows.Count - pending.Count, pending.Count, overdue,
                overdue ? [.. pending.Select(p => p.UnitId)] : []);
        }).ToList();

        var byStatus = Enum.GetValues<SelfAssessmentStatus>().ToDictionary(s => s.ToString(), s => rows.Count(r => r.Status == s.ToString()));
        return TypedResults.Ok(new CampaignProgress(campaignId, today, rows.Count, byStatus, stages, rows));
    }

    private static string StageName(string code) => code switch
    {
        CampaignStages.SelfAssessment => "单位自评",
        CampaignStages.InitialReview => "初审",
        CampaignStages.FieldReview => "实地评估",
        CampaignStages.Results => "结果确定",
        _ => code,
    };
}
