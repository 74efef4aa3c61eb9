using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// The API as a separate process, run from the API project's build output (<c>dotnet OfficeEval.Api.dll</c>) on a
/// loopback port: started, waited for, killed with SIGKILL or stopped with SIGTERM, and started again with the same
/// settings. Its output is kept for the test's failure messages.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    /// <summary>The demo users' password in every process these tests start (no change required at sign-in).</summary>
    public const string DemoPassword = "Reliable#2026pw";

    private readonly Dictionary<string, string> environment;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    private ApiProcess(string name, int port, Dictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        this.environment = environment;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    /// <summary>How many times this instance's process has been started.</summary>
    public int Starts { get; private set; }

    public bool IsRunning => process is { HasExited: false };

    public int? ProcessId => process?.Id;

    /// <summary>Every line the instance wrote, over all its starts.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <summary>
    /// An instance on <paramref name="connectionString"/> with its files in <paramref name="filesFolder"/>, seeding
    /// the demo (users admin@/reviewer@/staff@/viewer@demo.local with <see cref="DemoPassword"/>); settings in
    /// <paramref name="settings"/> are configuration keys (<c>OfficeEval:Jobs:PollSeconds</c>) and override the defaults.
    /// Not started: call <see cref="StartAsync"/>.
    /// </summary>
    public static ApiProcess Create(string name, string connectionString, string filesFolder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Default"] = connectionString,
            ["OfficeEval__BaseUrl"] = $"http://127.0.0.1:{port}",
            ["OfficeEval__FilesPath"] = filesFolder,
            ["OfficeEval__SeedDemo"] = "true",
            ["OfficeEval__DemoPassword"] = DemoPassword,
            ["OfficeEval__DemoMustChangePassword"] = "false",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "false",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new ApiProcess(name, port, environment);
    }

    /// <summary>Starts the process (again, after a kill) and waits until /health/ready answers 200.</summary>
    public async Task StartAsync(TimeSpan? readyWithin = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Paths.ApiProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Paths.ApiAssembly);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Starts++;
        output.Enqueue($"==== {Name}: start {Starts} ====");
        var started = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        await WaitReadyAsync(readyWithin ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Waits until /health/ready answers 200; fails with the instance's last output when it exits or the time runs out.</summary>
    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{Name} exited with {process?.ExitCode} before it was ready.\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within {within.TotalSeconds} s.\n{Tail()}");
    }

    /// <summary>SIGKILL: the process ends at once, wherever it is; nothing of it runs after this returns.</summary>
    public void Kill()
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        output.Enqueue($"==== {Name}: SIGKILL ====");
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as an orchestrator stops an instance; SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        output.Enqueue($"==== {Name}: SIGTERM ====");
        _ = SendSignal(process.Id, 15);
        using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>A client of this instance, signed in with <paramref name="accessToken"/> when given.</summary>
    public HttpClient Client(string? accessToken = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>Signs a demo user in (<c>admin@demo.local</c> …) and returns the access token.</summary>
    public async Task<string> SignInAsync(string email, string password = DemoPassword)
    {
        using var client = Client();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["accessToken"]!.GetValue<string>();
    }

    /// <summary>A client signed in as the demo user <paramref name="email"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string email) => Client(await SignInAsync(email));

    /// <summary>The last lines the instance wrote, for failure messages.</summary>
    public string Tail(int lines = 60) => string.Join('\n', output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await StopAsync(TimeSpan.FromSeconds(5));
        }

        process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 5000 && output.TryDequeue(out _))
        {
        }
    }

    /// <summary>A port the kernel says is free on loopback now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
