using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Documents.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// The questionnaire in Excel: the XLSForm-style authoring workbook out and in, the distribution workbook (links and QR
/// codes) of a new batch, and the anonymised raw responses. Each goes through the same rules as its JSON endpoint.
/// </summary>
public static class SurveyWorkbookEndpoints
{
    public static IEndpointRouteBuilder MapSurveyWorkbooks(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/survey").WithTags("Questionnaire");
        group.MapGet("/workbook", Export)
            .WithName("ExportSurveyWorkbook")
            .WithSummary("The questionnaire as the XLSForm-style authoring workbook (.xlsx: survey, choices, settings, groups, 填写说明); the blank template while the campaign has none.")
            .RequireAccess(Access.Office);
        group.MapPut("/workbook", Import)
            .WithName("ImportSurveyWorkbook")
            .WithSummary("Creates or replaces the questionnaire from an authoring workbook (multipart field \"file\"), as PUT …/survey does with JSON; problems name sheet and cell.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .RequireAccess(Access.Admin);
        group.MapPost("/tokens/workbook", IssueWorkbook)
            .WithName("IssueSurveyTokensWorkbook")
            .WithSummary("Issues a batch of single-use links as POST …/survey/tokens does, answered with the distribution workbook (.xlsx: one row per link with a clickable link and its QR code).")
            .RequireAccess(Access.Admin);
        group.MapGet("/responses/workbook", ResponsesWorkbook)
            .WithName("ExportSurveyResponsesWorkbook")
            .WithSummary("The anonymised raw responses as a workbook (.xlsx: evaluated unit, group, day, raw answer per item; a sheet explaining the values). Audited.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(Guid campaignId, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId, cancellationToken);

        using var output = new MemoryStream();
        SurveyFormWorkbook.Write(survey?.Form, output);
        return TypedResults.File(output.ToArray(), WorkbookEndpoints.XlsxContentType, survey is null ? "问卷编制表.xlsx" : "问卷编制表-" + FileNames.Safe(survey.Form.Title) + ".xlsx");
    }

    internal static async Task<Results<Created<SurveyEndpoints.SurveyView>, Ok<SurveyEndpoints.SurveyView>, ProblemHttpResult>> Import(
        Guid campaignId, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (file, problem) = await WorkbookUploads.ReadFileAsync(http.Request, "问卷编制表", "the questionnaire workbook", cancellationToken);
        if (file is null)
        {
            return problem!;
        }

        SurveyFormReadResult read;
        await using (var stream = file.OpenReadStream())
        {
            read = SurveyFormWorkbook.Read(stream);
        }

        if (read.Form is null)
        {
            // A refused file is one problem with the upload guard's code and no sheet: answered with its own status.
            if (read.Problems is [{ Sheet: null } refused] && refused.Code.StartsWith("upload.", StringComparison.Ordinal))
            {
                return ApiProblem.Create(ApiExceptionHandler.RejectionStatus(refused.Code), refused.Code, refused.MessageZh, refused.MessageEn);
            }

            return SurveyEndpoints.Invalid([.. read.Problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn)
            {
                Sheet = p.Sheet,
                Cell = p.Cell,
                Field = p.Field,
            })]);
        }

        return await SurveyEndpoints.SaveAsync(campaignId, read.Form, "xlsx", http, db, audit, clock, cancellationToken);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> IssueWorkbook(
        Guid campaignId, SurveyLinkEndpoints.IssueRequest? request, HttpContext http, ClaimsPrincipal user, AppDbContext db, AuditTrail audit,
        IOptions<OfficeEvalOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (batch, problem) = await SurveyLinkEndpoints.IssueBatchAsync(campaignId, request, user, db, audit, options.Value.BaseUrl, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var document = new SurveyLinksDocument(batch!.Title, batch.Group, batch.Mutual, batch.ExpiresAt,
            [.. batch.Links.Select(l => new SurveyLinkRow(l.UnitCode, l.UnitName, l.RespondentUnitCode, l.RespondentUnitName, l.Code, l.Url))]);
        using var output = new MemoryStream();
        SurveyLinksWorkbook.Write(document, output);
        // The codes answer questionnaires: not to be kept by any cache on the way.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Batch-Id"] = batch.BatchId.ToString();
        return TypedResults.File(output.ToArray(), WorkbookEndpoints.XlsxContentType, $"问卷链接-{FileNames.Safe(batch.Group)}-{batch.Links.Count}份.xlsx");
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ResponsesWorkbook(Guid campaignId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await SurveyResultsEndpoints.RawAsync(db, survey!, cancellationToken);
        using var output = new MemoryStream();
        SurveyResponsesWorkbook.Write(survey!.Form, rows.Select(r => new SurveyRawResponse(r.UnitCode, r.UnitName, r.Group, r.SubmittedOn, r.Answers)), output);
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"{SurveyEndpoints.Target(campaignId)}/responses")
        {
            CampaignId = campaignId,
            Data = new { Format = "xlsx", Responses = rows.Count, Bytes = output.Length },
        }, cancellationToken: cancellationToken);
        return TypedResults.File(output.ToArray(), WorkbookEndpoints.XlsxContentType, "问卷原始答卷.xlsx");
    }
}
