using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// Distributing the questionnaire: batches of single-use links (one per respondent person, or per respondent unit ×
/// evaluated unit in mutual evaluation), their revocation, and open links. A link's code is returned once, when
/// issued; only its hash is kept.
/// </summary>
public static class SurveyLinkEndpoints
{
    public const int MaxPerUnit = 2000;
    public const int MaxPerBatch = 20_000;

    public sealed record IssueRequest(string? Group, IReadOnlyList<Guid>? UnitIds, int? Count, IReadOnlyList<Guid>? RespondentUnitIds, DateTimeOffset? ExpiresAt);

    public sealed record IssuedBatch(Guid BatchId, string Group, bool Mutual, DateTimeOffset? ExpiresAt, int Count, IReadOnlyList<IssuedLink> Links);

    public sealed record IssuedLink(Guid UnitId, string UnitCode, string UnitName, string Group, string? RespondentUnitCode, string? RespondentUnitName, string Code, string Url);

    public sealed record BatchView(Guid Id, string Group, int Units, int Issued, int Used, bool Revoked, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);

    public sealed record OpenLinkRequest(Guid? UnitId, string? Group);

    public sealed record OpenLinkView(Guid Id, Guid UnitId, string UnitCode, string UnitName, string Group, string Code, string Url, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);

