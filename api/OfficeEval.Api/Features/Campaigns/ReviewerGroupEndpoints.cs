using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Campaigns;

/// <summary>Reviewer groups (评估组) of a campaign: their members (Reviewers) and the units each reviews, one group per unit.</summary>
public static class ReviewerGroupEndpoints
{
    public sealed record GroupRequest(string? Name, IReadOnlyList<Guid>? MemberIds, IReadOnlyList<Guid>? UnitIds);

    public sealed record Member(Guid Id, string DisplayName, string Email);

    public sealed record GroupResponse(Guid Id, string Name, IReadOnlyList<Member> Members, IReadOnlyList<CampaignEndpoints.UnitSummary> Units);

    public static IEndpointRouteBuilder MapReviewerGroups(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/reviewer-groups").WithTags("Campaigns");
        group.MapGet("/", List).WithName("ListReviewerGroups").WithSummary("The campaign's reviewer groups with their members and units.").RequireAccess(Access.Office);
        group.MapPost("/", Create).WithName("CreateReviewerGroup").WithSummary("Creates a reviewer group: name, Reviewer members, units (each unit in one group).").RequireAccess(Access.Admin);
        group.MapPut("/{groupId:guid}", Update).WithName("UpdateReviewerGroup").WithSummary("Replaces a group's name, members and units.").RequireAccess(Access.Admin);
        group.MapDelete("/{groupId:guid}", Delete).WithName("DeleteReviewerGroup").WithSummary("Deletes a reviewer group; its units are then reviewed by nobody until reassigned.").RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Ok<List<GroupResponse>>, ProblemHttpResult>> List(Guid campaignId, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var groups = await db.ReviewerGroups.AsNoTracking().Include(g => g.Members).Include(g => g.Units)
            .Where(g => g.CampaignId == campaignId).OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var responses = new List<GroupResponse>();
        foreach (var g in groups)
        {
            responses.Add(await ResponseAsync(db, g, cancellationToken));
        }

        return TypedResults.Ok(responses);
    }

    internal static async Task<Results<Created<GroupResponse>, ProblemHttpResult>> Create(
        Guid campaignId, GroupRequest? request, AppDbContext db, UserManager<AppUser> users, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var group = new ReviewerGroup { Id = Guid.CreateVersion7(), CampaignId = campaignId };
        if (await ApplyAsync(group, request, db, users, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.ReviewerGroups.Add(group);
        audit.Add(new AuditEvent(AuditActions.ReviewerGroupChanged, $"reviewer-group/{group.Id}") { CampaignId = campaignId, After = Snapshot(group) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/campaigns/{campaignId}/reviewer-groups/{group.Id}", await ResponseAsync(db, group, cancellationToken));
    }

    internal static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> Update(
        Guid campaignId, Guid groupId, GroupRequest? request, AppDbContext db, UserManager<AppUser> users, AuditTrail audit, CancellationToken cancellationToken)
    {
        var group = await db.ReviewerGroups.Include(g => g.Members).Include(g => g.Units)
            .FirstOrDefaultAsync(g => g.Id == groupId && g.CampaignId == campaignId, cancellationToken);
        if (group is null)
        {
            return ApiProblem.NotFound("评估组", "reviewer group");
        }

        var before = Snapshot(group);
        if (await ApplyAsync(group, request, db, users, cancellationToken) is { } problem)
        {
            return problem;
        }

        audit.Add(new AuditEvent(AuditActions.ReviewerGroupChanged, $"reviewer-group/{group.Id}") { CampaignId = campaignId, Before = before, After = Snapshot(group) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ResponseAsync(db, group, cancellationToken));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid campaignId, Guid groupId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var group = await db.ReviewerGroups.Include(g => g.Members).Include(g => g.Units)
            .FirstOrDefaultAsync(g => g.Id == groupId && g.CampaignId == campaignId, cancellationToken);
        if (group is null)
        {
            return ApiProblem.NotFound("评估组", "reviewer group");
        }

        audit.Add(new AuditEvent(AuditActions.ReviewerGroupChanged, $"reviewer-group/{group.Id}") { CampaignId = campaignId, Before = Snapshot(group), Data = new { deleted = true } });
        db.ReviewerGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static object Snapshot(ReviewerGroup g) => new { g.Name, Members = g.Members.Select(m => m.UserId).Order(), Units = g.Units.Select(u => u.UnitId).Order() };

    private static async Task<ProblemHttpResult?> ApplyAsync(ReviewerGroup group, GroupRequest? request, AppDbContext db, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        var errors = new List<ProblemItem>();
        var name = request?.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors.Add(UnitEndpoints.Field("name", "评估组名称不能为空，且不超过 100 字。", "The group name must be 1 to 100 characters."));
        }

        var memberIds = (request?.MemberIds ?? []).Distinct().ToList();
        var reviewers = (await users.GetUsersInRoleAsync(Roles.Reviewer)).Select(u => u.Id).ToHashSet();
        for (var i = 0; i < memberIds.Count; i++)
        {
            if (!reviewers.Contains(memberIds[i]))
            {
                errors.Add(UnitEndpoints.Field($"memberIds[{i}]", "评估组成员须为具有“评估人员”角色的用户。", "Group members must be users with the Reviewer role."));
            }
        }

        var unitIds = (request?.UnitIds ?? []).Distinct().ToList();
        var inCampaign = (await db.CampaignUnits.Where(cu => cu.CampaignId == group.CampaignId).Select(cu => cu.UnitId).ToListAsync(cancellationToken)).ToHashSet();
        for (var i = 0; i < unitIds.Count; i++)
        {
            if (!inCampaign.Contains(unitIds[i]))
            {
                errors.Add(UnitEndpoints.Field($"unitIds[{i}]", "该单位不在本评估批次中。", "The unit is not in this campaign."));
            }
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Create(422, "reviewer_group.invalid", "评估组设置有误，请按提示修改。", "The reviewer group is not valid; correct it as shown.", errors);
        }

        if (await db.ReviewerGroups.AnyAsync(g => g.CampaignId == group.CampaignId && g.Name == name && g.Id != group.Id, cancellationToken))
        {
            return ApiProblem.Create(409, "reviewer_group.name_taken", $"本批次已有名为“{name}”的评估组。", $"The campaign already has a group named \"{name}\".");
        }

        var taken = await db.ReviewerGroupUnits.Where(u => u.CampaignId == group.CampaignId && u.GroupId != group.Id && unitIds.Contains(u.UnitId))
            .Join(db.Units, u => u.UnitId, x => x.Id, (u, x) => x.Name).ToListAsync(cancellationToken);
        if (taken.Count > 0)
        {
            return ApiProblem.Create(409, "reviewer_group.unit_taken", $"以下单位已分配给其他评估组：{string.Join("、", taken)}。",
                $"These units are already assigned to another group: {string.Join(", ", taken)}.");
        }

        group.Name = name;
        db.ReviewerGroupMembers.RemoveRange(group.Members.Where(m => !memberIds.Contains(m.UserId)));
        group.Members.RemoveAll(m => !memberIds.Contains(m.UserId));
        group.Members.AddRange(memberIds.Where(id => group.Members.All(m => m.UserId != id)).Select(id => new ReviewerGroupMember { GroupId = group.Id, UserId = id }));
        db.ReviewerGroupUnits.RemoveRange(group.Units.Where(u => !unitIds.Contains(u.UnitId)));
        group.Units.RemoveAll(u => !unitIds.Contains(u.UnitId));
        group.Units.AddRange(unitIds.Where(id => group.Units.All(u => u.UnitId != id)).Select(id => new ReviewerGroupUnit { GroupId = group.Id, CampaignId = group.CampaignId, UnitId = id }));
        return null;
    }

    private static async Task<GroupResponse> ResponseAsync(AppDbContext db, ReviewerGroup g, CancellationToken cancellationToken)
    {
        var memberIds = g.Members.Select(m => m.UserId).ToList();
        var unitIds = g.Units.Select(u => u.UnitId).ToList();
        var members = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new Member(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(cancellationToken);
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Code).ToListAsync(cancellationToken);
        return new GroupResponse(g.Id, g.Name, members, [.. units.Select(u => new CampaignEndpoints.UnitSummary(u.Id, u.Code, u.Name, u.Kind.ToString()))]);
    }
}
