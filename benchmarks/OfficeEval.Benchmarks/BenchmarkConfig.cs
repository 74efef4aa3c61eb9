using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace OfficeEval.Benchmarks;

/// <summary>
/// Few iterations, so the whole suite runs in a few minutes: 3 warm-up and 10 measured iterations, once with the
/// workstation GC (the default of a console process) and once with the server GC (the default of ASP.NET Core).
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        var job = Job.Default.WithWarmupCount(3).WithIterationCount(10);
        AddJob(job.WithGcServer(false).WithId("WorkstationGC"));
        AddJob(job.WithGcServer(true).WithId("ServerGC"));
    }
}
