using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Graph;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Tests.Features.Audit;
using OfficeEval.Api.Tests.Features.Jobs;
using OfficeEval.Api.Tests.Features.Results;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Graph;

/// <summary>
/// Publishing and the outbox through the API and the delivery worker, against the stub Microsoft: what ends up in the
/// drive, failures kept visible with their error, and the office's retry. Waits poll the deliveries with a deadline.
/// </summary>
public sealed class GraphDeliveryTests(GraphApi api) : IClassFixture<GraphApi>
{
    private const string CampaignRoot = GraphApi.Folder;

    [Fact]
    public async Task Publish_NoReportBatch_TheWorkbookAsItIsNow_UploadedToTheCampaignFolder()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaignId, year) = await CloneCampaignAsync();

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/publish", new { });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<PublishBody>())!;
        var folder = $"{CampaignRoot}/{year}-{year}年度测试批次";
        Assert.Equal((campaignId, (Guid?)null, folder), (body.CampaignId, body.ReportJobId, body.Folder));
        var queued = Assert.Single(body.Deliveries);
        Assert.Equal(("publish_workbook", "Pending", $"{folder}/{year}-评估结果汇总表.xlsx"), (queued.Kind, queued.Status, queued.Target));

        var done = Assert.Single(await GraphApi.WaitForEndAsync(admin, [queued.Id]));
        Assert.Equal(("Succeeded", 1, null), (done.Status, done.Attempts, done.LastError));
        var path = $"{folder}/{year}-评估结果汇总表.xlsx";
        Assert.Equal(StubMicrosoft.WebRoot + "/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), done.ResultUrl);
        using (var workbook = SpreadsheetDocument.Open(new MemoryStream(api.Stub.Files[path]), false))
        {
            Assert.Contains("评估结果", workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value));
        }

        var upload = Assert.Single(api.Stub.GraphRequests, r => r.Path.Contains(path, StringComparison.Ordinal));
        Assert.StartsWith("Bearer app-token-", upload.Authorization, StringComparison.Ordinal);
        // The snapshot waited in the files folder only until it was published.
        Assert.False(File.Exists(Path.Combine(api.FilesPath, PublishEndpoints.SnapshotFolder, $"{queued.Id:N}.xlsx")));

        var requested = Assert.Single((await AuditApi.QueryAsync(admin, $"action=graph.publish_queued&target=campaign/{campaignId}/publish")).Items);
        Assert.Equal((1, 0), (requested.Data.GetProperty("deliveries").GetInt32(), requested.Data.GetProperty("reports").GetInt32()));
        var delivered = Assert.Single((await AuditApi.QueryAsync(admin, $"action=graph.delivered&target=graph-delivery/{queued.Id}")).Items);
        Assert.Equal(("system:graph-delivery", campaignId), (delivered.ActorName, delivered.CampaignId));
    }

    [Fact]
    public async Task Publish_FinishedReportBatch_EveryIssuedReportAndTheWorkbook()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var demo = await ResultsScenario.SetUpAsync(api);
        var batch = (await (await admin.PostAsync($"/api/campaigns/{demo.Id}/reports/batch", null)).Content.ReadFromJsonAsync<JobView>())!;
        var job = await JobsApi.WaitForEndAsync(admin, batch.Id);
        Assert.Equal("Succeeded", job.Status);

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{demo.Id}/publish", new { reportJobId = job.Id });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<PublishBody>())!;
        Assert.Equal(job.Id, body.ReportJobId);
        Assert.Equal(7, body.Deliveries.Count);
        var finished = await GraphApi.WaitForEndAsync(admin, [.. body.Deliveries.Select(d => d.Id)]);
        Assert.All(finished, d => Assert.Equal("Succeeded", d.Status));

        using var zip = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync($"/api/report-jobs/{job.Id}/download")));
        var reports = finished.Where(d => d.Kind == "publish_report").OrderBy(d => d.Target, StringComparer.Ordinal).ToList();
        Assert.Equal(zip.Entries.Select(e => $"{body.Folder}/评估报告/{e.FullName}").Order(StringComparer.Ordinal), reports.Select(r => r.Target));
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            using (var stream = entry.Open())
            {
                await stream.CopyToAsync(content);
            }

            Assert.Equal(content.ToArray(), api.Stub.Files[$"{body.Folder}/评估报告/{entry.FullName}"]);
            var unitCode = string.Join('-', entry.FullName.Split('-').Take(2));
            Assert.Equal(demo[unitCode], reports.Single(r => r.Target.EndsWith(entry.FullName, StringComparison.Ordinal)).UnitId);
        }

        Assert.True(api.Stub.Files.ContainsKey($"{body.Folder}/2026-评估结果汇总表.xlsx"));
    }

    [Fact]
    public async Task Publish_ReportBatchNotFinishedOrUnknown_RefusedAndNothingQueued()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaignId, _) = await CloneCampaignAsync();
        var failedJob = Guid.CreateVersion7();
        await WorkflowSetup.WithDb(api, async db =>
        {
            db.ReportJobs.Add(new ReportJob
            {
                Id = failedJob, Kind = ReportJobKinds.EvaluationReports, CampaignId = campaignId, Status = ReportJobStatus.Failed,
                CreatedAt = DateTimeOffset.UtcNow, Error = "every unit failed",
            });
            await db.SaveChangesAsync();
        });

        var notFinished = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/publish", new { reportJobId = failedJob });
        var unknown = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/publish", new { reportJobId = Guid.NewGuid() });
        var noCampaign = await admin.PostAsJsonAsync($"/api/campaigns/{Guid.NewGuid()}/publish", new { });
        var staff = await (await api.SignInAsync(DemoUsers.Staff)).PostAsJsonAsync($"/api/campaigns/{campaignId}/publish", new { });

        Assert.Equal(HttpStatusCode.Conflict, notFinished.StatusCode);
        Assert.Equal("graph.report_job_not_ready", (await Problem.ReadAsync(notFinished)).Code);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noCampaign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
        Assert.Equal(0, await WorkflowSetup.WithDb(api, db => db.GraphDeliveries.CountAsync(d => d.CampaignId == campaignId)));
    }

    [Fact]
    public async Task Delivery_GraphDownThroughEveryAttempt_FailedWithItsError_ListedForTheAdmin_RetrySucceeds()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaignId, year) = await CloneCampaignAsync();
        var folder = $"{year}-{year}年度测试批次";
        api.Stub.Fault(r => r.Server == "graph" && r.Path.Contains(folder, StringComparison.Ordinal), -1,
            _ => StubMicrosoft.GraphError(503, "serviceNotAvailable", "SharePoint is down for maintenance."));

        var queued = Assert.Single((await (await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/publish", new { })).Content.ReadFromJsonAsync<PublishBody>())!.Deliveries);
        var failed = Assert.Single(await GraphApi.WaitForEndAsync(admin, [queued.Id]));

        // Two attempts (DeliveryAttempts), three tries each (RequestAttempts), then Failed with Graph's status, code and message.
        Assert.Equal(("Failed", 2), (failed.Status, failed.Attempts));
        Assert.Equal("HTTP 503 serviceNotAvailable: SharePoint is down for maintenance.", failed.LastError);
        Assert.NotNull(failed.FinishedAt);
        Assert.Equal(6, api.Stub.GraphRequests.Count(r => r.Path.Contains(folder, StringComparison.Ordinal)));
        var listed = (await admin.GetFromJsonAsync<DeliveryPage>($"/api/graph/deliveries?status=Failed&campaignId={campaignId}"))!;
        Assert.Equal(queued.Id, Assert.Single(listed.Items).Id);
        Assert.Equal(1, listed.Total);
        Assert.Empty((await admin.GetFromJsonAsync<DeliveryPage>($"/api/graph/deliveries?status=succeeded&campaignId={campaignId}"))!.Items);
        Assert.True(File.Exists(Path.Combine(api.FilesPath, PublishEndpoints.SnapshotFolder, $"{queued.Id:N}.xlsx")));
        var gaveUp = Assert.Single((await AuditApi.QueryAsync(admin, $"action=graph.delivery_failed&target=graph-delivery/{queued.Id}")).Items);
        Assert.Equal(failed.LastError, gaveUp.Data.GetProperty("error").GetString());

        api.Stub.ClearFaults();
        var retry = await admin.PostAsync($"/api/graph/deliveries/{queued.Id}/retry", null);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = (await retry.Content.ReadFromJsonAsync<DeliveryView>())!;
        Assert.Equal(("Pending", 0), (again.Status, again.Attempts));
        var succeeded = Assert.Single(await GraphApi.WaitForEndAsync(admin, [queued.Id]));
        Assert.Equal(("Succeeded", 1, null), (succeeded.Status, succeeded.Attempts, succeeded.LastError));
        Assert.True(api.Stub.Files.ContainsKey($"{CampaignRoot}/{folder}/{year}-评估结果汇总表.xlsx"));
        Assert.False(File.Exists(Path.Combine(api.FilesPath, PublishEndpoints.SnapshotFolder, $"{queued.Id:N}.xlsx")));
        var retried = Assert.Single((await AuditApi.QueryAsync(admin, $"action=graph.delivery_retried&target=graph-delivery/{queued.Id}")).Items);
        Assert.Equal(("Failed", 2), (retried.Details.GetProperty("before").GetProperty("status").GetString(), retried.Details.GetProperty("before").GetProperty("attempts").GetInt32()));

        var twice = await admin.PostAsync($"/api/graph/deliveries/{queued.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("graph.delivery_not_failed", (await Problem.ReadAsync(twice)).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/graph/deliveries/{Guid.NewGuid()}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Delivery_GraphForbids_FailedAtOnce_NeitherRequestNorDeliveryRetried()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaignId, year) = await CloneCampaignAsync();
        var folder = $"{year}-{year}年度测试批次";
        api.Stub.Fault(r => r.Server == "graph" && r.Path.Contains(folder, StringComparison.Ordinal), -1,
            _ => StubMicrosoft.GraphError(403, "accessDenied", "The caller does not have permission to perform the action."));

        var queued = Assert.Single((await (await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/publish", new { })).Content.ReadFromJsonAsync<PublishBody>())!.Deliveries);
        var failed = Assert.Single(await GraphApi.WaitForEndAsync(admin, [queued.Id]));

        Assert.Equal(("Failed", 1), (failed.Status, failed.Attempts));
        Assert.Equal("HTTP 403 accessDenied: The caller does not have permission to perform the action.", failed.LastError);
        Assert.Single(api.Stub.GraphRequests, r => r.Path.Contains(folder, StringComparison.Ordinal));
        api.Stub.ClearFaults();
    }

    [Fact]
    public async Task Delivery_WorkerDiedHoldingIt_TakenUpAgainOnceItsLeaseLapsed()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var id = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new ReminderMailPayload(GraphApi.Sender, ["lost@contoso.cn"], [], "lease", "<p>lease</p>"), Api.Features.Frameworks.FrameworkRecord.Json);
        await api.Database.ScalarAsync<int>($"""
            INSERT INTO graph_deliveries (id, kind, target, payload, status, attempts, next_attempt_at, locked_until, created_at, created_by)
            VALUES ('{id}', 'reminder_mail', 'mail: lost@contoso.cn', '{payload}'::jsonb, 'Running', 1, now(), now() - interval '1 minute', now(), '{Guid.Empty}')
            RETURNING 1
            """);

        var done = Assert.Single(await GraphApi.WaitForEndAsync(admin, [id]));

        Assert.Equal(("Succeeded", 2), (done.Status, done.Attempts));
        Assert.Contains(api.Stub.GraphRequests, r => r.Path.EndsWith("/sendMail", StringComparison.Ordinal) && r.Text.Contains("lost@contoso.cn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_UnitsLateForSelfEvaluation_OneMailPerUnitToItsStaff_ContactsInCopy()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaignId, year) = await CloneCampaignAsync(deadlinesPassed: true);
        var demo = await WorkflowSetup.DemoAsync(api);
        var other = await Accounts.CreateAsync(api, "UnitStaff", demo["DW-ZZB"]);
        var disabled = await Accounts.CreateAsync(api, "UnitStaff", demo["XZ-CGJD"]);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{disabled.Id}/disable", null)).StatusCode);
        await WorkflowSetup.SetAssessmentAsync(api, campaignId, demo["ZF-JYJ"], [], Api.Features.SelfAssessment.SelfAssessmentStatus.Submitted);
        var staffUnit = await WorkflowSetup.WithDb(api, db => db.Users.Where(u => u.Email == DemoUsers.Staff).Select(u => u.UnitId!.Value).SingleAsync());

        var response = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reminders", new { stage = "self_assessment" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<RemindersBody>())!;
        Assert.Equal(("self_assessment", new DateOnly(2026, 1, 10)), (body.Stage, body.Due));
        Assert.Equal(new[] { demo["DW-ZZB"], staffUnit }.Order(), body.Deliveries.Select(d => d.UnitId!.Value).Order());
        // Submitted units are not late; units with no active account with an e-mail are listed, not dropped.
        Assert.DoesNotContain(body.Skipped, s => s.UnitId == demo["ZF-JYJ"]);
        Assert.Equal(3, body.Skipped.Count);
        Assert.All(body.Skipped, s => Assert.Equal("no_recipient", s.Reason));
        Assert.Contains(body.Skipped, s => s.UnitId == demo["XZ-CGJD"]);

        var sent = await GraphApi.WaitForEndAsync(admin, [.. body.Deliveries.Select(d => d.Id)]);
        Assert.All(sent, d => Assert.Equal("Succeeded", d.Status));
        var mails = api.Stub.GraphRequests.Where(r => r.Path == $"/v1.0/users/{GraphApi.Sender}/sendMail")
            .Select(r => r.Json.GetProperty("message")).Where(m => m.GetProperty("subject").GetString()!.Contains($"【{year}年度测试批次】", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        var toOther = Assert.Single(mails, m => Recipients(m, "toRecipients").SequenceEqual([other.Email]));
        Assert.Equal(["pinggu@demo.local"], Recipients(toOther, "ccRecipients"));
        Assert.Contains("市委组织部", toOther.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains("单位自评", toOther.GetProperty("subject").GetString(), StringComparison.Ordinal);
        var html = toOther.GetProperty("body").GetProperty("content").GetString()!;
        Assert.Equal("HTML", toOther.GetProperty("body").GetProperty("contentType").GetString());
        Assert.Contains("2026年1月10日", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Single(mails, m => Recipients(m, "toRecipients").SequenceEqual([DemoUsers.Staff]));

        var audited = Assert.Single((await AuditApi.QueryAsync(admin, $"action=graph.reminders_queued&target=campaign/{campaignId}/reminders")).Items);
        Assert.Equal((2, "self_assessment"), (audited.Data.GetProperty("queued").GetInt32(), audited.Data.GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task Reminders_FieldReviewLate_ToTheUnitsReviewers_InitialReviewSkipsUnitsAwaitingTheOffice()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaignId, _) = await CloneCampaignAsync(deadlinesPassed: true);
        var demo = await WorkflowSetup.DemoAsync(api);
        await WorkflowSetup.WithDb(api, async db =>
        {
            var reviewer = await db.Users.SingleAsync(u => u.Email == DemoUsers.Reviewer);
            db.ReviewerGroups.Add(new ReviewerGroup
            {
                Id = Guid.CreateVersion7(),
                CampaignId = campaignId,
                Name = "第二评估组",
                Members = [new ReviewerGroupMember { UserId = reviewer.Id }],
                Units = [new ReviewerGroupUnit { CampaignId = campaignId, UnitId = demo["QT-GQT"] }],
            });
            await db.SaveChangesAsync();
        });
        await WorkflowSetup.SetAssessmentAsync(api, campaignId, demo["DW-ZZB"], [], Api.Features.SelfAssessment.SelfAssessmentStatus.Submitted);

        var field = (await (await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reminders", new { stage = "field_review" })).Content.ReadFromJsonAsync<RemindersBody>())!;
        var initial = (await (await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reminders", new { stage = "initial_review" })).Content.ReadFromJsonAsync<RemindersBody>())!;

        var toReviewer = Assert.Single(field.Deliveries);
        Assert.Equal((demo["QT-GQT"], $"mail: {DemoUsers.Reviewer}"), (toReviewer.UnitId!.Value, toReviewer.Target));
        Assert.Equal(5, field.Skipped.Count);
        Assert.Equal("awaiting_office", Assert.Single(initial.Skipped, s => s.UnitId == demo["DW-ZZB"]).Reason);
        await GraphApi.WaitForEndAsync(admin, [toReviewer.Id, .. initial.Deliveries.Select(d => d.Id)]);
        var mail = api.Stub.GraphRequests.Last(r => r.Path.EndsWith("/sendMail", StringComparison.Ordinal) && r.Text.Contains(DemoUsers.Reviewer, StringComparison.Ordinal));
        Assert.Contains("评估组", mail.Json.GetProperty("message").GetProperty("body").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_BadStageOrNobodyLate_RefusedNamingTheField()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        var (campaignId, _) = await CloneCampaignAsync(deadlinesPassed: false);

        var results = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reminders", new { stage = "results" });
        var missing = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reminders", new { });
        var notLate = await admin.PostAsJsonAsync($"/api/campaigns/{campaignId}/reminders", new { stage = "self_assessment" });

        Assert.Equal(HttpStatusCode.BadRequest, results.StatusCode);
        Assert.Equal("stage", Assert.Single((await Problem.ReadAsync(results)).Errors!).Field);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notLate.StatusCode);
        Assert.Equal("graph.stage_not_late", (await Problem.ReadAsync(notLate)).Code);
    }

    [Fact]
    public async Task Deliveries_BadFilters_RefusedNamingEachField()
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);

        var response = await admin.GetAsync("/api/graph/deliveries?status=Lost&kind=fax&campaignId=x&pageSize=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["campaignId", "kind", "pageSize", "status"], (await Problem.ReadAsync(response)).Errors!.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignInAsync(DemoUsers.Viewer)).GetAsync("/api/graph/deliveries")).StatusCode);
    }

    [Fact]
    public async Task People_LocalSignIn_NoDelegation_AndTheQueryIsChecked()
    {
        var reviewer = await api.SignInAsync(DemoUsers.Reviewer);

        var local = await reviewer.GetAsync("/api/graph/people?q=zhang");
        var tooShort = await reviewer.GetAsync("/api/graph/people?q=z");
        var tooLong = await reviewer.GetAsync("/api/graph/people?q=" + new string('z', 65));

        Assert.Equal(HttpStatusCode.Conflict, local.StatusCode);
        Assert.Equal("graph.delegation_unavailable", (await Problem.ReadAsync(local)).Code);
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Equal("q", Assert.Single((await Problem.ReadAsync(tooShort)).Errors!).Field);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.SignInAsync(DemoUsers.Staff)).GetAsync("/api/graph/people?q=zhang")).StatusCode);
    }

    [Fact]
    public async Task People_EntraSignIn_SearchedOnBehalfOfTheCaller_WithTheirToken()
    {
        var client = api.EntraClient(GraphApi.ReviewerGroup);
        var incoming = client.DefaultRequestHeaders.Authorization!.Parameter!;

        var response = await client.GetAsync("/api/graph/people?q=" + Uri.EscapeDataString("O'Brien"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var person = Assert.Single((await response.Content.ReadFromJsonAsync<List<PersonBody>>())!);
        Assert.Equal(("u-1", "obrien@contoso.cn"), (person.Id, person.Mail));
        // The caller's own token was exchanged (on-behalf-of), and Graph was called with what came back.
        var exchange = Assert.Single(api.Stub.TokenRequests, r => r.Form.GetValueOrDefault("assertion") == incoming);
        Assert.Equal(("urn:ietf:params:oauth:grant-type:jwt-bearer", "on_behalf_of"), (exchange.Form["grant_type"], exchange.Form["requested_token_use"]));
        var search = api.Stub.GraphRequests.Last(r => r.Path == "/v1.0/users");
        Assert.Contains("%27O%27%27Brien%27", search.RawTarget, StringComparison.Ordinal);
        Assert.StartsWith("Bearer obo-token-", search.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_GraphRefusesTheExchange_ProblemSaysConsentIsMissing()
    {
        var client = api.EntraClient(GraphApi.ReviewerGroup);
        var incoming = client.DefaultRequestHeaders.Authorization!.Parameter!;
        api.Stub.Fault(r => r.Server == "identity" && r.Form.GetValueOrDefault("assertion") == incoming, 1,
            _ => Microsoft.AspNetCore.Http.Results.Json(new { error = "invalid_grant", suberror = "consent_required",
                error_description = "AADSTS65001: The user or administrator has not consented to use the application." }, statusCode: 400));

        var response = await client.GetAsync("/api/graph/people?q=zhang");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("graph.consent_required", (await Problem.ReadAsync(response)).Code);
        api.Stub.ClearFaults();
    }

    private static List<string?> Recipients(JsonElement message, string field) =>
        message.TryGetProperty(field, out var list) ? [.. list.EnumerateArray().Select(r => r.GetProperty("emailAddress").GetProperty("address").GetString())] : [];

    /// <summary>
    /// A campaign on the demo's framework and units in a year of its own (nothing else of the class touches it), with the
    /// demo's contacts and one whose name must be escaped; deadlines in the past when asked.
    /// </summary>
    private Task<(Guid Id, int Year)> CloneCampaignAsync(bool deadlinesPassed = false) => WorkflowSetup.WithDb(api, async db =>
    {
        var demo = await db.Campaigns.AsNoTracking().Include(c => c.Units).SingleAsync(c => c.Year == 2026);
        var year = 2100 + await db.Campaigns.CountAsync();
        var due = deadlinesPassed ? new DateOnly(2026, 1, 10) : new DateOnly(2999, 1, 10);
        var clone = new Campaign
        {
            Id = Guid.CreateVersion7(),
            Year = year,
            Name = $"{year}年度测试批次",
            FrameworkId = demo.FrameworkId,
            CreatedAt = DateTimeOffset.UtcNow,
            ResultsPolicy = demo.ResultsPolicy,
            Deadlines = [.. CampaignStages.All.Select((code, i) => new CampaignDeadline($"阶段{i}", due.AddDays(i)) { Code = code })],
            Contacts = [.. demo.Contacts, new CampaignContact("<script>alert(1)</script>", "技术", "110")],
            Units = [.. demo.Units.Select(u => new CampaignUnit { UnitId = u.UnitId, IndividualIndicators = u.IndividualIndicators })],
        };
        clone.Deadlines[0] = new CampaignDeadline("单位自评", due) { Code = CampaignStages.SelfAssessment };
        db.Campaigns.Add(clone);
        await db.SaveChangesAsync();
        return (clone.Id, year);
    });

    private sealed record PersonBody(string Id, string DisplayName, string? Mail, string? UserPrincipalName);

    private sealed record PublishBody(Guid CampaignId, Guid? ReportJobId, string Folder, List<DeliveryView> Deliveries);

    private sealed record SkippedBody(Guid UnitId, string Code, string Name, string Reason, string ReasonZh);

    private sealed record RemindersBody(Guid CampaignId, string Stage, DateOnly? Due, List<DeliveryView> Deliveries, List<SkippedBody> Skipped);
}
