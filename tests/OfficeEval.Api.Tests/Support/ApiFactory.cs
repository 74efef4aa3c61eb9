using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OfficeEval.Api.Tests.Support;

/// <summary>
/// The real API in process (WebApplicationFactory) on its own PostgreSQL database, migrated and seeded with the
/// demo at start-up exactly as in production. One per test class.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Demo#Pass2026";

    private TestDatabase? _database;
    private readonly bool _ownsDatabase = true;

    public ApiFactory()
    {
    }

    /// <summary>A factory on a database another owner created and drops (to start several instances on one database).</summary>
    protected ApiFactory(TestDatabase database)
    {
        _database = database;
        _ownsDatabase = false;
    }

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync() => _database ??= await TestDatabase.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_ownsDatabase && _database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("OfficeEval:SeedDemo", "true");
        builder.UseSetting("OfficeEval:DemoPassword", DemoPassword);
        // The demo users sign in and work straight away; the forced change is tested with users the admin creates.
        builder.UseSetting("OfficeEval:DemoMustChangePassword", "false");
        // Generated files (report batches) in the temporary folder, per database, never in the source tree.
        builder.UseSetting("OfficeEval:FilesPath", Database.FilesFolder);
        builder.UseSetting("Logging:Console:FormatterName", "simple");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client signed in as the given demo user.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}

/// <summary>An API instance on a database created and dropped by the test.</summary>
public sealed class ApiInstance(TestDatabase database) : ApiFactory(database);

public static class DemoUsers
{
    public const string Admin = "admin@demo.local";
    public const string Reviewer = "reviewer@demo.local";
    public const string Staff = "staff@demo.local";
    public const string Viewer = "viewer@demo.local";
}
