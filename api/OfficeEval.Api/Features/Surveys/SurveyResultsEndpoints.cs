using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// What the questionnaire returned: response rates per unit and group, each linked indicator's satisfaction through
/// the engine (groups under their minimum flagged), and the anonymised raw responses. Nothing here can name a
/// respondent: responses carry none, and in mutual evaluation the respondent unit is never shown.
/// </summary>
public static class SurveyResultsEndpoints
{
    public sealed record SurveyResults(Guid CampaignId, string Status, DateTimeOffset? ClosesAt, bool FeedsScores, SurveyTotals Totals,
        IReadOnlyList<GroupTotals> Groups, IReadOnlyList<UnitSurveyResult> Units);

    /// <summary>Over the units shown: links issued and used, responses, and responses ÷ expected (links issued, else the form's sample sizes).</summary>
    public sealed record SurveyTotals(int Units, int Issued, int Used, int Expected, int Responses, decimal? ResponseRatePercent);

    public sealed record GroupTotals(string Group, string Respondent, int Issued, int Used, int Expected, int Responses, decimal? ResponseRatePercent, int MinimumResponses, int UnitsBelowMinimum);

    public sealed record UnitSurveyResult(Guid UnitId, string UnitCode, string UnitName, IReadOnlyList<UnitGroupResult> Groups, IReadOnlyList<IndicatorResult> Indicators,
        int ValidAnswers, int InvalidAnswers, IReadOnlyList<ProblemItem> Problems);

    /// <summary>One group for one unit: links issued and used, the expected sample, responses, their rate, and whether they fall under the minimum.</summary>
    public sealed record UnitGroupResult(string Group, int Issued, int Used, int Expected, int Responses, decimal? ResponseRatePercent, int MinimumResponses, bool BelowMinimum);

    /// <summary>A linked indicator's satisfaction (0…1) as the engine computed it, with each group's row and the explanation.</summary>
    public sealed record IndicatorResult(string IndicatorCode, string? IndicatorName, decimal? Fraction, IReadOnlyList<GroupSatisfaction> Groups, string Explanation);

    public sealed record RawResponses(IReadOnlyList<string> Items, IReadOnlyList<RawResponse> Responses);

    /// <summary>One response as exported: the evaluated unit, group, day and answers by form item code (raw values).</summary>
    public sealed record RawResponse(Guid UnitId, string UnitCode, string UnitName, string Group, DateOnly SubmittedOn, IReadOnlyDictionary<string, int> Answers);

