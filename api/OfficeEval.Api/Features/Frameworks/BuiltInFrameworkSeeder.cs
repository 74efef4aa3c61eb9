using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// Puts the built-in frameworks into every database as published versions, at start-up under the migration lock.
/// Idempotent by code and version: a version already there (published, or a draft an administrator made) is left alone,
/// so the seed never changes a stored framework.
/// </summary>
public static class BuiltInFrameworkSeeder
{
    /// <summary>Adds the built-in frameworks missing from the database; returns the "code version" of each one added.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var existing = (await db.Frameworks.Select(f => new { f.Code, f.Version }).ToListAsync(cancellationToken))
            .Select(f => (f.Code, f.Version)).ToHashSet();
        var added = new List<string>();
        foreach (var framework in BuiltInFrameworks.All.Where(f => !existing.Contains((f.Code, f.Version))))
        {
            var record = FrameworkRecord.From(framework);
            record.PublishedAt = clock.GetUtcNow();
            db.Frameworks.Add(record);
            added.Add($"{framework.Code} {framework.Version}");
        }

        if (added.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }
}
