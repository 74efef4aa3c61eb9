using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity;

/// <summary>A new installation without the demo gets its first Admin from configuration, once.</summary>
public sealed class FirstAdminTests : IAsyncLifetime
{
    private const string Email = "office.admin@example.gov.cn";
    private const string Initial = "First#Admin2026";

    private sealed class Installation : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OfficeEval:SeedDemo"] = "false",
            ["OfficeEval:FirstAdminEmail"] = Email,
            ["OfficeEval:FirstAdminPassword"] = Initial,
        };
    }

    private readonly Installation _api = new();

    public Task InitializeAsync() => ((IAsyncLifetime)_api).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_api).DisposeAsync();

    [Fact]
    public async Task FirstAdmin_IsCreatedOnceMustChangeThePasswordAndIsAudited()
    {
        var client = _api.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Initial });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var me = (await client.GetFromJsonAsync<JsonObject>("/api/me"))!;
        Assert.True(me["mustChangePassword"]!.GetValue<bool>());
        Assert.Equal(["Admin"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
        Assert.Equal(1L, await _api.Database.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal("system", await _api.Database.ScalarAsync<string>(
            "SELECT actor_name FROM audit_entries WHERE action = 'user.created' ORDER BY seq LIMIT 1"));
    }
}
