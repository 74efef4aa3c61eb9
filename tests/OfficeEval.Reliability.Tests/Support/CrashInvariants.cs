using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// What must hold of the whole database and files folder after any crash, whoever wrote what: the audit chain
/// verifies; every self-evaluation's versions are numbered without a gap and agree with its status; every ledger item
/// has one step of history and one audit entry per revision, and every evidence file it names is in the files folder
/// with its size; every succeeded report job names a complete zip, never a <c>.partial</c>.
/// </summary>
public static class CrashInvariants
{
    /// <summary>What the checks found that other checks need: the evidence files and report zips the database names.</summary>
    public sealed record Found(IReadOnlySet<string> EvidenceFiles, IReadOnlySet<string> ReportResults);

    public static async Task<Found> CheckAsync(CrashCheck check)
    {
        await CheckAuditChainAsync(check);
        await CheckSelfAssessmentsAsync(check);
        var evidence = await CheckLedgerAsync(check);
        var results = await CheckReportJobsAsync(check);
        return new Found(evidence, results);
    }

    /// <summary>docs/audit-verify.sql, the documented offline check, finds no broken entry.</summary>
    private static async Task CheckAuditChainAsync(CrashCheck check)
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "audit-verify.sql"));
        foreach (var row in await check.RowsAsync(sql))
        {
            check.Fail("audit", $"the chain is broken at seq {row[0]}: {row[1]}");
        }
    }

    private static async Task CheckSelfAssessmentsAsync(CrashCheck check)
    {
        var rows = await check.RowsAsync("""
            SELECT s.id, s.status, count(v.number), coalesce(max(v.number), 0),
                   (SELECT x.outcome FROM self_assessment_versions x WHERE x.self_assessment_id = s.id ORDER BY x.number DESC LIMIT 1),
                   count(*) FILTER (WHERE jsonb_array_length(v.answers) = 0)
            FROM self_assessments s LEFT JOIN self_assessment_versions v ON v.self_assessment_id = s.id
            GROUP BY s.id, s.status
            """);
        foreach (var row in rows)
        {
            var (status, versions, last, outcome, empty) = ((string)row[1]!, (long)row[2]!, (int)row[3]!, (string?)row[4], (long)row[5]!);
            var agrees = status switch
            {
                "Drafting" => versions == 0,
                "Submitted" => outcome == "Pending",
                "Returned" => outcome == "Returned",
                _ => outcome == "Accepted",
            };
            if (versions != last || empty > 0 || !agrees)
            {
                check.Fail("self-assessments", $"{row[0]} is {status} with {versions} versions numbered up to {last} ({empty} empty), the last {outcome}");
            }
        }
    }

    /// <summary>Returns the names (ids) of the evidence files the items name.</summary>
    private static async Task<IReadOnlySet<string>> CheckLedgerAsync(CrashCheck check)
    {
        var rows = await check.RowsAsync("""
            SELECT i.id, i.status, i.revision,
                   (SELECT count(*) FROM rectification_events e WHERE e.item_id = i.id),
                   (SELECT e.to_status FROM rectification_events e WHERE e.item_id = i.id ORDER BY e.at DESC, e.id DESC LIMIT 1),
                   (SELECT count(*) FROM audit_entries a WHERE a.target = 'rectification/' || i.id AND a.action LIKE 'rectification.%'),
                   i.evidence::text
            FROM rectification_items i
            """);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (id, status, revision, steps, last, audited) = ((Guid)row[0]!, (string)row[1]!, (int)row[2]!, (long)row[3]!, (string?)row[4], (long)row[5]!);
            if (steps != revision || last != status || audited != revision)
            {
                check.Fail("ledger", $"item {id} is {status} at revision {revision} with {steps} steps of history (the last to {last}) and {audited} audit entries");
            }

            foreach (var file in JsonNode.Parse((string)row[6]!)!.AsArray().SelectMany(e => e!["files"]!.AsArray()))
            {
                var name = file!["id"]!.GetValue<Guid>().ToString("N");
                referenced.Add(name);
                var path = Path.Combine(check.FilesFolder, "rectification", id.ToString("N"), name);
                var size = file["size"]!.GetValue<long>();
                if (!File.Exists(path) || new FileInfo(path).Length != size)
                {
                    check.Fail("ledger", $"item {id} names evidence file {name} of {size} bytes, which is {(File.Exists(path) ? new FileInfo(path).Length + " bytes" : "missing")} in the files folder");
                }
            }
        }

        return referenced;
    }

    /// <summary>Returns the result files (relative paths) of the succeeded jobs.</summary>
    private static async Task<IReadOnlySet<string>> CheckReportJobsAsync(CrashCheck check)
    {
        var results = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in await check.RowsAsync("SELECT id, status, result_path, result_bytes FROM report_jobs"))
        {
            var (id, status, path, bytes) = ((Guid)row[0]!, (string)row[1]!, (string?)row[2], (long?)row[3]);
            if (status != "Succeeded")
            {
                if (path is not null)
                {
                    check.Fail("report jobs", $"job {id} is {status} but names a result, {path}");
                }

                continue;
            }

            var full = path is null ? null : Path.Combine(check.FilesFolder, path);
            if (path is null || path.EndsWith(".partial", StringComparison.Ordinal) || !File.Exists(full) || new FileInfo(full).Length != bytes)
            {
                check.Fail("report jobs", $"job {id} succeeded naming {path} of {bytes} bytes, which is {(full is not null && File.Exists(full) ? new FileInfo(full).Length + " bytes" : "missing")}");
                continue;
            }

            results.Add(path);
        }

        return results;
    }
}
