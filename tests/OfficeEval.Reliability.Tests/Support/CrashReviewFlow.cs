using System.Globalization;
using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// A reviewer of the unit's group saving its field review (实地评估): a verified score, comment and problems on a
/// random leaf, or the group's overall opinion, each with the review's revision in If-Match. Every save moves the
/// revision on by one and adds one audit entry.
/// </summary>
public sealed class CrashReviewFlow(string name, Guid campaignId, Guid unitId, CrashSession reviewer, Random random) : CrashFlow(name)
{
    private readonly string url = $"/api/campaigns/{campaignId}/units/{unitId}/review";
    private Review acked = new(0, "", "");
    private Review? pending;

    /// <summary>The review as the checks compare it: its revision, summary and every verified leaf.</summary>
    private sealed record Review(int Revision, string Summary, string Items)
    {
        public static Review Of(JsonNode review) => new(
            review["revision"]!.GetValue<int>(),
            review["summary"]?.GetValue<string>() ?? "",
            string.Join('|', ItemsOf(review).Select(i => i.Key + "=" + i.Value)));

        public static SortedDictionary<string, string> ItemsOf(JsonNode review) => new(
            review["items"]!.AsArray()
                .Where(i => i!["verifiedScore"] is not null || i["verifiedFinding"] is not null || i["comment"] is not null || i["problems"]!.AsArray().Count > 0)
                .ToDictionary(i => i!["indicatorCode"]!.GetValue<string>(), i => Item(
                    i!["verifiedScore"]?.GetValue<decimal>(), i["comment"]?.GetValue<string>(),
                    [.. i["problems"]!.AsArray().Select(p => p!["description"]!.GetValue<string>())])),
            StringComparer.Ordinal);

        public static string Item(decimal? score, string? comment, IReadOnlyList<string> problems) =>
            string.Join('/', score is null ? "" : decimal.Round(score.Value, 2).ToString("0.00", CultureInfo.InvariantCulture), comment ?? "", string.Join(';', problems));
    }

    public override async Task RunAsync(CrashRound round)
    {
        for (var step = 0; step < MaxStepsPerRound && !round.Over; step++)
        {
            var read = await ReadAsync(reviewer, url, "reading the review");
            if (read is null)
            {
                return;
            }

            var now = Review.Of(read.Json);
            if (now != acked || read.Revision != now.Revision)
            {
                throw new CrashFailure($"{Name}: the review reads back as {now}, not as its last acknowledged write left it ({acked}).");
            }

            var marker = NextMarker(round);
            Func<Task<CrashReply?>> send;
            if (random.NextDouble() < 0.25)
            {
                pending = now with { Revision = now.Revision + 1, Summary = marker };
                send = () => reviewer.SendJsonAsync(HttpMethod.Put, url + "/summary", new { summary = marker }, now.Revision);
            }
            else
            {
                var leaves = read.Json["items"]!.AsArray().Where(i => i!["role"]!.GetValue<string>() != "Veto" && i["points"]!.GetValue<decimal>() > 0).ToList();
                var leaf = leaves[random.Next(leaves.Count)]!;
                var code = leaf["indicatorCode"]!.GetValue<string>();
                var score = Math.Min(leaf["points"]!.GetValue<decimal>(), decimal.Round((decimal)random.NextDouble() * leaf["points"]!.GetValue<decimal>(), 1));
                string[] problems = random.NextDouble() < 0.5 ? [marker + " 问题"] : [];
                var items = Review.ItemsOf(read.Json);
                items[code] = Review.Item(score, marker, problems);
                pending = now with { Revision = now.Revision + 1, Items = string.Join('|', items.Select(i => i.Key + "=" + i.Value)) };
                var body = new
                {
                    verifiedScore = score,
                    comment = marker,
                    problems = problems.Select(p => new { description = p, category = "管理规范", requirement = "按要求整改" }).ToArray(),
                };
                send = () => reviewer.SendJsonAsync(HttpMethod.Put, $"{url}/items/{code}", body, now.Revision);
            }

            var reply = await WriteAsync(round, "review", "saving the review", send);
            if (reply is null)
            {
                return;
            }

            var written = Review.Of(reply.Json);
            if (written != pending || reply.Revision != written.Revision)
            {
                throw new CrashFailure($"{Name}: the save was acknowledged as {written} (ETag {reply.Revision}), not as {pending}.");
            }

            acked = written;
            pending = null;
        }
    }

    public override async Task VerifyAsync(CrashCheck check)
    {
        var read = await check.GetJsonAsync(Name, url);
        if (read is null)
        {
            return;
        }

        var now = Review.Of(read);
        var hadPending = pending is not null;
        if (now == acked || now == pending)
        {
            Resolved(hadPending, committed: now != acked);
            acked = now;
            pending = null;
        }
        else
        {
            check.Fail(Name, $"after {check.When} the review is {now}; its last acknowledged write left {acked}" +
                (pending is null ? "" : $", and the write lost at the kill would have left {pending}"));
            return;
        }

        // One audit entry per save, written in the save's transaction.
        var audited = await check.CountAsync("SELECT count(*) FROM audit_entries WHERE action = 'review.changed' AND (target = @t OR target LIKE @t || '/%')",
            ("t", $"review/{campaignId}/{unitId}"));
        if (audited != now.Revision)
        {
            check.Fail(Name, $"{audited} review.changed audit entries for revision {now.Revision}");
        }

        Checked();
    }
}
