using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Documents.Results;

namespace OfficeEval.Api.Features.Results;

/// <summary>The consolidated results workbook (评估结果汇总表) for the office to download.</summary>
public static class ResultsWorkbookEndpoints
{
    public static IEndpointRouteBuilder MapResultsWorkbook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/results/workbook", Download)
            .WithTags("Results")
            .WithName("DownloadResultsWorkbook")
            .WithSummary("The consolidated results workbook (.xlsx): 评估结果 with every unit's dimension scores and rates, totals, self totals, deviations, ranks, grades and coloured boards; 统计分析 with the campaign's statistics and a chart. The same figures as GET …/results for this user.")
            .Produces(StatusCodes.Status200OK, contentType: WorkbookEndpoints.XlsxContentType)
            .RequireAccess(Access.Office);
        return endpoints;
    }

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(
        Guid campaignId, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var built = await BuildAsync(campaignId, user, db, scoring, clock, cancellationToken);
        if (built.Result is not Ok<ResultsWorkbookFile> { Value: { } workbook })
        {
            return (ProblemHttpResult)built.Result;
        }

        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"campaign/{campaignId}/results-workbook")
            { CampaignId = campaignId, Data = new { document = "results_workbook", fileName = workbook.FileName, units = workbook.Units, bytes = workbook.Content.Length } },
            cancellationToken: cancellationToken);
        return TypedResults.File(workbook.Content, WorkbookEndpoints.XlsxContentType, workbook.FileName);
    }

    /// <summary>
    /// The workbook with the figures <paramref name="user"/> may see (the same as GET …/results), in memory and
    /// positioned at its start, with its file name; for the download and for publishing to SharePoint.
    /// </summary>
    internal static async Task<Results<Ok<ResultsWorkbookFile>, ProblemHttpResult>> BuildAsync(
        Guid campaignId, ClaimsPrincipal user, AppDbContext db, CampaignScoring scoring, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The results as the JSON endpoint gives them to this user: the same units, visibility and statistics.
        var view = await ResultsEndpoints.Get(campaignId, user, db, scoring, cancellationToken);
        if (view.Result is not Ok<CampaignResults> { Value: { } results })
        {
            return (ProblemHttpResult)view.Result;
        }

        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        var definition = framework!.ToDefinition();
        var policy = campaign!.ResultsPolicy;
        var info = new ConsolidatedWorkbookInfo(campaign.Name, definition.TotalPoints,
            [.. definition.Dimensions.Select(d => new ConsolidatedDimension(d.Code, d.Name, !d.IsLeaf || d.IsCounted ? d.Points : 0m))],
            results.Statistics ?? Core.Results.CampaignStatistics.Compute([]))
        {
            FinalizedAt = campaign.FinalizedAt,
            // Shown under the title as the offices read the time: China Standard Time.
            GeneratedAt = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)),
            Grades = [.. policy.Grades.OrderByDescending(g => g.MinScoreRate).Select(g => g.Label), policy.LowestGrade],
        };

        // Compressed, a unit's row takes about 70 bytes: the file is kept in memory, the rows are not copied again.
        var output = new MemoryStream();
        ConsolidatedWorkbook.Write(info, results.Units.OrderBy(u => u.Rank ?? int.MaxValue).ThenBy(u => u.UnitCode, StringComparer.Ordinal).Select(Row), output);
        output.Position = 0;
        return TypedResults.Ok(new ResultsWorkbookFile(output, $"{campaign.Year}-评估结果汇总表.xlsx", results.Units.Count));
    }

    private static ConsolidatedRow Row(UnitResult unit) => new(unit.UnitCode, unit.UnitName)
    {
        Category = unit.Category,
        Status = unit.StatusZh,
        Dimensions = unit.Dimensions,
        Total = unit.Total,
        ScoreRate = unit.ScoreRate,
        SelfTotal = unit.SelfTotal,
        Deviation = unit.Deviation,
        Rank = unit.Rank,
        Grade = unit.Grade,
        Board = unit.Board,
        ConsecutiveRed = unit.ConsecutiveRed,
        Vetoed = unit.Vetoed,
    };
}

/// <summary>The consolidated results workbook in memory, its file name and how many units it lists.</summary>
public sealed record ResultsWorkbookFile(MemoryStream Content, string FileName, int Units);
