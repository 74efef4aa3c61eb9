using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity;

/// <summary>
/// The Data Protection key ring in the database (table data_protection_keys): instances on one database share one key,
/// so a token issued by one is accepted and refreshed by another; with a certificate the key is stored encrypted.
/// </summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task Startup_TwoInstancesAtOnceOnANewDatabase_OneKey_EachAcceptsAndRefreshesTheOthersTokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = new KeyRingInstance(database);
        await using var second = new KeyRingInstance(database);

        var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));

        // Each instance would otherwise create a key of its own as it first reads the empty key ring.
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE friendly_name LIKE 'key-%'"));
        foreach (var (issuer, other) in new[] { (clients[0], clients[1]), (clients[1], clients[0]) })
        {
            var tokens = await LoginAsync(issuer, DemoUsers.Reviewer);
            Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(other, tokens.AccessToken)).StatusCode);
            var refreshed = await other.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
            var renewed = (await refreshed.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
            Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(issuer, renewed.AccessToken)).StatusCode);
        }
    }

    [Fact]
    public async Task Startup_NewDatabase_KeyCreatedUnderTheStartupLock_NotLeftToTheFirstUse()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Without the framework's start-up read of the key ring, only the start-up code can have created the key.
        await using var instance = new KeyRingInstance(database, withoutKeyRingPreload: true);

        var client = instance.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE friendly_name LIKE 'key-%'"));
    }

    [Fact]
    public async Task Startup_ActiveKeyRevoked_NextStartCreatesANewKey_TokensOfTheRevokedKeyRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        string token;
        await using (var first = new KeyRingInstance(database))
        {
            token = (await LoginAsync(first.CreateClient(), DemoUsers.Viewer)).AccessToken;
            first.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "test: the key leaked");
        }

        await using var second = new KeyRingInstance(database);
        var client = second.CreateClient();

        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys WHERE friendly_name LIKE 'key-%'"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(client, token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(client, (await LoginAsync(client, DemoUsers.Viewer)).AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Certificate_Configured_KeyStoredEncrypted_AnotherInstanceWithItAcceptsTheTokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("officeeval-keyring-");
        try
        {
            var pfx = Path.Combine(folder.FullName, "keys.pfx");
            await File.WriteAllBytesAsync(pfx, SelfSignedPfx("Pfx#Pass1"));
            var settings = new Dictionary<string, string?>
            {
                ["OfficeEval:DataProtection:CertificatePath"] = pfx,
                ["OfficeEval:DataProtection:CertificatePassword"] = "Pfx#Pass1",
            };
            await using var first = new KeyRingInstance(database, settings);
            await using var second = new KeyRingInstance(database, settings);

            var tokens = await LoginAsync(first.CreateClient(), DemoUsers.Staff);

            Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(second.CreateClient(), tokens.AccessToken)).StatusCode);
            var xml = await database.ScalarAsync<string>("SELECT xml FROM data_protection_keys WHERE friendly_name LIKE 'key-%'");
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            // The unencrypted form holds the master key in <masterKey …><value>base64</value>.
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("OfficeEval:DataProtection:CertificatePath", "/nonexistent/keys.pfx", "OfficeEval:DataProtection:CertificatePath (/nonexistent/keys.pfx) does not exist")]
    [InlineData("OfficeEval:DataProtection:CertificatePassword", "orphan", "OfficeEval:DataProtection:CertificatePassword is set but OfficeEval:DataProtection:CertificatePath is not")]
    public async Task Certificate_Misconfigured_StartRefusedNamingTheSetting(string key, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var instance = new KeyRingInstance(database, new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<InvalidOperationException>(() => instance.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<ApiFactory.TokenResponse> LoginAsync(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiFactory.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ApiFactory.TokenResponse>())!;
    }

    private static async Task<HttpResponseMessage> GetMeAsync(HttpClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }

    private static byte[] SelfSignedPfx(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OfficeEval data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }

    private sealed class KeyRingInstance(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, bool withoutKeyRingPreload = false)
        : ApiFactory(database)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings ?? base.Settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (withoutKeyRingPreload)
            {
                // The framework's hosted service that reads (and, when it finds no key, creates) the key ring at start.
                builder.ConfigureTestServices(services =>
                {
                    var preload = Assert.Single(services, d => d.ImplementationType?.Name == "DataProtectionHostedService");
                    services.Remove(preload);
                });
            }
        }
    }
}
