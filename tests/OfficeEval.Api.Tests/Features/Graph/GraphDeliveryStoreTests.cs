using Microsoft.Extensions.Configuration;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Graph;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>The outbox claim on its own: two instances' stores (two connection pools) claiming at once never share a delivery.</summary>
public sealed class GraphDeliveryStoreTests
{
    [Fact]
    public async Task Claim_TwoInstancesFourClaimersEach_FortyDeliveries_EachClaimedOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await DatabaseMigrator.MigrateAsync(connection, CancellationToken.None);
        }

        await database.ScalarAsync<int>("""
            INSERT INTO graph_deliveries (id, kind, target, payload, status, attempts, next_attempt_at, created_at, created_by)
            SELECT gen_random_uuid(), 'mail', 'unit-' || n, '{}', 'Pending', 0, now() - interval '1 minute', now(), gen_random_uuid()
            FROM generate_series(1, 40) AS n
            RETURNING 1
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = database.ConnectionString }).Build();
        await using var storeA = new GraphDeliveryStore(configuration);
        await using var storeB = new GraphDeliveryStore(configuration);

        var claimed = await Task.WhenAll(new[] { storeA, storeB }.SelectMany(store => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<GraphDeliveryStore.Claim>();
            while (await store.ClaimAsync(TimeSpan.FromMinutes(10), CancellationToken.None) is { } claim)
            {
                mine.Add(claim);
            }

            return mine;
        }))));

        var all = claimed.SelectMany(c => c).ToList();
        Assert.Equal(40, all.Count);
        Assert.Equal(40, all.Select(c => c.Id).Distinct().Count());
        Assert.All(all, c => Assert.Equal(1, c.Attempt));
        Assert.Equal(40L, await database.ScalarAsync<long>("SELECT count(*) FROM graph_deliveries WHERE status = 'Running' AND attempts = 1"));
    }
}
