using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core;
using OfficeEval.Core.History;

namespace OfficeEval.Api.Features.History;

/// <summary>
/// The indicator mapping from one framework version to another (指标对应关系): read it (the office), with the
/// suggestion when nothing is stored; replace it whole (administrators, audited).
/// </summary>
public static class FrameworkMappingEndpoints
{
    /// <summary>More links than any framework has mappable indicators; a body beyond it is refused unread.</summary>
    public const int MaxLinks = 5000;

    public static IEndpointRouteBuilder MapFrameworkMappings(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/frameworks/{fromId:guid}/mappings/{toId:guid}").WithTags("Frameworks");
        group.MapGet("/", Get).WithName("GetFrameworkMapping")
            .WithSummary("How the old version's dimensions and leaves carry over to the new one: stored, or suggested when nothing is (same code and name mapped; same code, new name flagged NeedsReview; else Unmapped); the new indicators nothing leads to.")
            .RequireAccess(Access.Office);
        group.MapPut("/", Save).WithName("SaveFrameworkMapping")
            .WithSummary("Replaces the stored mapping: { links: [{ fromCode, toCode (null = dropped), note }] }; dimensions to dimensions, leaves to leaves, several old to one new allowed; problems by links[i].field (422). An empty list removes it (the suggestion applies again).")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Ok<FrameworkMappingView>, ProblemHttpResult>> Get(Guid fromId, Guid toId, AppDbContext db, CancellationToken cancellationToken)
    {
        var (from, to, problem) = await LoadAsync(db, fromId, toId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (fromDefinition, toDefinition) = (from!.ToDefinition(), to!.ToDefinition());
        var (mapping, source) = await FrameworkMappings.LoadAsync(db, fromId, fromDefinition, toId, toDefinition, cancellationToken);
        return TypedResults.Ok(FrameworkMappingView.Of(from, fromDefinition, to, toDefinition, mapping, source));
    }

    internal static async Task<Results<Ok<FrameworkMappingView>, ProblemHttpResult>> Save(
        Guid fromId, Guid toId, FrameworkMappingRequest? request, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (request?.Links is not { } requested)
        {
            return Invalid([new ProblemItem("mapping.links_missing", "请提供对应关系列表 links。", "The body needs a links list.") { Field = "links" }]);
        }

        if (requested.Count > MaxLinks)
        {
            return Invalid([new ProblemItem("mapping.too_many", $"对应关系不能超过 {MaxLinks} 条。", $"A mapping has at most {MaxLinks} links.") { Field = "links" }]);
        }

        var links = requested.Select(l => new IndicatorLink(l?.FromCode?.Trim() ?? "", l?.ToCode?.Trim()) { Note = Clean(l?.Note) }).ToList();
        return await StoreAsync(fromId, toId, links, p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { Field = p.Field, IndicatorCode = p.IndicatorCode },
            "json", db, audit, cancellationToken);
    }

    /// <summary>
    /// Validates <paramref name="links"/> against both versions and, when they hold, replaces the stored mapping with
    /// them in one transaction (audited); each validation problem becomes a 422 item through <paramref name="place"/>.
    /// </summary>
    internal static async Task<Results<Ok<FrameworkMappingView>, ProblemHttpResult>> StoreAsync(Guid fromId, Guid toId, IReadOnlyList<IndicatorLink> links,
        Func<EngineProblem, ProblemItem> place, string format, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The old version's row is locked: two saves of the same mapping run one after the other, each replacing it whole.
        var (from, to, problem) = await LoadAsync(db, fromId, toId, cancellationToken, lockFrom: true);
        if (problem is not null)
        {
            return problem;
        }

        var mapping = new IndicatorMapping(links);
        var (fromDefinition, toDefinition) = (from!.ToDefinition(), to!.ToDefinition());
        var problems = mapping.Validate(fromDefinition, toDefinition);
        if (problems.Count > 0)
        {
            return Invalid([.. problems.Select(place)]);
        }

        var before = await db.FrameworkMappings.Where(m => m.FromFrameworkId == fromId && m.ToFrameworkId == toId)
            .OrderBy(m => m.FromCode).ToListAsync(cancellationToken);
        db.FrameworkMappings.RemoveRange(before);
        db.FrameworkMappings.AddRange(links.Select(l => new FrameworkMappingRecord
        {
            FromFrameworkId = fromId,
            ToFrameworkId = toId,
            FromCode = l.FromCode,
            ToCode = l.ToCode,
            Note = l.Note,
        }));
        audit.Add(new AuditEvent(AuditActions.FrameworkMappingSaved, $"framework/{fromId}/mappings/{toId}")
        {
            Before = before.Count == 0 ? null : new { Links = before.Select(Audited) },
            After = links.Count == 0 ? null : new { Links = links.Select(l => new { l.FromCode, l.ToCode, l.Note }) },
            Data = new { From = $"{from.Code} {from.Version}", To = $"{to.Code} {to.Version}", Format = format },
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var (saved, source) = await FrameworkMappings.LoadAsync(db, fromId, fromDefinition, toId, toDefinition, cancellationToken);
        return TypedResults.Ok(FrameworkMappingView.Of(from, fromDefinition, to, toDefinition, saved, source));
    }

    private static object Audited(FrameworkMappingRecord record) => new { record.FromCode, record.ToCode, record.Note };

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    /// <summary>Both versions, or 404 naming the missing one, or 422 when they are the same version.</summary>
    internal static async Task<(FrameworkRecord? From, FrameworkRecord? To, ProblemHttpResult? Problem)> LoadAsync(
        AppDbContext db, Guid fromId, Guid toId, CancellationToken cancellationToken, bool lockFrom = false)
    {
        if (fromId == toId)
        {
            return (null, null, Invalid([new ProblemItem("mapping.same_framework", "对应关系须在两个不同的指标体系版本之间建立。",
                "A mapping goes from one framework version to another.") { Field = "toId" }]));
        }

        var from = lockFrom
            ? (await db.Frameworks.FromSql($"SELECT * FROM frameworks WHERE id = {fromId} FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault()
            : await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fromId, cancellationToken);
        if (from is null)
        {
            return (null, null, ApiProblem.NotFound("原指标体系版本", "old framework version"));
        }

        var to = await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == toId, cancellationToken);
        return to is null ? (null, null, ApiProblem.NotFound("新指标体系版本", "new framework version")) : (from, to, null);
    }

    internal static ProblemHttpResult Invalid(IReadOnlyList<ProblemItem> errors) =>
        ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "mapping.invalid", "指标对应关系有误，请按提示修改。",
            "The indicator mapping is not valid; correct it as shown.", errors);
}

/// <summary>The whole mapping from one version to another; an empty list removes the stored one.</summary>
public sealed record FrameworkMappingRequest(List<FrameworkMappingLinkRequest?>? Links);

/// <summary>An old dimension or leaf, its successor (null: dropped) and why.</summary>
public sealed record FrameworkMappingLinkRequest(string? FromCode, string? ToCode, string? Note);
