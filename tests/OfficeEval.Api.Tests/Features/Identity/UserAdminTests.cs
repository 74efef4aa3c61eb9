using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OfficeEval.Api.Tests.Support;
using static OfficeEval.Api.Tests.Support.Accounts;

namespace OfficeEval.Api.Tests.Features.Identity;

/// <summary>User administration by the office: accounts, roles and units, initial passwords, lockout, disabling.</summary>
public sealed class UserAdminTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_UnitStaff_InitialPasswordReturnedOnce_AndMustBeChanged()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var unit = await DemoUnitAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/users", new { email = "new.staff@test.local", displayName = " 王五 ", roles = new[] { "unitstaff" }, unitId = unit });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<InitialPasswordBody>())!;
        Assert.Equal($"/api/users/{body.User.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("new.staff@test.local", "王五", unit), (body.User.Email, body.User.DisplayName, body.User.UnitId));
        Assert.Equal(["UnitStaff"], body.User.Roles);
        Assert.NotNull(body.User.UnitName);
        Assert.True(body.User.MustChangePassword);
        Assert.Equal(16, body.InitialPassword.Length);

        var read = await admin.GetStringAsync($"/api/users/{body.User.Id}");
        Assert.DoesNotContain(body.InitialPassword, read);
        Assert.DoesNotContain("password\":\"", read, StringComparison.OrdinalIgnoreCase);
        var tokens = await LoginAsync(api, "new.staff@test.local", body.InitialPassword);
        Assert.True((await Client(api, tokens.AccessToken).GetFromJsonAsync<UserBody>("/api/me"))!.MustChangePassword);

        var audit = Assert.Single(await AuditDetailsAsync(api, "user.created", body.User.Id)).GetProperty("after");
        Assert.Equal("new.staff@test.local", audit.GetProperty("email").GetString());
        Assert.Equal("王五", audit.GetProperty("displayName").GetString());
        Assert.Equal(unit, audit.GetProperty("unitId").GetGuid());
        Assert.Equal(["UnitStaff"], Strings(audit.GetProperty("roles")));
        Assert.DoesNotContain(body.InitialPassword, audit.GetRawText());
    }

    public static TheoryData<string, object, string, string> InvalidAccounts => new()
    {
        { "staff without a unit", new { email = "a1@test.local", displayName = "甲", roles = new[] { "UnitStaff" } }, "unitId", "user.unit_required" },
        { "viewer with a unit", new { email = "a2@test.local", displayName = "乙", roles = new[] { "Viewer" }, unitId = Guid.NewGuid() }, "unitId", "user.unit_not_allowed" },
        { "unknown unit", new { email = "a3@test.local", displayName = "丙", roles = new[] { "UnitStaff" }, unitId = Guid.NewGuid() }, "unitId", "user.unit_unknown" },
        { "unknown role", new { email = "a4@test.local", displayName = "丁", roles = new[] { "Boss" } }, "roles", "user.role_unknown" },
        { "no role", new { email = "a5@test.local", displayName = "戊", roles = Array.Empty<string>() }, "roles", "user.roles_required" },
        { "no name", new { email = "a6@test.local", displayName = "  ", roles = new[] { "Viewer" } }, "displayName", "user.display_name_required" },
        { "long name", new { email = "a7@test.local", displayName = new string('名', 101), roles = new[] { "Viewer" } }, "displayName", "user.display_name_too_long" },
        { "bad e-mail", new { email = "not-an-address", displayName = "己", roles = new[] { "Viewer" } }, "email", "user.email_invalid" },
        { "no e-mail", new { displayName = "庚", roles = new[] { "Viewer" } }, "email", "user.email_required" },
    };

    [Theory]
    [MemberData(nameof(InvalidAccounts))]
    public async Task Create_Invalid_Problem400NamingTheField(string because, object request, string field, string code)
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsJsonAsync("/api/users", request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("user.invalid", problem.Code);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal((field, code), (error.Field, error.Code));
        Assert.NotEqual(error.MessageZh, error.MessageEn);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email LIKE 'a_@test.local'"));
    }

    [Fact]
    public async Task Create_ExistingEmailInOtherCase_Problem409()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.PostAsJsonAsync("/api/users", new { email = "REVIEWER@demo.local", displayName = "重复", roles = new[] { "Viewer" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("user.email_taken", problem.Code);
        Assert.Equal("email", Assert.Single(problem.Errors!).Field);
    }

    [Fact]
    public async Task List_FiltersByRoleUnitAndText_AndPages()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        // A unit no other test of this class gives staff to.
        var unit = (await DemoUnitsAsync(admin))[2];
        await CreateAsync(api, "UnitStaff", unit, "list.staff@test.local");

        var staff = (await admin.GetFromJsonAsync<PageBody>("/api/users?role=UnitStaff"))!;
        Assert.All(staff.Items, u => Assert.Contains("UnitStaff", u.Roles));
        Assert.Contains(staff.Items, u => u.Email == DemoUsers.Staff);

        var ofUnit = (await admin.GetFromJsonAsync<PageBody>($"/api/users?unitId={unit}"))!;
        Assert.Equal(["list.staff@test.local"], ofUnit.Items.Select(u => u.Email));

        var byName = (await admin.GetFromJsonAsync<PageBody>("/api/users?q=查询用"))!;
        Assert.Equal([DemoUsers.Viewer], byName.Items.Select(u => u.Email));
        var byEmail = (await admin.GetFromJsonAsync<PageBody>("/api/users?q=REVIEWER@DEMO"))!;
        Assert.Equal([DemoUsers.Reviewer], byEmail.Items.Select(u => u.Email));

        var first = (await admin.GetFromJsonAsync<PageBody>("/api/users?q=demo.local&pageSize=3"))!;
        var second = (await admin.GetFromJsonAsync<PageBody>("/api/users?q=demo.local&pageSize=3&page=2"))!;
        Assert.Equal((4, 3, 1), (first.Total, first.Items.Count, first.Page));
        Assert.Equal([DemoUsers.Admin, DemoUsers.Reviewer, DemoUsers.Staff], first.Items.Select(u => u.Email));
        Assert.Equal([DemoUsers.Viewer], second.Items.Select(u => u.Email));
    }

    [Theory]
    [InlineData("role=Boss", "role")]
    [InlineData("unitId=xyz", "unitId")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("disabled=maybe", "disabled")]
    public async Task List_BadQuery_Problem400NamingTheParameter(string query, string field)
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync($"/api/users?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, Assert.Single((await Problem.ReadAsync(response)).Errors!).Field);
    }

    [Fact]
    public async Task Get_UnknownUser_Problem404()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync($"/api/users/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Update_Roles_RefreshRefused_AuditedAsRolesChanged()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        var (_, tokens) = await ActivateAsync(api, account);

        var response = await admin.PutAsJsonAsync($"/api/users/{account.Id}", new { displayName = "改为评估专员", roles = new[] { "Reviewer" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await response.Content.ReadFromJsonAsync<UserBody>())!;
        Assert.Equal(["Reviewer"], user.Roles);
        Assert.Equal("改为评估专员", user.DisplayName);
        var refresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        var audit = Assert.Single(await AuditDetailsAsync(api, "user.roles_changed", account.Id));
        Assert.Equal(["Viewer"], Strings(audit.GetProperty("before").GetProperty("roles")));
        Assert.Equal(["Reviewer"], Strings(audit.GetProperty("after").GetProperty("roles")));
        Assert.Equal("改为评估专员", audit.GetProperty("after").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Update_Unit_RefreshRefused()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var units = await DemoUnitsAsync(admin);
        var account = await CreateAsync(api, "UnitStaff", units[0]);
        var (_, tokens) = await ActivateAsync(api, account);

        var response = await admin.PutAsJsonAsync($"/api/users/{account.Id}", new { displayName = "测试UnitStaff", roles = new[] { "UnitStaff" }, unitId = units[1] });

        Assert.Equal(units[1], (await response.Content.ReadFromJsonAsync<UserBody>())!.UnitId);
        var refresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        Assert.Single(await AuditDetailsAsync(api, "user.roles_changed", account.Id));
    }

    [Fact]
    public async Task Update_NameOnly_SessionKept_AuditedAsChanged()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        var (_, tokens) = await ActivateAsync(api, account);

        await admin.PutAsJsonAsync($"/api/users/{account.Id}", new { displayName = "新名字", roles = new[] { "Viewer" } });

        var refresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var audit = Assert.Single(await AuditDetailsAsync(api, "user.changed", account.Id));
        Assert.Equal("新名字", audit.GetProperty("after").GetProperty("displayName").GetString());
        Assert.Empty(await AuditDetailsAsync(api, "user.roles_changed", account.Id));
    }

    [Fact]
    public async Task Update_StaffWithoutUnit_Problem400_NothingChanged()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");

        var response = await admin.PutAsJsonAsync($"/api/users/{account.Id}", new { displayName = "x", roles = new[] { "UnitStaff" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unitId", Assert.Single((await Problem.ReadAsync(response)).Errors!).Field);
        Assert.Equal(["Viewer"], (await admin.GetFromJsonAsync<UserBody>($"/api/users/{account.Id}"))!.Roles);
    }

    [Fact]
    public async Task ResetPassword_LockedUser_NewInitialPasswordSignsIn_ForcedChange_OldPasswordRefused()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        var (password, tokens) = await ActivateAsync(api, account);
        await LockOutAsync(account.Email);

        var response = await admin.PostAsync($"/api/users/{account.Id}/reset-password", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<InitialPasswordBody>())!;
        Assert.Equal((true, false), (body.User.MustChangePassword, body.User.LockedOut));
        var old = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        var refresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        var fresh = await LoginAsync(api, account.Email, body.InitialPassword);
        var blocked = await Client(api, fresh.AccessToken).GetAsync("/api/campaigns");
        Assert.Equal("auth.password_change_required", (await Problem.ReadAsync(blocked)).Code);
        var audit = Assert.Single(await AuditDetailsAsync(api, "user.password_reset", account.Id));
        Assert.True(audit.GetProperty("after").GetProperty("mustChangePassword").GetBoolean());
        Assert.DoesNotContain(body.InitialPassword, audit.GetRawText());
        Assert.DoesNotContain(password, audit.GetRawText());
    }

    [Fact]
    public async Task Unlock_LockedUser_SignsInAgain_Audited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        await LockOutAsync(account.Email);
        Assert.True((await admin.GetFromJsonAsync<UserBody>($"/api/users/{account.Id}"))!.LockedOut);

        var response = await admin.PostAsync($"/api/users/{account.Id}/unlock", null);

        Assert.False((await response.Content.ReadFromJsonAsync<UserBody>())!.LockedOut);
        await LoginAsync(api, account.Email, account.InitialPassword);
        Assert.Single(await AuditDetailsAsync(api, "user.changed", account.Id));
    }

    [Fact]
    public async Task Disable_NoSignInNoRefresh_EnableRestoresSignIn()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        var (password, tokens) = await ActivateAsync(api, account);

        var disabled = await admin.PostAsync($"/api/users/{account.Id}/disable", null);

        Assert.True((await disabled.Content.ReadFromJsonAsync<UserBody>())!.Disabled);
        var login = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal("auth.failed", (await Problem.ReadAsync(login)).Code);
        var refresh = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        var listed = (await admin.GetFromJsonAsync<PageBody>("/api/users?disabled=true"))!;
        Assert.Contains(listed.Items, u => u.Id == account.Id);

        var enabled = await admin.PostAsync($"/api/users/{account.Id}/enable", null);

        Assert.False((await enabled.Content.ReadFromJsonAsync<UserBody>())!.Disabled);
        await LoginAsync(api, account.Email, password);
        var audit = await AuditDetailsAsync(api, "user.changed", account.Id);
        Assert.Equal([(false, true), (true, false)], audit.Select(a =>
            (a.GetProperty("before").GetProperty("disabled").GetBoolean(), a.GetProperty("after").GetProperty("disabled").GetBoolean())));
    }

    [Fact]
    public async Task Disable_AccessTokenStillHeld_ChangePasswordGivesNoNewTokens()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");
        var (password, tokens) = await ActivateAsync(api, account);
        await admin.PostAsync($"/api/users/{account.Id}/disable", null);

        var response = await Client(api, tokens.AccessToken).PostAsJsonAsync("/api/auth/change-password", new { currentPassword = password, newPassword = "Another#Pass2028" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var login = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Disable_AlreadyDisabled_NothingMoreAudited()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var account = await CreateAsync(api, "Viewer");

        await admin.PostAsync($"/api/users/{account.Id}/disable", null);
        var again = await admin.PostAsync($"/api/users/{account.Id}/disable", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await AuditDetailsAsync(api, "user.changed", account.Id));
    }

    [Theory]
    [InlineData(DemoUsers.Reviewer)]
    [InlineData(DemoUsers.Staff)]
    [InlineData(DemoUsers.Viewer)]
    public async Task UserEndpoints_NotAdmin_Problem403(string email)
    {
        var client = await api.SignInAsync(email);
        var target = (await (await api.SignInAsync(DemoUsers.Admin)).GetFromJsonAsync<PageBody>("/api/users?q=admin@"))!.Items[0].Id;

        var responses = new[]
        {
            await client.GetAsync("/api/users"),
            await client.GetAsync($"/api/users/{target}"),
            await client.PostAsJsonAsync("/api/users", new { email = "x@test.local", displayName = "x", roles = new[] { "Admin" } }),
            await client.PutAsJsonAsync($"/api/users/{target}", new { displayName = "x", roles = new[] { "Viewer" } }),
            await client.PostAsync($"/api/users/{target}/reset-password", null),
            await client.PostAsync($"/api/users/{target}/unlock", null),
            await client.PostAsync($"/api/users/{target}/disable", null),
            await client.PostAsync($"/api/users/{target}/enable", null),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal("forbidden", (await Problem.ReadAsync(responses[0])).Code);
        Assert.Equal(0L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'x@test.local'"));
    }

    [Fact]
    public async Task UserEndpoints_Anonymous_Problem401()
    {
        var response = await api.CreateClient().GetAsync("/api/users");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task LockOutAsync(string email)
    {
        var client = api.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong#Pass2026" });
        }

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong#Pass2026" });
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
    }

    private static async Task<Guid> DemoUnitAsync(HttpClient admin) => (await DemoUnitsAsync(admin))[0];

    private static async Task<List<Guid>> DemoUnitsAsync(HttpClient admin)
    {
        var campaign = (await admin.GetFromJsonAsync<List<IdBody>>("/api/campaigns"))![0];
        return [.. (await admin.GetFromJsonAsync<List<IdBody>>($"/api/campaigns/{campaign.Id}/units"))!.Select(u => u.Id)];
    }

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];

    private sealed record IdBody(Guid Id);

    private sealed record PageBody(List<UserBody> Items, int Total, int Page, int PageSize);
}
