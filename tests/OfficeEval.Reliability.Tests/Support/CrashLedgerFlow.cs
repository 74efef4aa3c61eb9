using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// A unit's rectification ledger (整改台账) worked through again and again: the creator enters a problem (待整改), the
/// worker starts it (整改中) and submits what was done with evidence files (multipart, 待核验), the verifier returns it
/// or closes it (已销号), and the next problem is entered. Every change moves the item's revision on by one, adds one
/// step to its history and one audit entry; every evidence file acknowledged must be in the files folder and download
/// with the bytes sent (SHA-256).
/// </summary>
public sealed class CrashLedgerFlow(string name, Guid campaignId, Guid unitId, CrashSession creator, CrashSession worker, CrashSession verifier, Random random)
    : CrashFlow(name)
{
    private readonly string url = $"/api/campaigns/{campaignId}/units/{unitId}/rectification";
    private readonly Dictionary<Guid, ItemModel> items = [];
    private readonly Dictionary<Guid, (string Sha, long Size)> files = [];
    private readonly HashSet<Guid> filesDownloaded = [];
    private readonly Dictionary<Guid, List<byte[]>> lostUploads = [];
    private Guid? current;
    private string? pendingCreate;

    /// <summary>An item as the checks compare it: status, revision, steps of history, evidence (descriptions, file names and sizes).</summary>
    private sealed record State(string Status, int Revision, int History, string Evidence)
    {
        public static State Of(JsonNode item) => new(
            item["status"]!.GetValue<string>(),
            item["revision"]!.GetValue<int>(),
            item["history"]?.AsArray().Count ?? -1,
            string.Join('|', item["evidence"]!.AsArray().Select(e => e!["description"]!.GetValue<string>() + "#" +
                string.Join(',', e["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>() + ":" + f["size"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture))))));

        public State Moved(string status, string? evidence = null) => new(status, Revision + 1, History + 1, evidence ?? Evidence);
    }

    private sealed class ItemModel(State acked)
    {
        public State Acked { get; set; } = acked;

        public State? Pending { get; set; }

        /// <summary>The files of a submission lost at the kill, to compare with what the item holds if it committed.</summary>
        public List<byte[]>? PendingFiles { get; set; }

        /// <summary>Changed (or tried) since the last check.</summary>
        public bool Touched { get; set; } = true;
    }

    public override async Task RunAsync(CrashRound round)
    {
        for (var step = 0; step < MaxStepsPerRound && !round.Over; step++)
        {
            if (current is not { } id)
            {
                if (!await CreateAsync(round))
                {
                    return;
                }

                continue;
            }

            var model = items[id];
            model.Touched = true;
            var itemUrl = $"{url}/{id}";
            var actor = model.Acked.Status == "Submitted" ? verifier : worker;
            var read = await ReadAsync(actor, itemUrl, "reading the item");
            if (read is null)
            {
                return;
            }

            var now = State.Of(read.Json);
            if (now != model.Acked || read.Revision != now.Revision)
            {
                throw new CrashFailure($"{Name}: item {id} reads back as {now}, not as its last acknowledged write left it ({model.Acked}).");
            }

            var marker = NextMarker(round);
            CrashReply? reply;
            List<byte[]>? sent = null;
            model.PendingFiles = null;
            switch (now.Status)
            {
                case "Open":
                    model.Pending = now.Moved("Rectifying");
                    reply = await WriteAsync(round, "ledger", "starting the item", () => worker.SendJsonAsync(HttpMethod.Post, itemUrl + "/start", new { note = marker }, now.Revision));
                    break;
                case "Rectifying":
                    sent = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => Evidence())];
                    var entry = marker + "#" + string.Join(',', sent.Select((f, i) => FileName(i) + ":" + f.Length.ToString(CultureInfo.InvariantCulture)));
                    model.Pending = now.Moved("Submitted", now.Evidence.Length == 0 ? entry : now.Evidence + "|" + entry);
                    model.PendingFiles = sent;
                    reply = await WriteAsync(round, "evidence", "submitting evidence", () => worker.SendAsync(() => Submission(itemUrl + "/submit", marker, sent, now.Revision)));
                    break;
                case "Submitted":
                    var close = random.NextDouble() < 0.7;
                    model.Pending = now.Moved(close ? "Closed" : "Rectifying");
                    reply = await WriteAsync(round, "ledger", close ? "closing the item" : "returning the item",
                        () => verifier.SendJsonAsync(HttpMethod.Post, itemUrl + (close ? "/close" : "/return"), new { note = marker }, now.Revision));
                    break;
                default:
                    throw new CrashFailure($"{Name}: item {id} is {now.Status}, which this client never leaves an item in.");
            }

            if (reply is null)
            {
                if (sent is not null)
                {
                    // Stored before the kill, perhaps, and never named: the only files an item's folder may hold unnamed.
                    if (!lostUploads.TryGetValue(id, out var lost))
                    {
                        lostUploads[id] = lost = [];
                    }

                    lost.AddRange(sent);
                }

                return;
            }

            var written = State.Of(reply.Json);
            if (written != model.Pending || reply.Revision != written.Revision)
            {
                throw new CrashFailure($"{Name}: item {id} was acknowledged as {written} (ETag {reply.Revision}), not as {model.Pending}.");
            }

            Acknowledge(id, model, reply.Json);
        }
    }

    public override async Task VerifyAsync(CrashCheck check) => await VerifyAsync(check, everyItem: false);

    /// <summary>The check; <paramref name="everyItem"/> also reads the items not changed since the last check.</summary>
    public async Task VerifyAsync(CrashCheck check, bool everyItem)
    {
        if (pendingCreate is not null)
        {
            await FindLostCreateAsync(check, pendingCreate);
            pendingCreate = null;
        }

        foreach (var (id, model) in items.Where(i => everyItem || i.Value.Touched))
        {
            var read = await check.GetJsonAsync(Name, $"{url}/{id}");
            if (read is null)
            {
                continue;
            }

            var now = State.Of(read);
            var hadPending = model.Pending is not null;
            if (now == model.Acked || now == model.Pending)
            {
                Resolved(hadPending, committed: now != model.Acked);
                if (now != model.Acked)
                {
                    Acknowledge(id, model, read);
                }
            }
            else
            {
                check.Fail(Name, $"after {check.When} item {id} is {now}; its last acknowledged write left {model.Acked}" +
                    (model.Pending is null ? "" : $", and the write lost at the kill would have left {model.Pending}"));
                continue;
            }

            model.Pending = null;
            model.PendingFiles = null;
            model.Touched = false;
            await CheckFilesAsync(check, id, read);
        }

        Checked();
    }

    /// <summary>
    /// Files in this client's item folders that no item names: each must be a file of a submission lost at a kill
    /// (stored before the kill, its transaction never committed), or a part of one (<c>.partial</c>). Returns how many.
    /// </summary>
    public int CheckLeftovers(CrashCheck check, IReadOnlySet<string> referenced)
    {
        var leftovers = 0;
        foreach (var id in items.Keys)
        {
            var folder = Path.Combine(check.FilesFolder, "rectification", id.ToString("N"));
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.GetFiles(folder).Where(p => !referenced.Contains(Path.GetFileName(p))))
            {
                leftovers++;
                var lost = lostUploads.GetValueOrDefault(id) ?? [];
                var bytes = File.ReadAllBytes(path);
                var explained = path.EndsWith(".partial", StringComparison.Ordinal)
                    ? lost.Any(f => f.AsSpan().StartsWith(bytes))
                    : lost.Any(f => f.AsSpan().SequenceEqual(bytes));
                if (!explained)
                {
                    check.Fail(Name, $"{Path.GetRelativePath(check.FilesFolder, path)} ({bytes.Length} bytes) is named by no item and is no file of a submission lost at a kill");
                }
            }
        }

        return leftovers;
    }

    private async Task<bool> CreateAsync(CrashRound round)
    {
        var marker = NextMarker(round);
        pendingCreate = marker;
        var reply = await WriteAsync(round, "ledger", "entering a problem", () => creator.SendJsonAsync(HttpMethod.Post, url, new
        {
            category = "Management",
            description = marker,
            requirement = "按期完成整改并提交佐证材料",
            deadline = "2027-06-30",
        }));
        if (reply is null)
        {
            return false;
        }

        pendingCreate = null;
        var created = State.Of(reply.Json);
        if (reply.Status != HttpStatusCode.Created || created != new State("Open", 1, 1, "") || reply.Json["description"]!.GetValue<string>() != marker)
        {
            throw new CrashFailure($"{Name}: the new item was acknowledged as {reply.Status} {created}.");
        }

        var id = reply.Json["id"]!.GetValue<Guid>();
        items[id] = new ItemModel(created);
        current = id;
        return true;
    }

    /// <summary>A create lost at the kill: the item is there whole (待整改, revision 1, one step of history) or not at all.</summary>
    private async Task FindLostCreateAsync(CrashCheck check, string marker)
    {
        var list = await check.GetJsonAsync(Name, url + "?closed=true");
        var found = list?["items"]!.AsArray().Where(i => i!["description"]!.GetValue<string>() == marker).ToList() ?? [];
        Resolved(hadPending: true, committed: found.Count > 0);
        if (found.Count == 0)
        {
            return;
        }

        var id = found[0]!["id"]!.GetValue<Guid>();
        var item = await check.GetJsonAsync(Name, $"{url}/{id}");
        var state = item is null ? null : State.Of(item);
        if (found.Count > 1 || state != new State("Open", 1, 1, ""))
        {
            check.Fail(Name, $"the problem entered when the instance was killed is there {found.Count} times, as {state}");
            return;
        }

        items[id] = new ItemModel(state);
        current = id;
    }

    private void Acknowledge(Guid id, ItemModel model, JsonNode item)
    {
        model.Acked = State.Of(item);
        if (model.PendingFiles is { } sent)
        {
            var stored = item["evidence"]!.AsArray()[^1]!["files"]!.AsArray();
            for (var i = 0; i < stored.Count; i++)
            {
                files[stored[i]!["id"]!.GetValue<Guid>()] = (Convert.ToHexStringLower(SHA256.HashData(sent[i])), sent[i].LongLength);
            }
        }

        model.Pending = null;
        model.PendingFiles = null;
        if (model.Acked.Status == "Closed")
        {
            current = null;
        }
    }

    /// <summary>Each evidence file the item names: in the files folder with its size, and (once) downloaded with the bytes sent.</summary>
    private async Task CheckFilesAsync(CrashCheck check, Guid id, JsonNode item)
    {
        foreach (var file in item["evidence"]!.AsArray().SelectMany(e => e!["files"]!.AsArray()))
        {
            var fileId = file!["id"]!.GetValue<Guid>();
            if (!files.TryGetValue(fileId, out var expected))
            {
                check.Fail(Name, $"item {id} names evidence file {fileId}, which no acknowledged or committed submission sent");
                continue;
            }

            var path = Path.Combine(check.FilesFolder, "rectification", id.ToString("N"), fileId.ToString("N"));
            if (!File.Exists(path) || new FileInfo(path).Length != expected.Size)
            {
                check.Fail(Name, $"evidence file {fileId} of item {id} is {(File.Exists(path) ? new FileInfo(path).Length + " bytes" : "missing")} in the files folder, not {expected.Size} bytes");
                continue;
            }

            if (filesDownloaded.Contains(fileId))
            {
                continue;
            }

            var download = await check.GetAsync(Name, $"{url}/{id}/files/{fileId}");
            if (download is null)
            {
                continue;
            }

            if (Convert.ToHexStringLower(SHA256.HashData(download.Bytes)) != expected.Sha)
            {
                check.Fail(Name, $"evidence file {fileId} of item {id} downloads as {download.Bytes.Length} bytes that differ from the {expected.Size} sent");
                continue;
            }

            filesDownloaded.Add(fileId);
            Tally.FilesChecked++;
        }
    }

    /// <summary>A PDF as the upload check recognises one (by its first bytes), of 20 KB to 1.2 MB of random content.</summary>
    private byte[] Evidence()
    {
        var bytes = new byte[random.Next(20_000, 1_200_000)];
        random.NextBytes(bytes);
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    private static string FileName(int index) => string.Create(CultureInfo.InvariantCulture, $"整改佐证-{index + 1}.pdf");

    private static HttpRequestMessage Submission(string submitUrl, string description, List<byte[]> evidence, int revision)
    {
        var form = new MultipartFormDataContent { { new StringContent(description), "description" } };
        for (var i = 0; i < evidence.Count; i++)
        {
            form.Add(new ByteArrayContent(evidence[i]) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } }, "files", FileName(i));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, submitUrl) { Content = form };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        return request;
    }
}
