using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Features.Surveys;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// Turns what the evaluation found into ledger items, idempotently: each finding has a stable reference
/// (<see cref="RectificationItem.SourceRef"/>, unique per campaign, unit and source), and a finding imported before is
/// skipped, so importing again (after more reviews are completed) adds only what is new.
/// <list type="bullet">
/// <item>FieldReview: every problem of every completed field review — <c>{indicator}:{hash of the description}</c>; the
/// category when the reviewer's text names one of the five, else 其他; the reviewer's requirement.</item>
/// <item>InitialReview: every return comment on an indicator of a returned self-evaluation version — <c>v{version}:{indicator}</c>.</item>
/// <item>Survey: every survey indicator of a unit whose satisfaction is below the threshold — <c>{indicator}</c>.</item>
/// </list>
/// </summary>
public static class RectificationImport
{
    public const decimal DefaultThreshold = 0.6m;

    public const string FieldReviewRequirement = "请针对该问题制定整改措施，明确责任人和时限，按期整改到位。";
    public const string InitialReviewRequirement = "请按初审意见补充完善相关材料，并对存在的问题整改到位。";
    public const string SurveyRequirement = "请查找服务对象反映的问题，改进工作作风和服务方式，提升服务对象满意度。";

    public sealed record ImportRequest(IReadOnlyList<string>? Sources, string? Deadline, decimal? Threshold);

    public sealed record SourceCount(string Source, int Created, int Skipped);

    public sealed record ImportResult(Guid CampaignId, int Created, int Skipped, IReadOnlyList<SourceCount> Sources);

    /// <summary>A finding that may become an item.</summary>
    private sealed record Candidate(Guid UnitId, ProblemSource Source, string SourceRef, string? IndicatorCode, ProblemCategory Category, string Description, string Requirement);

    internal static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(
        Guid campaignId, ImportRequest? request, ClaimsPrincipal user, AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ledger = await LedgerContext.LoadAsync(db, campaignId, cancellationToken);
        if (ledger is null)
        {
            return ApiProblem.NotFound("评估批次", "campaign");
        }

        var (sources, deadline, threshold, problems) = Check(request);
        if (problems.Count > 0)
        {
            return RectificationRequests.Invalid(problems);
        }

        var candidates = new List<Candidate>();
        foreach (var source in sources)
        {
            candidates.AddRange(source switch
            {
                ProblemSource.FieldReview => await FieldReviewAsync(db, ledger, cancellationToken),
                ProblemSource.InitialReview => await InitialReviewAsync(db, ledger, cancellationToken),
                ProblemSource.Survey => await SurveyAsync(db, ledger, threshold, cancellationToken),
                ProblemSource.Manual => [],
            });
        }

        // Two imports at once may both find a finding new: the unique reference lets one of them win, and the other,
        // finding it imported on its next attempt, skips it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return TypedResults.Ok(await CreateAsync(db, audit, ledger, sources, candidates, deadline, user.UserId(), clock.GetUtcNow(), cancellationToken));
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<ImportResult> CreateAsync(
        AppDbContext db, AuditTrail audit, LedgerContext ledger, IReadOnlyList<ProblemSource> sources, List<Candidate> candidates, DateOnly deadline,
        Guid by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var campaignId = ledger.Campaign.Id;
        var existing = (await db.RectificationItems.AsNoTracking()
                .Where(i => i.CampaignId == campaignId && sources.Contains(i.Source) && i.SourceRef != null)
                .Select(i => new { i.UnitId, i.Source, i.SourceRef })
                .ToListAsync(cancellationToken))
            .Select(i => (i.UnitId, i.Source, i.SourceRef!))
            .ToHashSet();

        var created = new Dictionary<ProblemSource, int>();
        var skipped = new Dictionary<ProblemSource, int>();
        foreach (var candidate in candidates)
        {
            if (!existing.Add((candidate.UnitId, candidate.Source, candidate.SourceRef)))
            {
                skipped[candidate.Source] = skipped.GetValueOrDefault(candidate.Source) + 1;
                continue;
            }

            var fields = new ItemFields(candidate.IndicatorCode, candidate.Category, Cut(candidate.Description), Cut(candidate.Requirement), deadline, null);
            var item = RectificationItems.New(campaignId, candidate.UnitId, fields, candidate.Source, candidate.SourceRef, by, now);
            db.RectificationItems.Add(item);
            db.RectificationEvents.Add(RectificationItems.Event(item, RectificationActions.Imported, null, RectificationStatus.Open,
                $"由{RectificationWorkflow.NameZh(candidate.Source)}导入", by, now));
            audit.Add(new AuditEvent(AuditActions.RectificationImported, RectificationItems.Target(item.Id))
            {
                CampaignId = campaignId,
                UnitId = item.UnitId,
                After = RectificationItems.Snapshot(item),
            });
            created[candidate.Source] = created.GetValueOrDefault(candidate.Source) + 1;
        }

        await db.SaveChangesAsync(cancellationToken);
        var counts = sources.Select(s => new SourceCount(s.ToString(), created.GetValueOrDefault(s), skipped.GetValueOrDefault(s))).ToList();
        return new ImportResult(campaignId, counts.Sum(c => c.Created), counts.Sum(c => c.Skipped), counts);
    }

    private static (List<ProblemSource> Sources, DateOnly Deadline, decimal Threshold, List<ProblemItem> Problems) Check(ImportRequest? request)
    {
        var problems = new List<ProblemItem>();
        var sources = new List<ProblemSource>();
        var sent = request?.Sources ?? [];
        if (sent.Count == 0)
        {
            problems.Add(RectificationRequests.Error("rectification.sources_missing", "sources", "请选择要导入的问题来源：FieldReview（实地评估）、InitialReview（初审）、Survey（问卷调查）。",
                "Choose the sources to import: FieldReview, InitialReview, Survey."));
        }

        for (var i = 0; i < sent.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"sources[{i}]");
            if (Enum.TryParse<ProblemSource>(sent[i]?.Trim(), ignoreCase: true, out var source) && source != ProblemSource.Manual
                && Enum.IsDefined(source) && !int.TryParse(sent[i], CultureInfo.InvariantCulture, out _))
            {
                if (!sources.Contains(source))
                {
                    sources.Add(source);
                }
            }
            else
            {
                problems.Add(RectificationRequests.Error("rectification.source_invalid", field, $"问题来源“{sent[i]}”不能导入，应为 FieldReview、InitialReview 或 Survey。",
                    $"\"{sent[i]}\" cannot be imported; use FieldReview, InitialReview or Survey."));
            }
        }

        var deadline = RectificationRequests.Deadline(request?.Deadline, problems) ?? default;
        var threshold = request?.Threshold ?? DefaultThreshold;
        if (threshold is <= 0 or > 1)
        {
            problems.Add(RectificationRequests.Error("rectification.threshold_invalid", "threshold", "满意度阈值应大于 0 且不超过 1（如 0.6 表示 60%）。",
                "The threshold must be above 0 and at most 1 (0.6 is 60%)."));
        }

        return (sources, deadline, threshold, problems);
    }

