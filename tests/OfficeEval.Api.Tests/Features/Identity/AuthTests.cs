using System.Net;
using System.Net.Http.Json;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity;

public sealed class AuthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Login_WrongPassword_Problem401()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = DemoUsers.Admin, password = "wrong-Password1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.failed", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Login_UnknownAccount_SameProblemAsWrongPassword()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "nobody@demo.local", password = "whatever-Pass1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.failed", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Login_FiveFailures_AccountLockedEvenWithRightPassword()
    {
        var client = api.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email = DemoUsers.Viewer, password = "wrong-Password1" });
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoUsers.Viewer, password = ApiFactory.DemoPassword });

        Assert.Equal((HttpStatusCode)423, response.StatusCode);
        Assert.Equal("auth.locked_out", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Me_UnitStaff_RolesAndUnit()
    {
        var client = await api.SignInAsync(DemoUsers.Staff);

        var me = (await client.GetFromJsonAsync<MeBody>("/api/me"))!;

        Assert.Equal(DemoUsers.Staff, me.Email);
        Assert.Equal(["UnitStaff"], me.Roles);
        Assert.NotNull(me.UnitId);
        // The test host turns OfficeEval:DemoMustChangePassword off (ForcedChangeTests covers it on).
        Assert.False(me.MustChangePassword);
    }

    [Fact]
    public async Task Me_ForgedToken_Problem401()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8forged-token");

        var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed record MeBody(string Email, string DisplayName, List<string> Roles, Guid? UnitId, bool MustChangePassword);
}
