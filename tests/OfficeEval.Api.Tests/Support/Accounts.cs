using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace OfficeEval.Api.Tests.Support;

/// <summary>Accounts made through the admin API, and signing in with them.</summary>
public static class Accounts
{
    public sealed record Created(Guid Id, string Email, string InitialPassword);

    public sealed record UserBody(
        Guid Id, string Email, string DisplayName, List<string> Roles, Guid? UnitId, string? UnitName,
        bool MustChangePassword, bool LockedOut, bool Disabled);

    public sealed record InitialPasswordBody(UserBody User, string InitialPassword);

    /// <summary>A new account with a unique e-mail, created by the demo admin; its initial password must be changed.</summary>
    public static async Task<Created> CreateAsync(ApiFactory api, string role, Guid? unitId = null, string? email = null)
    {
        var admin = await api.SignInAsync(DemoUsers.Admin);
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..12]}@test.local";
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = $"测试{role}", roles = new[] { role }, unitId });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<InitialPasswordBody>())!;
        return new Created(body.User.Id, body.User.Email, body.InitialPassword);
    }

    public static async Task<ApiFactory.TokenResponse> LoginAsync(ApiFactory api, string email, string password)
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
    }

    public static HttpClient Client(ApiFactory api, string accessToken)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Signs in and replaces the initial password; returns the new password and the tokens change-password gave.</summary>
    public static async Task<(string Password, ApiFactory.TokenResponse Tokens)> ActivateAsync(ApiFactory api, Created account)
    {
        var tokens = await LoginAsync(api, account.Email, account.InitialPassword);
        const string password = "Activated#2027";
        var response = await Client(api, tokens.AccessToken).PostAsJsonAsync("/api/auth/change-password", new { currentPassword = account.InitialPassword, newPassword = password });
        response.EnsureSuccessStatusCode();
        return (password, (await response.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!);
    }

    /// <summary>The audit entries of an action on an account, oldest first: their details (the stored JSON, parsed).</summary>
    public static async Task<List<JsonElement>> AuditDetailsAsync(ApiFactory api, string action, Guid userId)
    {
        await using var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT details FROM audit_entries WHERE action = @a AND target = @t ORDER BY seq", connection);
        command.Parameters.AddWithValue("a", action);
        command.Parameters.AddWithValue("t", $"user/{userId}");
        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<JsonElement>();
        while (await reader.ReadAsync())
        {
            details.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return details;
    }
}