    public static IEndpointRouteBuilder MapSurveyLinks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/survey").WithTags("Questionnaire");
        group.MapPost("/tokens", Issue)
            .WithName("IssueSurveyTokens")
            .WithSummary("Issues a batch of single-use links for a group: count per evaluated unit (people), or one per respondent unit × evaluated unit (mutual evaluation, never a unit evaluating itself). The codes are returned only here.")
            .RequireAccess(Access.Admin);
        group.MapGet("/batches", Batches)
            .WithName("ListSurveyTokenBatches")
            .WithSummary("The batches of links issued: group, units, links issued and used, expiry, revocation.")
            .RequireAccess(Access.Admin);
        group.MapPost("/batches/{batchId:guid}/revoke", Revoke)
            .WithName("RevokeSurveyTokenBatch")
            .WithSummary("Withdraws a batch: its unused links are refused, and it no longer counts as sent out.")
            .RequireAccess(Access.Admin);
        group.MapPost("/open-links", CreateOpenLink)
            .WithName("CreateSurveyOpenLink")
            .WithSummary("Creates an open link for a person group and an evaluated unit: anyone may answer through it, rate limited per client address and per link.")
            .RequireAccess(Access.Admin);
        group.MapGet("/open-links", OpenLinks)
            .WithName("ListSurveyOpenLinks")
            .WithSummary("The questionnaire's open links.")
            .RequireAccess(Access.Admin);
        group.MapPost("/open-links/{linkId:guid}/disable", DisableOpenLink)
            .WithName("DisableSurveyOpenLink")
            .WithSummary("Disables an open link: it answers no more.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Created<IssuedBatch>, ProblemHttpResult>> Issue(
        Guid campaignId, IssueRequest? request, HttpContext http, ClaimsPrincipal user, AppDbContext db, AuditTrail audit,
        IOptions<OfficeEvalOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var errors = new List<ProblemItem>();
        var group = survey!.Form.Group(request?.Group);
        if (group is null)
        {
            errors.Add(Field("group", $"答卷群体“{request?.Group}”不在问卷中。", $"Group \"{request?.Group}\" is not in the questionnaire."));
        }

        var units = await CampaignUnitsAsync(db, campaignId, cancellationToken);
        var unitIds = request?.UnitIds ?? [];
        if (unitIds.Count == 0)
        {
            errors.Add(Field("unitIds", "请选择被评估单位（unitIds）。", "Choose the evaluated units (unitIds)."));
        }

        CheckUnits(unitIds, "unitIds", id => units.ContainsKey(id), "不是本批次的被评估单位", "is not a unit of this campaign", errors);
        var mutual = group?.Respondent == RespondentKind.Unit;
        var respondentIds = request?.RespondentUnitIds ?? [];
        var respondents = new Dictionary<Guid, Unit>();
        if (group is not null && mutual)
        {
            respondents = await db.Units.AsNoTracking().Where(u => respondentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
            if (respondentIds.Count == 0)
            {
                errors.Add(Field("respondentUnitIds", $"“{group.Name}”为单位互评，请选择评价单位（respondentUnitIds）。",
                    $"\"{group.Name}\" is answered by units: choose the respondent units (respondentUnitIds)."));
            }

            CheckUnits(respondentIds, "respondentUnitIds", respondents.ContainsKey, "不是已登记的单位", "is not a registered unit", errors);
            if (request?.Count is not null)
            {
                errors.Add(Field("count", "单位互评按“评价单位 × 被评估单位”每对发放一个链接，无需填写份数（count）。",
                    "In mutual evaluation each respondent unit gets one link per evaluated unit: leave count out."));
            }
        }
        else if (group is not null)
        {
            if (respondentIds.Count > 0)
            {
                errors.Add(Field("respondentUnitIds", $"“{group.Name}”由个人作答，不能指定评价单位。", $"\"{group.Name}\" is answered by people: respondent units do not apply."));
            }

            if (request?.Count is not (>= 1 and <= MaxPerUnit))
            {
                errors.Add(Field("count", F($"每个单位的链接数（count）应为 1 至 {MaxPerUnit}。"), F($"The number of links per unit (count) must be 1 to {MaxPerUnit}.")));
            }
        }

        if (request?.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            errors.Add(Field("expiresAt", "有效期应晚于当前时间。", "The expiry must be in the future."));
        }

        var pairs = errors.Count > 0 ? [] : Pairs(unitIds, mutual ? respondentIds : null, request!.Count ?? 1);
        if (errors.Count == 0 && pairs.Count == 0)
        {
            errors.Add(Field("respondentUnitIds", "评价单位与被评估单位相同，单位不能评价自己。", "Every respondent unit is the evaluated unit itself: a unit never evaluates itself."));
        }

        if (pairs.Count > MaxPerBatch)
        {
            errors.Add(Field(mutual ? "respondentUnitIds" : "count", F($"一次最多发放 {MaxPerBatch} 个链接，本次为 {pairs.Count} 个，请分批发放。"),
                F($"At most {MaxPerBatch} links per batch ({pairs.Count} asked): issue them in several batches.")));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "survey.tokens_invalid", "无法发放问卷链接，请按提示修改。",
                "The links cannot be issued; correct the request as shown.", errors);
        }

        var batch = new SurveyTokenBatch
        {
            Id = Guid.CreateVersion7(),
            SurveyId = survey.Id,
            GroupName = group!.Name,
            UnitCount = unitIds.Distinct().Count(),
            TokenCount = pairs.Count,
            ExpiresAt = request!.ExpiresAt,
            CreatedAt = now,
            CreatedBy = user.UserId(),
        };
        db.SurveyTokenBatches.Add(batch);
        var baseUrl = options.Value.BaseUrl;
        var links = new List<IssuedLink>(pairs.Count);
        foreach (var (unitId, respondentId) in pairs)
        {
            var code = SurveyCodes.NewToken();
            db.SurveyTokens.Add(new SurveyToken
            {
                Id = Guid.CreateVersion7(),
                BatchId = batch.Id,
                SurveyId = survey.Id,
                TokenHash = SurveyCodes.Hash(code),
                UnitId = unitId,
                GroupName = group.Name,
                RespondentUnitId = respondentId,
            });
            var unit = units[unitId];
            var respondent = respondentId is { } r ? respondents[r] : null;
            links.Add(new IssuedLink(unit.Id, unit.Code, unit.Name, group.Name, respondent?.Code, respondent?.Name, code, SurveyCodes.Url(baseUrl, code)));
        }

        audit.Add(new AuditEvent(AuditActions.SurveyTokensIssued, $"{SurveyEndpoints.Target(campaignId)}/batches/{batch.Id}")
        {
            CampaignId = campaignId,
            // Counts only: a code in the log would answer a questionnaire.
            After = new { Group = group.Name, Mutual = mutual, Units = batch.UnitCount, RespondentUnits = mutual ? respondentIds.Distinct().Count() : (int?)null, Links = batch.TokenCount, batch.ExpiresAt },
        });
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/campaigns/{campaignId}/survey/batches",
            new IssuedBatch(batch.Id, group.Name, mutual, batch.ExpiresAt, links.Count, links));
    }

    internal static async Task<Results<Ok<List<BatchView>>, ProblemHttpResult>> Batches(Guid campaignId, AppDbContext db, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var batches = await db.SurveyTokenBatches.AsNoTracking().Where(b => b.SurveyId == survey!.Id).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
        var used = await db.SurveyTokens.AsNoTracking().Where(t => t.SurveyId == survey!.Id && t.Used)
            .GroupBy(t => t.BatchId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return TypedResults.Ok(batches.Select(b => View(b, used.GetValueOrDefault(b.Id))).ToList());
    }

    internal static async Task<Results<Ok<BatchView>, ProblemHttpResult>> Revoke(
        Guid campaignId, Guid batchId, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var batch = await db.SurveyTokenBatches.FirstOrDefaultAsync(b => b.Id == batchId && b.SurveyId == survey!.Id, cancellationToken);
        if (batch is null)
        {
            return ApiProblem.NotFound("该批问卷链接", "batch of links");
        }

        var used = await db.SurveyTokens.CountAsync(t => t.BatchId == batchId && t.Used, cancellationToken);
        if (batch.RevokedAt is null)
        {
            batch.RevokedAt = clock.GetUtcNow();
            audit.Add(new AuditEvent(AuditActions.SurveyTokensRevoked, $"{SurveyEndpoints.Target(campaignId)}/batches/{batch.Id}")
            {
                CampaignId = campaignId,
                After = new { Group = batch.GroupName, Links = batch.TokenCount, Used = used, batch.RevokedAt },
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(View(batch, used));
    }

    internal static async Task<Results<Created<OpenLinkView>, ProblemHttpResult>> CreateOpenLink(
        Guid campaignId, OpenLinkRequest? request, AppDbContext db, AuditTrail audit, IOptions<OfficeEvalOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<ProblemItem>();
        var group = survey!.Form.Group(request?.Group);
        if (group is null)
        {
            errors.Add(Field("group", $"答卷群体“{request?.Group}”不在问卷中。", $"Group \"{request?.Group}\" is not in the questionnaire."));
        }
        else if (group.Respondent != RespondentKind.Person)
        {
            errors.Add(Field("group", $"“{group.Name}”为单位互评，须按单位发放一次性链接，不能使用开放链接。",
                $"\"{group.Name}\" is answered by units, through single-use links only: open links are for groups of people."));
        }

        var units = await CampaignUnitsAsync(db, campaignId, cancellationToken);
        if (request?.UnitId is not { } unitId || !units.ContainsKey(unitId))
        {
            errors.Add(Field("unitId", "请选择本批次的被评估单位（unitId）。", "Choose an evaluated unit of this campaign (unitId)."));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "survey.open_link_invalid", "无法创建开放链接，请按提示修改。",
                "The open link cannot be created; correct the request as shown.", errors);
        }

        var link = new SurveyOpenLink
        {
            Id = Guid.CreateVersion7(),
            SurveyId = survey.Id,
            UnitId = request!.UnitId!.Value,
            GroupName = group!.Name,
            Code = SurveyCodes.NewOpenLink(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.SurveyOpenLinks.Add(link);
        var unit = units[link.UnitId];
        audit.Add(new AuditEvent(AuditActions.SurveyOpenLinkCreated, $"{SurveyEndpoints.Target(campaignId)}/open-links/{link.Id}")
        {
            CampaignId = campaignId,
            UnitId = link.UnitId,
            After = new { Group = link.GroupName, UnitCode = unit.Code },
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/campaigns/{campaignId}/survey/open-links", View(link, unit, options.Value.BaseUrl));
    }

    internal static async Task<Results<Ok<List<OpenLinkView>>, ProblemHttpResult>> OpenLinks(
        Guid campaignId, AppDbContext db, IOptions<OfficeEvalOptions> options, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var links = await db.SurveyOpenLinks.AsNoTracking().Where(l => l.SurveyId == survey!.Id)
            .Join(db.Units, l => l.UnitId, u => u.Id, (l, u) => new { Link = l, Unit = u })
            .OrderBy(x => x.Unit.Code).ThenBy(x => x.Link.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(links.Select(x => View(x.Link, x.Unit, options.Value.BaseUrl)).ToList());
    }

    internal static async Task<Results<Ok<OpenLinkView>, ProblemHttpResult>> DisableOpenLink(
        Guid campaignId, Guid linkId, AppDbContext db, AuditTrail audit, IOptions<OfficeEvalOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var link = await db.SurveyOpenLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.SurveyId == survey!.Id, cancellationToken);
        if (link is null)
        {
            return ApiProblem.NotFound("该开放链接", "open link");
        }

        if (link.DisabledAt is null)
        {
            link.DisabledAt = clock.GetUtcNow();
            audit.Add(new AuditEvent(AuditActions.SurveyOpenLinkDisabled, $"{SurveyEndpoints.Target(campaignId)}/open-links/{link.Id}")
            {
                CampaignId = campaignId,
                UnitId = link.UnitId,
                After = new { Group = link.GroupName, link.DisabledAt },
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == link.UnitId, cancellationToken);
        return TypedResults.Ok(View(link, unit, options.Value.BaseUrl));
    }

    /// <summary>
    /// The links to issue: <paramref name="count"/> per evaluated unit, or one per respondent unit × evaluated unit
    /// without self pairs; duplicates in the request count once.
    /// </summary>
    private static List<(Guid Unit, Guid? Respondent)> Pairs(IReadOnlyList<Guid> unitIds, IReadOnlyList<Guid>? respondentIds, int count)
    {
        var pairs = new List<(Guid, Guid?)>();
        foreach (var unit in unitIds.Distinct())
        {
            if (respondentIds is null)
            {
                pairs.AddRange(Enumerable.Repeat<(Guid, Guid?)>((unit, null), count));
                continue;
            }

            pairs.AddRange(respondentIds.Distinct().Where(r => r != unit).Select(r => (unit, (Guid?)r)));
        }

        return pairs;
    }

    private static void CheckUnits(IReadOnlyList<Guid> ids, string field, Func<Guid, bool> known, string zh, string en, List<ProblemItem> errors)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (!known(ids[i]))
            {
                errors.Add(Field(F($"{field}[{i}]"), $"单位 {ids[i]} {zh}。", $"Unit {ids[i]} {en}."));
            }
        }
    }

    private static Task<Dictionary<Guid, Unit>> CampaignUnitsAsync(AppDbContext db, Guid campaignId, CancellationToken cancellationToken) =>
        db.CampaignUnits.AsNoTracking().Where(cu => cu.CampaignId == campaignId).Include(cu => cu.Unit)
            .ToDictionaryAsync(cu => cu.UnitId, cu => cu.Unit!, cancellationToken);

    private static BatchView View(SurveyTokenBatch b, int used) =>
        new(b.Id, b.GroupName, b.UnitCount, b.TokenCount, used, b.RevokedAt is not null, b.RevokedAt, b.ExpiresAt, b.CreatedAt);

    private static OpenLinkView View(SurveyOpenLink l, Unit unit, string baseUrl) =>
        new(l.Id, l.UnitId, unit.Code, unit.Name, l.GroupName, l.Code, SurveyCodes.Url(baseUrl, l.Code), l.CreatedAt, l.DisabledAt);

    private static ProblemItem Field(string field, string zh, string en) => new("field.invalid", zh, en) { Field = field };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
