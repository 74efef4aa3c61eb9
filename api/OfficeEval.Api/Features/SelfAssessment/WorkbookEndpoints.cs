using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Results;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Features.SelfAssessment;

/// <summary>The self-evaluation workbook: download the unit's template, upload it filled.</summary>
public static class WorkbookEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapSelfAssessmentWorkbook(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/self-assessment").WithTags("Self-assessment");
        group.MapGet("/workbook", Download)
            .WithName("DownloadSelfAssessmentWorkbook")
            .WithSummary("The unit's self-evaluation workbook (.xlsx) for this campaign.")
            .Produces(StatusCodes.Status200OK, contentType: XlsxContentType);
        group.MapPost("/workbook", Upload)
            .WithName("UploadSelfAssessmentWorkbook")
            .WithSummary("Uploads the filled workbook: its answers become the unit's draft; returns scores and problems by cell.")
            .DisableAntiforgery();
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var (campaign, framework, unit, problem) = await LoadForUnit(campaignId, unitId, user, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var template = Template(campaign!, framework!, unit!);
        using var output = new MemoryStream();
        SelfAssessmentWorkbook.Write(template, output);
        var fileName = $"{campaign!.Year}-{unit!.Code}-自评表.xlsx";
        return TypedResults.File(output.ToArray(), XlsxContentType, fileName);
    }

    internal static async Task<Results<Ok<ScoreResponse>, ProblemHttpResult>> Upload(
        Guid campaignId, Guid unitId, IFormFile? file, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (campaign, framework, unit, problem) = await LoadForUnit(campaignId, unitId, user, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!UnitAccess.CanEditAnswers(user, unitId))
        {
            return ApiProblem.Forbidden();
        }

        if (file is null || file.Length == 0)
        {
            return ApiProblem.Create(400, "upload.file_missing", "请选择要上传的自评表文件（表单字段 file）。", "Choose the workbook to upload (form field \"file\").");
        }

        var template = Template(campaign!, framework!, unit!);
        WorkbookReadResult read;
        await using (var stream = file.OpenReadStream())
        {
            read = SelfAssessmentWorkbook.Read(stream, template);
        }

        if (read.Problems.Count > 0)
        {
            // Cells that cannot be read would lose what the unit wrote: store nothing and say which cells.
            return ApiProblem.Create(422, "upload.cells_invalid", "自评表中有无法读取的单元格，请修改后重新上传。",
                "Some cells of the workbook cannot be read; correct them and upload again.",
                [.. read.Problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { Sheet = p.Sheet, Cell = p.Cell })]);
        }

        var assessment = await db.SelfAssessments.Include(a => a.Answers)
            .FirstOrDefaultAsync(a => a.CampaignId == campaignId && a.UnitId == unitId, cancellationToken);
        if (assessment is null)
        {
            assessment = new SelfAssessmentRecord { Id = Guid.CreateVersion7(), CampaignId = campaignId, UnitId = unitId, Status = SelfAssessmentStatus.Drafting };
            db.SelfAssessments.Add(assessment);
        }
        else if (assessment.Status == SelfAssessmentStatus.Submitted)
        {
            return ApiProblem.Create(409, "self_assessment.submitted", "自评已提交，不能再修改。", "The self-evaluation has been submitted and can no longer change.");
        }

        db.Answers.RemoveRange(assessment.Answers);
        assessment.Answers = AnswerMapping.ToRecords(assessment.Id, read.Answers.Values);
        db.Answers.AddRange(assessment.Answers);
        assessment.Revision++;
        assessment.UpdatedAt = clock.GetUtcNow();
        assessment.UpdatedBy = user.UserId();
        await db.SaveChangesAsync(cancellationToken);

        var score = UnitScorer.Score(template.Framework, read.Answers);
        return TypedResults.Ok(AnswerMapping.ToResponse(unitId, assessment.Revision, score,
            (code, field) => (read.Cells.Sheet, read.Cells.Locate(code, field))));
    }

    private static SelfAssessmentTemplate Template(Campaign campaign, FrameworkRecord framework, Unit unit)
    {
        var definition = framework.ToDefinition();
        var identity = new WorkbookIdentity(campaign.Id, unit.Id, definition.Code, definition.Version, SelfAssessmentWorkbook.StructureHash(definition));
        return new SelfAssessmentTemplate(identity, campaign.Name, unit.Name, definition);
    }

    private static async Task<(Campaign?, FrameworkRecord?, Unit?, ProblemHttpResult?)> LoadForUnit(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, AppDbContext db, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        if (campaign is null)
        {
            return (null, null, null, ApiProblem.NotFound("评估批次", "campaign"));
        }

        var visible = await UnitAccess.VisibleUnits(user, db, campaignId, cancellationToken);
        if (!visible.Contains(unitId))
        {
            var exists = await db.CampaignUnits.AnyAsync(cu => cu.CampaignId == campaignId && cu.UnitId == unitId, cancellationToken);
            return (null, null, null, exists ? ApiProblem.Forbidden() : ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign"));
        }

        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == unitId, cancellationToken);
        return (campaign, framework, unit, null);
    }
}
