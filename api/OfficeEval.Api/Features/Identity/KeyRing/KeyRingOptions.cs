namespace OfficeEval.Api.Features.Identity.KeyRing;

/// <summary>
/// The <c>OfficeEval:DataProtection</c> configuration section: how the Data Protection keys that protect bearer tokens
/// are kept in the database. Without a certificate they are stored unencrypted (see docs/reliability.md).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "OfficeEval:DataProtection";

    /// <summary>
    /// A certificate with its private key (.pfx/.p12 with <see cref="CertificatePassword"/>, or .pem holding both) the keys
    /// are encrypted with before they are stored, and decrypted with when read. Every instance on the database needs the
    /// same one. Empty: keys are stored unencrypted, as sensitive as the database and its backups.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The .pfx file's password, when it has one.</summary>
    public string CertificatePassword { get; set; } = "";
}
