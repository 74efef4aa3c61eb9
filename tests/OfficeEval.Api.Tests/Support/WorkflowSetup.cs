using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Review;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Tests.Support;

/// <summary>The demo campaign and its units by code.</summary>
public sealed record DemoCampaign(Guid Id, IReadOnlyDictionary<string, Guid> Units)
{
    public Guid this[string code] => Units[code];
}

/// <summary>
/// Puts units where a test needs them, directly in the database: self-evaluations in a given status with given
/// answers (the self-assessment workflow's endpoints are not what these tests are about), reviews with verified
/// scores, individual indicators. Each test class has its own database; <see cref="ResetAsync"/> clears the workflow
/// state between tests of a class.
/// </summary>
public static class WorkflowSetup
{
    /// <summary>
    /// Answers that score full marks on the built-in framework (100): the best option everywhere, no deductions.
    /// The demo's 市发展和改革委员会 (ZF-FGW) answers its own individual indicators 6.1 and 6.2 instead of 6.1 of 5 points.
    /// </summary>
    public static Dictionary<string, AnswerRecord> PerfectAnswers(bool individual = false)
    {
        var answers = new Dictionary<string, AnswerRecord>(StringComparer.Ordinal);
        void Option(string code, string option) => answers[code] = new AnswerRecord { IndicatorCode = code, Option = option };
        void Count(string code, decimal count) => answers[code] = new AnswerRecord { IndicatorCode = code, Number = count };
        Option("1.1.1", "好");
        Option("1.1.2", "达成");
        Option("1.2.1", "好");
        Option("1.2.2", "很饱满");
        Option("2.1.1", "好");
        Count("2.1.2", 0);
        Count("2.2.1", 0);
        Option("2.2.2", "达成");
        Option("3.1", "好");
        Count("3.2", 0);
        Count("4.1.1", 0);
        Option("4.1.2", "合理");
        Count("4.2.1", 0);
        Option("4.2.2", "合理");
        Count("5.1", 0);
        Count("5.2", 0);
        Option("6.1", "达成");
        if (individual)
        {
            Count("6.2", 0);
        }

        return answers;
    }

