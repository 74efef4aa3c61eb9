using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Features.Reports;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Jobs;

/// <summary>
/// The API with a fast job worker (polls, heartbeats and staleness in fractions of a second), its own files folder,
/// and a renderer a test can script; unscripted, it is the product's <see cref="EvaluationReportRenderer"/>.
/// </summary>
public class JobsApi : ApiFactory
{
    private readonly bool _ownsFiles;

    public JobsApi()
    {
        FilesPath = Directory.CreateTempSubdirectory("officeeval-files-").FullName;
        _ownsFiles = true;
    }

    /// <summary>Another instance on <paramref name="first"/>'s database, sharing its files folder and rendering log (not public: xunit wants one constructor).</summary>
    private JobsApi(JobsApi first, string name)
        : base(first.Database)
    {
        FilesPath = first.FilesPath;
        Rendering = first.Rendering;
        Name = name;
        Concurrency = first.Concurrency;
    }

    public string FilesPath { get; }

    /// <summary>Another API instance on this one's database, files folder and rendering log; disposed by the caller.</summary>
    public JobsApi SecondInstance(string name) => new(this, name);

    public Rendering Rendering { get; } = new();

    /// <summary>Which instance rendered a document, in <see cref="Rendering.Log"/>.</summary>
    public string Name { get; } = "first";

    /// <summary>Jobs each instance runs at once (OfficeEval:Jobs:Concurrency).</summary>
    public virtual int Concurrency { get; } = 1;

    /// <summary>Whether the instance runs a worker (OfficeEval:Jobs:Enabled).</summary>
    protected virtual bool Worker => true;

    public string JobsFolder => Path.Combine(FilesPath, "report-jobs");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OfficeEval:FilesPath"] = FilesPath,
        ["OfficeEval:Jobs:PollSeconds"] = "0.1",
        ["OfficeEval:Jobs:HeartbeatSeconds"] = "0.2",
        ["OfficeEval:Jobs:StaleAfterSeconds"] = "1",
        ["OfficeEval:Jobs:ProgressEvery"] = "1",
        ["OfficeEval:Jobs:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OfficeEval:Jobs:Enabled"] = Worker ? "true" : "false",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsFiles && Directory.Exists(FilesPath))
        {
            Directory.Delete(FilesPath, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Rendering);
            services.AddScoped<IUnitReportRenderer>(provider => new ScriptedRenderer(
                provider.GetRequiredService<Rendering>(), ActivatorUtilities.CreateInstance<EvaluationReportRenderer>(provider), Name));
        });
    }

    /// <summary>Another campaign on the demo's framework and units (a year the demo's helpers never look at), for a second job.</summary>
    public Task<Guid> CloneDemoCampaignAsync() => WorkflowSetup.WithDb(this, async db =>
    {
        var demo = await db.Campaigns.AsNoTracking().Include(c => c.Units).SingleAsync(c => c.Year == 2026);
        var year = 2100 + await db.Campaigns.CountAsync();
        var clone = new Campaign
        {
            Id = Guid.CreateVersion7(),
            Year = year,
            Name = $"{year}年度测试批次",
            FrameworkId = demo.FrameworkId,
            CreatedAt = DateTimeOffset.UtcNow,
            ResultsPolicy = demo.ResultsPolicy,
            Units = [.. demo.Units.Select(u => new CampaignUnit { UnitId = u.UnitId, IndividualIndicators = u.IndividualIndicators })],
        };
        db.Campaigns.Add(clone);
        await db.SaveChangesAsync();
        return clone.Id;
    });

    public static async Task<JobView> GetJobAsync(HttpClient admin, Guid jobId) =>
        (await admin.GetFromJsonAsync<JobView>($"/api/report-jobs/{jobId}"))!;

    /// <summary>Polls the job until <paramref name="until"/> holds; fails with the last state after <paramref name="seconds"/>.</summary>
    public static async Task<JobView> WaitForAsync(HttpClient admin, Guid jobId, Func<JobView, bool> until, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var job = await GetJobAsync(admin, jobId);
            if (until(job))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Job {jobId} did not get there within {seconds} s; it is {job}.");
            await Task.Delay(50);
        }
    }

    public static Task<JobView> WaitForEndAsync(HttpClient admin, Guid jobId, double seconds = 60) =>
        WaitForAsync(admin, jobId, j => j.Status is "Succeeded" or "Failed" or "Cancelled", seconds);

    /// <summary>Waits for a condition that is not an HTTP state (a renderer reached a point).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {seconds} s: {what}.");
            await Task.Delay(20);
        }
    }
}

public sealed record JobView(
    Guid Id, string Kind, Guid CampaignId, string Status, string StatusZh, int Total, int Done, int Failed, decimal Percent, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? HeartbeatAt,
    string? Error, List<JobUnitError> Errors, string? DownloadUrl, long? ResultBytes);

public sealed record JobUnitError(Guid UnitId, string UnitCode, string Message);

/// <summary>What the renderers of one or more instances did, and what a test wants them to do.</summary>
public sealed class Rendering
{
    /// <summary>Replaces the real renderer while set: (campaign, unit, output, cancellation) → rendered.</summary>
    public Func<Guid, Guid, Stream, CancellationToken, Task>? Script { get; set; }

    /// <summary>Every document rendered (or started, when the script throws): campaign, unit and the instance's name.</summary>
    public ConcurrentQueue<(Guid Campaign, Guid Unit, string Instance)> Log { get; } = new();

    public int Count(Guid campaignId) => Log.Count(l => l.Campaign == campaignId);
}

internal sealed class ScriptedRenderer(Rendering rendering, EvaluationReportRenderer real, string instance) : IUnitReportRenderer
{
    public Task RenderAsync(Guid campaignId, Guid unitId, Stream output, CancellationToken cancellationToken)
    {
        rendering.Log.Enqueue((campaignId, unitId, instance));
        return rendering.Script is { } script ? script(campaignId, unitId, output, cancellationToken) : real.RenderAsync(campaignId, unitId, output, cancellationToken);
    }
}
