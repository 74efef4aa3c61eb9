using System.Globalization;
using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// One unit's self-evaluation driven round and round by its editor: save the complete answers (If-Match) with a new
/// marker in one explanation, submit (If-Match), have the submission returned (初审退回) by the returner, save again,
/// submit again… Every write moves the draft's revision on by one and adds one audit entry; every submission is a
/// new version freezing the answers as saved.
/// </summary>
public sealed class CrashSubmitFlow : CrashFlow
{
    private readonly Guid campaignId;
    private readonly Guid unitId;
    private readonly string url;
    private readonly JsonArray answers;
    private readonly string markerLeaf;
    private readonly CrashSession editor;
    private readonly CrashSession returner;
    private readonly string total;
    private readonly Dictionary<int, string> versionMarkers = [];
    private readonly HashSet<int> versionsChecked = [];
    private Draft acked;
    private Draft? pending;
    private string? pendingVersionMarker;
    private string? lastSubmittedMarker;

    private CrashSubmitFlow(string name, Guid campaignId, Guid unitId, string url, JsonArray answers, string markerLeaf, CrashSession editor, CrashSession returner, decimal total, Draft start)
        : base(name)
    {
        this.campaignId = campaignId;
        this.unitId = unitId;
        this.url = url;
        this.answers = answers;
        this.markerLeaf = markerLeaf;
        this.editor = editor;
        this.returner = returner;
        this.total = Total(total);
        acked = start;
    }

    /// <summary>The draft as the checks compare it: everything a write changes, nothing the database rounds.</summary>
    private sealed record Draft(int Revision, string Status, string? Marker, int Answers, string Versions)
    {
        public int VersionCount => Versions.Length == 0 ? 0 : Versions.Split('|').Length;

