using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;

namespace OfficeEval.Api.Features.Identity.KeyRing;

/// <summary>
/// The Data Protection key ring in the database (<c>data_protection_keys</c>), in place of the default per-user folder,
/// so that every instance on one database protects and unprotects bearer tokens with the same keys.
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore is not restorable here; this is the little it does.
/// The framework calls it synchronously: at start-up, when a key is created, and when its cached key ring expires
/// (about once a day, or on a token whose key it does not know in its first two minutes).
/// </summary>
public sealed class DatabaseKeyRepository(IServiceScopeFactory scopes, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList();
        return [.. rows.Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetUtcNow(),
        });
        db.SaveChanges();
    }
}
