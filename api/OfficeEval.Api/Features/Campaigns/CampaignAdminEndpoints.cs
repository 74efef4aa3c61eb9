using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Campaigns;

/// <summary>
/// Setting up a campaign (评估批次): year, published framework version, stages with deadlines, contacts, results
/// policy; its units with the office's approved figures and individual indicators.
/// </summary>
public static class CampaignAdminEndpoints
{
    public sealed record CampaignRequest(int? Year, string? Name, Guid? FrameworkId, IReadOnlyList<CampaignDeadline>? Deadlines, IReadOnlyList<CampaignContact>? Contacts, ResultsPolicy? ResultsPolicy);

    public sealed record FrameworkRef(Guid Id, string Code, string Version, string Name);

    public sealed record CampaignDetail(Guid Id, int Year, string Name, FrameworkRef Framework, IReadOnlyList<CampaignDeadline> Deadlines,
        IReadOnlyList<CampaignContact> Contacts, ResultsPolicy ResultsPolicy, DateTimeOffset? FinalizedAt, int UnitCount);

    public sealed record CampaignUnitRequest(int? ApprovedEstablishment, int? ApprovedLeadershipPosts);

    public sealed record CampaignUnitDetail(UnitEndpoints.UnitResponse Unit, string? ParentName, int? ApprovedEstablishment, int? ApprovedLeadershipPosts,
        IReadOnlyList<IndicatorNode> IndividualIndicators, string Status, string StatusZh, string? ReviewerGroup);

