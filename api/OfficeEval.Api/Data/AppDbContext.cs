using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.History;
using OfficeEval.Api.Features.Graph;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Identity.KeyRing;
using OfficeEval.Api.Features.Jobs;
using OfficeEval.Api.Features.Rectification;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Features.Surveys;

namespace OfficeEval.Api.Data;

/// <summary>
/// The application's database. Tables and columns are snake_case.
/// <para>
/// Migrations are versioned SQL scripts in <c>Data/Migrations</c> (embedded resources named
/// <c>NNNN_description.sql</c>), applied in order at start-up by <see cref="DatabaseMigrator"/> under a database lock.
/// To add one: change the model, add the next-numbered script with the DDL (portable PostgreSQL: no extensions),
/// and run the tests — <c>SchemaTests</c> fails until the migrated schema matches the model.
/// Applied scripts are never edited (their checksums are recorded).
/// </para>
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<FrameworkRecord> Frameworks => Set<FrameworkRecord>();

    public DbSet<FrameworkMappingRecord> FrameworkMappings => Set<FrameworkMappingRecord>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignUnit> CampaignUnits => Set<CampaignUnit>();

    public DbSet<ReviewerGroup> ReviewerGroups => Set<ReviewerGroup>();

    public DbSet<ReviewerGroupMember> ReviewerGroupMembers => Set<ReviewerGroupMember>();

    public DbSet<ReviewerGroupUnit> ReviewerGroupUnits => Set<ReviewerGroupUnit>();

    public DbSet<SelfAssessmentRecord> SelfAssessments => Set<SelfAssessmentRecord>();

    public DbSet<AnswerRecord> Answers => Set<AnswerRecord>();

    public DbSet<SelfAssessmentVersion> SelfAssessmentVersions => Set<SelfAssessmentVersion>();

    public DbSet<ReviewRecord> Reviews => Set<ReviewRecord>();

    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ReportJob> ReportJobs => Set<ReportJob>();

    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveyTokenBatch> SurveyTokenBatches => Set<SurveyTokenBatch>();

    public DbSet<SurveyToken> SurveyTokens => Set<SurveyToken>();

    public DbSet<SurveyOpenLink> SurveyOpenLinks => Set<SurveyOpenLink>();

    public DbSet<SurveyResponseRecord> SurveyResponses => Set<SurveyResponseRecord>();

    public DbSet<RectificationItem> RectificationItems => Set<RectificationItem>();

    public DbSet<RectificationEvent> RectificationEvents => Set<RectificationEvent>();

    public DbSet<GraphDelivery> GraphDeliveries => Set<GraphDelivery>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private long _provisionalAuditSeq;

    /// <summary>A key for a staged audit entry until the save numbers it: -1, -2, … in the order staged.</summary>
    internal long NextProvisionalAuditSeq() => --_provisionalAuditSeq;

    /// <summary>
    /// Saves; when audit entries are staged (<see cref="AuditTrail"/>), chains them under a database lock and writes
    /// them in the same transaction as the change they describe.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = PendingAuditEntries();
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            await AuditChainWriter.ChainAsync(this, pending, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        // The transaction is this save's own and a failure rolls it back whole, so EF Core's savepoint around the save
        // would buy nothing but two more round trips, both while the chain's lock is held.
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = false;
        try
        {
            await AuditChainWriter.ChainAsync(this, pending, cancellationToken);

            // Changes are accepted only once the commit succeeded: a failed commit leaves them pending, not marked saved.
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return saved;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>Audit entries are chained under a lock taken asynchronously; a synchronous save would write them unchained.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => PendingAuditEntries().Count == 0
        ? base.SaveChanges(acceptAllChangesOnSuccess)
        : throw new InvalidOperationException("Staged audit entries are written by SaveChangesAsync only, which chains them.");

    /// <summary>
    /// The staged entries: Added from the moment they are staged, so without the change detection that
    /// <c>Entries()</c> runs by default over every tracked entity (the save runs it once anyway).
    /// </summary>
    private List<AuditEntry> PendingAuditEntries()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        IdentityTables.Configure(builder);
        SnakeCaseNames.Apply(builder);
    }
}
