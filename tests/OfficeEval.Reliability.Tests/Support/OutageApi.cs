using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace OfficeEval.Reliability.Tests.Support;

/// <summary>
/// The API on a PostgreSQL cluster of its own, for tests that stop and start the server under it: the connection
/// string carries the connect and command timeouts of appsettings.json's (the documented bounds), and the demo's
/// campaign, units and signed-in office and reviewer are at hand. A test that stops the server starts it again.
/// </summary>
public sealed class OutageApi : IAsyncLifetime
{
    private DirectoryInfo? _files;

    public PostgresCluster Cluster { get; private set; } = null!;

    public ApiProcess Api { get; private set; } = null!;

    /// <summary>How long opening a connection may take (Npgsql <c>Timeout</c>), also when waiting for a pooled one.</summary>
    public TimeSpan ConnectTimeout { get; private set; }

    /// <summary>How long one command may run (Npgsql <c>Command Timeout</c>).</summary>
    public TimeSpan CommandTimeout { get; private set; }

    /// <summary>
    /// The longest a request may wait for the database before it fails: its first failing operation is an open (at most
    /// the connect timeout) or a command (at most the command timeout), and it fails there.
    /// </summary>
    public TimeSpan ResponseBound => ConnectTimeout + CommandTimeout;

    /// <summary>The test's own connection (no pool), to look at the data after an outage.</summary>
    public string Database => Cluster.ConnectionString("officeeval") + ";Pooling=false";

    public string AdminToken { get; private set; } = "";

    public string ReviewerToken { get; private set; } = "";

    /// <summary>A refresh token of the demo viewer, good for the idle timeout (30 minutes).</summary>
    public string ViewerRefreshToken { get; private set; } = "";

    public Guid CampaignId { get; private set; }

    public IReadOnlyList<Guid> Units { get; private set; } = [];

    /// <summary>The units assigned to the demo reviewer: reading one is a database lookup in the authorization handler.</summary>
    public IReadOnlyList<Guid> ReviewerUnits { get; private set; } = [];

    public async Task InitializeAsync()
    {
        (ConnectTimeout, CommandTimeout) = ConfiguredTimeouts();
        _files = Directory.CreateTempSubdirectory("officeeval-outage-");
        Cluster = await PostgresCluster.CreateAsync();
        await Cluster.CreateDatabaseAsync("officeeval");
        var connectionString = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString("officeeval"))
        {
            Timeout = (int)ConnectTimeout.TotalSeconds,
            CommandTimeout = (int)CommandTimeout.TotalSeconds,
        }.ConnectionString;
        Api = ApiProcess.Create("api", connectionString, _files.FullName, new Dictionary<string, string>
        {
            // The public questionnaire API is asked for unknown codes throughout: keep its per-address limit out of the way.
            ["OfficeEval:Surveys:FailedLookupsPerAddress"] = "1000000",
        });
        await Api.StartAsync();
        AdminToken = await Api.SignInAsync("admin@demo.local");
        ReviewerToken = await Api.SignInAsync("reviewer@demo.local");
        using (var anonymous = Api.Client())
        using (var signIn = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "viewer@demo.local", password = ApiProcess.DemoPassword }))
        {
            signIn.EnsureSuccessStatusCode();
            ViewerRefreshToken = (await signIn.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!.GetValue<string>();
        }

        using var admin = Api.Client(AdminToken);
        using var reviewer = Api.Client(ReviewerToken);
        CampaignId = (await admin.GetFromJsonAsync<JsonArray>("/api/campaigns"))![0]!["id"]!.GetValue<Guid>();
        Units = await UnitIds(admin, CampaignId);
        ReviewerUnits = await UnitIds(reviewer, CampaignId);
    }

    /// <summary>
    /// The API running and ready, whatever a test before left behind (a test that fails half-way through a restart):
    /// the tests of a class share this instance, and each starts from a working one.
    /// </summary>
    public async Task ReadyAsync()
    {
        if (Api.IsRunning)
        {
            await Api.WaitReadyAsync(TimeSpan.FromSeconds(90));
        }
        else
        {
            await Api.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Cluster.DisposeAsync();
        _files?.Delete(recursive: true);
    }

    private static async Task<List<Guid>> UnitIds(HttpClient client, Guid campaignId) =>
        [.. (await client.GetFromJsonAsync<JsonArray>($"/api/campaigns/{campaignId}/units"))!.Select(u => u!["id"]!.GetValue<Guid>())];

    /// <summary>The connect and command timeouts of the connection string in appsettings.json.</summary>
    private static (TimeSpan Connect, TimeSpan Command) ConfiguredTimeouts()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.ApiProjectFolder, "appsettings.json")))!;
        var configured = new NpgsqlConnectionStringBuilder(settings["ConnectionStrings"]!["Default"]!.GetValue<string>());
        return (TimeSpan.FromSeconds(configured.Timeout), TimeSpan.FromSeconds(configured.CommandTimeout));
    }
}
