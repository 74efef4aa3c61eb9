using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// The anonymous questionnaire API the mobile page uses: read the questionnaire a code opens, and submit answers.
/// Nothing about the respondent is stored: not the code (a token is marked used, in the same transaction as the
/// response is stored, and the response does not refer to it), not the address (used in memory for the rate limits
/// only), not the agent, not the time of day. See docs/surveys.md.
/// </summary>
public static class PublicSurveyEndpoints
{
    /// <summary>The largest answers body taken (32 KB); a questionnaire of 200 items needs well under 8 KB.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    public const string SubmittedMessage = "提交成功，感谢您的参与！";

    public sealed record PublicSurvey(string Title, string Introduction, PublicUnit Unit, string Group, bool Mutual, DateTimeOffset? ClosesAt, IReadOnlyList<PublicItem> Items);

    public sealed record PublicUnit(string Name);

    public sealed record PublicItem(string Code, string Text, string? Section, bool Required, SurveyScale Scale, IReadOnlyList<PublicOption> Options);

    public sealed record PublicOption(int Value, string Label);

    public sealed record Submitted(string Message);

    public static IEndpointRouteBuilder MapPublicSurveys(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/public/surveys").WithTags("Questionnaire (public)");
        group.MapGet("/{code}", Get)
            .WithName("GetPublicSurvey")
            .WithSummary("The questionnaire a link opens (no sign-in): title, introduction, the evaluated unit, the group's items with their answer options.")
            .AllowAnonymous();
        group.MapPost("/{code}/responses", Submit)
            .WithName("SubmitSurveyResponse")
            .WithSummary("Submits the answers (JSON, at most 32 KB) once per single-use link; stored anonymously. Open links are rate limited per client address and per link.")
            .AllowAnonymous();
        return endpoints;
    }

