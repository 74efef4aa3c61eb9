namespace OfficeEval.Api.Features.Identity.KeyRing;

/// <summary>
/// One element of the ASP.NET Core Data Protection key ring (a key, or a revocation) as the framework writes it, in the
/// table <c>data_protection_keys</c> that every instance on the database reads (<see cref="DatabaseKeyRepository"/>).
/// </summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    /// <summary>The framework's name for the element: <c>key-{id}</c> or <c>revocation-{time}</c>.</summary>
    public string FriendlyName { get; set; } = "";

    /// <summary>The element's XML; the key material inside is encrypted only when a certificate is configured (<see cref="KeyRingOptions"/>).</summary>
    public string Xml { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
