using System.Net;
using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// Refuses to start with Entra sign-in enabled but not usable, saying what to set. Nothing is checked while it is
/// disabled: the section may then hold anything.
/// </summary>
public sealed class EntraOptionsValidator : IValidateOptions<EntraOptions>
{
    public const int MaxClockSkewSeconds = 600;
    public const int MinRefreshMinutes = 5;
    public const int MaxRefreshMinutes = 10080;

    public ValidateOptionsResult Validate(string? name, EntraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled && Problems(options).ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
    }

    private static IEnumerable<string> Problems(EntraOptions options)
    {
        const string s = EntraOptions.Section;
        if (!Guid.TryParse(options.ClientId, out _))
        {
            yield return $"{s}:ClientId is required when {s}:Enabled is true: set it to the API app registration's application (client) id, a GUID"
                + (string.IsNullOrWhiteSpace(options.ClientId) ? "." : $" ('{options.ClientId}' is not one).");
        }

        if (options.AllowedTenants.Count == 0)
        {
            yield return $"{s}:AllowedTenants is required when {s}:Enabled is true: list the tenant ids (GUIDs) whose users may sign in.";
        }

        foreach (var tenant in options.AllowedTenants.Where(t => !Guid.TryParse(t, out _)))
        {
            yield return $"{s}:AllowedTenants holds '{tenant}', which is not a tenant id: use the directory (tenant) id, a GUID, not a domain name, 'common' or 'organizations'.";
        }

        if (!Uri.TryCreate(options.Instance, UriKind.Absolute, out var instance)
            || !(instance.Scheme == Uri.UriSchemeHttps || (instance.Scheme == Uri.UriSchemeHttp && IsLoopback(instance))))
        {
            yield return $"{s}:Instance is '{options.Instance}'; set an absolute https address such as https://login.microsoftonline.com (http only on loopback, for tests).";
        }

        if (options.ClockSkewSeconds is < 0 or > MaxClockSkewSeconds)
        {
            yield return $"{s}:ClockSkewSeconds is {options.ClockSkewSeconds}; set 0 to {MaxClockSkewSeconds}.";
        }

        if (options.MetadataRefreshMinutes is < MinRefreshMinutes or > MaxRefreshMinutes)
        {
            yield return $"{s}:MetadataRefreshMinutes is {options.MetadataRefreshMinutes}; set {MinRefreshMinutes} to {MaxRefreshMinutes}.";
        }

        if (options.Audiences.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{s}:Audiences holds an empty entry; remove it.";
        }

        foreach (var (group, role) in options.GroupRoles)
        {
            if (EntraGroups.CanonicalRole(role) is null)
            {
                yield return $"{s}:GroupRoles:{group} is '{role}', which is not a role; use one of {string.Join(", ", Roles.All)}.";
            }
        }

        foreach (var group in options.GroupUnits.Where(g => string.IsNullOrWhiteSpace(g.Value)).Select(g => g.Key))
        {
            yield return $"{s}:GroupUnits:{group} is empty; set the unit's code.";
        }

        if (options.AutoProvision && options.GroupRoles.Count == 0)
        {
            yield return $"{s}:AutoProvision needs {s}:GroupRoles: an account is created only for a user whose groups give a role.";
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
