using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Features.Surveys;

/// <summary>
/// A campaign's questionnaire results, loaded once — the survey, every response (one query), the links sent out per
/// unit and group (one query) — and aggregated per unit by one <see cref="SurveyAggregator"/> for the whole campaign.
/// The fractions feed <c>UnitInput.SurveyFractions</c> wherever a unit is scored, once the survey is open or closed.
/// </summary>
public sealed class SurveyScores
{
    private static readonly IReadOnlyDictionary<string, decimal> NoFractions = new Dictionary<string, decimal>(StringComparer.Ordinal);

    private readonly SurveyAggregator _aggregator;
    private readonly Dictionary<Guid, List<SurveyResponse>> _responses;
    private readonly Dictionary<(Guid Unit, string Group), TokenCount> _tokens;

    private SurveyScores(Survey survey, Dictionary<Guid, List<SurveyResponse>> responses, Dictionary<(Guid, string), TokenCount> tokens)
    {
        Survey = survey;
        _aggregator = SurveyAggregator.Create(survey.Form.ToDefinition());
        _responses = responses;
        _tokens = tokens;
    }

    public Survey Survey { get; }

    public SurveyForm Form => Survey.Form;

    /// <summary>Whether the results count in scores: only once the survey has been opened.</summary>
    public bool Scores => Survey.Status is SurveyStatus.Open or SurveyStatus.Closed;

    /// <summary>
    /// The campaign's survey results, of every unit or only <paramref name="unitId"/>'s; null when the campaign has no
    /// questionnaire, or (<paramref name="scoringOnly"/>) when it has not been opened yet.
    /// </summary>
    public static async Task<SurveyScores?> LoadAsync(AppDbContext db, Guid campaignId, Guid? unitId, bool scoringOnly, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.CampaignId == campaignId, cancellationToken);
        if (survey is null || (scoringOnly && survey.Status == SurveyStatus.Draft))
        {
            return null;
        }

        var responses = db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == survey.Id);
        var tokens = db.SurveyTokens.AsNoTracking().Where(t => t.SurveyId == survey.Id);
        if (unitId is { } only)
        {
            responses = responses.Where(r => r.UnitId == only);
            tokens = tokens.Where(t => t.UnitId == only);
        }

        var rows = await responses.Select(r => new { r.UnitId, r.GroupName, r.Answers }).ToListAsync(cancellationToken);
        var counts = await tokens
            .Join(db.SurveyTokenBatches.Where(b => b.RevokedAt == null), t => t.BatchId, b => b.Id, (t, b) => t)
            .GroupBy(t => new { t.UnitId, t.GroupName })
            .Select(g => new { g.Key.UnitId, g.Key.GroupName, Issued = g.Count(), Used = g.Count(t => t.Used) })
            .ToListAsync(cancellationToken);

        // Stored answers name form items; an item asked of several groups is a separate engine item per group.
        var items = new Dictionary<string, SurveyFormItem>(StringComparer.Ordinal);
        foreach (var item in survey.Form.Items)
        {
            items.TryAdd(item.Code, item);
        }

        var byUnit = new Dictionary<Guid, List<SurveyResponse>>();
        foreach (var row in rows)
        {
            var answers = new ItemAnswer[row.Answers.Count];
            for (var i = 0; i < answers.Length; i++)
            {
                var answer = row.Answers[i];
                var code = items.TryGetValue(answer.Item, out var item) ? SurveyForm.EngineCode(item, row.GroupName) : answer.Item;
                answers[i] = new ItemAnswer(code, answer.Value);
            }

            if (!byUnit.TryGetValue(row.UnitId, out var list))
            {
                byUnit.Add(row.UnitId, list = []);
            }

            list.Add(new SurveyResponse(row.GroupName, answers));
        }

        return new SurveyScores(survey, byUnit, counts.ToDictionary(c => (c.UnitId, c.GroupName), c => new TokenCount(c.Issued, c.Used)));
    }

    /// <summary>
    /// The fractions that score <paramref name="unitId"/>'s survey-rule leaves of <paramref name="framework"/>, or
    /// none when the campaign has no survey in use. One unit's responses only are read.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, decimal>> FractionsAsync(
        AppDbContext db, Guid campaignId, Guid unitId, FrameworkDefinition framework, CancellationToken cancellationToken)
    {
        var scores = await LoadAsync(db, campaignId, unitId, scoringOnly: true, cancellationToken);
        return scores is null ? NoFractions : scores.Fractions(unitId, framework);
    }

    /// <summary>The unit's responses, aggregated; the expected sample of a group is the links sent out for the unit, else the form's.</summary>
    public SurveyResult Aggregate(Guid unitId, bool explain) =>
        _aggregator.Aggregate(_responses.GetValueOrDefault(unitId) ?? [], ExpectedSampleSizes(unitId), explain);

    /// <summary>
    /// The unit's fractions for the survey-rule leaves of its framework (an indicator the unit does not have, such as
    /// another unit's individual indicator, is left out); empty before the survey is opened.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Fractions(Guid unitId, FrameworkDefinition framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        if (!Scores)
        {
            return NoFractions;
        }

        var fractions = Aggregate(unitId, explain: false).FractionsByIndicator();
        if (fractions.Count == 0)
        {
            return NoFractions;
        }

        var surveyLeaves = framework.Leaves().Where(l => l.Node.Rule is SurveyRule).Select(l => l.Node.Code).ToHashSet(StringComparer.Ordinal);
        return fractions.Where(f => surveyLeaves.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    }

    /// <summary>Links issued (in batches not revoked) for the unit and group, and how many of them were used.</summary>
    public TokenCount Tokens(Guid unitId, string group) => _tokens.GetValueOrDefault((unitId, group));

    /// <summary>Responses stored for the unit and group (through links and open links alike).</summary>
    public int Responses(Guid unitId, string group) =>
        _responses.GetValueOrDefault(unitId)?.Count(r => r.Group == group) ?? 0;

    private Dictionary<string, int> ExpectedSampleSizes(Guid unitId)
    {
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in Form.Groups)
        {
            if (Tokens(unitId, group.Name).Issued is > 0 and var issued)
            {
                sizes[group.Name] = issued;
            }
        }

        return sizes;
    }

    public readonly record struct TokenCount(int Issued, int Used);
}
