using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Jobs;

public static class ReportJobSetup
{
    /// <summary>
    /// The report job queue and this instance's worker, configured by <c>OfficeEval:Jobs</c> (checked at start-up).
    /// The renderer of the documents is registered separately, in Program.cs.
    /// </summary>
    public static IServiceCollection AddReportJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportJobOptions>().Bind(configuration.GetSection(ReportJobOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportJobOptions>, ReportJobOptionsValidator>();
        services.AddSingleton<ReportFiles>();
        services.AddSingleton<ReportJobStore>();
        services.AddSingleton<ReportJobSignal>();
        services.AddSingleton<ReportJobRunner>();
        services.AddHostedService<ReportJobWorker>();
        return services;
    }

    /// <summary>Refuses to start with settings under which jobs would never run or would be re-run while alive, saying what to set.</summary>
    internal sealed class ReportJobOptionsValidator : IValidateOptions<ReportJobOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReportJobOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var failures = new List<string>();
            const string s = ReportJobOptions.Section;
            if (options.Concurrency is < 1 or > 16)
            {
                failures.Add($"{s}:Concurrency is {options.Concurrency}; set 1 to 16.");
            }

            if (options.PollSeconds <= 0 || options.HeartbeatSeconds <= 0)
            {
                failures.Add($"{s}:PollSeconds and {s}:HeartbeatSeconds must be above 0.");
            }

            // A worker alive but slow must not be taken for dead: its heartbeat may be late by a little under one interval.
            if (options.StaleAfterSeconds < 3 * options.HeartbeatSeconds)
            {
                failures.Add($"{s}:StaleAfterSeconds ({options.StaleAfterSeconds}) must be at least three heartbeats ({3 * options.HeartbeatSeconds}).");
            }

            if (options.MaxAttempts < 1)
            {
                failures.Add($"{s}:MaxAttempts is {options.MaxAttempts}; set 1 or more.");
            }

            if (options.ProgressEvery < 1)
            {
                failures.Add($"{s}:ProgressEvery is {options.ProgressEvery}; set 1 or more.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
