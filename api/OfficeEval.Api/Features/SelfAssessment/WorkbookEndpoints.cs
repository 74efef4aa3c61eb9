using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>The self-evaluation workbook: download the unit's template; check or upload it filled.</summary>
public static class WorkbookEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapSelfAssessmentWorkbook(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/self-assessment").WithTags("Self-assessment");
        group.MapGet("/workbook", Download)
            .WithName("DownloadSelfAssessmentWorkbook")
            .WithSummary("The unit's self-evaluation workbook (.xlsx) for this campaign: 填表说明, 自评表, 基本情况, 编制与人员, 工作量测算.")
            .Produces(StatusCodes.Status200OK, contentType: XlsxContentType)
            .RequireAccess(Access.UnitRead);
        group.MapPost("/workbook", Upload)
            .WithName("UploadSelfAssessmentWorkbook")
            .WithSummary("Uploads the filled workbook: its answers and data tables become the unit's draft; returns scores, explanations and problems by sheet and cell.")
            .DisableAntiforgery()
            .RequireAccess(Access.UnitEdit);
        group.MapPost("/workbook/validate", Validate)
            .WithName("ValidateSelfAssessmentWorkbook")
            .WithSummary("Checks a filled workbook and scores it without saving anything.")
            .DisableAntiforgery()
            .RequireAccess(Access.UnitRead);
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (context, problem) = await LoadForUnit(campaignId, unitId, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        using var output = new MemoryStream();
        SelfAssessmentWorkbook.Write(context!.Template, output);
        var fileName = $"{context.Campaign.Year}-{context.Link.Unit!.Code}-自评表.xlsx";
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"campaign/{campaignId}/unit/{unitId}/self-assessment-workbook")
            { CampaignId = campaignId, UnitId = unitId, Data = new { document = "self_assessment_workbook", fileName, bytes = output.Length } },
            cancellationToken: cancellationToken);
        return TypedResults.File(output.ToArray(), XlsxContentType, fileName);
    }

    internal static async Task<Results<Ok<ScoreResponse>, ProblemHttpResult>> Validate(
        Guid campaignId, Guid unitId, IFormFile? file, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var (context, problem) = await LoadForUnit(campaignId, unitId, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var fractions = await SurveyScores.FractionsAsync(db, campaignId, unitId, context!.Template.Framework, cancellationToken);
        var (read, evaluation, refused) = await ReadUpload(file, context.Template, fractions);
        if (refused is not null)
        {
            return refused;
        }

        var revision = await db.SelfAssessments.Where(a => a.CampaignId == campaignId && a.UnitId == unitId).Select(a => (int?)a.Revision).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(ScoreResponse.From(unitId, revision ?? 0, evaluation!, read!.DataTables));
    }

    internal static async Task<Results<Ok<ScoreResponse>, ProblemHttpResult>> Upload(
        Guid campaignId, Guid unitId, IFormFile? file, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (context, problem) = await LoadForUnit(campaignId, unitId, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!UnitAccess.CanEditAnswers(user, unitId))
        {
            return ApiProblem.Forbidden();
        }

        var fractions = await SurveyScores.FractionsAsync(db, campaignId, unitId, context!.Template.Framework, cancellationToken);
        var (read, evaluation, refused) = await ReadUpload(file, context.Template, fractions);
        if (refused is not null)
        {
            return refused;
        }

        if (!read!.IsValid)
        {
            // Cells that cannot be read would lose what the unit wrote: store nothing and say which cells.
            return ApiProblem.Create(422, "upload.cells_invalid", "自评表中有无法读取的单元格，请修改后重新上传。",
                "Some cells of the workbook cannot be read; correct them and upload again.",
                [.. read.Problems.Where(p => !p.IsWarning).Select(ToItem)]);
        }

        var assessment = await db.SelfAssessments.Include(a => a.Answers)
            .FirstOrDefaultAsync(a => a.CampaignId == campaignId && a.UnitId == unitId, cancellationToken);
        if (assessment is null)
        {
            assessment = new SelfAssessmentRecord { Id = Guid.CreateVersion7(), CampaignId = campaignId, UnitId = unitId, Status = SelfAssessmentStatus.Drafting };
            db.SelfAssessments.Add(assessment);
        }
        else if (!SelfAssessmentStatuses.IsEditable(assessment.Status))
        {
            return DraftEndpoints.Locked(assessment.Status);
        }

        // The workbook carries no evidence marks: keep those the unit made in the task pane.
        var evidence = assessment.Answers.Where(a => a.Evidence is not null).ToDictionary(a => a.IndicatorCode, a => a.Evidence, StringComparer.Ordinal);
        var previous = assessment.Answers;
        db.Answers.RemoveRange(assessment.Answers);
        assessment.Answers = AnswerMapping.ToRecords(assessment.Id, read.Answers.Values);
        assessment.Answers.ForEach(a => a.Evidence = evidence.GetValueOrDefault(a.IndicatorCode));
        db.Answers.AddRange(assessment.Answers);
        assessment.DataTables = read.DataTables;
        assessment.Revision++;
        assessment.UpdatedAt = clock.GetUtcNow();
        assessment.UpdatedBy = user.UserId();
        audit.Add(AnswerChanges.Event(assessment, previous, assessment.Answers, file!.FileName));
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Ok(ScoreResponse.From(unitId, assessment.Revision, evaluation!, read.DataTables));
    }

    internal static ProblemItem ToItem(WorkbookProblem p) =>
        new(p.Code, p.MessageZh, p.MessageEn) { Sheet = p.Sheet, Cell = p.Cell, IndicatorCode = p.IndicatorCode, Field = p.Field, IsWarning = p.IsWarning };

    private static async Task<(WorkbookReadResult?, WorkbookEvaluation?, ProblemHttpResult?)> ReadUpload(
        IFormFile? file, SelfAssessmentTemplate template, IReadOnlyDictionary<string, decimal> surveyFractions)
    {
        if (file is null || file.Length == 0)
        {
            return (null, null, ApiProblem.Create(400, "upload.file_missing", "请选择要上传的自评表文件（表单字段 file）。", "Choose the workbook to upload (form field \"file\")."));
        }

        // The guard copies at most the size limit into memory; WorkbookRejectedException becomes a 4xx problem.
        await using var stream = file.OpenReadStream();
        var read = SelfAssessmentWorkbook.Read(stream, template);
        return (read, SelfAssessmentWorkbook.Evaluate(read, template.Framework, surveyFractions), null);
    }

    /// <summary>What the endpoints need about one unit of a campaign.</summary>
    private sealed record WorkbookContext(Campaign Campaign, CampaignUnit Link, SelfAssessmentTemplate Template);

    /// <summary>The unit and its template; access was checked by the endpoint's policy.</summary>
    private static async Task<(WorkbookContext?, ProblemHttpResult?)> LoadForUnit(
        Guid campaignId, Guid unitId, AppDbContext db, CancellationToken cancellationToken)
    {
        var (unit, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        return unit is null
            ? (null, problem)
            : (new WorkbookContext(unit.Campaign, unit.Link, Template(unit.Campaign, unit.Link, unit.Framework)), null);
    }

    internal static SelfAssessmentTemplate Template(Campaign campaign, CampaignUnit link, FrameworkDefinition definition)
    {
        var unit = link.Unit!;
        var identity = new WorkbookIdentity(campaign.Id, unit.Id, definition.Code, definition.Version, SelfAssessmentWorkbook.StructureHash(definition))
        {
            CampaignName = campaign.Name,
            UnitName = unit.Name,
        };
        return new SelfAssessmentTemplate(identity, campaign.Name, unit.Name, definition)
        {
            Unit = new UnitProfile
            {
                Kind = UnitKinds.NameZh(unit.Kind),
                Category = unit.Category,
                Level = unit.Level,
                ApprovedEstablishment = link.ApprovedEstablishment,
                ApprovedLeadershipPosts = link.ApprovedLeadershipPosts,
            },
            Deadlines = [.. campaign.Deadlines.Select(d => new WorkbookDeadline(d.Stage, d.Due))],
            Contacts = [.. campaign.Contacts.Select(c => new WorkbookContact(c.Name, c.Role, c.Phone, c.Email))],
        };
    }
}