        public static Draft Of(JsonNode draft)
        {
            var versions = draft["versions"]!.AsArray().Select(v => string.Join(':',
                v!["number"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                v["revision"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                Total(v["total"]!.GetValue<decimal>()),
                v["outcome"]!.GetValue<string>(),
                v["comment"]?.GetValue<string>() ?? ""));
            return new Draft(draft["revision"]!.GetValue<int>(), draft["status"]!.GetValue<string>(), null, draft["answers"]!.AsArray().Count, string.Join('|', versions));
        }
    }

    /// <summary>Fills the unit's draft completely (as <paramref name="editor"/>) and returns the client that goes on from there.</summary>
    public static async Task<CrashSubmitFlow> StartAsync(string name, Guid campaignId, Guid unitId, JsonArray answers, CrashSession editor, CrashSession returner)
    {
        var url = $"/api/campaigns/{campaignId}/units/{unitId}/self-assessment";
        var markerLeaf = answers[0]!["indicatorCode"]!.GetValue<string>();
        var read = await Setup.Ok(editor.GetAsync(url), $"{name}: read the draft");
        var filled = await Setup.Ok(editor.SendJsonAsync(HttpMethod.Patch, url + "/answers", new { answers = WithMarker(answers, markerLeaf, "初始填报") }, read.Revision),
            $"{name}: fill the draft");
        var score = await Setup.Ok(editor.SendJsonAsync(HttpMethod.Post, url + "/validate", new { }), $"{name}: score the draft");
        if (score.Json["readyToSubmit"]?.GetValue<bool>() != true)
        {
            throw new CrashFailure($"{name}: the complete answers are not ready to submit: {score}");
        }

        var flow = new CrashSubmitFlow(name, campaignId, unitId, url, answers, markerLeaf, editor, returner, score.Json["total"]!.GetValue<decimal>(), null!);
        flow.acked = flow.Of(filled.Json);
        return flow;
    }

    public override async Task RunAsync(CrashRound round)
    {
        for (var step = 0; step < MaxStepsPerRound && !round.Over; step++)
        {
            var read = await ReadAsync(editor, url, "reading the draft");
            if (read is null)
            {
                return;
            }

            var now = Of(read.Json);
            if (now != acked)
            {
                throw new CrashFailure($"{Name}: the draft reads back as {now}, not as its last acknowledged write left it ({acked}).");
            }

            CrashReply? reply;
            if (now.Status == "Submitted")
            {
                var comment = NextMarker(round);
                var number = now.VersionCount;
                var versions = now.Versions.Split('|');
                versions[^1] = string.Join(':', versions[^1].Split(':')[..3]) + ":Returned:" + comment;
                pending = now with { Revision = now.Revision + 1, Status = "Returned", Versions = string.Join('|', versions) };
                reply = await WriteAsync(round, "return", "returning the submission",
                    () => returner.SendJsonAsync(HttpMethod.Post, url + "/return", new { comment, version = number }));
            }
            else if (now.Marker == lastSubmittedMarker)
            {
                var marker = NextMarker(round);
                pending = now with { Revision = now.Revision + 1, Marker = marker };
                reply = await WriteAsync(round, "answers", "saving the answers",
                    () => editor.SendJsonAsync(HttpMethod.Patch, url + "/answers", new { answers = WithMarker(answers, markerLeaf, marker) }, now.Revision));
            }
            else
            {
                var version = string.Join(':', (now.VersionCount + 1).ToString(CultureInfo.InvariantCulture), now.Revision.ToString(CultureInfo.InvariantCulture), total, "Pending", "");
                pending = now with { Revision = now.Revision + 1, Status = "Submitted", Versions = now.Versions.Length == 0 ? version : now.Versions + "|" + version };
                pendingVersionMarker = now.Marker;
                reply = await WriteAsync(round, "submit", "submitting", () => editor.SendJsonAsync(HttpMethod.Post, url + "/submit", null, now.Revision));
            }

            if (reply is null)
            {
                return;
            }

            var written = Of(reply.Json);
            if (written != pending || reply.Revision != written.Revision)
            {
                throw new CrashFailure($"{Name}: the write was acknowledged as {written} (ETag {reply.Revision}), not as {pending}.");
            }

            Acknowledge(written);
        }
    }

    public override async Task VerifyAsync(CrashCheck check)
    {
        var read = await check.GetJsonAsync(Name, url);
        if (read is null)
        {
            return;
        }

        var now = Of(read);
        var hadPending = pending is not null;
        if (now == acked)
        {
            Resolved(hadPending, committed: false);
        }
        else if (now == pending)
        {
            Resolved(hadPending, committed: true);
            Acknowledge(now);
        }
        else
        {
            check.Fail(Name, $"after {check.When} the draft is {now}; its last acknowledged write left {acked}" +
                (pending is null ? "" : $", and the write lost at the kill would have left {pending}"));
            return;
        }

        pending = null;
        await CheckVersionsAsync(check, now);
        await CheckRowsAsync(check, now);
        Checked();
    }

    private void Acknowledge(Draft written)
    {
        if (written.VersionCount > acked.VersionCount)
        {
            versionMarkers[written.VersionCount] = pendingVersionMarker!;
            lastSubmittedMarker = pendingVersionMarker;
        }

        acked = written;
        pending = null;
    }

    /// <summary>Each version, once: whole (every answer), holding the answers saved before it was submitted, with its total.</summary>
    private async Task CheckVersionsAsync(CrashCheck check, Draft now)
    {
        for (var number = 1; number <= now.VersionCount; number++)
        {
            if (versionsChecked.Contains(number))
            {
                continue;
            }

            var version = await check.GetJsonAsync(Name, $"{url}/versions/{number}");
            if (version is null)
            {
                continue;
            }

            var frozen = version["answers"]!.AsArray();
            var marker = frozen.FirstOrDefault(a => a!["indicatorCode"]!.GetValue<string>() == markerLeaf)?["explanation"]?.GetValue<string>();
            var expected = versionMarkers.GetValueOrDefault(number);
            if (frozen.Count != answers.Count || marker != expected || Total(version["total"]!.GetValue<decimal>()) != total)
            {
                check.Fail(Name, $"version {number} is not whole: {frozen.Count} answers of {answers.Count}, marker \"{marker}\" (expected \"{expected}\"), total {version["total"]} (expected {total})");
            }

            versionsChecked.Add(number);
        }
    }

    /// <summary>In the database: every answer row, every version, and one audit entry per write (the same transaction).</summary>
    private async Task CheckRowsAsync(CrashCheck check, Draft now)
    {
        var id = (Guid)(await check.ScalarAsync("SELECT id FROM self_assessments WHERE campaign_id = @c AND unit_id = @u", ("c", campaignId), ("u", unitId))
            ?? throw new CrashFailure($"{Name}: no self-assessment row."));
        var rows = await check.CountAsync("SELECT count(*) FROM self_assessment_answers WHERE self_assessment_id = @id", ("id", id));
        var versions = await check.CountAsync("SELECT count(*) FROM self_assessment_versions WHERE self_assessment_id = @id AND jsonb_array_length(answers) = @n",
            ("id", id), ("n", answers.Count));
        var audited = await check.CountAsync("""
            SELECT count(*) FROM audit_entries
            WHERE (target = 'self-assessment/' || @id OR target LIKE 'self-assessment/' || @id || '/versions/%')
              AND action IN ('self_assessment.answers_changed', 'self_assessment.submitted', 'self_assessment.returned', 'self_assessment.accepted')
            """, ("id", id.ToString()));
        if (rows != answers.Count || versions != now.VersionCount || audited != now.Revision)
        {
            check.Fail(Name, $"rows: {rows} answers (expected {answers.Count}), {versions} whole versions (expected {now.VersionCount}), {audited} audit entries for revision {now.Revision}");
        }
    }

    private Draft Of(JsonNode draft) => Draft.Of(draft) with
    {
        Marker = draft["answers"]!.AsArray().FirstOrDefault(a => a!["indicatorCode"]!.GetValue<string>() == markerLeaf)?["explanation"]?.GetValue<string>(),
    };

    private static JsonArray WithMarker(JsonArray answers, string leaf, string marker)
    {
        var copy = answers.DeepClone().AsArray();
        copy.Single(a => a!["indicatorCode"]!.GetValue<string>() == leaf)!["explanation"] = marker;
        return copy;
    }

    private static string Total(decimal value) => decimal.Round(value, 2).ToString("0.00", CultureInfo.InvariantCulture);
}
