using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Graph;

/// <summary>
/// Deadline reminders by mail: one per unit that is late for a stage (as GET …/progress counts it), to whoever must
/// act — the unit's staff for self-evaluation and for a submission returned at initial review, the unit's reviewer
/// group for field evaluation — with the campaign's contacts in copy.
/// </summary>
public static class ReminderEndpoints
{
    /// <summary>The stages whose lateness someone outside the office can cure; 结果确定 is the office's own.</summary>
    public static readonly IReadOnlyList<string> Stages = [CampaignStages.SelfAssessment, CampaignStages.InitialReview, CampaignStages.FieldReview];

    public sealed record RemindersRequest(string? Stage);

    /// <summary>A late unit no reminder was queued for, and why: already_queued, awaiting_office or no_recipient.</summary>
    public sealed record SkippedUnit(Guid UnitId, string Code, string Name, string Reason, string ReasonZh);

    public sealed record RemindersResponse(Guid CampaignId, string Stage, DateOnly? Due, IReadOnlyList<GraphDeliveryView> Deliveries, IReadOnlyList<SkippedUnit> Skipped);

    public static IEndpointRouteBuilder MapGraphReminders(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/campaigns/{campaignId:guid}/reminders", Queue)
            .WithTags("Graph")
            .WithName("QueueDeadlineReminders")
            .WithSummary("Queues one reminder mail per unit late for the stage (self_assessment, initial_review, field_review): to the unit's staff, or for field_review its reviewers, contacts in copy; 202 with the deliveries and the late units skipped and why; 409 when no unit is late.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Accepted<RemindersResponse>, ProblemHttpResult>> Queue(
        Guid campaignId, RemindersRequest? request, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, GraphDeliverySignal signal,
        IOptionsMonitor<GraphOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (GraphProblems.Missing(settings, ("MailSender", settings.Graph.MailSender)) is { Count: > 0 } missing)
        {
            return GraphProblems.Disabled(missing);
        }

        var stage = request?.Stage?.Trim();
        if (stage is null || !Stages.Contains(stage))
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "graph.stage_invalid", "提醒的阶段无效。", "The stage to remind about is invalid.",
                [new ProblemItem("graph.stage_invalid", $"stage 须为 {string.Join("、", Stages)} 之一（结果确定由办公室完成，无需提醒）。",
                    $"stage must be one of {string.Join(", ", Stages)} (results are the office's own to finish).") { Field = "stage" }]);
        }

        var view = await ProgressEndpoints.Get(campaignId, db, clock, cancellationToken);
        if (view.Result is not Ok<ProgressEndpoints.CampaignProgress> { Value: { } progress })
        {
            return (ProblemHttpResult)view.Result;
        }

