using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Tests.Support;
using OfficeEval.Documents.Tests.Support;
using static OfficeEval.Api.Tests.Features.Audit.AuditApi;

namespace OfficeEval.Api.Tests.Features.Audit;

/// <summary>What the running API records, and the audit endpoints over HTTP.</summary>
public sealed class AuditApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Verify_AfterAMixOfActionsThroughHttp_ChainValid()
    {
        var anonymous = api.CreateClient();
        await LoginAsync(anonymous, $"nobody-{Guid.NewGuid():N}@demo.local", "Whatever#1");
        await LoginAsync(anonymous, DemoUsers.Reviewer, "Wrong#Pass1");
        await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "CfDJ8forged" });
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaign, unit) = await StaffUnitAsync(staff);
        var blank = await staff.GetByteArrayAsync(WorkbookUrl(campaign, unit));
        var upload = await staff.PostAsync(WorkbookUrl(campaign, unit), Form(WorkbookFiller.Fill(blank, new Dictionary<string, FilledRow> { ["1.1.1"] = FilledRow.Option("好") })));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var recent = await QueryAsync(admin, "limit=500");

        var result = await VerifyAsync(admin);

        Assert.True(result.Valid, result.MessageEn);
        Assert.Null(result.BrokenSeq);
        var stored = await api.Database.ScalarAsync<long>("SELECT count(*) FROM audit_entries");
        Assert.Equal(stored - 1, result.EntriesChecked); // the verification's own entry comes after the walk
        Assert.Equal(stored - 1, result.LastSeq);
        var actions = recent.Items.Select(e => e.Action).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.RefreshRefused, AuditActions.Exported, AuditActions.AnswersChanged,
        }, actions);
    }

    [Fact]
    public async Task SignIn_UnknownAccount_RecordedWithTheNameTried()
    {
        var account = $"nobody-{Guid.NewGuid():N}@demo.local";

        var response = await LoginAsync(api.CreateClient(), account, "Whatever#1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var entry = Assert.Single((await QueryAsync(admin, $"target={Escape("account/" + account)}")).Items);
        Assert.Equal((AuditActions.SignInFailed, account, (Guid?)null), (entry.Action, entry.ActorName, entry.ActorId));
        Assert.Equal("unknown_account", entry.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task SignIn_AccountNameWithControlCharacters_RecordedWithThemReplaced()
    {
        var tag = Guid.NewGuid().ToString("N");

        // NUL (which PostgreSQL refuses), a line break and the hash's field separator.
        var response = await LoginAsync(api.CreateClient(), $"evil\0\n\u001f{tag}", "Whatever#1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var entry = Assert.Single((await QueryAsync(admin, $"target={Escape($"account/evil\uFFFD\uFFFD\uFFFD{tag}")}")).Items);
        Assert.Equal($"evil\uFFFD\uFFFD\uFFFD{tag}", entry.ActorName);
    }

    [Fact]
    public async Task SignIn_Success_RecordedAgainstTheUser()
    {
        var viewer = await api.SignInAsync(DemoUsers.Viewer);
        var me = (await viewer.GetFromJsonAsync<Me>("/api/me"))!;

        var admin = await api.SignInAsync(DemoUsers.Admin);
        var entry = (await QueryAsync(admin, $"actorId={me.Id}&action={AuditActions.SignIn}")).Items
            .First(e => e.Action == AuditActions.SignIn);

        Assert.Equal((DemoUsers.Viewer, $"user/{me.Id}"), (entry.ActorName, entry.Target));
    }

    [Fact]
    public async Task SignIn_WrongPasswordUntilLockedOut_EachFailureAndTheLockoutRecorded()
    {
        var viewer = await api.SignInAsync(DemoUsers.Viewer);
        var viewerId = (await viewer.GetFromJsonAsync<Me>("/api/me"))!.Id;
        var anonymous = api.CreateClient();
        try
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await LoginAsync(anonymous, DemoUsers.Viewer, "Wrong#Pass1")).StatusCode);
            }

            HttpStatusCode[] expected = [.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), (HttpStatusCode)423];
            Assert.Equal(expected, statuses);
            var admin = await api.SignInAsync(DemoUsers.Admin);
            var failures = (await QueryAsync(admin, $"actorId={viewerId}&action={AuditActions.SignInFailed}&limit=5")).Items;
            Assert.Equal(["locked_out", "wrong_password", "wrong_password", "wrong_password", "wrong_password"],
                failures.Select(e => e.Data.GetProperty("reason").GetString()));
            Assert.Equal(JsonValueKind.String, failures[0].Data.GetProperty("lockedUntil").ValueKind);
        }
        finally
        {
            // The other tests of this class sign in as the viewer.
            await api.Database.ScalarAsync<int>("UPDATE users SET lockout_end = NULL, access_failed_count = 0 WHERE email = 'viewer@demo.local' RETURNING 1");
        }
    }

    [Fact]
    public async Task Refresh_ForgedToken_RefusalRecorded()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "CfDJ8forged-refresh-token" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var entry = (await QueryAsync(admin, $"action={AuditActions.RefreshRefused}&limit=1")).Items.Single();
        Assert.Equal("invalid_token", entry.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ChangePassword_RefusedThenChanged_BothRecorded()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var staffId = (await staff.GetFromJsonAsync<Me>("/api/me"))!.Id;

        var wrong = await staff.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "Not#ThePass1", newPassword = "Changed#Pass2027" });
        var changed = await staff.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = ApiFactory.DemoPassword, newPassword = "Changed#Pass2027" });
        var back = await staff.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "Changed#Pass2027", newPassword = ApiFactory.DemoPassword });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK), (wrong.StatusCode, changed.StatusCode, back.StatusCode));
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var entries = (await QueryAsync(admin, $"target=user/{staffId}&action=auth.password_&limit=3")).Items;
        Assert.Equal([AuditActions.PasswordChanged, AuditActions.PasswordChanged, AuditActions.PasswordChangeFailed], entries.Select(e => e.Action));
        Assert.Equal("current_wrong", entries[2].Data.GetProperty("reason").GetString());
        Assert.All(entries, e => Assert.Equal((staffId, DemoUsers.Staff), (e.ActorId!.Value, e.ActorName)));
    }

    [Fact]
    public async Task Download_Workbook_ExportRecordedWithCampaignAndUnit()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaign, unit) = await StaffUnitAsync(staff);

        var bytes = await staff.GetByteArrayAsync(WorkbookUrl(campaign, unit));

        var admin = await api.SignInAsync(DemoUsers.Admin);
        var entry = (await QueryAsync(admin, $"action=export&campaignId={campaign}&unitId={unit}&limit=1")).Items.Single();
        Assert.Equal((campaign, unit, DemoUsers.Staff), (entry.CampaignId!.Value, entry.UnitId!.Value, entry.ActorName));
        Assert.EndsWith("自评表.xlsx", entry.Data.GetProperty("fileName").GetString(), StringComparison.Ordinal);
        Assert.Equal(bytes.Length, entry.Data.GetProperty("bytes").GetInt32());
    }

    [Fact]
    public async Task Upload_ChangedAnswers_OnlyTheChangedLeavesRecordedBeforeAndAfter()
    {
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaign, unit) = await StaffUnitAsync(staff);
        var blank = await staff.GetByteArrayAsync(WorkbookUrl(campaign, unit));
        var first = new Dictionary<string, FilledRow> { ["1.1.1"] = FilledRow.Option("好", 8), ["2.1.2"] = FilledRow.Count(0) };
        var second = new Dictionary<string, FilledRow> { ["1.1.1"] = FilledRow.Option("较好", 6, "材料已补充"), ["2.1.2"] = FilledRow.Count(0) };
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync(WorkbookUrl(campaign, unit), Form(WorkbookFiller.Fill(blank, first)))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync(WorkbookUrl(campaign, unit), Form(WorkbookFiller.Fill(blank, second)))).StatusCode);

        var admin = await api.SignInAsync(DemoUsers.Admin);
        var entry = (await QueryAsync(admin, $"action={AuditActions.AnswersChanged}&unitId={unit}&limit=1")).Items.Single();
        var before = entry.Details.GetProperty("before");
        var after = entry.Details.GetProperty("after");
        Assert.Equal(["1.1.1"], before.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["1.1.1"], after.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("好", 8m), (before.GetProperty("1.1.1").GetProperty("option").GetString(), before.GetProperty("1.1.1").GetProperty("selfScore").GetDecimal()));
        Assert.Equal(("较好", 6m, "材料已补充"), (after.GetProperty("1.1.1").GetProperty("option").GetString(),
            after.GetProperty("1.1.1").GetProperty("selfScore").GetDecimal(), after.GetProperty("1.1.1").GetProperty("explanation").GetString()));
        Assert.False(before.GetProperty("1.1.1").TryGetProperty("number", out _));
        Assert.Equal(1, entry.Data.GetProperty("leavesChanged").GetInt32());
        Assert.Equal(campaign, entry.CampaignId);
    }

    [Fact]
    public async Task Query_ActionPrefix_OnlyThoseActionsNewestFirst()
    {
        await LoginAsync(api.CreateClient(), $"nobody-{Guid.NewGuid():N}@demo.local", "Whatever#1");
        await api.SignInAsync(DemoUsers.Reviewer);
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var page = await QueryAsync(admin, "action=auth.&limit=500");

        Assert.Contains(page.Items, e => e.Action == AuditActions.SignIn);
        Assert.Contains(page.Items, e => e.Action == AuditActions.SignInFailed);
        Assert.All(page.Items, e => Assert.StartsWith("auth.", e.Action, StringComparison.Ordinal));
        Assert.Equal(page.Items.Select(e => e.Seq).OrderDescending(), page.Items.Select(e => e.Seq));
        Assert.All((await QueryAsync(admin, "action=auth.sign_in_&limit=500")).Items, e => Assert.Equal(AuditActions.SignInFailed, e.Action));
    }

    [Fact]
    public async Task Query_ActorAndTimeRange_OnlyMatchingEntries()
    {
        await api.SignInAsync(DemoUsers.Reviewer);
        await api.SignInAsync(DemoUsers.Reviewer);
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var adminId = (await admin.GetFromJsonAsync<Me>("/api/me"))!.Id;
        var all = (await QueryAsync(admin, "limit=500")).Items;
        var middle = all[all.Count / 2].At;
        var at = Escape(middle.ToString("O", CultureInfo.InvariantCulture));

        var mine = (await QueryAsync(admin, $"actorId={adminId}&limit=500")).Items;
        var since = (await QueryAsync(admin, $"from={at}&limit=500")).Items;
        var until = (await QueryAsync(admin, $"to={at}&limit=500")).Items;

        Assert.NotEmpty(mine);
        Assert.All(mine, e => Assert.Equal(adminId, e.ActorId));
        Assert.All(since, e => Assert.True(e.At >= middle));
        Assert.All(until, e => Assert.True(e.At < middle));
        Assert.Contains(since, e => e.Seq == all[all.Count / 2].Seq);
        Assert.Equal(all.Count(e => e.At < middle), until.Count);
    }

    [Fact]
    public async Task Query_PagedByBefore_PagesJoinToTheWholeListWithoutGapsOrRepeats()
    {
        var anonymous = api.CreateClient();
        for (var i = 0; i < 7; i++)
        {
            await LoginAsync(anonymous, $"pager-{i}-{Guid.NewGuid():N}@demo.local", "Whatever#1");
        }

        var admin = await api.SignInAsync(DemoUsers.Admin);
        var whole = (await QueryAsync(admin, $"action={AuditActions.SignInFailed}&limit=500")).Items;
        var pages = new List<Page>();
        long? before = null;
        do
        {
            var page = await QueryAsync(admin, $"action={AuditActions.SignInFailed}&limit=3" + (before is null ? "" : $"&before={before}"));
            pages.Add(page);
            before = page.NextBefore;
        }
        while (before is not null);

        Assert.True(whole.Count >= 7);
        Assert.Equal(whole.Select(e => e.Seq), pages.SelectMany(p => p.Items).Select(e => e.Seq));
        Assert.All(pages.SkipLast(1), p => Assert.Equal(3, p.Items.Count));
        Assert.Equal((whole.Count + 2) / 3, pages.Count);
    }

    [Fact]
    public async Task Query_BadValues_400NamingEachField()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync("/api/audit?from=yesterday&actorId=abc&unitId=1&limit=501&before=-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("audit.query_invalid", problem.Code);
        Assert.Equal(["actorId", "before", "from", "limit", "unitId"], problem.Errors!.Select(e => e.Field!).Order(StringComparer.Ordinal));
        Assert.All(problem.Errors!, e => Assert.False(string.IsNullOrEmpty(e.MessageZh)));
    }

    [Fact]
    public async Task Query_FromNotBeforeTo_400()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync("/api/audit?from=2026-03-02&to=2026-03-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("audit.range_empty", Assert.Single((await Problem.ReadAsync(response)).Errors!).Code);
    }

    [Fact]
    public async Task Query_AndVerify_ThemselvesRecorded()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var target = $"nothing-{Guid.NewGuid():N}";
        Assert.Empty((await QueryAsync(admin, $"target={target}")).Items);
        var verification = await VerifyAsync(admin);

        var viewed = (await QueryAsync(admin, $"action={AuditActions.AuditViewed}&limit=1")).Items.Single();
        var verified = (await QueryAsync(admin, $"action={AuditActions.AuditVerified}&limit=1")).Items.Single();

        Assert.Equal(target, viewed.Data.GetProperty("query").GetProperty("target").GetString());
        Assert.Equal(0, viewed.Data.GetProperty("returned").GetInt32());
        Assert.Equal(DemoUsers.Admin, viewed.ActorName);
        Assert.Equal(verification.LastSeq, verified.Data.GetProperty("lastSeq").GetInt64());
        Assert.True(verified.Data.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData(DemoUsers.Staff, "/api/audit")]
    [InlineData(DemoUsers.Reviewer, "/api/audit")]
    [InlineData(DemoUsers.Viewer, "/api/audit")]
    [InlineData(DemoUsers.Staff, "/api/audit/verify")]
    [InlineData(DemoUsers.Reviewer, "/api/audit/verify")]
    [InlineData(DemoUsers.Viewer, "/api/audit/verify")]
    public async Task AuditEndpoints_NotAdmin_Forbidden(string user, string url)
    {
        var client = await api.SignInAsync(user);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task AuditEndpoints_Anonymous_Unauthorized()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/api/audit/verify")).StatusCode);
    }

    [Fact]
    public async Task ConcurrentAuditedRequests_GaplessValidChain()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var staff = await api.SignInAsync(DemoUsers.Staff);
        var (campaign, unit) = await StaffUnitAsync(staff);
        var anonymous = api.CreateClient();
        var tag = Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 36).Select(i => (i % 3) switch
        {
            0 => LoginAsync(anonymous, $"racer-{i}-{tag}@demo.local", "Whatever#1"),
            1 => staff.GetAsync(WorkbookUrl(campaign, unit)),
            _ => admin.GetAsync("/api/audit?limit=1"),
        }));

        Assert.Equal(12, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(24, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var result = await VerifyAsync(admin);
        Assert.True(result.Valid, result.MessageEn);
        Assert.Equal(await api.Database.ScalarAsync<long>("SELECT max(seq) - min(seq) + 1 FROM audit_entries"),
            await api.Database.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
        Assert.Equal(12L, await api.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE actor_name LIKE 'racer-%-{tag}@demo.local'"));
    }
}