    public static IEndpointRouteBuilder MapSurveyResults(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/survey/results", Get)
            .WithTags("Questionnaire")
            .WithName("GetSurveyResults")
            .WithSummary("Per unit: response rate per group, each linked indicator's satisfaction with group rows (mean, weight, below minimum, use) and explanation, problems; campaign totals.")
            .RequireAccess(Access.Office);
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/survey/results", GetUnit)
            .WithTags("Questionnaire")
            .WithName("GetUnitSurveyResults")
            .WithSummary("The questionnaire results of one unit, as in the campaign's results.")
            .RequireAccess(Access.UnitRead);
        endpoints.MapGet("/api/campaigns/{campaignId:guid}/survey/responses", Responses)
            .WithTags("Questionnaire")
            .WithName("ExportSurveyResponses")
            .WithSummary("The anonymised raw responses: evaluated unit, group, day and answers by item code, sorted by unit and group (then at random). Audited.")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static Task<Results<Ok<SurveyResults>, ProblemHttpResult>> Get(Guid campaignId, AppDbContext db, CancellationToken cancellationToken) =>
        ResultsAsync(db, campaignId, null, cancellationToken);

    internal static Task<Results<Ok<SurveyResults>, ProblemHttpResult>> GetUnit(Guid campaignId, Guid unitId, AppDbContext db, CancellationToken cancellationToken) =>
        ResultsAsync(db, campaignId, unitId, cancellationToken);

    internal static async Task<Results<Ok<RawResponses>, ProblemHttpResult>> Responses(Guid campaignId, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (survey, problem) = await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var rows = await RawAsync(db, survey!, cancellationToken);
        await audit.RecordAsync(new AuditEvent(AuditActions.Exported, $"{SurveyEndpoints.Target(campaignId)}/responses")
        {
            CampaignId = campaignId,
            Data = new { Format = "json", Responses = rows.Count },
        }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new RawResponses([.. survey!.Form.Items.Select(i => i.Code)], rows));
    }

    /// <summary>
    /// The survey's responses for export, sorted by unit code, group (in the form's order), then response id, which
    /// is random: the order tells nothing about when or by whom.
    /// </summary>
    public static async Task<List<RawResponse>> RawAsync(AppDbContext db, Survey survey, CancellationToken cancellationToken)
    {
        var rows = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == survey.Id)
            .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { r.Id, r.UnitId, u.Code, u.Name, r.GroupName, r.SubmittedOn, r.Answers })
            .ToListAsync(cancellationToken);
        var groupOrder = survey.Form.Groups.Select((g, i) => (g.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        return [.. rows
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ThenBy(r => groupOrder.GetValueOrDefault(r.GroupName, int.MaxValue)).ThenBy(r => r.GroupName, StringComparer.Ordinal)
            .ThenBy(r => r.Id)
            .Select(r => new RawResponse(r.UnitId, r.Code, r.Name, r.GroupName, r.SubmittedOn,
                r.Answers.GroupBy(a => a.Item, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal)))];
    }

    private static async Task<Results<Ok<SurveyResults>, ProblemHttpResult>> ResultsAsync(AppDbContext db, Guid campaignId, Guid? unitId, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        if (campaign is null || framework is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var links = await db.CampaignUnits.AsNoTracking().Include(cu => cu.Unit).Where(cu => cu.CampaignId == campaignId && (unitId == null || cu.UnitId == unitId))
            .OrderBy(cu => cu.Unit!.Code).ToListAsync(cancellationToken);
        if (unitId is not null && links.Count == 0)
        {
            return ApiProblem.NotFound("该批次中的被评估单位", "unit in this campaign");
        }

        var scores = await SurveyScores.LoadAsync(db, campaignId, unitId, scoringOnly: false, cancellationToken);
        if (scores is null)
        {
            return (await SurveyEndpoints.FindAsync(db, campaignId, tracking: false, cancellationToken)).Problem!;
        }

        var names = framework.ToDefinition().Leaves().ToDictionary(l => l.Node.Code, l => l.Node.Name, StringComparer.Ordinal);
        foreach (var individual in links.SelectMany(l => l.IndividualIndicators).SelectMany(n => n.Leaves()))
        {
            names.TryAdd(individual.Code, individual.Name);
        }

        var form = scores.Form;
        var units = links.Select(link => Unit(scores, form, link.Unit!, names)).ToList();
        var groups = form.Groups.Select(g =>
        {
            var rows = units.Select(u => u.Groups.First(x => x.Group == g.Name)).ToList();
            var (expected, responses) = (rows.Sum(r => r.Expected), rows.Sum(r => r.Responses));
            return new GroupTotals(g.Name, g.Respondent.ToString(), rows.Sum(r => r.Issued), rows.Sum(r => r.Used), expected, responses,
                Rate(responses, expected), g.MinimumResponses, rows.Count(r => r.BelowMinimum));
        }).ToList();
        var totals = new SurveyTotals(units.Count, groups.Sum(g => g.Issued), groups.Sum(g => g.Used), groups.Sum(g => g.Expected), groups.Sum(g => g.Responses),
            Rate(groups.Sum(g => g.Responses), groups.Sum(g => g.Expected)));
        return TypedResults.Ok(new SurveyResults(campaignId, scores.Survey.Status.ToString(), scores.Survey.ClosesAt, scores.Scores, totals, groups, units));
    }

    private static UnitSurveyResult Unit(SurveyScores scores, SurveyForm form, Unit unit, IReadOnlyDictionary<string, string> names)
    {
        var result = scores.Aggregate(unit.Id, explain: true);
        var participation = result.Groups.ToDictionary(g => g.Group, StringComparer.Ordinal);
        var groups = form.Groups.Select(g =>
        {
            var tokens = scores.Tokens(unit.Id, g.Name);
            var p = participation.GetValueOrDefault(g.Name);
            var responses = p?.Respondents ?? scores.Responses(unit.Id, g.Name);
            return new UnitGroupResult(g.Name, tokens.Issued, tokens.Used, p?.ExpectedSampleSize ?? g.ExpectedSampleSize, responses, p?.ResponseRatePercent,
                g.MinimumResponses, responses < g.MinimumResponses);
        }).ToList();
        var indicators = result.Indicators.Select(i => new IndicatorResult(i.IndicatorCode, names.GetValueOrDefault(i.IndicatorCode), i.Fraction, i.Groups, i.Explanation)).ToList();
        var problems = result.Problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn) { IndicatorCode = p.IndicatorCode, Field = p.Field }).ToList();
        return new UnitSurveyResult(unit.Id, unit.Code, unit.Name, groups, indicators, result.ValidAnswers, result.InvalidAnswers, problems);
    }

    private static decimal? Rate(int responses, int expected) =>
        expected == 0 ? null : Score.Round(responses * 100m / expected);
}
