using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core;
using OfficeEval.Core.History;
using OfficeEval.Documents.History;

namespace OfficeEval.Api.Features.History;

/// <summary>
/// The indicator mapping in Excel (指标对应关系表): out, as stored or suggested, to review and edit; in, replacing the
/// stored mapping as the JSON PUT does, with every problem placed on its sheet and cell.
/// </summary>
public static partial class FrameworkMappingWorkbookEndpoints
{
    public static IEndpointRouteBuilder MapFrameworkMappingWorkbook(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/frameworks/{fromId:guid}/mappings/{toId:guid}/workbook").WithTags("Frameworks");
        group.MapGet("/", Export).WithName("ExportFrameworkMappingWorkbook")
            .WithSummary("The mapping as a workbook (.xlsx): one row per old dimension and leaf with the new code to edit (a code, 撤销, or blank), the new name and status, a note; the new version's indicators on a second sheet. The suggestion when nothing is stored. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookEndpoints.XlsxContentType)
            .RequireAccess(Access.Office);
        group.MapPut("/", Import).WithName("ImportFrameworkMappingWorkbook")
            .WithSummary("Replaces the stored mapping from the workbook (multipart field \"file\"): rows with a new code or 撤销 become links, blank ones none; problems name sheet and cell (422); nothing stored unless every link holds.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(
        Guid fromId, Guid toId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (from, to, problem) = await FrameworkMappingEndpoints.LoadAsync(db, fromId, toId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (fromDefinition, toDefinition) = (from!.ToDefinition(), to!.ToDefinition());
        var (mapping, source) = await FrameworkMappings.LoadAsync(db, fromId, fromDefinition, toId, toDefinition, cancellationToken);
        var model = new MappingWorkbookModel($"{from.Code} {from.Version} {from.Name}", $"{to.Code} {to.Version} {to.Name}",
            MappingTable.Describe(fromDefinition, toDefinition, mapping),
            [.. IndicatorMapping.MappableNodes(toDefinition).Select(n => new MappingNode(n.Node.Code, n.Node.Name, n.IsDimension, n.Node.Points))])
        {
            Suggested = source == MappingSource.Suggested,
        };

        using var output = new MemoryStream();
        MappingWorkbook.Write(model, output);
        var fileName = FileNames.Safe($"{from.Code}-{from.Version}至{to.Version}-指标对应关系") + ".xlsx";
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"framework/{fromId}/mappings/{toId}/workbook")
            { Data = new { document = "framework_mapping_workbook", fileName, source = source.ToString(), bytes = output.Length } }, cancellationToken: cancellationToken);
        return TypedResults.File(output.ToArray(), WorkbookEndpoints.XlsxContentType, fileName);
    }

    internal static async Task<Results<Ok<FrameworkMappingView>, ProblemHttpResult>> Import(
        Guid fromId, Guid toId, HttpContext http, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (file, problem) = await WorkbookUploads.ReadFileAsync(http.Request, "指标对应关系表", "the mapping workbook", cancellationToken);
        if (file is null)
        {
            return problem!;
        }

        MappingWorkbookReadResult read;
        await using (var stream = file.OpenReadStream())
        {
            read = MappingWorkbook.Read(stream);
        }

        if (read.Problems.Count > 0)
        {
            // A refused file is one problem with the upload guard's code and no sheet: answered with its own status.
            if (read.Problems is [{ Sheet: null } refused] && refused.Code.StartsWith("upload.", StringComparison.Ordinal))
            {
                return ApiProblem.Create(ApiExceptionHandler.RejectionStatus(refused.Code), refused.Code, refused.MessageZh, refused.MessageEn);
            }

            return FrameworkMappingEndpoints.Invalid([.. read.Problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { Sheet = p.Sheet, Cell = p.Cell })]);
        }

        return await FrameworkMappingEndpoints.StoreAsync(fromId, toId, [.. read.Links.Select(l => l.Link)], p => Place(p, read), "xlsx", db, audit, cancellationToken);
    }

    /// <summary>A link's problem (<c>links[i].toCode</c>) on the cell the link was read from.</summary>
    private static ProblemItem Place(EngineProblem problem, MappingWorkbookReadResult read)
    {
        var item = new ProblemItem(problem.Code, problem.MessageZh, problem.MessageEn) { Field = problem.Field, IndicatorCode = problem.IndicatorCode };
        if (problem.Field is null || LinkField().Match(problem.Field) is not { Success: true } match)
        {
            return item;
        }

        var link = read.Links[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)];
        var cell = match.Groups[2].Value switch
        {
            "fromCode" => link.FromCell,
            "toCode" => link.ToCell,
            _ => link.NoteCell,
        };
        return item with { Sheet = read.Sheet, Cell = cell };
    }

    [GeneratedRegex(@"^links\[(\d+)\]\.(fromCode|toCode|note)$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkField();
}
