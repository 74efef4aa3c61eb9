using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OfficeEval.Api.Data;

public static class DatabaseSetup
{
    /// <summary>Statements Npgsql keeps prepared per connection when the connection string does not say (see <see cref="ForRequests"/>).</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// <see cref="AppDbContext"/> from a pool: a context is reset and reused rather than built (with its services)
    /// for every request. Its connection string is <see cref="ForRequests"/>'s; its timeouts are the connection string's.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        // Read when the pool is built, from the host's final configuration (tests set it after Program has run).
        // Idle pooled connections are checked before use, so a database restart nobody saw costs no request.
        services.AddSingleton<IdleConnectionCheck>();
        services.AddDbContextPool<AppDbContext>((provider, options) => options
            .UseNpgsql(ForRequests(provider.GetRequiredService<IConfiguration>().GetConnectionString("Default")))
            .AddInterceptors(provider.GetRequiredService<IdleConnectionCheck>()));
        return services;
    }

    /// <summary>
    /// The configured connection string, with Npgsql's automatic preparation on unless it sets
    /// <c>Max Auto Prepare</c> itself: a statement run a few times on a connection is prepared there, so PostgreSQL
    /// stops parsing and planning the same few queries on every request (docs/reliability.md, "Under load"). Only the application's own queries use it: the
    /// start-up migration, whose session lock is released by the pool's connection reset, keeps the string as configured.
    /// </summary>
    public static string? ForRequests(string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return configured;
        }

        return new NpgsqlConnectionStringBuilder(configured) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