    public static IEndpointRouteBuilder MapCampaignAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns").WithTags("Campaigns");
        group.MapPost("/", Create).WithName("CreateCampaign")
            .WithSummary("Creates a campaign on a published framework version: year, name, stages with deadlines, contacts, results policy.")
            .RequireAccess(Access.Admin);
        group.MapGet("/{campaignId:guid}", Get).WithName("GetCampaign")
            .WithSummary("A campaign: framework version, stages and deadlines, contacts, results policy.")
            .RequireAccess(Access.SignedIn);
        group.MapPut("/{campaignId:guid}", Update).WithName("UpdateCampaign")
            .WithSummary("Changes a campaign; its framework only while no unit has started.")
            .RequireAccess(Access.Admin);
        group.MapPut("/{campaignId:guid}/units/{unitId:guid}", PutUnit).WithName("PutCampaignUnit")
            .WithSummary("Adds a registered unit to the campaign, or changes its approved establishment and leadership posts.")
            .RequireAccess(Access.Admin);
        group.MapDelete("/{campaignId:guid}/units/{unitId:guid}", DeleteUnit).WithName("DeleteCampaignUnit")
            .WithSummary("Removes a unit from the campaign while it has not started.")
            .RequireAccess(Access.Admin);
        group.MapGet("/{campaignId:guid}/units/{unitId:guid}", GetUnit).WithName("GetCampaignUnit")
            .WithSummary("A unit in the campaign: register entry, approved figures, individual indicators, status, reviewer group.")
            .RequireAccess(Access.UnitRead);
        group.MapPut("/{campaignId:guid}/units/{unitId:guid}/individual-indicators", PutIndividual).WithName("PutIndividualIndicators")
            .WithSummary("Sets the unit's individual indicators (个性指标); their points must add up to the framework's 个性指标 dimension.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Created<CampaignDetail>, ProblemHttpResult>> Create(CampaignRequest? request, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var campaign = new Campaign { Id = Guid.CreateVersion7(), CreatedAt = clock.GetUtcNow() };
        if (await ApplyAsync(campaign, request, db, frameworkLocked: false, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Campaigns.Add(campaign);
        audit.Add(new AuditEvent(AuditActions.CampaignCreated, $"campaign/{campaign.Id}") { CampaignId = campaign.Id, After = request });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", await DetailAsync(db, campaign, cancellationToken));
    }

    internal static async Task<Results<Ok<CampaignDetail>, ProblemHttpResult>> Get(Guid campaignId, AppDbContext db, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        return campaign is null ? ApiProblem.NotFound("评估批次", "campaign") : TypedResults.Ok(await DetailAsync(db, campaign, cancellationToken));
    }

    internal static async Task<Results<Ok<CampaignDetail>, ProblemHttpResult>> Update(Guid campaignId, CampaignRequest? request, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var before = await DetailAsync(db, campaign, cancellationToken);
        var started = await db.SelfAssessments.AnyAsync(a => a.CampaignId == campaignId, cancellationToken);
        if (await ApplyAsync(campaign, request, db, started, cancellationToken) is { } problem)
        {
            return problem;
        }

        var after = await DetailAsync(db, campaign, cancellationToken);
        audit.Add(new AuditEvent(AuditActions.CampaignChanged, $"campaign/{campaign.Id}") { CampaignId = campaign.Id, Before = before, After = after });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    private static async Task<ProblemHttpResult?> ApplyAsync(Campaign campaign, CampaignRequest? request, AppDbContext db, bool frameworkLocked, CancellationToken cancellationToken)
    {
        var errors = new List<ProblemItem>();
        var name = request?.Name?.Trim() ?? "";
        if (request?.Year is not (>= 2000 and <= 2100))
        {
            errors.Add(UnitEndpoints.Field("year", "年度应为 2000 至 2100 之间的整数。", "The year must be a whole number from 2000 to 2100."));
        }

        if (name.Length is 0 or > 200)
        {
            errors.Add(UnitEndpoints.Field("name", "批次名称不能为空，且不超过 200 个字符。", "The name must be 1 to 200 characters."));
        }

        var framework = request?.FrameworkId is { } fid ? await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fid, cancellationToken) : null;
        if (framework is null)
        {
            errors.Add(UnitEndpoints.Field("frameworkId", "指标体系不存在。", "The framework does not exist."));
        }
        else if (framework.PublishedAt is null)
        {
            errors.Add(UnitEndpoints.Field("frameworkId", "只能使用已发布的指标体系版本。", "Only a published framework version can be used."));
        }

        var deadlines = request?.Deadlines ?? [];
        for (var i = 0; i < deadlines.Count; i++)
        {
            var d = deadlines[i];
            if (d is null || string.IsNullOrWhiteSpace(d.Stage) || d.Stage.Length > 50)
            {
                errors.Add(UnitEndpoints.Field($"deadlines[{i}].stage", "阶段名称不能为空，且不超过 50 字。", "The stage name must be 1 to 50 characters."));
            }
            else if (d.Code is { } code && !CampaignStages.All.Contains(code))
            {
                errors.Add(UnitEndpoints.Field($"deadlines[{i}].code", $"阶段代码应为：{string.Join("、", CampaignStages.All)}。", $"The stage code must be one of {string.Join(", ", CampaignStages.All)}."));
            }
        }

        if (deadlines.Where(d => d?.Code is not null).GroupBy(d => d.Code).Any(g => g.Count() > 1))
        {
            errors.Add(UnitEndpoints.Field("deadlines", "同一阶段代码只能出现一次。", "Each stage code may appear once."));
        }

        var contacts = request?.Contacts ?? [];
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i] is not { } c || string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 50 || string.IsNullOrWhiteSpace(c.Phone) || c.Phone.Length > 50 || (c.Role?.Length ?? 0) > 50)
            {
                errors.Add(UnitEndpoints.Field($"contacts[{i}]", "联系人须填写姓名和电话（各不超过 50 字）。", "A contact needs a name and a phone (up to 50 characters each)."));
            }
        }

        var policy = request?.ResultsPolicy ?? ResultsPolicy.Default;
        errors.AddRange(CheckPolicy(policy));
        if (errors.Count > 0)
        {
            return ApiProblem.Create(422, "campaign.invalid", "评估批次设置有误，请按提示修改。", "The campaign is not valid; correct it as shown.", errors);
        }

        if (frameworkLocked && framework!.Id != campaign.FrameworkId)
        {
            return ApiProblem.Create(409, "campaign.framework_locked", "已有单位开始自评，不能更换指标体系。", "Units have started their self-evaluation: the framework can no longer change.");
        }

