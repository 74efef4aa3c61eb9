using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Rectification;

namespace OfficeEval.Api.Data;

internal sealed class RectificationItemConfiguration : IEntityTypeConfiguration<RectificationItem>
{
    public void Configure(EntityTypeBuilder<RectificationItem> item)
    {
        item.ToTable("rectification_items");
        item.Property(i => i.IndicatorCode).HasMaxLength(50);
        item.Property(i => i.Category).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.Description).HasMaxLength(RectificationRequests.MaxText);
        item.Property(i => i.Requirement).HasMaxLength(RectificationRequests.MaxText);
        item.Property(i => i.ResponsiblePerson).HasMaxLength(RectificationRequests.MaxResponsiblePerson);
        item.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        item.Property(i => i.Revision).IsConcurrencyToken();
        item.Property(i => i.Evidence).HasJsonConversion();
        // Importing twice creates nothing twice: one item per finding of a source (migration 0010).
        item.HasIndex(i => new { i.CampaignId, i.UnitId, i.Source, i.SourceRef }).IsUnique().HasFilter("source_ref IS NOT NULL");
        // The campaign's ledger by status (overdue and due lists filter on status and deadline).
        item.HasIndex(i => new { i.CampaignId, i.Status, i.Deadline });
        // A unit's items cannot be orphaned: a unit with items stays in the campaign.
        item.HasOne<CampaignUnit>().WithMany().HasForeignKey(i => new { i.CampaignId, i.UnitId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RectificationEventConfiguration : IEntityTypeConfiguration<RectificationEvent>
{
    public void Configure(EntityTypeBuilder<RectificationEvent> entry)
    {
        entry.ToTable("rectification_events");
        entry.Property(e => e.Action).HasMaxLength(20);
        entry.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.Note).HasMaxLength(4000);
        entry.HasIndex(e => new { e.ItemId, e.At });
        entry.HasOne<RectificationItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
