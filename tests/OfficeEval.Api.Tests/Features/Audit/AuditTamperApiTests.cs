using System.Net.Http.Json;
using Npgsql;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Features.Audit.AuditApi;

namespace OfficeEval.Api.Tests.Features.Audit;

/// <summary>Tampering with the running API's log, as a database superuser going around the guard triggers.</summary>
public sealed class AuditTamperApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Verify_SignInEntryEditedInTheDatabase_ReportedAtItsSeq()
    {
        for (var i = 0; i < 3; i++)
        {
            await LoginAsync(api.CreateClient(), $"someone-{i}@demo.local", "Whatever#1");
        }

        var admin = await api.SignInAsync(DemoUsers.Admin);
        var tried = (await QueryAsync(admin, "target=account/someone-1@demo.local")).Items.Single();
        await using (var connection = new NpgsqlConnection(api.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SET session_replication_role = replica; UPDATE audit_entries SET actor_name = 'someone-else@demo.local' WHERE seq = {tried.Seq}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var result = await admin.GetFromJsonAsync<Verification>("/api/audit/verify");

        Assert.False(result!.Valid);
        Assert.Equal((tried.Seq, "edited"), (result.BrokenSeq, result.Reason));
        Assert.Equal(tried.Seq - 1, result.EntriesChecked);
        Assert.Contains($"{tried.Seq}", result.MessageEn);
    }
}