        var stageProgress = progress.Stages.Single(s => s.Code == stage);
        if (!stageProgress.Overdue)
        {
            var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "graph.stage_not_late",
                stageProgress.Due is { } d ? $"“{stageProgress.Name}”阶段截止于 {d:yyyy-MM-dd}，目前没有逾期的单位。" : $"“{stageProgress.Name}”阶段未设截止日期，没有逾期的单位。",
                stageProgress.Due is { } e ? $"The stage {stage} is due on {e:yyyy-MM-dd}; no unit is late for it." : $"The stage {stage} has no deadline; no unit is late for it.");
            problem.Extensions["due"] = stageProgress.Due;
            return TypedResults.Problem(problem);
        }

        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == campaignId, cancellationToken);
        var late = stageProgress.LateUnits.ToHashSet();
        var units = await db.Units.AsNoTracking().Where(u => late.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var recipients = stage == CampaignStages.FieldReview
            ? await ReviewerAddressesAsync(db, campaignId, late, cancellationToken)
            : await StaffAddressesAsync(db, late, cancellationToken);
        var queued = await db.GraphDeliveries.AsNoTracking()
            .Where(d => d.Kind == GraphDeliveryKinds.ReminderMail && d.CampaignId == campaignId && d.UnitId != null && late.Contains(d.UnitId.Value)
                && (d.Status == GraphDeliveryStatus.Pending || d.Status == GraphDeliveryStatus.Running))
            .Select(d => d.UnitId!.Value).ToListAsync(cancellationToken);
        var cc = campaign.Contacts.Select(c => Address(c.Email)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var now = clock.GetUtcNow();
        var deliveries = new List<GraphDelivery>();
        var skipped = new List<SkippedUnit>();
        foreach (var row in progress.Units.Where(u => late.Contains(u.UnitId)))
        {
            var unit = units[row.UnitId];
            var to = recipients.GetValueOrDefault(row.UnitId) ?? [];
            if (queued.Contains(row.UnitId))
            {
                skipped.Add(new(unit.Id, unit.Code, unit.Name, "already_queued", "该单位已有待发送的提醒"));
            }
            else if (stage == CampaignStages.InitialReview && row.Status == nameof(SelfAssessmentStatus.Submitted))
            {
                skipped.Add(new(unit.Id, unit.Code, unit.Name, "awaiting_office", "单位已提交，等待办公室初审"));
            }
            else if (to.Count == 0)
            {
                skipped.Add(new(unit.Id, unit.Code, unit.Name, "no_recipient",
                    stage == CampaignStages.FieldReview ? "该单位没有分配评估组，或评估组成员没有可用邮箱" : "该单位没有填有邮箱的在用账户"));
            }
            else
            {
                var audience = stage == CampaignStages.FieldReview ? ReminderMail.Audience.Reviewers : ReminderMail.Audience.UnitStaff;
                var (subject, body) = ReminderMail.Compose(campaign, stageProgress.Name, stageProgress.Due!.Value, unit, row.StatusZh, audience, campaign.Contacts);
                var payload = new ReminderMailPayload(settings.Graph.MailSender.Trim(), to, cc, subject, body) { Stage = stage };
                deliveries.Add(PublishEndpoints.New(Guid.CreateVersion7(), GraphDeliveryKinds.ReminderMail, campaignId, unit.Id, "mail: " + string.Join(", ", to), payload, now, user.UserId()));
            }
        }

        db.GraphDeliveries.AddRange(deliveries);
        audit.Add(new AuditEvent(AuditActions.GraphRemindersQueued, $"campaign/{campaignId}/reminders")
        {
            CampaignId = campaignId,
            Data = new { stage, due = stageProgress.Due, queued = deliveries.Count, skipped = skipped.Select(s => new { s.Code, s.Reason }) },
        });
        await db.SaveChangesAsync(cancellationToken);
        if (deliveries.Count > 0)
        {
            signal.Queued();
        }

        return TypedResults.Accepted($"/api/graph/deliveries?campaignId={campaignId}&kind={GraphDeliveryKinds.ReminderMail}",
            new RemindersResponse(campaignId, stage, stageProgress.Due, [.. deliveries.Select(GraphDeliveryView.From)], skipped));
    }

    /// <summary>The e-mail addresses of each unit's active staff accounts.</summary>
    private static async Task<Dictionary<Guid, List<string>>> StaffAddressesAsync(AppDbContext db, HashSet<Guid> units, CancellationToken cancellationToken)
    {
        var staff = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where u.UnitId != null && units.Contains(u.UnitId.Value) && u.DisabledAt == null && r.Name == Roles.UnitStaff
                           select new { UnitId = u.UnitId!.Value, u.Email }).ToListAsync(cancellationToken);
        return Group(staff.Select(s => (s.UnitId, (string?)s.Email)));
    }

    /// <summary>The e-mail addresses of the active members of each unit's reviewer group.</summary>
    private static async Task<Dictionary<Guid, List<string>>> ReviewerAddressesAsync(AppDbContext db, Guid campaignId, HashSet<Guid> units, CancellationToken cancellationToken)
    {
        var reviewers = await (from gu in db.ReviewerGroupUnits
                               join m in db.ReviewerGroupMembers on gu.GroupId equals m.GroupId
                               join u in db.Users on m.UserId equals u.Id
                               where gu.CampaignId == campaignId && units.Contains(gu.UnitId) && u.DisabledAt == null
                               select new { gu.UnitId, u.Email }).ToListAsync(cancellationToken);
        return Group(reviewers.Select(r => (r.UnitId, (string?)r.Email)));
    }

    private static Dictionary<Guid, List<string>> Group(IEnumerable<(Guid UnitId, string? Email)> rows) => rows
        .Select(r => (r.UnitId, Address: Address(r.Email)))
        .Where(r => r.Address is not null)
        .GroupBy(r => r.UnitId)
        .ToDictionary(g => g.Key, g => g.Select(r => r.Address!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList());

    /// <summary>The address when it is one a mail server takes (a bare address, no display name), else null.</summary>
    private static string? Address(string? text) =>
        !string.IsNullOrWhiteSpace(text) && MailAddress.TryCreate(text.Trim(), out var address) && address.Address == text.Trim() && address.DisplayName.Length == 0
            ? address.Address
            : null;
}
