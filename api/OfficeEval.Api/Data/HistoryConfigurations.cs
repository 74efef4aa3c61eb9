using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.History;
using OfficeEval.Core.History;

namespace OfficeEval.Api.Data;

internal sealed class FrameworkMappingConfiguration : IEntityTypeConfiguration<FrameworkMappingRecord>
{
    public void Configure(EntityTypeBuilder<FrameworkMappingRecord> mapping)
    {
        mapping.ToTable("framework_mappings");
        mapping.HasKey(m => new { m.FromFrameworkId, m.ToFrameworkId, m.FromCode });
        mapping.Property(m => m.FromCode).HasMaxLength(50);
        mapping.Property(m => m.ToCode).HasMaxLength(50);
        mapping.Property(m => m.Note).HasMaxLength(IndicatorMapping.MaxNoteLength);
        // A framework deleted (an unused draft) takes its mappings with it, in either direction.
        mapping.HasOne<FrameworkRecord>().WithMany().HasForeignKey(m => m.FromFrameworkId).OnDelete(DeleteBehavior.Cascade);
        mapping.HasOne<FrameworkRecord>().WithMany().HasForeignKey(m => m.ToFrameworkId).OnDelete(DeleteBehavior.Cascade);
    }
}
