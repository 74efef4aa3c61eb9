using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OfficeEval.Api.Features.Demo;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// The crash test's clients on the demo campaign, all writing at once in every round:
/// <list type="bullet">
/// <item>self-evaluations saved, submitted and returned round and round: 市发展和改革委员会 by its staff (returned by the
/// reviewer of its group), 共青团市委 and 市政务服务中心 by the office;</item>
/// <item>field reviews saved by the reviewer on 市委组织部 and 市教育局 (submitted and accepted first);</item>
/// <item>ledgers worked through on 市发展和改革委员会 (entered and verified by the reviewer, rectified by the staff with
/// evidence files) and on 市政务服务中心 (by the office alone);</item>
/// <item>the campaign's 评估报告 batch, asked for again as soon as one succeeds, over the six demo units and
/// <see cref="ExtraUnits"/> more (each filled in, so each has its report).</item>
/// </list>
/// </summary>
public sealed class CrashWorkload : IDisposable
{
    /// <summary>Units added to the demo campaign so that a batch takes long enough for kills to land inside it.</summary>
    public const int ExtraUnits = 14;

    private CrashWorkload(CrashSession admin, CrashSession reviewer, CrashSession staff)
    {
        Admin = admin;
        Reviewer = reviewer;
        Staff = staff;
    }

