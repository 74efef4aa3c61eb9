using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>
/// The self-evaluation draft, entry by entry: read it (with its ETag), save changed answers (If-Match; a stale write
/// gets 412 with the current draft), and check it — scores, explanations, problems and the submission checklist.
/// </summary>
public static class DraftEndpoints
{
    public const int MaxAnswersPerRequest = 500;

    public sealed record AnswersRequest(IReadOnlyList<AnswerValue>? Answers);

    public sealed record DraftResponse(
        Guid CampaignId,
        Guid UnitId,
        string Status,
        string StatusZh,
        int Revision,
        DateTimeOffset? UpdatedAt,
        IReadOnlyList<AnswerValue> Answers,
        IReadOnlyList<VersionSummary> Versions)
    {
        /// <summary>The initial review's comments when the submission was returned (初审退回), for the unit to act on.</summary>
        public ReturnNotice? Returned { get; init; }
    }

    public sealed record VersionSummary(int Number, int Revision, DateTimeOffset SubmittedAt, Guid SubmittedBy, decimal Total, string Outcome, DateTimeOffset? DecidedAt, string? Comment);

    public sealed record ReturnNotice(int Version, string? Comment, IReadOnlyList<IndicatorComment> Indicators, DateTimeOffset? ReturnedAt);

    public static IEndpointRouteBuilder MapSelfAssessmentDrafts(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/self-assessment").WithTags("Self-assessment");
        group.MapGet("/", Get)
            .WithName("GetSelfAssessment")
            .WithSummary("The unit's draft: status, answers, submitted versions and returned comments; the ETag header is the draft's revision.")
            .RequireAccess(Access.UnitRead);
        group.MapPatch("/answers", SaveAnswers)
            .WithName("SaveSelfAssessmentAnswers")
            .WithSummary("Saves the given answers into the draft (an empty answer clears it). Requires If-Match with the draft's ETag; a stale one gets 412 with the current draft.")
            .RequireAccess(Access.UnitEdit);
        group.MapPost("/validate", Validate)
            .WithMetadata(LeavesDraftsUnchanged.Instance)
            .WithName("ValidateSelfAssessment")
            .WithSummary("Scores the draft, with any unsaved answers given laid over it, and lists problems and what still blocks submission; saves nothing.")
            .RequireAccess(Access.UnitRead);
        return endpoints;
    }

    internal static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> Get(
        Guid campaignId, Guid unitId, HttpContext http, AppDbContext db, CancellationToken cancellationToken)
    {
        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var record = await LoadAsync(db, campaignId, unitId, tracking: false, cancellationToken);
        Preconditions.SetETag(http, record?.Revision ?? 0);
        return TypedResults.Ok(Draft(context!, record));
    }

    internal static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> SaveAnswers(
        Guid campaignId, Guid unitId, AnswersRequest? request, HttpContext http, ClaimsPrincipal user,
        AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Preconditions.IfMatch(http.Request) is not { } expected)
        {
            return Preconditions.Required();
        }

        var (context, stored, problem) = await UnitContext.LoadWithDraftAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (request?.Answers is not { Count: > 0 } entries)
        {
            return ApiProblem.Create(400, "answers.missing", "请至少提交一项答案（answers）。", "Send at least one answer (answers).");
        }

        var invalid = AnswerRules.Check(context!.Framework, entries, MaxAnswersPerRequest);
        if (invalid.Count > 0)
        {
            return ApiProblem.Create(422, "answers.invalid", "部分答案无法保存，请按提示修改。", "Some answers cannot be saved; correct them as shown.", invalid);
        }