    internal static async Task<Results<Ok<PublicSurvey>, ProblemHttpResult>> Get(
        string code, HttpContext http, AppDbContext db, SurveyRateLimits limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        NoStore(http);
        var address = SurveyRateLimits.AddressOf(http);
        if (limits.Blocked(address) is { } wait)
        {
            return RateLimited(http, wait);
        }

        var (target, problem) = await ResolveAsync(db, code, address, limits, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var form = target!.Survey.Form;
        var items = form.ItemsFor(target.Group).Select(i => new PublicItem(i.Code, i.Text, i.Section, i.Required, i.Scale,
            [.. form.Choices.For(i.Scale).Select((label, index) => new PublicOption(index + 1, label))])).ToList();
        return TypedResults.Ok(new PublicSurvey(form.Title, form.Introduction ?? "", new PublicUnit(target.UnitName), target.Group,
            form.Group(target.Group)?.Respondent == RespondentKind.Unit, target.Survey.ClosesAt, items));
    }

    internal static async Task<Results<Created<Submitted>, ProblemHttpResult>> Submit(
        string code, HttpContext http, AppDbContext db, SurveyRateLimits limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        NoStore(http);
        var address = SurveyRateLimits.AddressOf(http);
        if (limits.Blocked(address) is { } wait)
        {
            return RateLimited(http, wait);
        }

        var (target, problem) = await ResolveAsync(db, code, address, limits, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (body, refused) = await ReadBodyAsync(http.Request, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        List<SurveyAnswer> answers;
        List<ProblemItem> invalid;
        using (body)
        {
            if (body!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiProblem.Create(StatusCodes.Status400BadRequest, "request.invalid_json", "请求内容应为 JSON 对象：{\"answers\": [...]}。",
                    "The body must be a JSON object: {\"answers\": [...]}.");
            }

            (answers, invalid) = SurveyAnswers.Check(body.RootElement, target!.Survey.Form, target.Group);
        }

        if (invalid.Count > 0)
        {
            return ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "survey.answers_invalid", "部分答案有误，请按提示修改后再提交。",
                "Some answers are not valid; correct them as shown and submit again.", invalid);
        }

        if (target.LinkId is { } linkId && limits.TryOpenLinkSubmission(address, linkId) is { } linkWait)
        {
            return RateLimited(http, linkWait);
        }

        if (await StoreAsync(db, target, answers, clock, cancellationToken) is { } refusedNow)
        {
            return refusedNow;
        }

        return TypedResults.Created((string?)null, new Submitted(SubmittedMessage));
    }

    /// <summary>
    /// Stores the response, consuming the token in the same transaction; with the survey row share-locked, so that a
    /// close waits for the submissions under way and none is taken after it. Null when stored, else why not.
    /// </summary>
    private static async Task<ProblemHttpResult?> StoreAsync(AppDbContext db, Target target, List<SurveyAnswer> answers, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var surveys = await db.Surveys.FromSql($"SELECT * FROM surveys WHERE id = {target.Survey.Id} FOR SHARE").AsNoTracking().ToListAsync(cancellationToken);
        if (surveys is not [{ } survey] || !Accepting(survey, now))
        {
            return Closed();
        }

        if (target.TokenId is { } tokenId)
        {
            // Exactly one of any number of concurrent submissions with a token gets the row; the others see it used.
            var consumed = await db.SurveyTokens.Where(t => t.Id == tokenId && !t.Used).ExecuteUpdateAsync(s => s.SetProperty(t => t.Used, true), cancellationToken);
            if (consumed == 0)
            {
                return TokenUsed();
            }
        }

        db.SurveyResponses.Add(new SurveyResponseRecord
        {
            Id = Guid.NewGuid(),
            SurveyId = survey.Id,
            UnitId = target.UnitId,
            GroupName = target.Group,
            SubmittedOn = DateOnly.FromDateTime(now.ToOffset(ProgressEndpoints.ChinaStandardTime).DateTime),
            Answers = answers,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>What a code opens.</summary>
    private sealed record Target(Survey Survey, Guid UnitId, string UnitName, string Group, Guid? TokenId, Guid? LinkId);

    /// <summary>
    /// The survey, unit and group a code opens, or why not: 404 for a code that does not exist (counted against the
    /// client address), 410 for one that no longer works.
    /// </summary>
    private static async Task<(Target?, ProblemHttpResult?)> ResolveAsync(
        AppDbContext db, string code, string address, SurveyRateLimits limits, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Guid surveyId, unitId;
        string group;
        Guid? tokenId = null, linkId = null;
        switch (SurveyCodes.KindOf(code))
        {
            case SurveyCodes.Kind.Token:
                var hash = SurveyCodes.Hash(code);
                var token = await db.SurveyTokens.AsNoTracking().Where(t => t.TokenHash == hash)
                    .Join(db.SurveyTokenBatches, t => t.BatchId, b => b.Id, (t, b) => new { t.Id, t.SurveyId, t.UnitId, t.GroupName, t.Used, b.ExpiresAt, b.RevokedAt })
                    .FirstOrDefaultAsync(cancellationToken);
                if (token is null)
                {
                    return (null, Unknown(address, limits));
                }

                if (token.RevokedAt is not null)
                {
                    return (null, Gone("survey.token_revoked", "该问卷链接已作废，请联系发放单位。", "This questionnaire link has been withdrawn; contact whoever gave it to you."));
                }

                if (token.Used)
                {
                    return (null, TokenUsed());
                }

                if (token.ExpiresAt <= now)
                {
                    return (null, Gone("survey.token_expired", "该问卷链接已过期。", "This questionnaire link has expired."));
                }

                (surveyId, unitId, group, tokenId) = (token.SurveyId, token.UnitId, token.GroupName, token.Id);
                break;
            case SurveyCodes.Kind.OpenLink:
                var link = await db.SurveyOpenLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, cancellationToken);
                if (link is null)
                {
                    return (null, Unknown(address, limits));
                }

                if (link.DisabledAt is not null)
                {
                    return (null, Gone("survey.link_disabled", "该问卷链接已停用。", "This questionnaire link has been disabled."));
                }

                (surveyId, unitId, group, linkId) = (link.SurveyId, link.UnitId, link.GroupName, link.Id);
                break;
            default:
                return (null, Unknown(address, limits));
        }

        var found = await db.Surveys.AsNoTracking().Where(s => s.Id == surveyId)
            .Select(s => new { Survey = s, Finalized = db.Campaigns.Any(c => c.Id == s.CampaignId && c.FinalizedAt != null) })
            .FirstAsync(cancellationToken);
        if (found.Finalized || !Accepting(found.Survey, now))
        {
            return (null, Closed());
        }

        if (found.Survey.Form.Group(group) is null)
        {
            return (null, Gone("survey.link_disabled", "该问卷链接对应的调查对象类别已不在问卷中。", "This link's respondent group is no longer in the questionnaire."));
        }

        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(cancellationToken);
        return (new Target(found.Survey, unitId, unitName, group, tokenId, linkId), null);
    }

    /// <summary>Whether the survey takes answers now: open, and its closing time (if any) not reached.</summary>
    public static bool Accepting(Survey survey, DateTimeOffset now) =>
        survey.Status == SurveyStatus.Open && (survey.ClosesAt is null || survey.ClosesAt > now);

    /// <summary>
    /// The body as JSON, or 415 (not JSON), 413 (over <see cref="MaxBodyBytes"/>, by its declared length or as read),
    /// 400 (not well-formed).
    /// </summary>
    private static async Task<(JsonDocument?, ProblemHttpResult?)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "request.media_type",
                "请以 JSON 格式（Content-Type: application/json，UTF-8）提交答案。", "Send the answers as JSON (Content-Type: application/json, UTF-8)."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes)
                {
                    return (null, TooLarge());
                }
            }

            try
            {
                return (JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 }), null);
            }
            catch (JsonException)
            {
                return (null, ApiProblem.Create(StatusCodes.Status400BadRequest, "request.invalid_json", "提交的内容不是有效的 JSON。", "The body is not well-formed JSON."));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult TooLarge() =>
        ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "request.too_large",
            $"提交的内容过大（上限 {MaxBodyBytes / 1024} KB）。", $"The body is too large (at most {MaxBodyBytes / 1024} KB).");

    private static ProblemHttpResult Unknown(string address, SurveyRateLimits limits)
    {
        limits.LookupFailed(address);
        return ApiProblem.Create(StatusCodes.Status404NotFound, "survey.code_unknown", "问卷链接无效，请核对链接是否完整。",
            "This questionnaire link is not valid; check that it is complete.");
    }

    private static ProblemHttpResult TokenUsed() =>
        Gone("survey.token_used", "该问卷链接已提交过答卷，每个链接只能提交一次。感谢您的参与！", "This questionnaire link has already been used; each link answers once. Thank you.");

    private static ProblemHttpResult Closed() =>
        Gone("survey.closed", "问卷尚未开放或已经结束。", "The questionnaire is not open, or has closed.");

    private static ProblemHttpResult Gone(string code, string zh, string en) => ApiProblem.Create(StatusCodes.Status410Gone, code, zh, en);

    private static ProblemHttpResult RateLimited(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = SurveyRateLimits.RetryAfterSeconds(wait);
        return ApiProblem.Create(StatusCodes.Status429TooManyRequests, "rate_limited", "请求过于频繁，请稍后再试。", "Too many requests; try again later.");
    }

    /// <summary>A code is a credential: answers must not be cached, indexed, or leak through a Referer.</summary>
    private static void NoStore(HttpContext http)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
        headers.XContentTypeOptions = "nosniff";
    }
}
