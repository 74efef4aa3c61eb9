using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.History;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Results;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Documents.Reports;

namespace OfficeEval.Api.Features.Reports;

/// <summary>
/// The Word reports (GB/T 9704): a unit's 自评报告 and 评估报告, the campaign's 综合评估情况报告. Each is generated from
/// what is stored on every request (nothing is cached) and each download is audited as an export.
/// </summary>
public static class ReportEndpoints
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        var unit = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/reports").WithTags("Reports");
        unit.MapGet("/self-assessment", SelfAssessment)
            .WithName("DownloadSelfAssessmentReport")
            .WithSummary("The unit's self-evaluation report (自评报告, .docx): its latest submitted version, or its draft when none is submitted; each indicator in a content control tagged officeeval:indicator:{code}.")
            .Produces(StatusCodes.Status200OK, contentType: DocxContentType)
            .RequireAccess(Access.UnitRead);
        unit.MapGet("/evaluation", Evaluation)
            .WithName("DownloadEvaluationReport")
            .WithSummary("The unit's evaluation report (评估报告, .docx): self against verified scores per leaf and dimension with a radar chart, problems and rectification requirements, grade and board. The unit's own staff get it once its field review is completed.")
            .Produces(StatusCodes.Status200OK, contentType: DocxContentType)
            .RequireAccess(Access.UnitRead);
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/reports/summary", Summary)
            .WithTags("Reports")
            .WithName("DownloadSummaryReport")
            .WithSummary("The campaign's summary report (综合评估情况报告, .docx): averages per dimension, score-rate distribution, ranking, boards, common problems and how results are applied per grade.")
            .Produces(StatusCodes.Status200OK, contentType: DocxContentType)
            .RequireAccess(Access.Office);
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SelfAssessment(
        Guid campaignId, Guid unitId, AppDbContext db, AuditTrail audit, IOptions<OfficeEvalOptions> options, CancellationToken cancellationToken)
    {
        var (context, problem) = await UnitContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var assessment = await db.SelfAssessments.AsNoTracking().Include(a => a.Answers).Include(a => a.Versions).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.CampaignId == campaignId && a.UnitId == unitId, cancellationToken);
        if (assessment is null)
        {
            return NotStarted();
        }

        var fractions = await context!.SurveyFractionsAsync(db, cancellationToken);
        var model = ReportInputs.SelfAssessment(ReportInputs.Campaign(context.Campaign, options.Value.ReportIssuer), context, assessment, fractions);
        var fileName = FileName($"{context.Campaign.Name}-{context.Unit.Name}-自评报告");
        return await Download(audit, campaignId, unitId, $"campaign/{campaignId}/unit/{unitId}/report/self-assessment", fileName,
            s => SelfAssessmentReport.Write(model, s), "self_assessment_report",
            new { version = model.Basis.Version, revision = model.Basis.Revision }, cancellationToken);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Evaluation(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, CampaignHistory history, AuditTrail audit,
        IOptions<OfficeEvalOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scores = await scoring.ScoreAsync(campaignId, unitId, cancellationToken);
        if (scores is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var unit = scores.Units.FirstOrDefault(u => u.Unit.Id == unitId);
        if (unit is null)
        {
            return ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign");
        }

        var seesInProgress = await ReviewVisibility.InProgressFor(user, db, campaignId, cancellationToken);
        if (!ReviewVisibility.VerifiedVisible(seesInProgress(unitId), unit.Review?.Status))
        {
            return ApiProblem.Create(StatusCodes.Status403Forbidden, "report.not_visible",
                "实地评估完成后才能查看本单位的评估报告。", "The evaluation report is available to the unit once its field review is completed.");
        }

        var previous = await ReportInputs.PreviousAsync(history, scores, unit, cancellationToken);
        var model = ReportInputs.Evaluation(ReportInputs.Campaign(scores.Campaign, options.Value.ReportIssuer), scores, unit, ReportInputs.ChinaDate(clock.GetUtcNow()), previous);
        if (model is null)
        {
            return NotStarted();
        }

        var fileName = FileName($"{scores.Campaign.Name}-{unit.Unit.Name}-评估报告");
        return await Download(audit, campaignId, unitId, $"campaign/{campaignId}/unit/{unitId}/report/evaluation", fileName,
            s => EvaluationReport.Write(model, s), "evaluation_report",
            new { stage = model.Stage.ToString(), total = model.Official.Total, previousCampaign = previous?.CampaignName }, cancellationToken);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Summary(
        Guid campaignId, CampaignScoring scoring, AuditTrail audit, IOptions<OfficeEvalOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scores = await scoring.ScoreAsync(campaignId, null, cancellationToken);
        if (scores is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var model = ReportInputs.Summary(ReportInputs.Campaign(scores.Campaign, options.Value.ReportIssuer), scores, ReportInputs.ChinaDate(clock.GetUtcNow()));
        var fileName = FileName($"{scores.Campaign.Name}-综合评估情况报告");
        return await Download(audit, campaignId, null, $"campaign/{campaignId}/report/summary", fileName,
            s => SummaryReport.Write(model, s), "summary_report",
            new { stage = model.Stage.ToString(), units = model.Units.Count }, cancellationToken);
    }

    private static ProblemHttpResult NotStarted() =>
        ApiProblem.Create(StatusCodes.Status409Conflict, "report.not_started", "该单位尚未开始自评，暂无可生成的报告。",
            "The unit has not started its self-evaluation; there is nothing to report yet.");

    /// <summary>Writes the report, records the export (with the file's name and size) and returns the file.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(
        AuditTrail audit, Guid campaignId, Guid? unitId, string target, string fileName, Action<Stream> write, string document, object details, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        write(output);
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, target)
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Data = new { document, fileName, bytes = output.Length, details },
        }, cancellationToken: cancellationToken);
        return TypedResults.File(output.ToArray(), DocxContentType, fileName);
    }

    /// <summary>A file name from names users chose: characters no file system takes become “_”.</summary>
    internal static string FileName(string name)
    {
        var invalid = new HashSet<char>(Path.GetInvalidFileNameChars()) { '\\', '/', ':', '*', '?', '"', '<', '>', '|' };
        var clean = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim();
        return (clean.Length > 150 ? clean[..150] : clean) + ".docx";
    }
}
