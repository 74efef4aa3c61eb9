using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// An office's data worth backing up, made through the API of a running instance: the demo campaign and a second one
/// on a new framework version; drafts and submitted self-evaluations (one returned and resubmitted, one accepted);
/// a field review with a verified score and a problem; a rectification item with evidence files uploaded twice; a
/// finished report batch; a user of the office's own with a password they chose. <see cref="Seen"/> is what the API
/// answered about each of them, to be compared with what a restored instance answers.
/// </summary>
public sealed class BackupStory
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] DemoUsers = ["admin@demo.local", "reviewer@demo.local", "staff@demo.local", "viewer@demo.local"];

    /// <summary>GET path (and the user reading it) → the JSON the source instance answered.</summary>
    public Dictionary<(string User, string Path), string> Seen { get; } = [];

    /// <summary>Download path (and the user) → the SHA-256 of the file the source instance served.</summary>
    public Dictionary<(string User, string Path), string> Downloads { get; } = [];

    /// <summary>Accounts that sign in: e-mail → password.</summary>
    public Dictionary<string, string> Passwords { get; } = DemoUsers.ToDictionary(u => u, _ => ApiProcess.DemoPassword);

    public Guid DemoCampaign { get; private set; }

    public Guid SecondCampaign { get; private set; }

    public Dictionary<string, Guid> Units { get; private set; } = [];

    /// <summary>The self-evaluation draft a writer keeps changing while the backup runs (the demo campaign's DW-ZZB).</summary>
    public (Guid Campaign, Guid Unit) BusyDraft => (DemoCampaign, Units["DW-ZZB"]);

    public int SubmittedVersions { get; private set; }

    public int EvidenceFiles { get; private set; }

    public static async Task<BackupStory> TellAsync(ApiProcess api)
    {
        var story = new BackupStory();
        using var admin = await api.SignedInAsync("admin@demo.local");
        using var reviewer = await api.SignedInAsync("reviewer@demo.local");
        using var staff = await api.SignedInAsync("staff@demo.local");
        var clients = new Dictionary<string, HttpClient> { ["admin"] = admin, ["reviewer"] = reviewer, ["staff"] = staff };

        var units = (await admin.GetFromJsonAsync<JsonArray>("/api/units"))!;
        story.Units = units.ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["id"]!.GetValue<Guid>());
        var (fgw, jyj) = (story.Units["ZF-FGW"], story.Units["ZF-JYJ"]);
        var campaigns = (await admin.GetFromJsonAsync<JsonArray>("/api/campaigns"))!;
        story.DemoCampaign = campaigns.Single(c => c!["year"]!.GetValue<int>() == 2026)!["id"]!.GetValue<Guid>();
        var demo = story.DemoCampaign;

        // The demo campaign. The commission submits, is returned on 3.2, corrects and resubmits; version 2 is accepted.
        var revision = await Drafts.FillCompletelyAsync(staff, demo, fgw);
        await Ok(await Drafts.SendAsync(staff, HttpMethod.Post, Drafts.Url(demo, fgw, "/submit"), null, revision));
        await Ok(await reviewer.PostAsJsonAsync(Drafts.Url(demo, fgw, "/return"),
            new { comment = "请核实职责交叉情况", indicators = new[] { new { indicatorCode = "3.2", comment = "与市场监管局存在交叉" } } }));
        var (_, returnedRevision) = await Drafts.GetAsync(staff, demo, fgw);
        var corrected = await Ok(await Drafts.PatchAsync(staff, demo, fgw, returnedRevision,
            new { indicatorCode = "3.2", number = 2m, selfScore = 6m, explanation = "与市场监管局交叉 2 项", evidence = new[] { "职责交叉事项说明" } }));
        await Ok(await Drafts.SendAsync(staff, HttpMethod.Post, Drafts.Url(demo, fgw, "/submit"), null, Drafts.RevisionOf(corrected)));
        await Ok(await reviewer.PostAsJsonAsync(Drafts.Url(demo, fgw, "/accept"), new { version = 2 }));

        // The education bureau's self-evaluation, filled and submitted by the office: waiting for the initial review.
        await Ok(await Drafts.SendAsync(admin, HttpMethod.Post, Drafts.Url(demo, jyj, "/submit"), null, await FillOtherUnitAsync(admin, demo, jyj)));

        // The field review of the commission: 1.1.1 verified lower, with a problem, and the overall opinion.
        var reviewUrl = $"/api/campaigns/{demo}/units/{fgw}/review";
        var verified = await Ok(await Drafts.SendAsync(reviewer, HttpMethod.Put, reviewUrl + "/items/1.1.1",
            new { verifiedScore = 6.4m, comment = "重点工作台账不完整", problems = new[] { new { description = "台账未按月更新", requirement = "建立月度更新机制" } } },
            Drafts.RevisionOf(await reviewer.GetAsync(reviewUrl))));
        await Ok(await Drafts.SendAsync(reviewer, HttpMethod.Post, reviewUrl + "/complete", null, Drafts.RevisionOf(verified)));

        // A rectification item: the unit starts, submits two files, is returned, submits a third; evidence in the files folder.
        var ledger = $"/api/campaigns/{demo}/units/{fgw}/rectification";
        var item = await Read(await Send(reviewer, HttpMethod.Post, ledger, new
        {
            indicatorCode = "1.1.1", category = "DutyPerformance", description = "重点工作台账未按月更新", requirement = "建立月度更新机制并补齐台账",
            deadline = "2099-06-30", responsiblePerson = "办公室 王伟",
        }));
        var itemUrl = $"{ledger}/{item["id"]!.GetValue<Guid>()}";
        await Read(await Send(staff, HttpMethod.Post, itemUrl + "/start", new { note = "已部署整改" }, 1));
        await Read(await Send(staff, HttpMethod.Post, itemUrl + "/submit",
            Evidence("已建立月度更新机制", ("整改报告.pdf", Pdf(150_000)), ("台账截图.png", Png(90_000))), 2));
        await Read(await Send(reviewer, HttpMethod.Post, itemUrl + "/return", new { note = "缺少制度文件" }, 3));
        var submitted = await Read(await Send(staff, HttpMethod.Post, itemUrl + "/submit",
            Evidence("已印发台账管理办法", ("台账管理办法.docx", Docx(60_000))), 4));
        var files = submitted["evidence"]!.AsArray().SelectMany(e => e!["files"]!.AsArray()).Select(f => f!["id"]!.GetValue<Guid>()).ToList();
        story.EvidenceFiles = files.Count;
        await story.SeeAsync(clients, "staff", itemUrl);
        foreach (var file in files)
        {
            await story.DownloadAsync(clients, "staff", $"{itemUrl}/files/{file}");
        }

        // A second campaign on a new framework version: the bureau submits, the commission keeps a draft.
        var frameworks = (await admin.GetFromJsonAsync<JsonArray>("/api/frameworks"))!;
        var common = frameworks.Single(f => f!["code"]!.GetValue<string>() == "COMMON" && f["version"]!.GetValue<string>() == "2026.1")!["id"]!.GetValue<Guid>();
        var framework = (await Read(await admin.PostAsJsonAsync($"/api/frameworks/{common}/versions", new { version = "2027.1" })))["id"]!.GetValue<Guid>();
        await Ok(await admin.PostAsync($"/api/frameworks/{framework}/publish", null));
        story.SecondCampaign = (await Read(await admin.PostAsJsonAsync("/api/campaigns", new
        {
            year = 2027,
            name = "2027年度机构编制执行情况和使用效益评估",
            frameworkId = framework,
            deadlines = new object[]
            {
                new { stage = "单位自评", code = "self_assessment", due = "2099-03-31" },
                new { stage = "初审", code = "initial_review", due = "2099-04-15" },
                new { stage = "实地评估", code = "field_review", due = "2099-05-31" },
                new { stage = "结果反馈", code = "results", due = "2099-06-30" },
            },
            contacts = new[] { new { name = "李红", role = "评估业务咨询", phone = "0000-12345678" } },
        })))["id"]!.GetValue<Guid>();
        var second = story.SecondCampaign;
        await Ok(await admin.PutAsJsonAsync($"/api/campaigns/{second}/units/{fgw}", new { approvedEstablishment = 40, approvedLeadershipPosts = 5 }));
        await Ok(await admin.PutAsJsonAsync($"/api/campaigns/{second}/units/{jyj}", new { approvedEstablishment = 60, approvedLeadershipPosts = 6 }));
        await Ok(await admin.PutAsJsonAsync($"/api/campaigns/{second}/units/{fgw}/individual-indicators",
            Drafts.StaffFramework.Leaves().Where(l => l.Node.IsIndividual).Select(l => l.Node)));
        await Ok(await Drafts.SendAsync(admin, HttpMethod.Post, Drafts.Url(second, jyj, "/submit"), null, await FillOtherUnitAsync(admin, second, jyj)));
        await Drafts.FillCompletelyAsync(staff, second, fgw);
        story.SubmittedVersions = 4;

        // A user of the office's own, who chose their password.
        var created = await Read(await admin.PostAsJsonAsync("/api/users", new { email = "zhang.wei@office.local", displayName = "张伟", roles = new[] { "Reviewer" } }));
        var initial = created["initialPassword"]!.GetValue<string>();
        using (var first = api.Client(await api.SignInAsync("zhang.wei@office.local", initial)))
        {
            await Ok(await first.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = initial, newPassword = "Zhang#Wei2027" }));
        }

        story.Passwords["zhang.wei@office.local"] = "Zhang#Wei2027";

        // The report batch of the demo campaign, finished: its zip in the files folder.
        var job = await Read(await admin.PostAsync($"/api/campaigns/{demo}/reports/batch", null), HttpStatusCode.Accepted);
        var jobUrl = $"/api/report-jobs/{job["id"]!.GetValue<Guid>()}";
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonObject state;
        while ((state = (await admin.GetFromJsonAsync<JsonObject>(jobUrl))!)["status"]!.GetValue<string>() is "Queued" or "Running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"The report batch did not finish within 90 s: {state.ToJsonString()}");
            await Task.Delay(200);
        }

        Assert.True(state["status"]!.GetValue<string>() == "Succeeded", state.ToJsonString());
        await story.SeeAsync(clients, "admin", jobUrl);
        await story.DownloadAsync(clients, "admin", jobUrl + "/download");

        // What the API says about all of it.
        foreach (var (campaign, unit) in new[] { (demo, fgw), (demo, jyj), (second, jyj) })
        {
            await story.SeeAsync(clients, "admin", Drafts.Url(campaign, unit, "/versions"));
            var versions = (await admin.GetFromJsonAsync<JsonArray>(Drafts.Url(campaign, unit, "/versions")))!;
            foreach (var version in versions)
            {
                await story.SeeAsync(clients, "admin", Drafts.Url(campaign, unit, $"/versions/{version!["number"]}"));
            }
        }

        await story.SeeAsync(clients, "admin", "/api/campaigns");
        await story.SeeAsync(clients, "admin", $"/api/campaigns/{second}/progress");
        await story.SeeAsync(clients, "staff", Drafts.Url(second, fgw));
        await story.SeeAsync(clients, "reviewer", reviewUrl);
        await story.SeeAsync(clients, "admin", $"/api/campaigns/{demo}/rectification");
        return story;
    }

    /// <summary>Reads every path of <see cref="Seen"/> and <see cref="Downloads"/> from <paramref name="api"/>, as the same users.</summary>
    public async Task<(Dictionary<(string, string), string> Seen, Dictionary<(string, string), string> Downloads)> ReadBackAsync(ApiProcess api)
    {
        var clients = new Dictionary<string, HttpClient>();
        try
        {
            foreach (var user in Seen.Keys.Concat(Downloads.Keys).Select(k => k.User).Distinct())
            {
                clients[user] = await api.SignedInAsync($"{user}@demo.local");
            }

            var seen = new Dictionary<(string, string), string>();
            foreach (var (user, path) in Seen.Keys)
            {
                seen[(user, path)] = await Get(clients[user], path);
            }

            var downloads = new Dictionary<(string, string), string>();
            foreach (var (user, path) in Downloads.Keys)
            {
                downloads[(user, path)] = await DownloadSha(clients[user], path);
            }

            return (seen, downloads);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// Keeps saving <see cref="BusyDraft"/> (1.1.1 back and forth) until <paramref name="stop"/> is cancelled, calling
    /// <paramref name="saved"/> after each save the API acknowledged; returns how many there were.
    /// </summary>
    public async Task<int> KeepWritingAsync(ApiProcess api, Action saved, CancellationToken stop)
    {
        using var admin = await api.SignedInAsync("admin@demo.local");
        var (campaign, unit) = BusyDraft;
        var (_, revision) = await Drafts.GetAsync(admin, campaign, unit);
        var node = Drafts.StaffFramework.Leaves().Single(l => l.Node.Code == "1.1.1").Node;
        object[] answers = [Drafts.Complete(node), new { indicatorCode = "1.1.1", option = "一般", selfScore = 6m, evidence = new[] { "年度工作总结", "重点工作台账" } }];
        var saves = 0;
        for (var i = 0; i < 10_000 && !stop.IsCancellationRequested; i++)
        {
            var response = await Drafts.PatchAsync(admin, campaign, unit, revision, answers[i % 2]);
            await Ok(response);
            revision = Drafts.RevisionOf(response);
            saves++;
            saved();
        }

        return saves;
    }

    private async Task SeeAsync(Dictionary<string, HttpClient> clients, string user, string path) => Seen[(user, path)] = await Get(clients[user], path);

    private async Task DownloadAsync(Dictionary<string, HttpClient> clients, string user, string path) => Downloads[(user, path)] = await DownloadSha(clients[user], path);

    /// <summary>The JSON a GET answered; without its "today" (progress), which would differ across midnight.</summary>
    private static async Task<string> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        if (JsonNode.Parse(text) is JsonObject body && body.Remove("today"))
        {
            return body.ToJsonString(Readable);
        }

        return text;
    }

    private static async Task<string> DownloadSha(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return BackupScripts.Sha256(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Another unit's answers (no individual indicators): every common leaf complete, 6.1 partly reached.</summary>
    private static async Task<int> FillOtherUnitAsync(HttpClient client, Guid campaign, Guid unit)
    {
        var (_, revision) = await Drafts.GetAsync(client, campaign, unit);
        var answers = Drafts.CompleteAnswers().Where(a => !((dynamic)a).indicatorCode.StartsWith("6.")).ToList();
        answers.Add(new { indicatorCode = "6.1", option = "部分达成", selfScore = 3m, evidence = new[] { "个性指标佐证材料" } });
        answers.Add(new { indicatorCode = "1.1.1", option = "一般", selfScore = 6m, evidence = new[] { "年度工作总结", "重点工作台账" } });
        var saved = await Ok(await Drafts.PatchAsync(client, campaign, unit, revision,
            answers.GroupBy(a => (string)((dynamic)a).indicatorCode).Select(g => g.Last()).ToArray()));
        return Drafts.RevisionOf(saved);
    }

    private static MultipartFormDataContent Evidence(string description, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(description), "description" } };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "files", name);
        }

        return form;
    }

    private static byte[] Pdf(int size) => [.. "%PDF-1.7\n"u8.ToArray(), .. RandomNumberGenerator.GetBytes(size)];

    private static byte[] Png(int size) => [.. (byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], .. RandomNumberGenerator.GetBytes(size)];

    /// <summary>A Word package as the evidence check reads it, with some random content.</summary>
    private static byte[] Docx(int size)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open(), Encoding.UTF8))
            {
                writer.Write("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            }

            using (var stream = zip.CreateEntry("word/document.xml").Open())
            {
                stream.Write("<x/>"u8);
            }

            using (var stream = zip.CreateEntry("word/media/scan.bin", CompressionLevel.NoCompression).Open())
            {
                stream.Write(RandomNumberGenerator.GetBytes(size));
            }
        }

        return output.ToArray();
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object body, int? revision = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body as HttpContent ?? JsonContent.Create(body) };
        if (revision is { } r)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{r}\""));
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    private static async Task<JsonObject> Read(HttpResponseMessage response, HttpStatusCode? expected = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected is null ? response.IsSuccessStatusCode : response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return (JsonObject)JsonNode.Parse(text)!;
    }
}
