using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OfficeEval.Api.Features.Identity.KeyRing;

namespace OfficeEval.Api.Data;

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.ToTable("data_protection_keys");
        key.Property(k => k.FriendlyName).HasMaxLength(200);
        // The framework's XML as it wrote it: read back whole, never queried into.
        key.Property(k => k.Xml).HasColumnType("text");
    }
}
