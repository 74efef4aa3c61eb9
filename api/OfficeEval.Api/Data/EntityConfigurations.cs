using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;

namespace OfficeEval.Api.Data;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.ToTable("units");
        unit.Property(u => u.Code).HasMaxLength(50);
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.Property(u => u.Kind).HasConversion<string>().HasMaxLength(30);
        unit.Property(u => u.Category).HasMaxLength(30);
        unit.Property(u => u.Level).HasMaxLength(10);
        unit.HasIndex(u => u.Code).IsUnique();
        unit.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FrameworkConfiguration : IEntityTypeConfiguration<FrameworkRecord>
{
    public void Configure(EntityTypeBuilder<FrameworkRecord> framework)
    {
        framework.ToTable("frameworks");
        framework.Property(f => f.Code).HasMaxLength(50);
        framework.Property(f => f.Version).HasMaxLength(50);
        framework.Property(f => f.Name).HasMaxLength(200);
        framework.Property(f => f.TotalPoints).HasPrecision(9, 2);
        framework.Property(f => f.Definition).HasColumnType("jsonb");
        framework.HasIndex(f => new { f.Code, f.Version }).IsUnique();
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.ToTable("campaigns");
        campaign.Property(c => c.Name).HasMaxLength(200);
        campaign.Property(c => c.Deadlines).HasJsonConversion();
        campaign.Property(c => c.Contacts).HasJsonConversion();
        campaign.Property(c => c.ResultsPolicy).HasJsonConversion();
        campaign.HasOne<FrameworkRecord>().WithMany().HasForeignKey(c => c.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        campaign.HasMany(c => c.Units).WithOne().HasForeignKey(u => u.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignUnitConfiguration : IEntityTypeConfiguration<CampaignUnit>
{
    public void Configure(EntityTypeBuilder<CampaignUnit> link)
    {
        link.ToTable("campaign_units");
        link.HasKey(l => new { l.CampaignId, l.UnitId });
        link.Property(l => l.IndividualIndicators).HasJsonConversion();
        link.HasOne(l => l.Unit).WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewerGroupConfiguration : IEntityTypeConfiguration<ReviewerGroup>
{
    public void Configure(EntityTypeBuilder<ReviewerGroup> group)
    {
        group.ToTable("reviewer_groups");
        group.Property(g => g.Name).HasMaxLength(100);
        group.HasIndex(g => new { g.CampaignId, g.Name }).IsUnique();
        group.HasOne<Campaign>().WithMany().HasForeignKey(g => g.CampaignId).OnDelete(DeleteBehavior.Cascade);
        group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        group.HasMany(g => g.Units).WithOne().HasForeignKey(u => u.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewerGroupMemberConfiguration : IEntityTypeConfiguration<ReviewerGroupMember>
{
    public void Configure(EntityTypeBuilder<ReviewerGroupMember> member)
    {
        member.ToTable("reviewer_group_members");
        member.HasKey(m => new { m.GroupId, m.UserId });
        member.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewerGroupUnitConfiguration : IEntityTypeConfiguration<ReviewerGroupUnit>
{
    public void Configure(EntityTypeBuilder<ReviewerGroupUnit> unit)
    {
        unit.ToTable("reviewer_group_units");
        unit.HasKey(u => new { u.GroupId, u.UnitId });
        unit.HasIndex(u => new { u.CampaignId, u.UnitId }).IsUnique();
        unit.HasOne<CampaignUnit>().WithMany().HasForeignKey(u => new { u.CampaignId, u.UnitId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SelfAssessmentConfiguration : IEntityTypeConfiguration<SelfAssessmentRecord>
{
    public void Configure(EntityTypeBuilder<SelfAssessmentRecord> assessment)
    {
        assessment.ToTable("self_assessments");
        assessment.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        assessment.Property(a => a.Revision).IsConcurrencyToken();
        assessment.Property(a => a.DataTables).HasJsonConversion();
        assessment.HasIndex(a => new { a.CampaignId, a.UnitId }).IsUnique();
        assessment.HasOne<CampaignUnit>().WithMany().HasForeignKey(a => new { a.CampaignId, a.UnitId }).OnDelete(DeleteBehavior.Restrict);
        assessment.HasMany(a => a.Answers).WithOne().HasForeignKey(a => a.SelfAssessmentId).OnDelete(DeleteBehavior.Cascade);
        assessment.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.SelfAssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SelfAssessmentVersionConfiguration : IEntityTypeConfiguration<SelfAssessmentVersion>
{
    public void Configure(EntityTypeBuilder<SelfAssessmentVersion> version)
    {
        version.ToTable("self_assessment_versions");
        version.HasKey(v => new { v.SelfAssessmentId, v.Number });
        version.Property(v => v.Answers).HasJsonConversion();
        version.Property(v => v.DataTables).HasJsonConversion();
        version.Property(v => v.Total).HasPrecision(9, 2);
        version.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(20);
        version.Property(v => v.Comment).HasMaxLength(2000);
        version.Property(v => v.IndicatorComments).HasJsonConversion();
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<ReviewRecord>
{
    public void Configure(EntityTypeBuilder<ReviewRecord> review)
    {
        review.ToTable("reviews");
        review.HasKey(r => new { r.CampaignId, r.UnitId });
        review.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        review.Property(r => r.Revision).IsConcurrencyToken();
        review.Property(r => r.Summary).HasMaxLength(4000);
        review.HasOne<CampaignUnit>().WithMany().HasForeignKey(r => new { r.CampaignId, r.UnitId }).OnDelete(DeleteBehavior.Cascade);
        review.HasMany(r => r.Items).WithOne().HasForeignKey(i => new { i.CampaignId, i.UnitId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> item)
    {
        item.ToTable("review_items");
        item.HasKey(i => new { i.CampaignId, i.UnitId, i.IndicatorCode });
        item.Property(i => i.IndicatorCode).HasMaxLength(50);
        item.Property(i => i.VerifiedScore).HasPrecision(9, 2);
        item.Property(i => i.Comment).HasMaxLength(4000);
        item.Property(i => i.Problems).HasJsonConversion();
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<AnswerRecord>
{
    public void Configure(EntityTypeBuilder<AnswerRecord> answer)
    {
        answer.ToTable("self_assessment_answers");
        answer.HasKey(a => new { a.SelfAssessmentId, a.IndicatorCode });
        answer.Property(a => a.IndicatorCode).HasMaxLength(50);
        answer.Property(a => a.Option).HasMaxLength(200);
        answer.Property(a => a.Number).HasPrecision(18, 4);
        answer.Property(a => a.Counts).HasJsonConversion();
        answer.Property(a => a.SelfScore).HasPrecision(9, 2);
        answer.Property(a => a.Explanation).HasMaxLength(4000);
        answer.Property(a => a.Evidence).HasJsonConversion();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Seq);
        entry.Property(e => e.Seq).ValueGeneratedNever();
        entry.Property(e => e.ActorName).HasMaxLength(256);
        // Byte order, so an action prefix (LIKE 'auth.%') can use the index (migration 0006).
        entry.Property(e => e.Action).HasMaxLength(60).UseCollation("C");
        entry.Property(e => e.Target).HasMaxLength(200);
        entry.Property(e => e.ClientIp).HasMaxLength(45);
        entry.Property(e => e.PrevHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        entry.HasIndex(e => e.At);

        // The query filters, each with seq so a filtered page newest first reads one index range (migration 0006).
        entry.HasIndex(e => new { e.Action, e.Seq });
        entry.HasIndex(e => new { e.ActorId, e.Seq });
        entry.HasIndex(e => new { e.CampaignId, e.Seq });
        entry.HasIndex(e => new { e.Target, e.Seq });
        entry.HasIndex(e => new { e.UnitId, e.Seq });
    }
}

internal sealed class ReportJobConfiguration : IEntityTypeConfiguration<ReportJob>
{
    public void Configure(EntityTypeBuilder<ReportJob> job)
    {
        job.ToTable("report_jobs");
        job.Property(j => j.Kind).HasMaxLength(40);
        // The worker writes progress with its own SQL; only a change of status conflicts with a cancel (migration 0008).
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        job.Property(j => j.Error).HasMaxLength(4000);
        job.Property(j => j.UnitErrors).HasJsonConversion();
        job.Property(j => j.ResultPath).HasMaxLength(260);
        job.HasOne<Campaign>().WithMany().HasForeignKey(j => j.CampaignId).OnDelete(DeleteBehavior.Restrict);
        // One queued or running job per campaign and kind: a second request gets the first job instead.
        job.HasIndex(j => new { j.CampaignId, j.Kind }).IsUnique().HasFilter("status IN ('Queued', 'Running')");
        // The worker's claim: the oldest queued job.
        job.HasIndex(j => new { j.Status, j.CreatedAt });
    }
}
