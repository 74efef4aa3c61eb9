namespace OfficeEval.Api.Features.Identity.Entra;

/// <summary>
/// What a user's groups give under <see cref="EntraOptions.GroupRoles"/> and <see cref="EntraOptions.GroupUnits"/>.
/// Group ids are compared without regard to letter case (GUIDs may be written either way in configuration).
/// </summary>
public static class EntraGroups
{
    /// <summary>The role's canonical spelling, or null when it is not a role.</summary>
    public static string? CanonicalRole(string? role) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The roles the groups give, without repeats, in a stable order.</summary>
    public static IReadOnlyList<string> RolesOf(EntraOptions options, IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mapped = Lookup(options.GroupRoles);
        return [.. groups.SelectMany(g => mapped[g]).Select(CanonicalRole).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The unit codes the groups give, without repeats, in a stable order.</summary>
    public static IReadOnlyList<string> UnitCodesOf(EntraOptions options, IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mapped = Lookup(options.GroupUnits);
        return [.. groups.SelectMany(g => mapped[g]).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The user's groups that the configuration maps to a role or a unit (what the audit log keeps of them).</summary>
    public static IReadOnlyList<string> Mapped(EntraOptions options, IEnumerable<string> groups)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = options.GroupRoles.Keys.Concat(options.GroupUnits.Keys).Select(k => k.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. groups.Where(keys.Contains).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)];
    }

    private static ILookup<string, string> Lookup(Dictionary<string, string> map) =>
        map.ToLookup(p => p.Key.Trim(), p => p.Value, StringComparer.OrdinalIgnoreCase);
}
