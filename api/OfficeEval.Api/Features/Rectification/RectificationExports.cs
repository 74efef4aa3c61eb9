using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Reports;
using OfficeEval.Api.Features.Results;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Documents.Rectification;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// The ledger's documents, generated from what is stored on every request and audited as exports: the campaign's
/// 整改台账 workbook (the items the user may see, with the list's filters) and a unit's 问题清单及整改意见 feedback
/// letter (GB/T 9704, signed by <c>OfficeEval:ReportIssuer</c>).
/// </summary>
public static class RectificationExports
{
    public const int MaxDocumentNumber = 50;

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/rectification/ledger.xlsx", Ledger)
            .WithTags("Rectification")
            .WithName("DownloadRectificationLedger")
            .WithSummary("The 整改台账 workbook (.xlsx): one row per item of the units the user may see (the list's filters apply), overdue rows highlighted, and a summary per unit (total, per status, overdue, 销号率). Audited.")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookEndpoints.XlsxContentType)
            .RequireAccess(Access.Office);
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/rectification/letter.docx", Letter)
            .WithTags("Rectification")
            .WithName("DownloadRectificationLetter")
            .WithSummary("The unit's 问题清单及整改意见 feedback letter (.docx, GB/T 9704): its items not closed by category with requirements and deadlines, the evaluation result once its field review is completed; reportDue (default: the latest deadline) and documentNumber optional. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: ReportEndpoints.DocxContentType)
            .RequireAccess(Access.UnitRead);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Ledger(
        Guid campaignId, string? status, string? unitId, string? overdue, string? category, string? source,
        ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = RectificationWorkflow.Today(clock.GetUtcNow());
        var (ledger, items, problem) = await RectificationLists.CampaignItemsAsync(
            campaignId, new(status, unitId, overdue, category, source), user, db, today, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var notes = await CloseNotesAsync(db, [.. items.Where(i => i.Status == RectificationStatus.Closed).Select(i => i.Id)], cancellationToken);
        var rows = items.Select((item, index) =>
        {
            var unit = ledger!.Units[item.UnitId].Unit!;
            return new LedgerRow(index + 1, unit.Code, unit.Name, item.IndicatorCode, ledger.IndicatorName(item.UnitId, item.IndicatorCode),
                RectificationWorkflow.NameZh(item.Category), item.Description, item.Requirement, item.Deadline, item.ResponsiblePerson,
                RectificationWorkflow.NameZh(item.Source), RectificationWorkflow.NameZh(item.Status),
                RectificationWorkflow.DaysOverdue(item.Deadline, item.Status, today), Evidence(item), item.ClosedAt, notes.GetValueOrDefault(item.Id));
        }).ToList();
        var campaign = ledger!.Campaign;
        var document = new LedgerDocument($"{campaign.Name}发现问题整改台账", campaign.Name, campaign.Year, today, rows);

        using var output = new MemoryStream();
        LedgerWorkbook.Write(document, output);
        var fileName = FileNames.Safe($"{campaign.Name}-整改台账", "整改台账") + ".xlsx";
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"campaign/{campaignId}/rectification/ledger")
        {
            CampaignId = campaignId,
            Data = new { document = "rectification_ledger", fileName, bytes = output.Length, details = new { rows = rows.Count, filter = new { status, unitId, overdue, category, source } } },
        }, cancellationToken: cancellationToken);
        return TypedResults.File(output.ToArray(), WorkbookEndpoints.XlsxContentType, fileName);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Letter(
        Guid campaignId, Guid unitId, string? reportDue, string? documentNumber, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring,
        AuditTrail audit, IOptions<OfficeEvalOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ledger, problem) = await RectificationItems.LoadUnitAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var problems = new List<ProblemItem>();
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(reportDue))
        {
            var dueProblems = new List<ProblemItem>();
            due = RectificationRequests.Deadline(reportDue, dueProblems);
            problems.AddRange(dueProblems.Select(p => p with { Field = "reportDue" }));
        }

        var number = RectificationRequests.Clean(documentNumber);
        if (number.Length > MaxDocumentNumber)
        {
            problems.Add(RectificationRequests.Error("rectification.document_number_too_long", "documentNumber",
                $"发文字号不能超过 {MaxDocumentNumber} 字。", $"The document number is longer than {MaxDocumentNumber} characters."));
        }

        if (problems.Count > 0)
        {
            return RectificationRequests.Invalid(problems);
        }

        var today = RectificationWorkflow.Today(clock.GetUtcNow());
        // What the unit still has to rectify; what is closed is done.
        var items = (await db.RectificationItems.AsNoTracking()
                .Where(i => i.CampaignId == campaignId && i.UnitId == unitId && i.Status != RectificationStatus.Closed)
                .ToListAsync(cancellationToken))
            .OrderBy(i => i.Deadline).ThenBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToList();
        var link = ledger!.Units[unitId];
        var model = new FeedbackLetterModel(
            ReportInputs.Campaign(ledger.Campaign, options.Value.ReportIssuer), ReportInputs.Unit(link.Unit!, link), today,
            due ?? (items.Count > 0 ? items.Max(i => i.Deadline) : today.AddDays(30)))
        {
            DocumentNumber = number.Length == 0 ? null : number,
            Problems = [.. items.Select(i => new FeedbackProblem(RectificationWorkflow.NameZh(i.Category), i.Description, i.Requirement, i.Deadline)
            {
                IndicatorCode = i.IndicatorCode,
                IndicatorName = ledger.IndicatorName(unitId, i.IndicatorCode),
            })],
            ContactPerson = ledger.Campaign.Contacts.FirstOrDefault()?.Name,
            ContactPhone = ledger.Campaign.Contacts.FirstOrDefault()?.Phone,
        };
        model = await WithResultAsync(model, campaignId, unitId, user, db, scoring, cancellationToken);

        using var output = new MemoryStream();
        FeedbackLetter.Write(model, output);
        var fileName = FileNames.Safe($"{ledger.Campaign.Name}-{link.Unit!.Name}-问题清单及整改意见", "问题清单及整改意见") + ".docx";
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"campaign/{campaignId}/unit/{unitId}/rectification/letter")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Data = new
            {
                document = "rectification_letter",
                fileName,
                bytes = output.Length,
                details = new { problems = model.Problems.Count, reportDue = model.ReportDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), model.DocumentNumber },
            },
        }, cancellationToken: cancellationToken);
        return TypedResults.File(output.ToArray(), ReportEndpoints.DocxContentType, fileName);
    }

    /// <summary>
    /// The letter with the unit's official total and grade — once they are settled for the unit (its field review
    /// completed, or the campaign finalised) and visible to the user, as the results endpoints show them.
    /// </summary>
    private static async Task<FeedbackLetterModel> WithResultAsync(
        FeedbackLetterModel model, Guid campaignId, Guid unitId, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, CancellationToken cancellationToken)
    {
        var scores = await scoring.ScoreAsync(campaignId, null, cancellationToken);
        var unit = scores?.Units.FirstOrDefault(u => u.Unit.Id == unitId);
        if (scores is null || unit?.Official is null)
        {
            return model;
        }

        var settled = scores.Campaign.FinalizedAt is not null || unit.Review?.Status == ReviewStatus.Completed;
        var seesInProgress = await ReviewVisibility.InProgressFor(user, db, campaignId, cancellationToken);
        if (!settled || !ReviewVisibility.VerifiedVisible(seesInProgress(unitId), unit.Review?.Status))
        {
            return model;
        }

        return model with { Total = unit.Official.Total, MaxTotal = unit.Framework.TotalPoints, Grade = unit.Grade?.Grade };
    }

    /// <summary>What the unit reported at each submission, oldest first, with its files: the ledger's 整改情况.</summary>
    private static string? Evidence(RectificationItem item)
    {
        if (item.Evidence.Count == 0)
        {
            return null;
        }

        return string.Join("\n", item.Evidence.Select(e =>
        {
            var day = e.SubmittedAt == default ? "" : RectificationWorkflow.Today(e.SubmittedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " ";
            var files = e.Files.Count == 0 ? "" : $"（佐证材料：{string.Join("、", e.Files.Select(f => f.Name))}）";
            return day + e.Description + files;
        }));
    }

    /// <summary>The note each closed item was closed with (its latest close).</summary>
    private static async Task<Dictionary<Guid, string?>> CloseNotesAsync(AppDbContext db, List<Guid> closed, CancellationToken cancellationToken)
    {
        if (closed.Count == 0)
        {
            return [];
        }

        var closes = await db.RectificationEvents.AsNoTracking()
            .Where(e => closed.Contains(e.ItemId) && e.Action == RectificationActions.Close)
            .Select(e => new { e.ItemId, e.At, e.Id, e.Note })
            .ToListAsync(cancellationToken);
        return closes.GroupBy(e => e.ItemId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).ThenBy(e => e.Id).Last().Note);
    }
}
