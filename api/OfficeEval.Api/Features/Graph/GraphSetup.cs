using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Graph;

public static class GraphSetup
{
    /// <summary>The key of the time provider whose timers the Graph retries wait on (the host's clock unless a test replaces it).</summary>
    public const string RetryClock = "OfficeEval.Graph.RetryClock";

    /// <summary>
    /// Microsoft Graph: tokens (MSAL), the typed client with its retry handler, the delivery outbox and this instance's
    /// worker; configured by <c>OfficeEval:Entra</c> and its <c>Graph</c> subsection (checked at start-up once a credential is set).
    /// Everything is registered whatever the configuration; while Graph is not configured its endpoints answer 503
    /// <c>graph.disabled</c> and the worker idles.
    /// </summary>
    public static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphOptions>().Bind(configuration.GetSection(GraphOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>();
        services.AddKeyedSingleton(RetryClock, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddHttpClient(MsalGraphTokenSource.HttpClientName);
        services.AddSingleton<IGraphTokenSource, MsalGraphTokenSource>();
        services.AddTransient<GraphRetryHandler>();
        services.AddHttpClient<IGraphClient, GraphClient>((provider, client) =>
            {
                var baseUrl = provider.GetRequiredService<IOptionsMonitor<GraphOptions>>().CurrentValue.Graph.BaseUrl.TrimEnd('/') + "/";
                client.BaseAddress = new Uri(baseUrl);
                // Each try has its own timeout in the retry handler; the whole call is bounded by tries and the retry budget.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<GraphRetryHandler>();
        services.AddSingleton<GraphDeliveryStore>();
        services.AddSingleton<GraphDeliverySignal>();
        services.AddSingleton<GraphDeliveryRunner>();
        services.AddHostedService<GraphDeliveryWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapGraph(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGraphPublish();
        endpoints.MapGraphReminders();
        endpoints.MapGraphDeliveries();
        endpoints.MapGraphPeople();
        return endpoints;
    }

    /// <summary>Refuses to start, when Graph is configured, with settings under which nothing could be delivered, saying what to set.</summary>
    internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
    {
        public ValidateOptionsResult Validate(string? name, GraphOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            // Entra sign-in alone (no credential for Graph) is the Entra feature's to check; Graph then stays off.
            if (!options.IsConfigured)
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = new List<string>();
            const string s = GraphOptions.Section + ":Graph";
            var graph = options.Graph;
            if (!Uri.TryCreate(graph.BaseUrl, UriKind.Absolute, out var baseUrl) || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
            {
                failures.Add($"{s}:BaseUrl ({graph.BaseUrl}) must be an https URL (http only on loopback).");
            }

            if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"{GraphOptions.Section}:Instance ({options.Instance}) must be an https URL.");
            }

            if (string.IsNullOrWhiteSpace(graph.Scope))
            {
                failures.Add($"{s}:Scope must be set (https://graph.microsoft.com/.default).");
            }

            if (graph.FolderPath.Any(c => "*:<>?\"|".Contains(c, StringComparison.Ordinal) || char.IsControl(c)))
            {
                failures.Add($"{s}:FolderPath ({graph.FolderPath}) holds a character SharePoint does not take in a folder name.");
            }

            if (graph.PollSeconds <= 0 || graph.LeaseSeconds < 30 || graph.RequestTimeoutSeconds <= 0)
            {
                failures.Add($"{s}:PollSeconds and {s}:RequestTimeoutSeconds must be above 0, {s}:LeaseSeconds at least 30.");
            }

            if (graph.DeliveryAttempts < 1 || graph.RequestAttempts < 1)
            {
                failures.Add($"{s}:DeliveryAttempts and {s}:RequestAttempts must be 1 or more.");
            }

            if (graph.DeliveryRetrySeconds < 0 || graph.RequestRetrySeconds < 0 || graph.RequestRetryBudgetSeconds < 0)
            {
                failures.Add($"{s}:DeliveryRetrySeconds, {s}:RequestRetrySeconds and {s}:RequestRetryBudgetSeconds cannot be negative.");
            }

            if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !File.Exists(options.CertificatePath))
            {
                failures.Add($"{GraphOptions.Section}:CertificatePath ({options.CertificatePath}) does not exist.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
