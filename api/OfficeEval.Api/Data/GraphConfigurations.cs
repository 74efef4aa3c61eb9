using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Graph;

namespace OfficeEval.Api.Data;

internal sealed class GraphDeliveryConfiguration : IEntityTypeConfiguration<GraphDelivery>
{
    public void Configure(EntityTypeBuilder<GraphDelivery> delivery)
    {
        delivery.ToTable("graph_deliveries");
        delivery.Property(d => d.Kind).HasMaxLength(40);
        delivery.Property(d => d.Target).HasMaxLength(500);
        delivery.Property(d => d.Payload).HasColumnType("jsonb");
        // The worker writes with its own SQL; only a change of status conflicts with the office's retry (migration 0013).
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        delivery.Property(d => d.LastError).HasMaxLength(4000);
        delivery.Property(d => d.ResultUrl).HasMaxLength(2000);
        delivery.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The worker's claim: the Pending delivery due first.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}