    private static async Task<List<Candidate>> FieldReviewAsync(AppDbContext db, LedgerContext ledger, CancellationToken cancellationToken)
    {
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Items)
            .Where(r => r.CampaignId == ledger.Campaign.Id && r.Status == ReviewStatus.Completed)
            .ToListAsync(cancellationToken);
        return [.. reviews.OrderBy(r => r.UnitId)
            .SelectMany(r => r.Items.OrderBy(i => i.IndicatorCode, StringComparer.Ordinal))
            .SelectMany(item => item.Problems.Where(p => !string.IsNullOrWhiteSpace(p.Description)).Select(p => new Candidate(
                item.UnitId, ProblemSource.FieldReview, $"{item.IndicatorCode}:{Hash(p.Description.Trim())}", Indicator(ledger, item.UnitId, item.IndicatorCode),
                RectificationWorkflow.ParseCategory(p.Category) ?? ProblemCategory.Other, p.Description.Trim(),
                string.IsNullOrWhiteSpace(p.Requirement) ? FieldReviewRequirement : p.Requirement.Trim())))];
    }

    private static async Task<List<Candidate>> InitialReviewAsync(AppDbContext db, LedgerContext ledger, CancellationToken cancellationToken)
    {
        var versions = await (from a in db.SelfAssessments.AsNoTracking()
                              join v in db.SelfAssessmentVersions.AsNoTracking() on a.Id equals v.SelfAssessmentId
                              where a.CampaignId == ledger.Campaign.Id && v.Outcome == VersionOutcome.Returned
                              orderby a.UnitId, v.Number
                              select new { a.UnitId, v.Number, v.IndicatorComments })
            .ToListAsync(cancellationToken);
        return [.. versions.SelectMany(v => v.IndicatorComments.Where(c => !string.IsNullOrWhiteSpace(c.Comment)).Select(c => new Candidate(
            v.UnitId, ProblemSource.InitialReview, string.Create(CultureInfo.InvariantCulture, $"v{v.Number}:{c.IndicatorCode}"),
            Indicator(ledger, v.UnitId, c.IndicatorCode), ProblemCategory.Other, c.Comment.Trim(), InitialReviewRequirement)))];
    }

    private static async Task<List<Candidate>> SurveyAsync(AppDbContext db, LedgerContext ledger, decimal threshold, CancellationToken cancellationToken)
    {
        var scores = await SurveyScores.LoadAsync(db, ledger.Campaign.Id, null, scoringOnly: true, cancellationToken);
        if (scores is null)
        {
            return [];
        }

        var candidates = new List<Candidate>();
        foreach (var unitId in ledger.Units.Keys.Order())
        {
            foreach (var (code, fraction) in scores.Fractions(unitId, ledger.FrameworkOf(unitId)).Where(f => f.Value < threshold).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var percent = Math.Round(fraction * 100m, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);
                var name = ledger.IndicatorName(unitId, code) ?? code;
                // Satisfaction measures how the unit performs its duties for those it serves (职责履行).
                candidates.Add(new Candidate(unitId, ProblemSource.Survey, code, code, ProblemCategory.DutyPerformance,
                    $"{name}：服务对象满意度偏低（{percent}%）", SurveyRequirement));
            }
        }

        return candidates;
    }

    /// <summary>The indicator when it is in the unit's framework; a finding on one it no longer has keeps no indicator.</summary>
    private static string? Indicator(LedgerContext ledger, Guid unitId, string? code) =>
        code is not null && ledger.Indicators(unitId).ContainsKey(code) ? code : null;

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string Cut(string text) => text.Length <= RectificationRequests.MaxText ? text : text[..RectificationRequests.MaxText];
}
