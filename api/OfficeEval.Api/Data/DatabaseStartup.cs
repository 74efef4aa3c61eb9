using Microsoft.Extensions.Options;
using Npgsql;
using OfficeEval.Api.Features.Demo;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Identity.KeyRing;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Data;

/// <summary>
/// At start-up: wait for the database, then under one advisory lock apply migrations, make sure the data-protection
/// key ring has an active key, publish the built-in frameworks and seed the demo.
/// </summary>
public static class DatabaseStartup
{
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var options = app.Services.GetRequiredService<IOptions<OfficeEvalOptions>>().Value;
        var connectionString = app.Configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not configured.");

        await using var connection = await OpenWhenReady(connectionString, TimeSpan.FromSeconds(options.DatabaseStartupTimeoutSeconds), app.Logger, cancellationToken);
        await DatabaseMigrator.LockAsync(connection, cancellationToken);
        var applied = await DatabaseMigrator.MigrateAsync(connection, cancellationToken);
        if (applied.Count > 0)
        {
            app.Logger.LogInformation("Applied migrations {Migrations}", string.Join(", ", applied));
        }

        // Under the lock, so that instances starting together on a new database agree on one key (see EnsureActiveKey).
        KeyRingSetup.EnsureActiveKey(app.Services, app.Logger);

        await using var scope = app.Services.CreateAsyncScope();
        var builtIn = await BuiltInFrameworkSeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
        if (builtIn.Count > 0)
        {
            app.Logger.LogInformation("Published built-in frameworks {Frameworks}", string.Join(", ", builtIn));
        }

        if (options.SeedDemo)
        {
            var credentials = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(options.DemoPassword, options.DemoMustChangePassword, cancellationToken);
            if (credentials.Count > 0)
            {
                PrintOnce(credentials, options.DemoMustChangePassword);
            }
        }

        if (!string.IsNullOrWhiteSpace(options.FirstAdminEmail))
        {
            var initial = await scope.ServiceProvider.GetRequiredService<FirstAdmin>().EnsureAsync(options.FirstAdminEmail, options.FirstAdminPassword, cancellationToken);
            if (initial is not null)
            {
                PrintOnce([new DemoSeeder.Credential(Roles.Admin, options.FirstAdminEmail.Trim(), initial)], mustChangePassword: true, "The first Admin account");
            }
        }

        // Disposing the connection releases the advisory lock for the next instance.
    }

    private static async Task<NpgsqlConnection> OpenWhenReady(string connectionString, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            // Refused while the server is down, 57P03 while it starts up: wait. Anything else (a wrong password, no such
            // database) is not going to pass and stops start-up at once.
            catch (NpgsqlException e) when (DateTime.UtcNow < deadline && DatabaseUnavailable.Is(e))
            {
                await connection.DisposeAsync();
                logger.LogWarning("Waiting for the database: {Reason}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private static void PrintOnce(IReadOnlyList<DemoSeeder.Credential> credentials, bool mustChangePassword, string what = "Demo accounts")
    {
        var lines = new List<string>
        {
            "",
            "==================================================================",
            $" {what} created. Initial passwords are shown ONCE, now:",
        };
        lines.AddRange(credentials.Select(c => $"   {c.Role,-10} {c.Email,-24} {c.Password}"));
        lines.Add(mustChangePassword
            ? " Each user must change the initial password at the first sign-in."
            : " OfficeEval:DemoMustChangePassword is off: these passwords stay valid until changed.");
        lines.Add("==================================================================");
        lines.Add("");
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        Console.Out.Flush();
    }
}
