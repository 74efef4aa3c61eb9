using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// A framework version as listed: what it is, for whom (<c>ApplicableKinds</c> as <c>Government</c> …, and their
/// Chinese names; empty means every kind), how big (<c>LeafCount</c>, bonus and veto leaves included), whether it may
/// still change (<c>IsDraft</c>: only drafts may be replaced or deleted) and whether it is built in (seeded at start-up).
/// </summary>
public sealed record FrameworkSummary(
    Guid Id,
    string Code,
    string Version,
    string Name,
    decimal TotalPoints,
    IReadOnlyList<string> ApplicableKinds,
    IReadOnlyList<string> ApplicableKindNames,
    int LeafCount,
    DateTimeOffset? PublishedAt,
    bool IsDraft,
    bool IsBuiltIn)
{
    public static FrameworkSummary From(FrameworkRecord record, FrameworkDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(definition);
        return new FrameworkSummary(record.Id, record.Code, record.Version, record.Name, record.TotalPoints,
            [.. definition.ApplicableKinds.Select(k => k.ToString())], [.. definition.ApplicableKinds.Select(UnitKinds.NameZh)],
            definition.Leaves().Count(), record.PublishedAt, !record.IsPublished, BuiltInFrameworks.IsBuiltIn(record.Code, record.Version));
    }
}

/// <summary>Body of <c>POST /api/frameworks/{id}/versions</c>.</summary>
/// <param name="Version">The new version label, e.g. 2027.1.</param>
public sealed record NewVersionRequest(string? Version);
