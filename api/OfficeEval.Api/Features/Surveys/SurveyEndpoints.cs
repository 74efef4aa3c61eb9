using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// A campaign's questionnaire as the office authors and runs it: read it (with its ETag), replace its form while it
/// is a draft (If-Match), delete it while nobody has answered, open and close it.
/// </summary>
public static class SurveyEndpoints
{
    public sealed record SurveyView(Guid Id, Guid CampaignId, string Status, int Revision, DateTimeOffset? ClosesAt, bool Accepting, SurveyForm Form, SurveyCounts Counts,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    /// <summary>Links issued (in batches not revoked) and used, and responses stored (through links and open links).</summary>
    public sealed record SurveyCounts(int Issued, int Used, int Responses);

    public sealed record OpenRequest(DateTimeOffset? ClosesAt);

    public static IEndpointRouteBuilder MapSurveys(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/survey").WithTags("Questionnaire");
        group.MapGet("/", Get)
            .WithName("GetSurvey")
            .WithSummary("The campaign's questionnaire: status, closing time, form, counts of links issued and used and of responses; the ETag header is its revision.")
            .RequireAccess(Access.Office);
        group.MapPut("/", Put)
            .WithName("PutSurvey")
            .WithSummary("Creates or replaces the questionnaire's form (groups, items, choices) while it is a draft; If-Match with the ETag once it exists. Items link to survey-rule leaves of the campaign's framework.")
            .RequireAccess(Access.Admin);
        group.MapDelete("/", Delete)
            .WithName("DeleteSurvey")
            .WithSummary("Deletes the questionnaire with its links, while no response has been stored.")
            .RequireAccess(Access.Admin);
        group.MapPost("/open", Open)
            .WithName("OpenSurvey")
            .WithSummary("Opens the questionnaire for answers (again, or with a new closing time), until closesAt when given; from then on its results feed the linked indicators.")
            .RequireAccess(Access.Admin);
        group.MapPost("/close", Close)
            .WithName("CloseSurvey")
            .WithSummary("Closes the questionnaire: no more answers; its results keep feeding the indicators.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> Get(Guid campaignId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (survey, problem) = await FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        Preconditions.SetETag(http, survey!.Revision);
        return TypedResults.Ok(await ViewAsync(db, survey, clock, cancellationToken));
    }

    internal static Task<Results<Created<SurveyView>, Ok<SurveyView>, ProblemHttpResult>> Put(
        Guid campaignId, SurveyForm? form, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        SaveAsync(campaignId, form, "json", http, db, audit, clock, cancellationToken);

    /// <summary>
    /// Creates or replaces the form (sent as JSON or read from the authoring workbook, <paramref name="format"/>):
    /// If-Match once it exists, only while a draft, validated against the campaign's framework; audited.
    /// </summary>
    internal static async Task<Results<Created<SurveyView>, Ok<SurveyView>, ProblemHttpResult>> SaveAsync(
        Guid campaignId, SurveyForm? form, string format, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        if (campaign is null || framework is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.CampaignId == campaignId, cancellationToken);
        if (survey is not null)
        {
            if (Preconditions.IfMatch(http.Request) is not { } expected)
            {
                return Preconditions.Required();
            }

            if (!expected.Contains(survey.Revision))
            {
                return Preconditions.Failed(await ViewAsync(db, survey, clock, cancellationToken), survey.Revision);
            }

            if (survey.Status != SurveyStatus.Draft)
            {
                return ApiProblem.Create(StatusCodes.Status409Conflict, "survey.not_draft",
                    "问卷已开放过，不能再修改题目和设置；如需调整，请新建批次的问卷或删除尚无答卷的问卷。",
                    "The questionnaire has been opened; its form can no longer change.");
            }
        }

        if (form is null)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "survey.form_missing", "请提交问卷内容（JSON）。", "Send the questionnaire form (JSON).");
        }

        form = Normalize(form);
        var problems = await ValidateAsync(db, campaign, framework, form, cancellationToken);
        if (survey is not null)
        {
            problems.AddRange(await GroupsInUseAsync(db, survey.Id, form, cancellationToken));
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var now = clock.GetUtcNow();
        var created = survey is null;
        if (survey is null)
        {
            survey = new Survey { Id = Guid.CreateVersion7(), CampaignId = campaignId, Status = SurveyStatus.Draft, CreatedAt = now };
            db.Surveys.Add(survey);
        }

        survey.Form = form;
        survey.Revision++;
        survey.UpdatedAt = now;
        audit.Add(new AuditEvent(AuditActions.SurveySaved, Target(campaignId)) { CampaignId = campaignId, After = form, Data = new { survey.Revision, Format = format } });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            // Another administrator saved (or created) it meanwhile.
            db.ChangeTracker.Clear();
            var current = (await FindAsync(db, campaignId, tracking: false, cancellationToken)).Survey!;
            return Preconditions.Failed(await ViewAsync(db, current, clock, cancellationToken), current.Revision);
        }

        Preconditions.SetETag(http, survey.Revision);
        var view = await ViewAsync(db, survey, clock, cancellationToken);
        return created ? TypedResults.Created($"/api/campaigns/{campaignId}/survey", view) : TypedResults.Ok(view);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid campaignId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (survey, problem) = await FindAsync(db, campaignId, tracking: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await db.SurveyResponses.AnyAsync(r => r.SurveyId == survey!.Id, cancellationToken))
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "survey.has_responses", "问卷已有答卷，不能删除。",
                "The questionnaire has responses and cannot be deleted.");
        }

