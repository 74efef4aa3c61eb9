using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Results;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;

namespace OfficeEval.Api.Features.History;

/// <summary>
/// A unit's results across campaigns, recomputed from what is stored (nothing scored is stored): its earlier finalised
/// campaigns, each scored once per scope (a request, or a report batch, which compares every unit with the same
/// previous campaign), and the comparison with the previous one through the mapping between the two frameworks.
/// </summary>
public sealed class CampaignHistory(AppDbContext db, CampaignScoring scoring)
{
    private readonly Dictionary<Guid, CampaignScores> _scored = [];
    private readonly Dictionary<(Guid From, Guid To), (IndicatorMapping Mapping, MappingSource Source)> _mappings = [];
    private readonly Dictionary<Guid, FrameworkRecord> _frameworks = [];

    /// <summary>The finalised campaigns before <paramref name="current"/> that <paramref name="unitId"/> took part in, oldest first.</summary>
    public async Task<List<Campaign>> EarlierCampaignsAsync(Campaign current, Guid unitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        return await CampaignScoring.EarlierFinalised(db, current)
            .Where(c => db.CampaignUnits.Any(cu => cu.CampaignId == c.Id && cu.UnitId == unitId))
            .OrderBy(c => c.Year).ThenBy(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>An earlier campaign scored on its own (see <see cref="CampaignScoring.ScoreAloneAsync"/>), once per scope.</summary>
    public async Task<CampaignScores> ScoresAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!_scored.TryGetValue(campaign.Id, out var scores))
        {
            _scored[campaign.Id] = scores = await scoring.ScoreAloneAsync(campaign, cancellationToken);
        }

        return scores;
    }

    /// <summary>The framework record of a campaign, once per scope.</summary>
    public async Task<FrameworkRecord> FrameworkAsync(Guid frameworkId, CancellationToken cancellationToken)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var record))
        {
            _frameworks[frameworkId] = record = await db.Frameworks.AsNoTracking().FirstAsync(f => f.Id == frameworkId, cancellationToken);
        }

        return record;
    }

    /// <summary>
    /// The unit's comparison of <paramref name="current"/> with <paramref name="previous"/>: through the stored mapping
    /// between the two campaigns' frameworks, else the suggestion, else identity for the same version; the unit's own
    /// individual indicators by the suggestion rule (<see cref="IndicatorMapping.ForUnit"/>). Null when either side
    /// has no official scores.
    /// </summary>
    public async Task<(UnitComparison Comparison, MappingSource Source)?> CompareAsync(CampaignScores previous, UnitScores current, Guid currentFrameworkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var before = previous.Units.FirstOrDefault(u => u.Unit.Id == current.Unit.Id);
        if (before?.Official is not { } previousScore || current.Official is not { } currentScore)
        {
            return null;
        }

        var (mapping, source) = await MappingAsync(previous.Campaign.FrameworkId, previous.Framework, currentFrameworkId, cancellationToken);
        var unitMapping = IndicatorMapping.ForUnit(mapping, before.Framework, current.Framework);
        return (ResultsComparer.Compare(new ScoredUnit(before.Framework, previousScore), new ScoredUnit(current.Framework, currentScore), unitMapping), source);
    }

    private async Task<(IndicatorMapping, MappingSource)> MappingAsync(Guid fromId, FrameworkDefinition from, Guid toId, CancellationToken cancellationToken)
    {
        if (!_mappings.TryGetValue((fromId, toId), out var found))
        {
            var to = (await FrameworkAsync(toId, cancellationToken)).ToDefinition();
            _mappings[(fromId, toId)] = found = await FrameworkMappings.LoadAsync(db, fromId, from, toId, to, cancellationToken);
        }

        return found;
    }
}