    /// <summary>
    /// The instance's settings: a worker whose heartbeat is missed within 1.5 s (a restart takes longer, so a job
    /// killed mid-way is stale when its instance is back) and that looks for work every quarter second; and attempts
    /// enough for fifty kills (the default 3 fails a job whose worker dies three times; see docs/reliability.md).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["OfficeEval:Jobs:HeartbeatSeconds"] = "0.5",
        ["OfficeEval:Jobs:StaleAfterSeconds"] = "1.5",
        ["OfficeEval:Jobs:PollSeconds"] = "0.25",
        ["OfficeEval:Jobs:MaxAttempts"] = "1000",
        ["OfficeEval:Jobs:ProgressEvery"] = "5",
    };

    public CrashSession Admin { get; }

    public CrashSession Reviewer { get; }

    public CrashSession Staff { get; }

    public IReadOnlyList<CrashFlow> Flows { get; private set; } = [];

    public CrashBatchFlow Batch { get; private set; } = null!;

    public IReadOnlyList<CrashLedgerFlow> Ledgers { get; private set; } = [];

    public int Units { get; private set; }

    public IEnumerable<CrashSession> Sessions => [Admin, Reviewer, Staff];

    /// <summary>Sets the campaign up on a running instance (no kills yet) and creates the clients.</summary>
    public static async Task<CrashWorkload> PrepareAsync(ApiProcess api, CrashPlan plan)
    {
        var workload = new CrashWorkload(new CrashSession(api, "admin@demo.local"), new CrashSession(api, "reviewer@demo.local"), new CrashSession(api, "staff@demo.local"));
        var admin = workload.Admin;
        var campaignId = (await Setup.Ok(admin.GetAsync("/api/campaigns"), "list campaigns")).Json[0]!["id"]!.GetValue<Guid>();
        var units = await UnitsAsync(admin, campaignId);
        for (var i = 1; i <= ExtraUnits; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"CR-{i:00}");
            var unit = await Setup.Ok(admin.SendJsonAsync(HttpMethod.Post, "/api/units",
                new { code, name = $"崩溃测试单位{i}", kind = "Government", category = "非经济", level = "市" }), "create a unit");
            var id = unit.Json["id"]!.GetValue<Guid>();
            await Setup.Ok(admin.SendJsonAsync(HttpMethod.Put, $"/api/campaigns/{campaignId}/units/{id}", new { approvedEstablishment = 20, approvedLeadershipPosts = 3 }),
                "add the unit to the campaign");
            units[code] = id;
        }

        var common = CompleteAnswers(BuiltInFrameworks.Common2026);
        var staffUnit = CompleteAnswers(IndividualIndicators.Apply(BuiltInFrameworks.Common2026, DemoSeeder.DemoIndividualIndicators).Framework);
        string[] driven = ["ZF-FGW", "QT-GQT", "SY-ZXZX"];
        foreach (var (code, id) in units.Where(u => !driven.Contains(u.Key)))
        {
            await FillAsync(admin, campaignId, id, common);
        }

        // The field review opens once the self-evaluation passed the initial review.
        string[] reviewed = ["DW-ZZB", "ZF-JYJ"];
        foreach (var code in reviewed)
        {
            var url = $"/api/campaigns/{campaignId}/units/{units[code]}/self-assessment";
            var draft = await Setup.Ok(admin.GetAsync(url), "read a draft");
            await Setup.Ok(admin.SendJsonAsync(HttpMethod.Post, url + "/submit", null, draft.Revision), "submit");
            await Setup.Ok(admin.SendJsonAsync(HttpMethod.Post, url + "/accept", new { comment = "初审通过" }), "accept");
        }

        workload.Units = units.Count;
        workload.Batch = new CrashBatchFlow("batch", campaignId, admin, units.Count);
        workload.Ledgers =
        [
            new CrashLedgerFlow("ledger ZF-FGW", campaignId, units["ZF-FGW"], workload.Reviewer, workload.Staff, workload.Reviewer, plan.For("ledger ZF-FGW")),
            new CrashLedgerFlow("ledger SY-ZXZX", campaignId, units["SY-ZXZX"], admin, admin, admin, plan.For("ledger SY-ZXZX")),
        ];
        workload.Flows =
        [
            await CrashSubmitFlow.StartAsync("submit ZF-FGW", campaignId, units["ZF-FGW"], staffUnit, workload.Staff, workload.Reviewer),
            await CrashSubmitFlow.StartAsync("submit QT-GQT", campaignId, units["QT-GQT"], common, admin, admin),
            await CrashSubmitFlow.StartAsync("submit SY-ZXZX", campaignId, units["SY-ZXZX"], common, admin, admin),
            new CrashReviewFlow("review DW-ZZB", campaignId, units["DW-ZZB"], workload.Reviewer, plan.For("review DW-ZZB")),
            new CrashReviewFlow("review ZF-JYJ", campaignId, units["ZF-JYJ"], workload.Reviewer, plan.For("review ZF-JYJ")),
            .. workload.Ledgers,
            workload.Batch,
        ];
        return workload;
    }

    /// <summary>New connections for a new start of the instance.</summary>
    public void Reconnect()
    {
        foreach (var session in Sessions)
        {
            session.Reconnect();
        }
    }

    public void Dispose()
    {
        foreach (var session in Sessions)
        {
            session.Dispose();
        }
    }

    private static async Task<Dictionary<string, Guid>> UnitsAsync(CrashSession admin, Guid campaignId) =>
        (await Setup.Ok(admin.GetAsync($"/api/campaigns/{campaignId}/units"), "list the campaign's units")).Json.AsArray()
            .ToDictionary(u => u!["code"]!.GetValue<string>(), u => u!["id"]!.GetValue<Guid>(), StringComparer.Ordinal);

    private static async Task FillAsync(CrashSession editor, Guid campaignId, Guid unitId, JsonArray answers)
    {
        var url = $"/api/campaigns/{campaignId}/units/{unitId}/self-assessment";
        var draft = await Setup.Ok(editor.GetAsync(url), "read a draft");
        await Setup.Ok(editor.SendJsonAsync(HttpMethod.Patch, url + "/answers", new { answers }, draft.Revision), "fill a draft");
    }

    /// <summary>A full, valid answer for every leaf: the best option or no deduction, all evidence provided, self-score full.</summary>
    private static JsonArray CompleteAnswers(FrameworkDefinition framework) =>
        [.. framework.Leaves().Select(l => JsonSerializer.SerializeToNode(Complete(l.Node)))];

    private static object Complete(IndicatorNode node) => node.Rule switch
    {
        QualitativeScaleRule scale => new { indicatorCode = node.Code, option = scale.Options[0].Label, selfScore = node.Points, evidence = node.EvidenceChecklist },
        VetoRule => new { indicatorCode = node.Code, finding = false, evidence = node.EvidenceChecklist },
        _ => new { indicatorCode = node.Code, number = 0m, selfScore = node.Points, evidence = node.EvidenceChecklist },
    };
}

/// <summary>Set-up requests, made before any kill: each must be answered 2xx.</summary>
public static class Setup
{
    public static async Task<CrashReply> Ok(Task<CrashReply?> request, string what)
    {
        var reply = await request ?? throw new CrashFailure($"set-up: {what}: no reply.");
        return reply.Ok ? reply : throw new CrashFailure($"set-up: {what} was answered {reply}");
    }
}
