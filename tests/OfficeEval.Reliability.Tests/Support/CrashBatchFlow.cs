using System.Globalization;
using System.IO.Compression;
using System.Net;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// The office asking for the campaign's 评估报告 batch again and again (POST …/reports/batch, a background job), and
/// following each job until it succeeds. A job whose worker is killed must be taken back by the restarted instance and
/// finish: succeeded, with a zip of one valid .docx per unit of the campaign, its file recorded only once complete.
/// </summary>
public sealed class CrashBatchFlow(string name, Guid campaignId, CrashSession admin, int units) : CrashFlow(name)
{
    private readonly Dictionary<Guid, Job> jobs = [];
    private Guid? active;
    private bool pendingRequest;

    private sealed class Job
    {
        public string Status { get; set; } = "Queued";

        public int Attempts { get; set; }

        /// <summary>Succeeded and its zip checked.</summary>
        public bool Verified { get; set; }
    }

    /// <summary>Jobs asked for (acknowledged, or found after the kill of the request).</summary>
    public int Jobs => jobs.Count;

    /// <summary>Jobs that succeeded after at least one attempt of theirs was killed.</summary>
    public int Resumed => jobs.Values.Count(j => j.Verified && j.Attempts > 1);

    /// <summary>The most attempts one job took.</summary>
    public int MostAttempts => jobs.Values.Select(j => j.Attempts).DefaultIfEmpty().Max();

    public override async Task RunAsync(CrashRound round)
    {
        for (var step = 0; step < MaxStepsPerRound && !round.Over; step++)
        {
            if (active is not { } id)
            {
                pendingRequest = true;
                var reply = await WriteAsync(round, "batch", "asking for the report batch",
                    () => admin.SendJsonAsync(HttpMethod.Post, $"/api/campaigns/{campaignId}/reports/batch", null), HttpStatusCode.Conflict);
                if (reply is null)
                {
                    return;
                }

                pendingRequest = false;
                var jobId = reply.Status == HttpStatusCode.Accepted ? reply.Json["id"]!.GetValue<Guid>() : reply.Json["jobId"]?.GetValue<Guid>();
                if (jobId is null || (reply.Status == HttpStatusCode.Conflict && !jobs.ContainsKey(jobId.Value)) || (reply.Ok && reply.Status != HttpStatusCode.Accepted))
                {
                    throw new CrashFailure($"{Name}: asking for a batch was answered {reply}, naming a job this client does not know.");
                }

                jobs.TryAdd(jobId.Value, new Job());
                active = jobId;
                continue;
            }

            var read = await ReadAsync(admin, $"/api/report-jobs/{id}", "following the job");
            if (read is null)
            {
                return;
            }

            var status = read.Json["status"]!.GetValue<string>();
            if (status is "Failed" or "Cancelled")
            {
                throw new CrashFailure($"{Name}: job {id} ended {status}: {read.Json["error"]}");
            }

            if (status == "Succeeded")
            {
                active = null;
                continue;
            }

            await Task.Delay(100);
        }
    }

    public override async Task VerifyAsync(CrashCheck check)
    {
        if (pendingRequest)
        {
            var unknown = (await check.RowsAsync("SELECT id FROM report_jobs WHERE campaign_id = @c", ("c", campaignId)))
                .Select(r => (Guid)r[0]!).Where(id => !jobs.ContainsKey(id)).ToList();
            Resolved(hadPending: true, committed: unknown.Count > 0);
            if (unknown.Count > 1)
            {
                check.Fail(Name, $"one request lost at the kill left {unknown.Count} jobs");
            }

            foreach (var id in unknown)
            {
                jobs[id] = new Job();
                active = id;
            }

            pendingRequest = false;
        }

        foreach (var (id, job) in jobs.Where(j => !j.Value.Verified))
        {
            var row = (await check.RowsAsync("SELECT status, attempts, result_path, result_bytes, total, done, failed, error FROM report_jobs WHERE id = @id", ("id", id))).SingleOrDefault();
            if (row is null)
            {
                check.Fail(Name, $"job {id}, acknowledged, is gone");
                continue;
            }

            job.Status = (string)row[0]!;
            job.Attempts = (int)row[1]!;
            switch (job.Status)
            {
                case "Queued" or "Running":
                    // To be taken back by this instance's worker: the drain at the end waits for it.
                    break;
                case "Succeeded":
                    await CheckZipAsync(check, id, job, (string?)row[2], (long?)row[3], ((int)row[4]!, (int)row[5]!, (int)row[6]!));
                    break;
                default:
                    check.Fail(Name, $"job {id} ended {job.Status} after {job.Attempts} attempts: {row[7]}");
                    break;
            }
        }

        Checked();
    }

