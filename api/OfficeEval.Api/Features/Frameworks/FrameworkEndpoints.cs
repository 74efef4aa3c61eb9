using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// Indicator frameworks: list and read (the office), export and the blank authoring workbook; import as a draft,
/// replace a draft, copy as a new version, publish (then immutable), delete an unused draft (administrators).
/// </summary>
public static class FrameworkEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapFrameworks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/frameworks").WithTags("Frameworks");
        group.MapGet("/", List).WithName("ListFrameworks")
            .WithSummary("Every framework version: code, version, name, total, applicable unit kinds, leaf count, published-at, draft flag.")
            .RequireAccess(Access.Office);
        group.MapGet("/authoring-template", Template).WithName("DownloadFrameworkAuthoringTemplate")
            .WithSummary("A blank authoring workbook (.xlsx): instructions, settings and an example row.")
            .Produces(StatusCodes.Status200OK, contentType: XlsxContentType)
            .RequireAccess(Access.Office);
        group.MapGet("/{frameworkId:guid}", Get).WithName("GetFramework")
            .WithSummary("The framework definition as JSON (the form POST /api/frameworks accepts).")
            .RequireAccess(Access.Office);
        group.MapGet("/{frameworkId:guid}/workbook", Export).WithName("ExportFrameworkWorkbook")
            .WithSummary("The framework in the authoring format (.xlsx).")
            .Produces(StatusCodes.Status200OK, contentType: XlsxContentType)
            .RequireAccess(Access.Office);
        group.MapPost("/", Import).WithName("ImportFramework")
            .WithSummary("Imports a framework as an unpublished draft: multipart field \"file\" (.xlsx authoring workbook) or an application/json definition.")
            .Accepts<FrameworkDefinition>("application/json", "multipart/form-data")
            .DisableAntiforgery()
            .RequireAccess(Access.Admin);
        group.MapPut("/{frameworkId:guid}", Replace).WithName("ReplaceFrameworkDraft")
            .WithSummary("Replaces a draft with a new workbook or JSON; a published version cannot change (409).")
            .Accepts<FrameworkDefinition>("application/json", "multipart/form-data")
            .DisableAntiforgery()
            .RequireAccess(Access.Admin);
        group.MapPost("/{frameworkId:guid}/versions", NewVersion).WithName("CopyFrameworkAsNewVersion")
            .WithSummary("Copies a framework as a new draft version, e.g. { \"version\": \"2027.1\" }.")
            .RequireAccess(Access.Admin);
        group.MapPost("/{frameworkId:guid}/publish", Publish).WithName("PublishFramework")
            .WithSummary("Validates and publishes a draft; published versions are immutable and may be used by campaigns.")
            .RequireAccess(Access.Admin);
        group.MapDelete("/{frameworkId:guid}", Delete).WithName("DeleteFrameworkDraft")
            .WithSummary("Deletes a draft that no campaign uses.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Ok<List<FrameworkSummary>>> List(AppDbContext db, CancellationToken cancellationToken)
    {
        var records = await db.Frameworks.AsNoTracking().OrderBy(f => f.Code).ThenBy(f => f.Version).ToListAsync(cancellationToken);
        return TypedResults.Ok(records.Select(r => FrameworkSummary.From(r, r.ToDefinition())).ToList());
    }

    internal static async Task<Results<JsonHttpResult<FrameworkDefinition>, ProblemHttpResult>> Get(Guid frameworkId, AppDbContext db, CancellationToken cancellationToken)
    {
        var record = await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameworkId, cancellationToken);
        return record is null ? NotFound() : TypedResults.Json(record.ToDefinition(), FrameworkRecord.Json);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(Guid frameworkId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var record = await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameworkId, cancellationToken);
        if (record is null)
        {
            return NotFound();
        }

        using var output = new MemoryStream();
        FrameworkWorkbook.Write(record.ToDefinition(), output);
        var fileName = $"{record.Code}-{record.Version}-指标体系.xlsx";
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"framework/{record.Id}/workbook")
            { Data = new { document = "framework_workbook", fileName, bytes = output.Length } }, cancellationToken: cancellationToken);
        return TypedResults.File(output.ToArray(), XlsxContentType, fileName);
    }

    internal static FileContentHttpResult Template()
    {
        using var output = new MemoryStream();
        FrameworkWorkbook.WriteTemplate(output);
        return TypedResults.File(output.ToArray(), XlsxContentType, "指标体系编制表.xlsx");
    }

    internal static async Task<Results<Created<FrameworkSummary>, ProblemHttpResult>> Import(
        HttpRequest request, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var upload = await FrameworkUpload.ReadAsync(request, cancellationToken);
        if (upload.Problem is not null)
        {
            return upload.Problem;
        }

        var framework = upload.Framework!;
        if (await db.Frameworks.AnyAsync(f => f.Code == framework.Code && f.Version == framework.Version, cancellationToken))
        {
            return Exists(framework);
        }

        var record = FrameworkRecord.From(framework);
        db.Frameworks.Add(record);
        audit.Add(new AuditEvent(AuditActions.FrameworkImported, Target(record)) { After = Audited(record, framework), Data = new { format = upload.Format } });
        if (!await SaveUniqueAsync(db, cancellationToken))
        {
            return Exists(framework);
        }

        return TypedResults.Created($"/api/frameworks/{record.Id}", FrameworkSummary.From(record, framework));
    }

    internal static async Task<Results<Ok<FrameworkSummary>, ProblemHttpResult>> Replace(
        Guid frameworkId, HttpRequest request, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        // Checked before the upload is read (404 and 409 come before the file's own problems), and again under the lock.
        var current = await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameworkId, cancellationToken);
        if (current is null)
        {
            return NotFound();
        }

        if (current.IsPublished)
        {
            return Published(current);
        }

        var upload = await FrameworkUpload.ReadAsync(request, cancellationToken);
        if (upload.Problem is not null)
        {
            return upload.Problem;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (record, refused) = await LockDraftAsync(db, frameworkId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var framework = upload.Framework!;
        if (await db.Frameworks.AnyAsync(f => f.Id != frameworkId && f.Code == framework.Code && f.Version == framework.Version, cancellationToken))
        {
            return Exists(framework);
        }

        var before = Audited(record, record.ToDefinition());
        var replacement = FrameworkRecord.From(framework);
        (record.Code, record.Version, record.Name, record.TotalPoints, record.Definition) =
            (replacement.Code, replacement.Version, replacement.Name, replacement.TotalPoints, replacement.Definition);
        audit.Add(new AuditEvent(AuditActions.FrameworkImported, Target(record)) { Before = before, After = Audited(record, framework), Data = new { format = upload.Format, replaced = true } });
        if (!await SaveUniqueAsync(db, cancellationToken))
        {
            return Exists(framework);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(FrameworkSummary.From(record, framework));
    }

    internal static async Task<Results<Created<FrameworkSummary>, ProblemHttpResult>> NewVersion(
        Guid frameworkId, NewVersionRequest? body, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var version = body?.Version?.Trim() ?? "";
        if (version.Length == 0 || version.Length > FrameworkLimits.VersionLength)
        {
            return ApiProblem.Create(422, "framework.version_invalid", "请填写新版本号（不超过 50 个字符），如 2027.1。",
                "Give the new version label (at most 50 characters), e.g. 2027.1.",
                [new ProblemItem("framework.version_invalid", "版本号为空或过长。", "The version is empty or too long.") { Field = "version" }]);
        }

        var source = await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameworkId, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }

        var framework = source.ToDefinition() with { Version = version };
        if (await db.Frameworks.AnyAsync(f => f.Code == framework.Code && f.Version == version, cancellationToken))
        {
            return Exists(framework);
        }

        var record = FrameworkRecord.From(framework);
        db.Frameworks.Add(record);
        audit.Add(new AuditEvent(AuditActions.FrameworkImported, Target(record))
        {
            After = Audited(record, framework),
            Data = new { format = "copy", copiedFrom = new { id = source.Id, source.Code, source.Version } },
        });
        if (!await SaveUniqueAsync(db, cancellationToken))
        {
            return Exists(framework);
        }

        return TypedResults.Created($"/api/frameworks/{record.Id}", FrameworkSummary.From(record, framework));
    }

    internal static async Task<Results<Ok<FrameworkSummary>, ProblemHttpResult>> Publish(
        Guid frameworkId, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (record, refused) = await LockDraftAsync(db, frameworkId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var (framework, problems) = FrameworkCheck.Check(record.ToDefinition());
        if (problems.Count > 0)
        {
            return ApiProblem.Create(422, "framework.invalid", "指标体系未通过校验，不能发布。", "The framework does not pass validation and cannot be published.", problems);
        }

        record.PublishedAt = clock.GetUtcNow();
        audit.Add(new AuditEvent(AuditActions.FrameworkPublished, Target(record))
        {
            Before = new { publishedAt = (DateTimeOffset?)null },
            After = new { record.Code, record.Version, record.PublishedAt },
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(FrameworkSummary.From(record, framework));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid frameworkId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (record, refused) = await LockDraftAsync(db, frameworkId, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (await db.Campaigns.AnyAsync(c => c.FrameworkId == frameworkId, cancellationToken))
        {
            return ApiProblem.Create(409, "framework.in_use", $"指标体系 {record.Code} {record.Version} 已被评估批次使用，不能删除。",
                $"Framework {record.Code} {record.Version} is used by a campaign and cannot be deleted.");
        }

        db.Frameworks.Remove(record);
        audit.Add(new AuditEvent(AuditActions.FrameworkDeleted, $"framework/{record.Id}") { Before = new { record.Code, record.Version, record.Name } });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The draft locked for this transaction, or 404, or 409 when it has been published.</summary>
    private static async Task<(FrameworkRecord Record, ProblemHttpResult? Refused)> LockDraftAsync(AppDbContext db, Guid frameworkId, CancellationToken cancellationToken)
    {
        var record = await LockAsync(db, frameworkId, cancellationToken);
        return record is null ? (null!, NotFound()) : record.IsPublished ? (record, Published(record)) : (record, null);
    }

    /// <summary>
    /// The framework, its row locked until the transaction ends: a draft being replaced, published or deleted cannot be
    /// published or changed by another request in between, so a published version never changes.
    /// </summary>
    private static async Task<FrameworkRecord?> LockAsync(AppDbContext db, Guid frameworkId, CancellationToken cancellationToken) =>
        (await db.Frameworks.FromSql($"SELECT * FROM frameworks WHERE id = {frameworkId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();

    /// <summary>Saves; false when another request stored the same code and version first (the unique index).</summary>
    private static async Task<bool> SaveUniqueAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    private static string Target(FrameworkRecord record) => $"framework/{record.Id}";

    private static object Audited(FrameworkRecord record, FrameworkDefinition framework) =>
        new { record.Code, record.Version, record.Name, record.TotalPoints, leaves = framework.Leaves().Count() };

    private static ProblemHttpResult NotFound() => ApiProblem.NotFound("指标体系", "framework");

    private static ProblemHttpResult Exists(FrameworkDefinition framework) =>
        ApiProblem.Create(409, "framework.exists", $"指标体系 {framework.Code} 的 {framework.Version} 版本已存在，请使用新的版本号。",
            $"Framework {framework.Code} version {framework.Version} already exists; use a new version label.",
            [new ProblemItem("framework.exists", "编码与版本号重复。", "The code and version are taken.") { Field = "version" }]);

    private static ProblemHttpResult Published(FrameworkRecord record) =>
        ApiProblem.Create(409, "framework.published", $"指标体系 {record.Code} {record.Version} 已发布，不能修改或删除；如需调整，请另存为新版本。",
            $"Framework {record.Code} {record.Version} is published and cannot change or be deleted; copy it as a new version instead.");
}
