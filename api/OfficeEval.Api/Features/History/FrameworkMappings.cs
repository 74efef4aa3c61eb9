using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.History;

namespace OfficeEval.Api.Features.History;

/// <summary>Where a mapping between two framework versions comes from.</summary>
public enum MappingSource
{
    /// <summary>The office stored it (PUT …/mappings/{toId}).</summary>
    Stored,
    /// <summary>Nothing is stored: same code and kind carry over, flagged when renamed (<see cref="IndicatorMapping.Suggest"/>).</summary>
    Suggested,
    /// <summary>Both campaigns use the same framework version: every code maps to itself.</summary>
    SameFramework,
}

/// <summary>The mapping between two framework versions as the comparison uses it: stored, else suggested.</summary>
public static class FrameworkMappings
{
    /// <summary>The stored links from <paramref name="fromId"/> to <paramref name="toId"/>, in code order; empty when none.</summary>
    public static async Task<List<FrameworkMappingRecord>> StoredAsync(AppDbContext db, Guid fromId, Guid toId, CancellationToken cancellationToken) =>
        await db.FrameworkMappings.AsNoTracking()
            .Where(m => m.FromFrameworkId == fromId && m.ToFrameworkId == toId)
            .OrderBy(m => m.FromCode)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The mapping between two frameworks: identity for the same version, else the stored links, else the suggestion.
    /// </summary>
    public static async Task<(IndicatorMapping Mapping, MappingSource Source)> LoadAsync(
        AppDbContext db, Guid fromId, FrameworkDefinition from, Guid toId, FrameworkDefinition to, CancellationToken cancellationToken)
    {
        if (fromId == toId)
        {
            return (IndicatorMapping.Identity(to), MappingSource.SameFramework);
        }

        var stored = await StoredAsync(db, fromId, toId, cancellationToken);
        return stored.Count > 0
            ? (ToMapping(stored), MappingSource.Stored)
            : (IndicatorMapping.Suggest(from, to), MappingSource.Suggested);
    }

    public static IndicatorMapping ToMapping(IEnumerable<FrameworkMappingRecord> records) =>
        new([.. records.Select(r => new IndicatorLink(r.FromCode, r.ToCode) { Note = r.Note })]);
}