    /// <summary>Waits (bounded) until every job asked for has ended, then checks them.</summary>
    public async Task DrainAsync(CrashCheck check, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline
            && await check.CountAsync("SELECT count(*) FROM report_jobs WHERE campaign_id = @c AND status IN ('Queued', 'Running')", ("c", campaignId)) > 0)
        {
            await Task.Delay(250);
        }

        await VerifyAsync(check);
        foreach (var (id, job) in jobs.Where(j => !j.Value.Verified))
        {
            check.Fail(Name, string.Create(CultureInfo.InvariantCulture, $"job {id} is still {job.Status} after {job.Attempts} attempts, {within.TotalSeconds} s after the last kill"));
        }
    }

    /// <summary>The report-jobs folder holds the zips of the succeeded jobs and nothing else: no .partial, no zip of an interrupted attempt.</summary>
    public void CheckFolder(CrashCheck check, IReadOnlySet<string> results)
    {
        var folder = Path.Combine(check.FilesFolder, "report-jobs");
        foreach (var path in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            if (!results.Contains(Path.GetRelativePath(check.FilesFolder, path).Replace('\\', '/')))
            {
                check.Fail(Name, $"{Path.GetRelativePath(check.FilesFolder, path)} ({new FileInfo(path).Length} bytes) is no succeeded job's result");
            }
        }
    }

    private async Task CheckZipAsync(CrashCheck check, Guid id, Job job, string? resultPath, long? resultBytes, (int Total, int Done, int Failed) counts)
    {
        var path = resultPath is null ? null : Path.Combine(check.FilesFolder, resultPath);
        if (path is null || !path.EndsWith(".zip", StringComparison.Ordinal) || !File.Exists(path) || new FileInfo(path).Length != resultBytes
            || counts != (units, units, 0))
        {
            check.Fail(Name, $"job {id} succeeded with result {resultPath} ({resultBytes} bytes recorded, {(path is not null && File.Exists(path) ? new FileInfo(path).Length : -1)} on disk), {counts} of {units} units");
            return;
        }

        var download = await check.GetAsync(Name, $"/api/report-jobs/{id}/download");
        if (download is null)
        {
            return;
        }

        try
        {
            using var zip = new ZipArchive(new MemoryStream(download.Bytes), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (names.Count != units || names.Distinct(StringComparer.Ordinal).Count() != units || names.Any(n => !n.EndsWith(".docx", StringComparison.Ordinal)))
            {
                check.Fail(Name, $"job {id}'s zip has {names.Count} entries for {units} units: {string.Join(", ", names.Take(5))}…");
                return;
            }

            foreach (var entry in zip.Entries)
            {
                using var document = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(document);
                }

                document.Position = 0;
                using var docx = new ZipArchive(document, ZipArchiveMode.Read);
                if (docx.GetEntry("word/document.xml") is null || docx.GetEntry("[Content_Types].xml") is null)
                {
                    check.Fail(Name, $"job {id}: {entry.FullName} is not a Word document");
                    return;
                }
            }
        }
        catch (InvalidDataException e)
        {
            check.Fail(Name, $"job {id}'s zip does not open: {e.Message}");
            return;
        }

        job.Verified = true;
        Tally.FilesChecked++;
    }
}