        db.Surveys.Remove(survey!);
        audit.Add(new AuditEvent(AuditActions.SurveyDeleted, Target(campaignId))
        {
            CampaignId = campaignId,
            Before = new { Status = survey!.Status.ToString(), survey.Revision, survey.Form.Title },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> Open(
        Guid campaignId, OpenRequest? request, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        var (survey, problem) = await FindAsync(db, campaignId, tracking: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (campaign!.FinalizedAt is not null)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "survey.campaign_finalized", "该批次评估结果已定档，问卷不能再开放。",
                "The campaign's results are finalised; the questionnaire cannot open again.");
        }

        var now = clock.GetUtcNow();
        if (request?.ClosesAt is { } closesAt && closesAt <= now)
        {
            return Invalid([new ProblemItem("survey.closes_at", "截止时间应晚于当前时间。", "The closing time must be in the future.") { Field = "closesAt" }]);
        }

        // The framework may have changed since the form was saved: its links must still hold.
        var problems = await ValidateAsync(db, campaign, framework!, survey!.Form, cancellationToken);
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var before = new { Status = survey.Status.ToString(), survey.ClosesAt };
        survey.Status = SurveyStatus.Open;
        survey.ClosesAt = request?.ClosesAt;
        survey.Revision++;
        survey.UpdatedAt = now;
        audit.Add(new AuditEvent(AuditActions.SurveyOpened, Target(campaignId))
        {
            CampaignId = campaignId,
            Before = before,
            After = new { Status = survey.Status.ToString(), survey.ClosesAt },
        });
        if (await TrySaveAsync(db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        Preconditions.SetETag(http, survey.Revision);
        return TypedResults.Ok(await ViewAsync(db, survey, clock, cancellationToken));
    }

    internal static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> Close(
        Guid campaignId, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (survey, problem) = await FindAsync(db, campaignId, tracking: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (survey!.Status != SurveyStatus.Open)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "survey.not_open", "问卷当前未开放，无需关闭。", "The questionnaire is not open.");
        }

        var before = new { Status = survey.Status.ToString(), survey.ClosesAt };
        survey.Status = SurveyStatus.Closed;
        survey.Revision++;
        survey.UpdatedAt = clock.GetUtcNow();
        audit.Add(new AuditEvent(AuditActions.SurveyClosed, Target(campaignId))
        {
            CampaignId = campaignId,
            Before = before,
            After = new { Status = survey.Status.ToString(), survey.ClosesAt },
        });

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Updating the survey row waits for the submissions under way (they share-lock it) and stops new ones.
            if (await TrySaveAsync(db, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            await ShuffleAsync(db, survey.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Preconditions.SetETag(http, survey.Revision);
        return TypedResults.Ok(await ViewAsync(db, survey, clock, cancellationToken));
    }

    /// <summary>
    /// Rewrites the survey's responses in the order of their random ids, and its used tokens, in one transaction: the
    /// rows' physical order and transaction ids (<c>ctid</c>, <c>xmin</c>) no longer tell which response was stored
    /// with which token, nor in which order (see docs/surveys.md, "limits").
    /// </summary>
    private static async Task ShuffleAsync(AppDbContext db, Guid surveyId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH moved AS (DELETE FROM survey_responses WHERE survey_id = {surveyId} RETURNING *)
            INSERT INTO survey_responses SELECT * FROM moved ORDER BY id
            """, cancellationToken);
        await db.SurveyTokens.Where(t => t.SurveyId == surveyId && t.Used).ExecuteUpdateAsync(s => s.SetProperty(t => t.Used, true), cancellationToken);
    }

    /// <summary>The campaign's survey, or 404 (no campaign, or no questionnaire yet).</summary>
    internal static async Task<(Survey? Survey, ProblemHttpResult? Problem)> FindAsync(AppDbContext db, Guid campaignId, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? db.Surveys : db.Surveys.AsNoTracking();
        var survey = await query.FirstOrDefaultAsync(s => s.CampaignId == campaignId, cancellationToken);
        if (survey is not null)
        {
            return (survey, null);
        }

        return await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken)
            ? (null, ApiProblem.Create(StatusCodes.Status404NotFound, "survey.not_found", "该批次尚未设置问卷。", "The campaign has no questionnaire yet."))
            : (null, ApiProblem.NotFound("评估批次", "campaign"));
    }

    internal static async Task<SurveyView> ViewAsync(AppDbContext db, Survey survey, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tokens = await db.SurveyTokens.AsNoTracking().Where(t => t.SurveyId == survey.Id)
            .Join(db.SurveyTokenBatches.Where(b => b.RevokedAt == null), t => t.BatchId, b => b.Id, (t, b) => t)
            .GroupBy(t => 1).Select(g => new { Issued = g.Count(), Used = g.Count(t => t.Used) })
            .FirstOrDefaultAsync(cancellationToken);
        var responses = await db.SurveyResponses.CountAsync(r => r.SurveyId == survey.Id, cancellationToken);
        return new SurveyView(survey.Id, survey.CampaignId, survey.Status.ToString(), survey.Revision, survey.ClosesAt,
            PublicSurveyEndpoints.Accepting(survey, clock.GetUtcNow()), survey.Form,
            new SurveyCounts(tokens?.Issued ?? 0, tokens?.Used ?? 0, responses), survey.CreatedAt, survey.UpdatedAt);
    }

    internal static string Target(Guid campaignId) => $"campaign/{campaignId}/survey";

    internal static ProblemHttpResult Invalid(IReadOnlyList<ProblemItem> problems) =>
        ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "survey.invalid", "问卷设置有误，请按提示修改。",
            "The questionnaire is not valid; correct it as shown.", problems);

    /// <summary>Absent optional parts as the defaults: no introduction, the standard answer labels, items asked of every group.</summary>
    private static SurveyForm Normalize(SurveyForm form) => form with
    {
        Introduction = form.Introduction ?? "",
        Choices = form.Choices ?? SurveyChoices.Default,
        Groups = form.Groups ?? [],
        Items = form.Items is null ? [] : [.. form.Items.Select(i => i is null ? null! : i with { Groups = i.Groups ?? [] })],
    };

    /// <summary>
    /// The form's problems, with every item's indicator a survey-rule leaf of the campaign's framework (or of a unit's
    /// individual indicators).
    /// </summary>
    internal static async Task<List<ProblemItem>> ValidateAsync(AppDbContext db, Campaign campaign, FrameworkRecord framework, SurveyForm form, CancellationToken cancellationToken)
    {
        var definition = framework.ToDefinition();
        var leaves = new Dictionary<string, IndicatorNode>(StringComparer.Ordinal);
        void Add(FrameworkDefinition d)
        {
            foreach (var leaf in d.Leaves())
            {
                leaves.TryAdd(leaf.Node.Code, leaf.Node);
            }
        }

        Add(definition);
        var individual = await db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaign.Id)
            .Select(cu => cu.IndividualIndicators).ToListAsync(cancellationToken);
        foreach (var indicators in individual.Where(i => i.Count > 0))
        {
            if (IndividualIndicators.Apply(definition, indicators) is ({ } applied, { Count: 0 }))
            {
                Add(applied);
            }
        }

        (string, string)? Check(string code) =>
            !leaves.TryGetValue(code, out var node) ? ("不是本批次指标体系的末级指标。", "is not a leaf indicator of the campaign's framework.")
            : node.Rule is not SurveyRule ? ("不按问卷结果计分（评分规则不是“问卷调查”）。", "is not scored by questionnaire (its rule is not a survey rule).")
            : null;

        return [.. SurveyFormValidator.Validate(form, Check).Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { Field = p.Field, IndicatorCode = p.IndicatorCode })];
    }

    /// <summary>A group that links or open links were issued for must stay, as the same kind of respondent.</summary>
    private static async Task<List<ProblemItem>> GroupsInUseAsync(AppDbContext db, Guid surveyId, SurveyForm form, CancellationToken cancellationToken)
    {
        var byBatch = await db.SurveyTokenBatches.AsNoTracking().Where(b => b.SurveyId == surveyId && b.RevokedAt == null)
            .Select(b => b.GroupName).Distinct().ToListAsync(cancellationToken);
        var byLink = await db.SurveyOpenLinks.AsNoTracking().Where(l => l.SurveyId == surveyId && l.DisabledAt == null)
            .Select(l => l.GroupName).Distinct().ToListAsync(cancellationToken);
        var current = await db.Surveys.AsNoTracking().Where(s => s.Id == surveyId).Select(s => s.Form).FirstAsync(cancellationToken);
        var problems = new List<ProblemItem>();
        foreach (var name in byBatch.Union(byLink).Order(StringComparer.Ordinal))
        {
            var kind = current.Group(name)?.Respondent;
            if (form.Group(name) is not { } group || group.Respondent != kind)
            {
                problems.Add(new ProblemItem("survey.group_in_use",
                    $"已为答卷群体“{name}”发放问卷链接，不能删除、改名或改变其作答方式；请先作废其链接。",
                    $"Links were issued for group \"{name}\": it cannot be removed, renamed or change its respondent kind until they are revoked.") { Field = "groups" });
            }
        }

        return problems;
    }

    private static async Task<ProblemHttpResult?> TrySaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ApiProblem.Create(StatusCodes.Status409Conflict, "survey.changed", "问卷刚被他人修改，请刷新后重试。",
                "Someone else changed the questionnaire just now; refresh and try again.");
        }
    }
}
