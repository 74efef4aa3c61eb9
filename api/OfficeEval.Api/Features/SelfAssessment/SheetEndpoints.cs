using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>
/// The task pane's live path: it sends 自评表's cells as Excel holds them (the sheet's used range), and the API reads
/// them exactly as it reads an uploaded workbook — one reader, so a cell means the same either way — then scores, or
/// saves the draft under the ETag protocol. Evidence marks and the data tables stay as stored.
/// </summary>
public static class SheetEndpoints
{
    public const int MaxRows = 2000;
    public const int MaxColumns = 40;
    public const int MaxCellText = 4000;

    /// <summary>The used range: its values (rows of cells) and its top-left cell, 0-based as Office.js gives them.</summary>
    public sealed record SheetRequest(IReadOnlyList<IReadOnlyList<JsonElement>>? Values, int RowIndex, int ColumnIndex);

    /// <summary>
    /// What the pane needs to find its way in the sheet and to tell whether the workbook is current; and the identity
    /// part for this unit's template (<c>IdentityXml</c>), which the pane adds to a workbook it inserted the sheets into.
    /// </summary>
    public sealed record SheetInfo(string Sheet, string IdentityNamespace, string FrameworkCode, string FrameworkVersion, string StructureHash, string IdentityXml);

    public static IEndpointRouteBuilder MapSelfAssessmentSheet(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/self-assessment/sheet").WithTags("Self-assessment");
        group.MapGet("/", Info)
            .WithName("GetSelfAssessmentSheetInfo")
            .WithSummary("The sheet the task pane reads, the identity namespace, and the current template's structure hash (to say when a workbook is outdated).")
            .RequireAccess(Access.UnitRead);
        group.MapPost("/validate", Validate)
            .WithName("ValidateSelfAssessmentSheet")
            .WithSummary("Reads 自评表's cells as the workbook reader does and scores them with the stored data tables; problems by cell and the submission checklist; saves nothing.")
            .RequireAccess(Access.UnitRead);
        group.MapPut("/", Save)
            .WithName("SaveSelfAssessmentSheet")
            .WithSummary("Saves 自评表's cells as the draft's answers (If-Match; 412 with the current draft when stale); cells that cannot be read: 422 by cell, nothing saved.")
            .RequireAccess(Access.UnitEdit);
        return endpoints;
    }

    internal static async Task<Results<Ok<SheetInfo>, ProblemHttpResult>> Info(Guid campaignId, Guid unitId, AppDbContext db, CancellationToken cancellationToken)
    {
        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var framework = context!.Framework;
        var template = WorkbookEndpoints.Template(context.Campaign, context.Link, framework);
        return TypedResults.Ok(new SheetInfo(SelfAssessmentWorkbook.AssessmentSheetName, SelfAssessmentWorkbook.IdentityNamespace,
            framework.Code, framework.Version, template.Identity.StructureHash, SelfAssessmentWorkbook.IdentityXml(template)));
    }

    internal static async Task<Results<Ok<ScoreResponse>, ProblemHttpResult>> Validate(
        Guid campaignId, Guid unitId, SheetRequest? request, AppDbContext db, CancellationToken cancellationToken)
    {
        var (context, record, problem) = await UnitContext.LoadWithDraftAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (read, refused) = Read(request, context!);
        if (refused is not null)
        {
            return refused;
        }

        var answers = Entries(read!, record).Where(a => !a.IsEmpty).ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        var checkedDraft = DraftEndpoints.Check(context!.Framework, unitId, record?.Revision ?? 0, answers, record?.DataTables, await context.SurveyFractionsAsync(db, cancellationToken));
        // The cells' own problems first, by cell; then the engine's and the checklist's, located on the sheet where possible.
        return TypedResults.Ok(checkedDraft with
        {
            Problems = [.. read!.Problems.Select(WorkbookEndpoints.ToItem), .. checkedDraft.Problems],
            ReadyToSubmit = checkedDraft.ReadyToSubmit == true && read.IsValid,
        });
    }

    internal static async Task<Results<Ok<DraftEndpoints.DraftResponse>, ProblemHttpResult>> Save(
        Guid campaignId, Guid unitId, SheetRequest? request, HttpContext http, ClaimsPrincipal user,
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

        var (read, refused) = Read(request, context!);
        if (refused is not null)
        {
            return refused;
        }

        if (!read!.IsValid)
        {
            // Saving around an unreadable cell would lose what the unit wrote in it: nothing is saved.
            return ApiProblem.Create(422, "sheet.cells_invalid", "自评表中有无法读取的单元格，请按提示修改后再保存。",
                "Some cells of 自评表 cannot be read; correct them as shown, then save.",
                [.. read.Problems.Where(p => !p.IsWarning).Select(WorkbookEndpoints.ToItem)]);
        }

        return await DraftEndpoints.SaveEntriesAsync(context!, stored, expected, record => Entries(read, record), http, user, db, audit, clock, cancellationToken);
    }

    /// <summary>Every leaf's answer from the cells, keeping the evidence marks stored for it; a blank row clears its leaf.</summary>
    private static List<AnswerValue> Entries(AssessmentCellsRead read, SelfAssessmentRecord? record)
    {
        var evidence = (record?.Answers ?? []).Where(a => a.Evidence is not null).ToDictionary(a => a.IndicatorCode, a => a.Evidence!, StringComparer.Ordinal);
        var codes = read.Answers.Keys.Union(evidence.Keys, StringComparer.Ordinal);
        return [.. codes.Select(code =>
        {
            var value = read.Answers.TryGetValue(code, out var a)
                ? new AnswerValue(code) { Option = a.Option, Number = a.Number, Finding = a.Finding, Counts = a.Counts, SelfScore = a.SelfScore, Explanation = a.Explanation }
                : new AnswerValue(code);
            return value with { Evidence = evidence.GetValueOrDefault(code) };
        })];
    }

    private static (AssessmentCellsRead?, ProblemHttpResult?) Read(SheetRequest? request, UnitContext context)
    {
        var values = request?.Values;
        if (values is null || values.Count == 0)
        {
            return (null, ApiProblem.Create(400, "sheet.values_missing", "请发送“自评表”工作表的单元格（values）。", "Send the cells of sheet 自评表 (values)."));
        }

        if (values.Count > MaxRows || values.Any(r => r is null || r.Count > MaxColumns) || request!.RowIndex < 0 || request.ColumnIndex < 0
            || request.RowIndex > 1_000_000 || request.ColumnIndex > 16_000)
        {
            return (null, ApiProblem.Create(413, "sheet.too_large", $"发送的区域过大：最多 {MaxRows} 行、{MaxColumns} 列。",
                $"The range sent is too large: at most {MaxRows} rows and {MaxColumns} columns."));
        }

        var grid = values.Select(row => (IReadOnlyList<string>)[.. row.Select(Text)]).ToList();
        var read = SelfAssessmentWorkbook.ReadAssessmentCells(grid, request.RowIndex + 1, request.ColumnIndex + 1, context.Framework,
            UploadLimits.Default with { MaxCellText = MaxCellText });
        return (read, null);
    }

    /// <summary>A cell as text: numbers in invariant form, as the workbook stores them.</summary>
    private static string Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString() ?? "",
        JsonValueKind.Number => cell.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : cell.GetRawText(),
        JsonValueKind.True => "TRUE",
        JsonValueKind.False => "FALSE",
        _ => "",
    };
}