        return await SaveEntriesAsync(context, stored, expected, _ => entries, http, user, db, audit, clock, cancellationToken);
    }

    /// <summary>
    /// Applies entries to the draft under the ETag protocol: 412 with the current draft when the revision is not the
    /// one expected (or another writer wins at the database), 409 when the draft is locked; audited with the changed
    /// leaves only. <paramref name="stored"/> is the draft with its answers as <see cref="UnitContext.LoadWithDraftAsync"/>
    /// read it (untracked; null before the first save), and <paramref name="entriesFor"/> gets it. The save is
    /// guarded by the draft's revision (its concurrency token), as read then.
    /// </summary>
    internal static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> SaveEntriesAsync(
        UnitContext context, SelfAssessmentRecord? stored, IReadOnlySet<int> expected, Func<SelfAssessmentRecord?, IReadOnlyList<AnswerValue>> entriesFor,
        HttpContext http, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaignId, unitId) = (context.Campaign.Id, context.Unit.Id);
        var record = stored;
        var versions = record is null ? [] : await VersionsAsync(db, record.Id, cancellationToken);
        if (!expected.Contains(record?.Revision ?? 0))
        {
            return Preconditions.Failed(Draft(context, record, versions), record?.Revision ?? 0);
        }

        if (record is null)
        {
            record = new SelfAssessmentRecord { Id = Guid.CreateVersion7(), CampaignId = campaignId, UnitId = unitId, Status = SelfAssessmentStatus.Drafting };
            db.SelfAssessments.Add(record);
        }
        else if (!SelfAssessmentStatuses.IsEditable(record.Status))
        {
            return Locked(record.Status);
        }
        else
        {
            // Tracked from here, as read: the draft and its answers (not the versions, which a save never changes).
            db.SelfAssessments.Attach(record);
        }

        var (before, after) = Apply(db, record, entriesFor(record), context.Framework);
        if (after.Count == 0 && before.Count == 0)
        {
            Preconditions.SetETag(http, record.Revision);
            return TypedResults.Ok(Draft(context, record, versions));
        }

        record.Revision++;
        record.UpdatedAt = clock.GetUtcNow();
        record.UpdatedBy = user.UserId();
        audit.Add(new AuditEvent(AuditActions.AnswersChanged, $"self-assessment/{record.Id}")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Before = before,
            After = after,
            Data = new { record.Revision },
        });
        if (await TrySaveAsync(db, cancellationToken) is false)
        {
            var current = await LoadAsync(db, campaignId, unitId, tracking: false, cancellationToken);
            return Preconditions.Failed(Draft(context, current), current?.Revision ?? 0);
        }

        Preconditions.SetETag(http, record.Revision);
        return TypedResults.Ok(Draft(context, record, versions));
    }

    internal static async Task<Results<Ok<ScoreResponse>, ProblemHttpResult>> Validate(
        Guid campaignId, Guid unitId, AnswersRequest? request, HttpContext http, DraftCache cache, CancellationToken cancellationToken)
    {
        // The database context only when the database is read: a check served from memory needs none.
        var services = http.RequestServices;
        var (context, record, problem) = await UnitContext.LoadForCheckAsync(services, cache, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var overlay = request?.Answers ?? [];
        var invalid = AnswerRules.Check(context!.Framework, overlay, MaxAnswersPerRequest);
        if (invalid.Count > 0)
        {
            return ApiProblem.Create(422, "answers.invalid", "部分答案无法识别，请按提示修改。", "Some answers cannot be read; correct them as shown.", invalid);
        }

        var answers = (record?.Answers ?? []).Select(AnswerValue.From).ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        foreach (var entry in overlay)
        {
            if (entry.IsEmpty)
            {
                answers.Remove(entry.IndicatorCode);
            }
            else
            {
                answers[entry.IndicatorCode] = AnswerRules.Normalize(entry, context.Framework);
            }
        }

        var fractions = await context.SurveyFractionsAsync(services, cancellationToken);
        return TypedResults.Ok(Check(context.Framework, unitId, record?.Revision ?? 0, answers, record?.DataTables, fractions));
    }

    /// <summary>
    /// Scores the answers (with the questionnaire's <paramref name="surveyFractions"/>, once it has results) and lists
    /// the engine's problems and the submission checklist.
    /// </summary>
    internal static ScoreResponse Check(FrameworkDefinition framework, Guid unitId, int revision, IReadOnlyDictionary<string, AnswerValue> answers,
        Documents.SelfAssessment.UnitDataTables? tables, IReadOnlyDictionary<string, decimal> surveyFractions)
    {
        var score = UnitScorer.Score(framework, UnitEvaluation.Input(AnswerMapping.ToAnswers(answers.Values), tables?.Facts, surveyFractions));
        var problems = SubmissionChecklist.Check(framework, answers, score);
        return ScoreResponse.Of(unitId, revision, score, problems, tables) with { ReadyToSubmit = problems.All(p => p.IsWarning) };
    }

    /// <summary>The draft with its answers and submitted versions, tracked (to change it) or not.</summary>
    internal static Task<SelfAssessmentRecord?> LoadAsync(AppDbContext db, Guid campaignId, Guid unitId, bool tracking, CancellationToken cancellationToken) =>
        (tracking ? FindTracked : FindReadOnly)(db, campaignId, unitId, cancellationToken);

    // The draft's queries run on every read, check and save of a draft: compiled once, so that EF Core neither looks
    // them up in its query cache (which hashes the whole expression tree) nor translates them again per request.
    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<SelfAssessmentRecord?>> FindTracked = EF.CompileAsyncQuery(
        (AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken) =>
            db.SelfAssessments.Include(a => a.Answers).Include(a => a.Versions).AsSplitQuery()
                .FirstOrDefault(a => a.CampaignId == campaignId && a.UnitId == unitId));

    /// <summary>What the draft's response shows of its submitted versions, without the answers and data tables they froze.</summary>
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<SelfAssessmentVersion>> VersionsOf = EF.CompileAsyncQuery(
        (AppDbContext db, Guid draftId) => db.SelfAssessmentVersions.AsNoTracking().Where(v => v.SelfAssessmentId == draftId)
            .Select(v => new SelfAssessmentVersion
            {
                SelfAssessmentId = v.SelfAssessmentId,
                Number = v.Number,
                Revision = v.Revision,
                SubmittedAt = v.SubmittedAt,
                SubmittedBy = v.SubmittedBy,
                Total = v.Total,
                Outcome = v.Outcome,
                DecidedAt = v.DecidedAt,
                DecidedBy = v.DecidedBy,
                Comment = v.Comment,
                IndicatorComments = v.IndicatorComments,
            }));

    private static async Task<List<SelfAssessmentVersion>> VersionsAsync(AppDbContext db, Guid draftId, CancellationToken cancellationToken)
    {
        var versions = new List<SelfAssessmentVersion>();
        await foreach (var version in VersionsOf(db, draftId).WithCancellation(cancellationToken))
        {
            versions.Add(version);
        }

        return versions;
    }

    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<SelfAssessmentRecord?>> FindReadOnly = EF.CompileAsyncQuery(
        (AppDbContext db, Guid campaignId, Guid unitId, CancellationToken cancellationToken) =>
            db.SelfAssessments.AsNoTracking().Include(a => a.Answers).Include(a => a.Versions).AsSplitQuery()
                .FirstOrDefault(a => a.CampaignId == campaignId && a.UnitId == unitId));

    /// <summary>Saves; false when another writer got there first (a stale revision, or both creating the draft).</summary>
    internal static async Task<bool> TrySaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
        }

        db.ChangeTracker.Clear();
        return false;
    }

    internal static ProblemHttpResult Locked(SelfAssessmentStatus status) =>
        ApiProblem.Create(409, "self_assessment.locked",
            $"自评当前状态为“{SelfAssessmentStatuses.NameZh(status)}”，不能修改；退回后方可修改。",
            $"The self-evaluation is {status} and cannot change until it is returned.");

    /// <summary>The draft as the API shows it; <paramref name="versions"/> when given, else the record's own.</summary>
    internal static DraftResponse Draft(UnitContext context, SelfAssessmentRecord? record, IReadOnlyList<SelfAssessmentVersion>? versions = null)
    {
        var order = context.Framework.Leaves().Select((l, i) => (l.Node.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var answers = (record?.Answers ?? [])
            .OrderBy(a => order.GetValueOrDefault(a.IndicatorCode, int.MaxValue)).ThenBy(a => a.IndicatorCode, StringComparer.Ordinal)
            .Select(AnswerValue.From).ToList();
        var submitted = (versions ?? record?.Versions ?? []).OrderBy(v => v.Number).ToList();
        var status = record?.Status ?? SelfAssessmentStatus.NotStarted;
        var last = submitted.LastOrDefault();
        return new DraftResponse(context.Campaign.Id, context.Unit.Id, status.ToString(), SelfAssessmentStatuses.NameZh(status),
            record?.Revision ?? 0, record?.UpdatedAt, answers,
            [.. submitted.Select(v => new VersionSummary(v.Number, v.Revision, v.SubmittedAt, v.SubmittedBy, v.Total, v.Outcome.ToString(), v.DecidedAt, v.Comment))])
        {
            Returned = status == SelfAssessmentStatus.Returned && last is { Outcome: VersionOutcome.Returned }
                ? new ReturnNotice(last.Number, last.Comment, last.IndicatorComments, last.DecidedAt)
                : null,
        };
    }

    /// <summary>Applies the entries to the tracked draft; returns the changed leaves before and after.</summary>
    private static (Dictionary<string, AnswerValue?> Before, Dictionary<string, AnswerValue?> After) Apply(
        AppDbContext db, SelfAssessmentRecord record, IReadOnlyList<AnswerValue> entries, FrameworkDefinition framework)
    {
        var before = new Dictionary<string, AnswerValue?>(StringComparer.Ordinal);
        var after = new Dictionary<string, AnswerValue?>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var existing = record.Answers.FirstOrDefault(a => a.IndicatorCode == entry.IndicatorCode);
            var old = existing is null ? null : AnswerValue.From(existing);
            var value = entry.IsEmpty ? null : AnswerRules.Normalize(entry, framework);
            if (AnswerRules.SameAs(old, value))
            {
                continue;
            }

            before[entry.IndicatorCode] = old;
            after[entry.IndicatorCode] = value;
            if (value is null)
            {
                record.Answers.Remove(existing!);
                db.Answers.Remove(existing!);
                continue;
            }

            if (existing is null)
            {
                existing = new AnswerRecord { SelfAssessmentId = record.Id, IndicatorCode = entry.IndicatorCode };
                record.Answers.Add(existing);
                db.Answers.Add(existing);
            }

            existing.Option = value.Option;
            existing.Number = value.Number;
            existing.Finding = value.Finding;
            existing.Counts = value.Counts is null ? null : new Dictionary<string, decimal>(value.Counts, StringComparer.Ordinal);
            existing.SelfScore = value.SelfScore;
            existing.Explanation = value.Explanation;
            existing.Evidence = value.Evidence is null ? null : [.. value.Evidence];
        }

        return (before, after);
    }
}
