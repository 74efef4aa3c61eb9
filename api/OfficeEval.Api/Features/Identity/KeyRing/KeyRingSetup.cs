using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Identity.KeyRing;

/// <summary>
/// Data Protection shared by every instance on one database: one application name (the default is the content root
/// path, which differs between installations), the key ring in the database (<see cref="DatabaseKeyRepository"/>),
/// encrypted with a certificate when <see cref="KeyRingOptions.CertificatePath"/> is set.
/// </summary>
public static class KeyRingSetup
{
    /// <summary>The application name every instance protects with; changing it makes every issued token unreadable.</summary>
    public const string ApplicationName = "OfficeEval";

    /// <summary>
    /// Registers the shared key ring. A certificate in <see cref="KeyRingOptions.CertificatePath"/> is loaded here, so a
    /// missing or unusable one stops the start with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        services.AddSingleton<DatabaseKeyRepository>();
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = provider.GetRequiredService<DatabaseKeyRepository>()));
        if (Load(options) is { } certificate)
        {
            // Decryption finds the certificate here rather than in a certificate store, which Linux hosts do not share.
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }

    /// <summary>
    /// Makes sure the key ring has a key that is active now, creating one if not; returns the key created, or null.
    /// Called at start-up under the migration lock, before the framework first reads the key ring: instances starting
    /// together on a new database would otherwise each create a key of their own, and (past the framework's first two
    /// minutes, in which an unknown key makes it read the ring again) refuse each other's tokens until their cached key
    /// rings expire, up to a day later. Keys that succeed this one are created by the framework days before they
    /// become active, so every instance reads them in time.
    /// </summary>
    public static IKey? EnsureActiveKey(IServiceProvider services, ILogger logger)
    {
        var manager = services.GetRequiredService<IKeyManager>();
        // The framework's own clock decides which key is active, not the host's TimeProvider.
        var now = DateTimeOffset.UtcNow;
        var active = manager.GetAllKeys().Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now).ToList();
        if (active.Any(Readable))
        {
            return null;
        }

        if (active.Count > 0)
        {
            logger.LogWarning("The data-protection keys {KeyIds} cannot be read by this instance: is {Section}:CertificatePath the same certificate on every instance?",
                string.Join(", ", active.Select(k => k.KeyId)), KeyRingOptions.Section);
        }

        var lifetime = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
        var key = manager.CreateNewKey(activationDate: now, expirationDate: now + lifetime);
        logger.LogInformation("Created the data-protection key {KeyId}, active until {Expiration:O}", key.KeyId, key.ExpirationDate);
        return key;
    }

    private static bool Readable(IKey key)
    {
        try
        {
            return key.CreateEncryptor() is not null;
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException or System.Xml.XmlException)
        {
            return false;
        }
    }

    private static X509Certificate2? Load(KeyRingOptions options)
    {
        const string setting = KeyRingOptions.Section + ":CertificatePath";
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return string.IsNullOrEmpty(options.CertificatePassword)
                ? null
                : throw new InvalidOperationException($"{KeyRingOptions.Section}:CertificatePassword is set but {setting} is not.");
        }

        var path = options.CertificatePath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting} ({path}) does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = Path.GetExtension(path).Equals(".pem", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(options.CertificatePassword) ? null : options.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting} ({path}) cannot be read: {e.Message} (is {KeyRingOptions.Section}:CertificatePassword right?)", e);
        }

        using var rsa = certificate.GetRSAPrivateKey();
        return rsa is null
            ? throw new InvalidOperationException($"{setting} ({path}) must hold an RSA certificate with its private key.")
            : certificate;
    }
}
