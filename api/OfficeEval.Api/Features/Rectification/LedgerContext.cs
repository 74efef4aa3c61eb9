using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// A campaign as the ledger shows it: its units and, per unit, the indicators of the framework it is evaluated on
/// (the campaign's, with the unit's individual indicators), so items can name their indicator.
/// </summary>
public sealed class LedgerContext
{
    private readonly Dictionary<Guid, IReadOnlyDictionary<string, string>> _indicators = [];

    private LedgerContext(Campaign campaign, FrameworkDefinition framework, IReadOnlyDictionary<Guid, CampaignUnit> units)
    {
        Campaign = campaign;
        CampaignFramework = framework;
        Units = units;
    }

    public Campaign Campaign { get; }

    public FrameworkDefinition CampaignFramework { get; }

    /// <summary>The campaign's units by id, each with its <see cref="CampaignUnit.Unit"/>.</summary>
    public IReadOnlyDictionary<Guid, CampaignUnit> Units { get; }

    /// <summary>The campaign with its units; null when there is no such campaign.</summary>
    public static async Task<LedgerContext?> LoadAsync(AppDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var (campaign, framework) = await CampaignEndpoints.Load(db, campaignId, cancellationToken);
        if (campaign is null || framework is null)
        {
            return null;
        }

        var units = await db.CampaignUnits.AsNoTracking().Include(cu => cu.Unit).Where(cu => cu.CampaignId == campaignId)
            .ToDictionaryAsync(cu => cu.UnitId, cancellationToken);
        return new LedgerContext(campaign, framework.ToDefinition(), units);
    }

    /// <summary>
    /// The framework <paramref name="unitId"/> is evaluated on; a unit whose individual indicators do not fit is
    /// evaluated on the common framework, as it is scored.
    /// </summary>
    public FrameworkDefinition FrameworkOf(Guid unitId) =>
        Units.TryGetValue(unitId, out var link) ? UnitEvaluation.FrameworkFor(CampaignFramework, link).Framework : CampaignFramework;

    /// <summary>Every indicator of the unit's framework (dimensions, inner nodes and leaves) by code, with its name.</summary>
    public IReadOnlyDictionary<string, string> Indicators(Guid unitId)
    {
        if (!_indicators.TryGetValue(unitId, out var names))
        {
            var all = new Dictionary<string, string>(StringComparer.Ordinal);
            void Walk(IEnumerable<IndicatorNode> nodes)
            {
                foreach (var node in nodes)
                {
                    all.TryAdd(node.Code, node.Name);
                    Walk(node.Children);
                }
            }

            Walk(FrameworkOf(unitId).Dimensions);
            _indicators[unitId] = names = all;
        }

        return names;
    }

    public string? IndicatorName(Guid unitId, string? code) => code is null ? null : Indicators(unitId).GetValueOrDefault(code);
}

/// <summary>What a user may do to the items of each unit of a campaign, by the same rules as the endpoints' policies.</summary>
public sealed class LedgerRights
{
    private readonly ClaimsPrincipal _user;
    private readonly IReadOnlySet<Guid> _assigned;

    private LedgerRights(ClaimsPrincipal user, IReadOnlySet<Guid> assigned)
    {
        _user = user;
        _assigned = assigned;
    }

    public static async Task<LedgerRights> ForAsync(ClaimsPrincipal user, AppDbContext db, Guid campaignId, CancellationToken cancellationToken)
    {
        var assigned = user.IsInRole(Roles.Reviewer)
            ? (await UnitAccess.AssignedQuery(db, campaignId, user.UserId()).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        return new LedgerRights(user, assigned);
    }

    public bool IsAdmin => _user.IsInRole(Roles.Admin);

    public bool Has(UnitRight right, Guid unitId) => IsAdmin || right switch
    {
        UnitRight.Read => _user.IsInRole(Roles.Viewer) || _assigned.Contains(unitId) || (_user.IsInRole(Roles.UnitStaff) && _user.UnitId() == unitId),
        UnitRight.Edit => _user.IsInRole(Roles.UnitStaff) && _user.UnitId() == unitId,
        UnitRight.Review => _assigned.Contains(unitId),
        _ => false,
    };

    /// <summary>What the user may do to the item now: <c>edit</c>, <c>delete</c> and the transitions open to them.</summary>
    public IReadOnlyList<string> Actions(RectificationItem item)
    {
        var actions = new List<string>();
        if (RectificationWorkflow.IsEditable(item.Status) && Has(UnitRight.Review, item.UnitId))
        {
            actions.Add("edit");
        }

        if (RectificationWorkflow.IsDeletable(item.Status) && IsAdmin)
        {
            actions.Add("delete");
        }

        actions.AddRange(RectificationWorkflow.Transitions
            .Where(t => RectificationWorkflow.Allows(item.Status, t) && Has(RectificationWorkflow.Right(t), item.UnitId))
            .Select(RectificationWorkflow.Action));
        return actions;
    }
}
