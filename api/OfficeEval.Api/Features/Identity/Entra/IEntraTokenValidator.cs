namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// Validates a Microsoft Entra ID access token. The seam where Microsoft.Identity.Web's validation can replace
/// <see cref="EntraTokenValidator"/> without touching anything else.
/// </summary>
public interface IEntraTokenValidator
{
    Task<EntraValidationResult> ValidateAsync(string jwt, CancellationToken cancellationToken);
}

/// <summary>The user a valid token speaks for, from its claims.</summary>
/// <param name="ObjectId">oid: the user's object id in the tenant.</param>
/// <param name="TenantId">tid.</param>
/// <param name="Username">preferred_username, else upn, else email.</param>
/// <param name="Name">name.</param>
/// <param name="Groups">groups; null when the token says there were too many to list (group overage).</param>
/// <param name="Scopes">scp, split.</param>
/// <param name="AppRoles">roles: the app roles assigned to the user, if any.</param>
/// <param name="TokenId">uti, else jti: the token's own id.</param>
/// <param name="ExpiresAt">exp.</param>
public sealed record EntraIdentity(
    Guid ObjectId,
    Guid TenantId,
    string? Username,
    string? Name,
    IReadOnlyList<string>? Groups,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> AppRoles,
    string? TokenId,
    DateTimeOffset ExpiresAt);

/// <summary>
/// What a token claims before it is trusted, for the audit log of a refused sign-in (as a local sign-in records the
/// account name as typed).
/// </summary>
public sealed record EntraClaimsSeen(string? Username, string? ObjectId, string? TenantId);

/// <summary>Either the identity of a valid token, or why it was refused.</summary>
public sealed record EntraValidationResult
{
    private EntraValidationResult(EntraIdentity? identity, EntraError? error, EntraClaimsSeen? seen, TimeSpan? retryAfter)
    {
        Identity = identity;
        Error = error;
        Seen = seen;
        RetryAfter = retryAfter;
    }

    public EntraIdentity? Identity { get; }

    /// <summary>Why the token was refused (one of <see cref="EntraErrors"/>); null when valid.</summary>
    public EntraError? Error { get; }

    /// <summary>The refused token's unverified claims, when it could be read.</summary>
    public EntraClaimsSeen? Seen { get; }

    /// <summary>For <see cref="EntraErrors.MetadataUnavailable"/>: when the keys will be fetched again.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool Succeeded => Identity is not null;

    public static EntraValidationResult Valid(EntraIdentity identity) => new(identity, null, null, null);

    public static EntraValidationResult Refused(EntraError error, EntraClaimsSeen? seen = null, TimeSpan? retryAfter = null) =>
        new(null, error, seen, retryAfter);
}