    public static async Task<DemoCampaign> DemoAsync(ApiFactory api)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var campaign = await db.Campaigns.SingleAsync(c => c.Year == 2026);
        var units = await db.CampaignUnits.Where(cu => cu.CampaignId == campaign.Id).Include(cu => cu.Unit)
            .ToDictionaryAsync(cu => cu.Unit!.Code, cu => cu.UnitId);
        return new DemoCampaign(campaign.Id, units);
    }

    /// <summary>Removes every self-evaluation and review and un-finalises the campaigns.</summary>
    public static Task ResetAsync(ApiFactory api) => WithDb(api, async db =>
    {
        await db.Reviews.ExecuteDeleteAsync();
        await db.SelfAssessments.ExecuteDeleteAsync();
        await db.Campaigns.ExecuteUpdateAsync(s => s.SetProperty(c => c.FinalizedAt, (DateTimeOffset?)null));
    });

    /// <summary>Stores the unit's self-evaluation in <paramref name="status"/> with <paramref name="answers"/>, replacing any.</summary>
    public static Task SetAssessmentAsync(ApiFactory api, Guid campaignId, Guid unitId, IEnumerable<AnswerRecord> answers,
        SelfAssessmentStatus status = SelfAssessmentStatus.Accepted) => WithDb(api, async db =>
    {
        await db.SelfAssessments.Where(a => a.CampaignId == campaignId && a.UnitId == unitId).ExecuteDeleteAsync();
        var id = Guid.CreateVersion7();
        db.SelfAssessments.Add(new SelfAssessmentRecord
        {
            Id = id,
            CampaignId = campaignId,
            UnitId = unitId,
            Status = status,
            Revision = 1,
            UpdatedAt = DateTimeOffset.UtcNow,
            Answers = [.. answers.Select(a => new AnswerRecord
            {
                SelfAssessmentId = id,
                IndicatorCode = a.IndicatorCode,
                Option = a.Option,
                Number = a.Number,
                Finding = a.Finding,
                SelfScore = a.SelfScore,
                Explanation = a.Explanation,
            })],
        });
        await db.SaveChangesAsync();
    });

    /// <summary>Stores the unit's review with verified scores (and findings), replacing any.</summary>
    public static Task SetReviewAsync(ApiFactory api, Guid campaignId, Guid unitId, IReadOnlyDictionary<string, decimal> verified,
        ReviewStatus status = ReviewStatus.InProgress, IReadOnlyDictionary<string, bool>? findings = null) => WithDb(api, async db =>
    {
        await db.Reviews.Where(r => r.CampaignId == campaignId && r.UnitId == unitId).ExecuteDeleteAsync();
        var items = verified.Select(v => new ReviewItem { CampaignId = campaignId, UnitId = unitId, IndicatorCode = v.Key, VerifiedScore = v.Value })
            .Concat((findings ?? new Dictionary<string, bool>()).Select(f => new ReviewItem { CampaignId = campaignId, UnitId = unitId, IndicatorCode = f.Key, VerifiedFinding = f.Value }));
        db.Reviews.Add(new ReviewRecord
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Status = status,
            Revision = 1,
            UpdatedAt = DateTimeOffset.UtcNow,
            CompletedAt = status == ReviewStatus.Completed ? DateTimeOffset.UtcNow : null,
            Items = [.. items],
        });
        await db.SaveChangesAsync();
    });

    /// <summary>Gives the unit individual indicators (个性指标) in place of the framework's dimension 6.</summary>
    public static Task SetIndividualIndicatorsAsync(ApiFactory api, Guid campaignId, Guid unitId, List<IndicatorNode> indicators) => WithDb(api, async db =>
    {
        var link = await db.CampaignUnits.SingleAsync(cu => cu.CampaignId == campaignId && cu.UnitId == unitId);
        link.IndividualIndicators = indicators;
        await db.SaveChangesAsync();
    });

    /// <summary>
    /// Replaces the definition of the campaign's framework (e.g. to declare a bonus pool). The API never changes a
    /// published version, and keeps each one parsed by its id and publication time (PublishedDefinitions); so the
    /// replacement is published anew, as a different version would be.
    /// </summary>
    public static Task SetFrameworkAsync(ApiFactory api, Guid campaignId, FrameworkDefinition definition) => WithDb(api, async db =>
    {
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == campaignId);
        var framework = await db.Frameworks.SingleAsync(f => f.Id == campaign.FrameworkId);
        framework.Definition = JsonSerializer.Serialize(definition, FrameworkRecord.Json);
        framework.PublishedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    });

    public static Task<SelfAssessmentStatus?> StatusAsync(ApiFactory api, Guid campaignId, Guid unitId) => WithDb(api, db =>
        db.SelfAssessments.Where(a => a.CampaignId == campaignId && a.UnitId == unitId).Select(a => (SelfAssessmentStatus?)a.Status).SingleOrDefaultAsync());

    public static async Task WithDb(ApiFactory api, Func<AppDbContext, Task> action)
    {
        await using var scope = api.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static async Task<T> WithDb<T>(ApiFactory api, Func<AppDbContext, Task<T>> action)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Reads the review, then changes one item with its revision in If-Match.</summary>
    public static async Task<HttpResponseMessage> VerifyAsync(HttpClient client, Guid campaignId, Guid unitId, string code, object body)
    {
        var url = ReviewUrl(campaignId, unitId);
        var current = await client.GetAsync(url);
        current.EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(HttpMethod.Put, $"{url}/items/{code}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        return await client.SendAsync(request);
    }

    public static string ReviewUrl(Guid campaignId, Guid unitId) => $"/api/campaigns/{campaignId}/units/{unitId}/review";
}
