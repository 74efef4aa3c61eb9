using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// The ledger's workflow over HTTP. Each transition's policy is the right <see cref="RectificationWorkflow.Right"/>
/// names (so a unit's staff get 403 on close, return and reopen, and a reviewer on start and submit); a transition
/// from any other status is 409 <c>rectification.transition_invalid</c> naming from and to. Every transition needs
/// If-Match, is written to the item's history and audited.
/// </summary>
public static class RectificationTransitions
{
    internal static void Map(RouteGroupBuilder unit)
    {
        unit.MapPost("/{itemId:guid}/start", Start)
            .WithName("StartRectification")
            .WithSummary("待整改 → 整改中: the unit starts rectifying (optional note); needs If-Match.")
            .RequireAccess(Access.UnitEdit);
        unit.MapPost("/{itemId:guid}/submit", Submit)
            .WithName("SubmitRectification")
            .WithSummary("整改中 → 待核验: the unit reports what it did (description, required) with evidence files (multipart field files: PDF, .docx, .xlsx, JPEG or PNG, at most 20 MB each and 10 per submission), or as JSON without files; needs If-Match.")
            .Accepts<SubmitRequest>("multipart/form-data", "application/json")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceFiles.MaxRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: EvidenceFiles.MaxRequestBytes)
            .RequireAccess(Access.UnitEdit);
        unit.MapPost("/{itemId:guid}/close", Close)
            .WithName("CloseRectification")
            .WithSummary("待核验 → 已销号 (销号): a reviewer of the unit's group or the office verifies the evidence and closes the item with a note (required); needs If-Match.")
            .RequireAccess(Access.UnitReview);
        unit.MapPost("/{itemId:guid}/return", Return)
            .WithName("ReturnRectification")
            .WithSummary("待核验 → 整改中: the evidence does not suffice; back to the unit with a note (required); needs If-Match.")
            .RequireAccess(Access.UnitReview);
        unit.MapPost("/{itemId:guid}/reopen", Reopen)
            .WithName("ReopenRectification")
            .WithSummary("已销号 → 整改中: a closed item turns out not to be rectified; reopened with a note (required); needs If-Match.")
            .RequireAccess(Access.UnitReview);
        unit.MapGet("/{itemId:guid}/files/{fileId:guid}", Download)
            .WithName("DownloadRectificationEvidence")
            .WithSummary("One evidence file of the item, as an attachment under its sanitised name; audited as an export.")
            .RequireAccess(Access.UnitRead);
    }

    internal static Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> Start(
        Guid campaignId, Guid unitId, Guid itemId, NoteRequest? request, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken) =>
        NoteTransitionAsync(RectificationTransition.Start, campaignId, unitId, itemId, request, user, http, db, audit, clock, cancellationToken);

    internal static Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> Close(
        Guid campaignId, Guid unitId, Guid itemId, NoteRequest? request, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken) =>
        NoteTransitionAsync(RectificationTransition.Close, campaignId, unitId, itemId, request, user, http, db, audit, clock, cancellationToken);

    internal static Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> Return(
        Guid campaignId, Guid unitId, Guid itemId, NoteRequest? request, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken) =>
        NoteTransitionAsync(RectificationTransition.Return, campaignId, unitId, itemId, request, user, http, db, audit, clock, cancellationToken);

    internal static Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> Reopen(
        Guid campaignId, Guid unitId, Guid itemId, NoteRequest? request, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit,
        TimeProvider clock, CancellationToken cancellationToken) =>
        NoteTransitionAsync(RectificationTransition.Reopen, campaignId, unitId, itemId, request, user, http, db, audit, clock, cancellationToken);

    internal static async Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> Submit(
        Guid campaignId, Guid unitId, Guid itemId, ClaimsPrincipal user, HttpContext http, AppDbContext db, AuditTrail audit, ReportFiles files,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, item, problem) = await ReadyAsync(RectificationTransition.Submit, campaignId, unitId, itemId, user, http, db, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (description, uploads, bodyProblem) = await ReadSubmissionAsync(http, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (text, descriptionProblem) = RectificationRequests.Note(description, required: true, field: "description");
        var problems = descriptionProblem is null ? new List<ProblemItem>() : [descriptionProblem];
        if (uploads.Count > EvidenceFiles.MaxFilesPerSubmission)
        {
            problems.Add(RectificationRequests.Error("upload.too_many_files", "files",
                $"每次最多上传 {EvidenceFiles.MaxFilesPerSubmission} 个文件，本次有 {uploads.Count} 个。",
                $"At most {EvidenceFiles.MaxFilesPerSubmission} files per submission; {uploads.Count} were sent."));
            return RectificationRequests.Invalid(problems);
        }

        var checkedFiles = uploads.Select(EvidenceFiles.Check).ToList();
        var refused = checkedFiles.Where(f => f.Problem is not null).ToList();
        if (refused.Count > 0)
        {
            // The worst refusal sets the status: too large (413) over a type not accepted (415) over an empty file (400).
            var worst = refused.MaxBy(f => f.Status switch { 413 => 3, 415 => 2, _ => 1 })!;
            return ApiProblem.Create(worst.Status, worst.Problem!.Code, worst.Problem.MessageZh, worst.Problem.MessageEn,
                [.. refused.Select(f => f.Problem!), .. problems]);
        }

        if (problems.Count > 0)
        {
            return RectificationRequests.Invalid(problems);
        }

        var stored = new List<EvidenceFile>();
        var saved = false;
        try
        {
            foreach (var file in checkedFiles)
            {
                stored.Add(await EvidenceFiles.StoreAsync(files, item!.Id, file, cancellationToken));
            }

            var now = clock.GetUtcNow();
            var evidence = new RectificationEvidence(text!, stored) { SubmittedAt = now, SubmittedBy = user.UserId() };
            item!.Evidence = [.. item.Evidence, evidence];
            var conflict = await MoveAsync(RectificationTransition.Submit, item, text, new { Description = text, Files = stored }, user, db, audit, ledger!, clock, now, cancellationToken);
            if (conflict is not null)
            {
                return conflict;
            }

            saved = true;
        }
        finally
        {
            if (!saved)
            {
                EvidenceFiles.Remove(files, itemId, stored);
            }
        }

        Preconditions.SetETag(http, item.Revision);
        return TypedResults.Ok(await RectificationItems.DetailAsync(db, item, ledger!, user, clock, cancellationToken));
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(
        Guid campaignId, Guid unitId, Guid itemId, Guid fileId, HttpContext http, AppDbContext db, AuditTrail audit, ReportFiles files,
        CancellationToken cancellationToken)
    {
        var item = await RectificationItems.FindAsync(db, campaignId, unitId, itemId, tracking: false, cancellationToken);
        if (item is null)
        {
            return RectificationItems.ItemNotFound();
        }

        var file = item.Evidence.SelectMany(e => e.Files).FirstOrDefault(f => f.Id == fileId);
        var stream = file is null ? null : EvidenceFiles.Open(files, itemId, fileId);
        if (stream is null)
        {
            return ApiProblem.NotFound("该整改事项的佐证材料文件", "evidence file of this item");
        }

        try
        {
            await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"{RectificationItems.Target(itemId)}/files/{fileId}")
            {
                CampaignId = campaignId,
                UnitId = unitId,
                Data = new { document = "rectification_evidence", fileName = file!.Name, bytes = file.Size },
            }, cancellationToken: cancellationToken);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        // Served as what its content showed it to be, never sniffed by the browser as anything else.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(stream, file.ContentType, file.Name);
    }

    private static async Task<Results<Ok<RectificationItemView>, ProblemHttpResult>> NoteTransitionAsync(
        RectificationTransition transition, Guid campaignId, Guid unitId, Guid itemId, NoteRequest? request, ClaimsPrincipal user, HttpContext http,
        AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, item, problem) = await ReadyAsync(transition, campaignId, unitId, itemId, user, http, db, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (note, noteProblem) = RectificationRequests.Note(request?.Note, RectificationWorkflow.NeedsNote(transition));
        if (noteProblem is not null)
        {
            return RectificationRequests.Invalid([noteProblem]);
        }

        var conflict = await MoveAsync(transition, item!, note, note is null ? null : new { Note = note }, user, db, audit, ledger!, clock, clock.GetUtcNow(), cancellationToken);
        if (conflict is not null)
        {
            return conflict;
        }

        Preconditions.SetETag(http, item!.Revision);
        return TypedResults.Ok(await RectificationItems.DetailAsync(db, item, ledger!, user, clock, cancellationToken));
    }

    /// <summary>The item, once the request named its current revision and the transition may start from its status.</summary>
    private static async Task<(LedgerContext? Ledger, RectificationItem? Item, ProblemHttpResult? Problem)> ReadyAsync(
        RectificationTransition transition, Guid campaignId, Guid unitId, Guid itemId, ClaimsPrincipal user, HttpContext http, AppDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, item, problem) = await RectificationItems.ForChangeAsync(db, campaignId, unitId, itemId, http, user, clock, cancellationToken);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        return RectificationWorkflow.Allows(item!.Status, transition) ? (ledger, item, null) : (null, null, Invalid(item.Status, transition));
    }

    /// <summary>409 naming where the item is and where the transition goes from and to.</summary>
    private static ProblemHttpResult Invalid(RectificationStatus status, RectificationTransition transition)
    {
        var (from, to) = (RectificationWorkflow.From(transition), RectificationWorkflow.To(transition));
        var problem = ApiProblem.Details(StatusCodes.Status409Conflict, "rectification.transition_invalid",
            $"整改事项当前为“{RectificationWorkflow.NameZh(status)}”，不能{RectificationWorkflow.NameZh(transition)}：" +
            $"{RectificationWorkflow.NameZh(transition)}只能从“{RectificationWorkflow.NameZh(from)}”变为“{RectificationWorkflow.NameZh(to)}”。",
            $"The item is {status}: {RectificationWorkflow.Action(transition)} moves an item from {from} to {to} only.");
        problem.Extensions["itemStatus"] = status.ToString();
        problem.Extensions["from"] = from.ToString();
        problem.Extensions["to"] = to.ToString();
        return TypedResults.Problem(problem);
    }

    /// <summary>Moves the item, writes its history and the audit entry, and saves; the 412 problem when it changed meanwhile.</summary>
    private static async Task<ProblemHttpResult?> MoveAsync(
        RectificationTransition transition, RectificationItem item, string? note, object? data, ClaimsPrincipal user, AppDbContext db, AuditTrail audit,
        LedgerContext ledger, TimeProvider clock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = (item.Status, RectificationWorkflow.To(transition));
        var by = user.UserId();
        var before = new { Status = from.ToString(), item.Revision };
        item.Status = to;
        RectificationItems.Touch(item, by, now);
        if (transition == RectificationTransition.Close)
        {
            item.ClosedAt = now;
            item.ClosedBy = by;
        }
        else if (transition == RectificationTransition.Reopen)
        {
            item.ClosedAt = null;
            item.ClosedBy = null;
        }

        db.RectificationEvents.Add(RectificationItems.Event(item, RectificationWorkflow.Action(transition), from, to, note, by, now));
        audit.Add(new AuditEvent(AuditAction(transition), RectificationItems.Target(item.Id))
        {
            CampaignId = item.CampaignId,
            UnitId = item.UnitId,
            Before = before,
            After = new { Status = to.ToString(), item.Revision },
            Data = data,
        });
        return await RectificationItems.SaveOrConflictAsync(db, item.CampaignId, item.UnitId, item.Id, ledger, user, clock, cancellationToken);
    }

    private static string AuditAction(RectificationTransition transition) => transition switch
    {
        RectificationTransition.Start => AuditActions.RectificationStarted,
        RectificationTransition.Submit => AuditActions.RectificationSubmitted,
        RectificationTransition.Close => AuditActions.RectificationClosed,
        RectificationTransition.Return => AuditActions.RectificationReturned,
        RectificationTransition.Reopen => AuditActions.RectificationReopened,
    };

    /// <summary>A submission's description and files: a multipart form (field description, files in any file field) or JSON.</summary>
    private static async Task<(string? Description, IReadOnlyList<IFormFile> Files, ProblemHttpResult? Problem)> ReadSubmissionAsync(
        HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(cancellationToken);
                return (form["description"].ToString(), [.. form.Files], null);
            }
            catch (InvalidDataException)
            {
                return (null, [], request.ContentLength > EvidenceFiles.MaxRequestBytes
                    ? ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "upload.too_large", "上传内容过大：每个文件不超过 20 MB，每次不超过 10 个文件。",
                        "The upload is too large: at most 20 MB per file and 10 files per submission.")
                    : ApiProblem.Create(StatusCodes.Status400BadRequest, "request.invalid", "表单格式无效。", "The form is malformed."));
            }
        }

        if (request.HasJsonContentType())
        {
            try
            {
                var body = await request.ReadFromJsonAsync<SubmitRequest>(cancellationToken);
                return (body?.Description, [], null);
            }
            catch (JsonException)
            {
                return (null, [], ApiProblem.Create(StatusCodes.Status400BadRequest, "request.invalid", "请求内容不是有效的 JSON。", "The body is not valid JSON."));
            }
        }

        if (request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType))
        {
            return (null, [], null);
        }

        return (null, [], ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "request.unsupported_media_type",
            "请以 multipart/form-data（字段 description 和 files）或 application/json（字段 description）提交整改情况。",
            "Send the submission as multipart/form-data (fields description and files) or application/json (field description)."));
    }
}
