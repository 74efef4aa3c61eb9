using Microsoft.Extensions.Options;
using OfficeEval.Api.Features.History;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Features.Results;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Documents.Reports;

namespace OfficeEval.Api.Features.Reports;

/// <summary>
/// Renders report batches with the GB/T 9704 评估报告, as <c>GET …/reports/evaluation</c> does for one unit. Scoped to a
/// job: the campaign is scored once, on the first unit, and every unit's report is cut from those scores. A unit that
/// has not started has no report: it fails on its own, and the job lists it.
/// </summary>
public sealed class EvaluationReportRenderer(CampaignScoring scoring, CampaignHistory history, IOptions<OfficeEvalOptions> options, TimeProvider clock) : IUnitReportRenderer
{
    private CampaignScores? _scores;

    public async Task RenderAsync(Guid campaignId, Guid unitId, Stream output, CancellationToken cancellationToken)
    {
        if (_scores is null || _scores.Campaign.Id != campaignId)
        {
            _scores = await scoring.ScoreAsync(campaignId, null, cancellationToken)
                ?? throw new InvalidOperationException($"找不到评估批次 {campaignId}。");
        }

        var unit = _scores.Units.FirstOrDefault(u => u.Unit.Id == unitId)
            ?? throw new InvalidOperationException($"单位 {unitId} 不在该评估批次中。");
        // The previous campaign is scored once for the whole batch (CampaignHistory keeps it for the job's scope).
        var previous = await ReportInputs.PreviousAsync(history, _scores, unit, cancellationToken);
        var model = ReportInputs.Evaluation(ReportInputs.Campaign(_scores.Campaign, options.Value.ReportIssuer), _scores, unit, ReportInputs.ChinaDate(clock.GetUtcNow()), previous)
            ?? throw new InvalidOperationException($"{unit.Unit.Name}尚未开始自评，暂无评估报告。");
        EvaluationReport.Write(model, output);
    }
}
