using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Core.Surveys;

namespace OfficeEval.Api.Data;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> survey)
    {
        survey.ToTable("surveys");
        survey.HasIndex(s => s.CampaignId).IsUnique();
        survey.Property(s => s.Form).HasJsonConversion();
        survey.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        survey.Property(s => s.Revision).IsConcurrencyToken();
        survey.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyTokenBatchConfiguration : IEntityTypeConfiguration<SurveyTokenBatch>
{
    public void Configure(EntityTypeBuilder<SurveyTokenBatch> batch)
    {
        batch.ToTable("survey_token_batches");
        batch.Property(b => b.GroupName).HasMaxLength(SurveyFormValidator.MaxGroupName);
        batch.HasOne<Survey>().WithMany().HasForeignKey(b => b.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyTokenConfiguration : IEntityTypeConfiguration<SurveyToken>
{
    public void Configure(EntityTypeBuilder<SurveyToken> token)
    {
        token.ToTable("survey_tokens");
        token.Property(t => t.GroupName).HasMaxLength(SurveyFormValidator.MaxGroupName);
        token.HasIndex(t => t.TokenHash).IsUnique();
        // Counts per evaluated unit and group (issued, used) for response rates.
        token.HasIndex(t => new { t.SurveyId, t.UnitId, t.GroupName });
        token.HasOne<Survey>().WithMany().HasForeignKey(t => t.SurveyId).OnDelete(DeleteBehavior.Cascade);
        token.HasOne<SurveyTokenBatch>().WithMany().HasForeignKey(t => t.BatchId).OnDelete(DeleteBehavior.Cascade);
        token.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        token.HasOne<Unit>().WithMany().HasForeignKey(t => t.RespondentUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyOpenLinkConfiguration : IEntityTypeConfiguration<SurveyOpenLink>
{
    public void Configure(EntityTypeBuilder<SurveyOpenLink> link)
    {
        link.ToTable("survey_open_links");
        link.Property(l => l.GroupName).HasMaxLength(SurveyFormValidator.MaxGroupName);
        link.Property(l => l.Code).HasMaxLength(20);
        link.HasIndex(l => l.Code).IsUnique();
        link.HasOne<Survey>().WithMany().HasForeignKey(l => l.SurveyId).OnDelete(DeleteBehavior.Cascade);
        link.HasOne<Unit>().WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponseRecord>
{
    public void Configure(EntityTypeBuilder<SurveyResponseRecord> response)
    {
        response.ToTable("survey_responses");
        // Random ids set in code: Npgsql would otherwise generate time-ordered (version 7) ids that date each response.
        response.Property(r => r.Id).ValueGeneratedNever();
        response.Property(r => r.GroupName).HasMaxLength(SurveyFormValidator.MaxGroupName);
        response.Property(r => r.Answers).HasJsonConversion();
        // A unit's responses (results, scoring) and the raw export's order.
        response.HasIndex(r => new { r.SurveyId, r.UnitId, r.GroupName });
        response.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Cascade);
        response.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