        campaign.Year = request!.Year!.Value;
        campaign.Name = name;
        campaign.FrameworkId = framework!.Id;
        campaign.Deadlines = [.. deadlines.OrderBy(d => d.Due)];
        campaign.Contacts = [.. contacts];
        campaign.ResultsPolicy = policy;
        return null;
    }

    private static IEnumerable<ProblemItem> CheckPolicy(ResultsPolicy policy)
    {
        var grades = policy.Grades ?? [];
        if (grades.Count == 0 || grades.Any(g => g is null || string.IsNullOrWhiteSpace(g.Label) || g.MinScoreRate is < 0 or > 100)
            || grades.Zip(grades.Skip(1)).Any(p => p.First.MinScoreRate <= p.Second.MinScoreRate) || string.IsNullOrWhiteSpace(policy.LowestGrade))
        {
            yield return UnitEndpoints.Field("resultsPolicy.grades", "等次应按得分率从高到低排列（0–100），并给出最低等次名称。",
                "Grades must go from the highest score rate down (0–100), with a name for the lowest grade.");
        }

        if (policy.GreenPerCategory < 0 || policy.RedPerCategory < 0)
        {
            yield return UnitEndpoints.Field("resultsPolicy", "红绿榜名额不能为负数。", "Board sizes cannot be negative.");
        }
    }

    internal static async Task<CampaignDetail> DetailAsync(AppDbContext db, Campaign c, CancellationToken cancellationToken)
    {
        var f = await db.Frameworks.AsNoTracking().FirstAsync(x => x.Id == c.FrameworkId, cancellationToken);
        var count = await db.CampaignUnits.CountAsync(cu => cu.CampaignId == c.Id, cancellationToken);
        return new CampaignDetail(c.Id, c.Year, c.Name, new FrameworkRef(f.Id, f.Code, f.Version, f.Name), c.Deadlines, c.Contacts, c.ResultsPolicy, c.FinalizedAt, count);
    }

    internal static async Task<Results<Ok<CampaignUnitDetail>, ProblemHttpResult>> PutUnit(
        Guid campaignId, Guid unitId, CampaignUnitRequest? request, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        if (!await db.Units.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return ApiProblem.NotFound("单位", "unit");
        }

        var errors = new List<ProblemItem>();
        if (request?.ApprovedEstablishment is < 0 or > 100_000)
        {
            errors.Add(UnitEndpoints.Field("approvedEstablishment", "核定编制应为 0 至 100000 的整数。", "The approved establishment must be 0 to 100000."));
        }

        if (request?.ApprovedLeadershipPosts is < 0 or > 1_000)
        {
            errors.Add(UnitEndpoints.Field("approvedLeadershipPosts", "核定领导职数应为 0 至 1000 的整数。", "The approved leadership posts must be 0 to 1000."));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Create(422, "campaign_unit.invalid", "单位核定数有误，请按提示修改。", "The approved figures are not valid; correct them as shown.", errors);
        }

        var link = await db.CampaignUnits.FirstOrDefaultAsync(cu => cu.CampaignId == campaignId && cu.UnitId == unitId, cancellationToken);
        var before = link is null ? null : new { link.ApprovedEstablishment, link.ApprovedLeadershipPosts };
        if (link is null)
        {
            link = new CampaignUnit { CampaignId = campaignId, UnitId = unitId };
            db.CampaignUnits.Add(link);
        }

        link.ApprovedEstablishment = request?.ApprovedEstablishment;
        link.ApprovedLeadershipPosts = request?.ApprovedLeadershipPosts;
        audit.Add(new AuditEvent(AuditActions.CampaignUnitChanged, $"campaign/{campaignId}/units/{unitId}")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Before = before,
            After = new { link.ApprovedEstablishment, link.ApprovedLeadershipPosts },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await UnitDetailAsync(db, campaignId, unitId, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteUnit(Guid campaignId, Guid unitId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var link = await db.CampaignUnits.FirstOrDefaultAsync(cu => cu.CampaignId == campaignId && cu.UnitId == unitId, cancellationToken);
        if (link is null)
        {
            return ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign");
        }

        if (await db.SelfAssessments.AnyAsync(a => a.CampaignId == campaignId && a.UnitId == unitId, cancellationToken))
        {
            return ApiProblem.Create(409, "campaign_unit.started", "该单位已开始自评，不能移出批次。", "The unit has started its self-evaluation and cannot be removed.");
        }

        if (await db.RectificationItems.AnyAsync(i => i.CampaignId == campaignId && i.UnitId == unitId, cancellationToken))
        {
            return ApiProblem.Create(409, "campaign_unit.has_rectification", "该单位在整改台账中有事项，不能移出批次。",
                "The unit has items in the rectification ledger and cannot be removed.");
        }

        db.CampaignUnits.Remove(link);
        audit.Add(new AuditEvent(AuditActions.CampaignUnitChanged, $"campaign/{campaignId}/units/{unitId}")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Before = new { link.ApprovedEstablishment, link.ApprovedLeadershipPosts },
            Data = new { removed = true },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<CampaignUnitDetail>, ProblemHttpResult>> GetUnit(Guid campaignId, Guid unitId, AppDbContext db, CancellationToken cancellationToken)
    {
        var detail = await UnitDetailAsync(db, campaignId, unitId, cancellationToken);
        return detail is null ? ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign") : TypedResults.Ok(detail);
    }

    internal static async Task<Results<Ok<CampaignUnitDetail>, ProblemHttpResult>> PutIndividual(
        Guid campaignId, Guid unitId, List<IndicatorNode>? indicators, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        var link = await db.CampaignUnits.FirstOrDefaultAsync(cu => cu.CampaignId == campaignId && cu.UnitId == unitId, cancellationToken);
        if (campaign is null || framework is null || link is null)
        {
            return ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign");
        }

        var status = await db.SelfAssessments.Where(a => a.CampaignId == campaignId && a.UnitId == unitId).Select(a => (SelfAssessmentStatus?)a.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is { } s && !SelfAssessmentStatuses.IsEditable(s))
        {
            return ApiProblem.Create(409, "campaign_unit.locked", "该单位自评已提交，不能再修改个性指标。", "The unit has submitted: its individual indicators can no longer change.");
        }

        indicators ??= [];
        var (_, problems) = IndividualIndicators.Apply(framework.ToDefinition(), indicators);
        if (problems.Count > 0)
        {
            return ApiProblem.Create(422, "individual.invalid", "个性指标设置有误，请按提示修改。", "The individual indicators are not valid; correct them as shown.",
                [.. problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { IndicatorCode = p.IndicatorCode, Field = p.Field })]);
        }

        var before = link.IndividualIndicators;
        link.IndividualIndicators = indicators;
        audit.Add(new AuditEvent(AuditActions.CampaignUnitChanged, $"campaign/{campaignId}/units/{unitId}/individual-indicators")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Before = before,
            After = indicators,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await UnitDetailAsync(db, campaignId, unitId, cancellationToken))!);
    }

    private static async Task<CampaignUnitDetail?> UnitDetailAsync(AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken)
    {
        var link = await db.CampaignUnits.AsNoTracking().Include(cu => cu.Unit)
            .FirstOrDefaultAsync(cu => cu.CampaignId == campaignId && cu.UnitId == unitId, cancellationToken);
        if (link is null)
        {
            return null;
        }

        var unit = link.Unit!;
        var parent = unit.ParentId is { } p ? await db.Units.Where(u => u.Id == p).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var status = await db.SelfAssessments.Where(a => a.CampaignId == campaignId && a.UnitId == unitId).Select(a => (SelfAssessmentStatus?)a.Status).FirstOrDefaultAsync(cancellationToken)
            ?? SelfAssessmentStatus.NotStarted;
        var group = await (from gu in db.ReviewerGroupUnits
                           join g in db.ReviewerGroups on gu.GroupId equals g.Id
                           where gu.CampaignId == campaignId && gu.UnitId == unitId
                           select g.Name).FirstOrDefaultAsync(cancellationToken);
        return new CampaignUnitDetail(UnitEndpoints.UnitResponse.From(unit), parent, link.ApprovedEstablishment, link.ApprovedLeadershipPosts,
            link.IndividualIndicators, status.ToString(), SelfAssessmentStatuses.NameZh(status), group);
    }
}
