using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// The parsed definitions of published framework versions, kept for the process's life. A published version never
/// changes (the API refuses to edit or delete it: <see cref="PublishedFrameworks"/>), so every request on a unit need
/// not read and parse the framework's JSON again, and the engine's <see cref="CompiledFramework"/> (cached per
/// definition instance) is built once per version instead of once per request. The key is the version's id with its
/// publication time, which changes whenever a version is (re)published; drafts are never cached. Safe with several
/// API instances on one database, for the same reason.
/// </summary>
public static class PublishedDefinitions
{
    /// <summary>Far more versions than an office publishes; past it the cache starts again rather than grow.</summary>
    private const int Capacity = 256;

    private static readonly ConcurrentDictionary<(Guid Id, DateTimeOffset PublishedAt), FrameworkDefinition> Cache = new();

    /// <summary>The definition of the framework <paramref name="frameworkId"/> published at <paramref name="publishedAt"/>, from the cache or the database; null when there is no such framework.</summary>
    public static async Task<FrameworkDefinition?> GetAsync(AppDbContext db, Guid frameworkId, DateTimeOffset? publishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (publishedAt is { } at && Cache.TryGetValue((frameworkId, at), out var cached))
        {
            return cached;
        }

        var record = await db.Frameworks.AsNoTracking().FirstOrDefaultAsync(f => f.Id == frameworkId, cancellationToken);
        return record is null ? null : Of(record);
    }

    /// <summary>The record's definition; parsed once per published version.</summary>
    public static FrameworkDefinition Of(FrameworkRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.PublishedAt is not { } at)
        {
            return record.ToDefinition();
        }

        if (Cache.TryGetValue((record.Id, at), out var cached))
        {
            return cached;
        }

        if (Cache.Count >= Capacity)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd((record.Id, at), record.ToDefinition());
    }
}
