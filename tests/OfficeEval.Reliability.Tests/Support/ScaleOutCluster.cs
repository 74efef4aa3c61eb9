using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// Two API processes, A and B, on one new database and one files folder, started at the same moment, as two instances
/// behind a load balancer. Each has a home folder of its own (HOME, XDG_DATA_HOME), so the framework's default
/// per-user key folder is not shared between them, as it is not between two machines: only the database is. Their
/// workers poll every 0.2 s with two loops each, so both compete for every job.
/// </summary>
public sealed class ScaleOutCluster : IAsyncLifetime
{
    private readonly string _homes = Path.Combine(Path.GetTempPath(), "officeeval-scaleout", Guid.NewGuid().ToString("N")[..12]);
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not started.");

    public ApiProcess A { get; private set; } = null!;

    public ApiProcess B { get; private set; } = null!;

    public IReadOnlyList<ApiProcess> Instances => [A, B];

    /// <summary>What each instance wrote during the first, simultaneous start (later restarts add to <see cref="ApiProcess.Output"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FirstStartOutput { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        A = Create("A");
        B = Create("B");
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
        FirstStartOutput = Instances.ToDictionary(i => i.Name, i => (IReadOnlyList<string>)[.. i.Output]);
    }

    /// <summary>Stops both (SIGTERM) and starts both again at the same moment.</summary>
    public async Task RestartBothAsync()
    {
        await Task.WhenAll(A.StopAsync(), B.StopAsync());
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
    }

    /// <summary>Both instances' last lines, for failure messages.</summary>
    public string Tails() => $"--- A ---\n{A.Tail(40)}\n--- B ---\n{B.Tail(40)}";

    public async Task DisposeAsync()
    {
        foreach (var instance in new[] { A, B }.Where(i => i is not null))
        {
            await instance.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(_homes))
        {
            Directory.Delete(_homes, recursive: true);
        }
    }

    private ApiProcess Create(string name)
    {
        var home = Directory.CreateDirectory(Path.Combine(_homes, name)).FullName;
        return ApiProcess.Create(name, Database.ConnectionString, Database.FilesFolder, new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
            ["OfficeEval:Jobs:PollSeconds"] = "0.2",
            ["OfficeEval:Jobs:Concurrency"] = "2",
        });
    }
}
