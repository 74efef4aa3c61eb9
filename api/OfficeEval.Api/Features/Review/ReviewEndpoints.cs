using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.Review;

/// <summary>
/// The field review (实地评估) of a unit: reviewers of the unit's group verify each leaf, comment, record problems and
/// give an overall opinion, then complete it. Every change names the revision it was made on (If-Match).
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/campaigns/{campaignId:guid}/units/{unitId:guid}/review").WithTags("Review");
        group.MapGet("", Get)
            .WithName("GetReview")
            .WithSummary("The unit's field review: status, revision (also the ETag), summary and every leaf with its self-score, computed and verified score, comment and problems. Unit staff see it once completed.")
            .RequireAccess(Access.UnitRead);
        group.MapPut("/items/{indicatorCode}", PutItem)
            .WithName("PutReviewItem")
            .WithSummary("Sets one leaf's verified score (or a veto item's finding), comment and problems; needs If-Match with the review's revision and a self-evaluation that passed the initial review.")
            .RequireAccess(Access.UnitReview);
        group.MapPut("/summary", PutSummary)
            .WithName("PutReviewSummary")
            .WithSummary("Sets the review group's overall opinion (评估意见); needs If-Match.")
            .RequireAccess(Access.UnitReview);
        group.MapPost("/complete", Complete)
            .WithName("CompleteReview")
            .WithSummary("Completes the field review: the unit becomes 已实地评估 (FieldReviewed) and its staff see the verified results; needs If-Match.")
            .RequireAccess(Access.UnitReview);
        group.MapPost("/reopen", Reopen)
            .WithName("ReopenReview")
            .WithSummary("Reopens a completed field review before the results are finalised: the unit goes back to 初审通过 (Accepted).")
            .RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Get(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, HttpResponse response, AppDbContext db, CancellationToken cancellationToken)
    {
        var (context, problem) = await ReviewContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var seesInProgress = await ReviewVisibility.InProgressFor(user, db, campaignId, cancellationToken);
        if (!ReviewVisibility.VerifiedVisible(seesInProgress(unitId), context!.Review?.Status))
        {
            return ApiProblem.Create(StatusCodes.Status403Forbidden, "review.not_visible", "实地评估完成后，单位才能查看评估结果。",
                "The unit sees the field review once it is completed.");
        }

        response.Headers.ETag = Preconditions.ETag(context.Revision);
        return TypedResults.Ok(ReviewResponse.From(context));
    }

    internal static Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> PutItem(
        Guid campaignId, Guid unitId, string indicatorCode, ReviewItemRequest request, ClaimsPrincipal user, HttpContext http,
        AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(campaignId, unitId, http, db, clock, cancellationToken, (context, review) =>
        {
            var leaf = context.Framework.Leaves().FirstOrDefault(l => l.Node.Code == indicatorCode);
            if (leaf is null)
            {
                return Invalid([ReviewItemRequest.Error("review.indicator_unknown", "indicatorCode",
                    $"指标编码 {indicatorCode} 不是该单位指标体系中的末级指标。",
                    $"Indicator {indicatorCode} is not a leaf of the unit's framework.") with { IndicatorCode = indicatorCode }]);
            }

            var change = request.Normalized();
            var errors = change.Validate(indicatorCode, leaf.Node);
            if (errors.Count > 0)
            {
                return Invalid(errors);
            }

            var item = review.Items.FirstOrDefault(i => i.IndicatorCode == indicatorCode);
            var before = item is null ? null : ItemSnapshot.Of(item);
            if (change.IsEmpty)
            {
                if (item is not null)
                {
                    review.Items.Remove(item);
                    db.ReviewItems.Remove(item);
                }
            }
            else
            {
                if (item is null)
                {
                    item = new ReviewItem { CampaignId = campaignId, UnitId = unitId, IndicatorCode = indicatorCode };
                    review.Items.Add(item);
                    db.ReviewItems.Add(item);
                }

                item.VerifiedScore = change.VerifiedScore;
                item.VerifiedFinding = change.VerifiedFinding;
                item.Comment = change.Comment;
                item.Problems = [.. change.Problems!];
                item.UpdatedAt = review.UpdatedAt;
                item.UpdatedBy = review.UpdatedBy;
            }

            audit.Add(new AuditEvent(AuditActions.ReviewChanged, $"review/{campaignId}/{unitId}/{indicatorCode}")
            {
                CampaignId = campaignId,
                UnitId = unitId,
                Before = before,
                After = change.IsEmpty ? null : ItemSnapshot.Of(item!),
            }, user);
            return null;
        });

    internal static Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> PutSummary(
        Guid campaignId, Guid unitId, ReviewSummaryRequest request, ClaimsPrincipal user, HttpContext http,
        AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(campaignId, unitId, http, db, clock, cancellationToken, (_, review) =>
        {
            var summary = ReviewItemRequest.Clean(request.Summary);
            var errors = new List<ProblemItem>();
            ReviewItemRequest.TooLong(errors, "summary", "评估意见", "The summary", summary, ReviewSummaryRequest.MaxSummary);
            if (errors.Count > 0)
            {
                return Invalid(errors);
            }

            audit.Add(new AuditEvent(AuditActions.ReviewChanged, $"review/{campaignId}/{unitId}")
            {
                CampaignId = campaignId,
                UnitId = unitId,
                Before = new { review.Summary },
                After = new { Summary = summary },
            }, user);
            review.Summary = summary;
            return null;
        });

    internal static Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Complete(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, HttpContext http,
        AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(campaignId, unitId, http, db, clock, cancellationToken, (context, review) =>
        {
            // Open means the self-evaluation exists and was accepted.
            var assessment = context.Assessment!;
            var input = UnitEvaluation.InputOf(assessment, context.SurveyFractions) with { Verified = ReviewVerifications.Of(review) };
            var official = UnitScorer.Score(context.Framework, input, ScoringPolicy.Default with { Explain = false });
            review.Status = ReviewStatus.Completed;
            review.CompletedAt = review.UpdatedAt;
            review.CompletedBy = review.UpdatedBy;
            assessment.Status = SelfAssessmentStatus.FieldReviewed;
            assessment.Revision++;
            audit.Add(new AuditEvent(AuditActions.ReviewCompleted, $"review/{campaignId}/{unitId}")
            {
                CampaignId = campaignId,
                UnitId = unitId,
                Before = new { Status = nameof(SelfAssessmentStatus.Accepted) },
                After = new { Status = nameof(SelfAssessmentStatus.FieldReviewed) },
                Data = new { official.Total, official.ScoreRate, VerifiedLeaves = input.Verified.Count },
            }, user);
            return null;
        });

    internal static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> Reopen(
        Guid campaignId, Guid unitId, ClaimsPrincipal user, HttpContext http,
        AppDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (context, problem) = await ReviewContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (context!.Campaign.FinalizedAt is not null || context.AssessmentStatus == SelfAssessmentStatus.Final)
        {
            return context.NotOpen()!;
        }

        if (context.Review?.Status != ReviewStatus.Completed || context.Assessment is null)
        {
            return ApiProblem.Create(StatusCodes.Status409Conflict, "review.not_completed", "实地评估尚未完成，无需重新打开。",
                "The field review is not completed; there is nothing to reopen.");
        }

        // If-Match is optional here (the office acts on a closed review), but a stale one is still refused.
        if (http.Request.Headers.IfMatch.Count > 0 && !Matches(http.Request, context.Revision))
        {
            return Preconditions.Failed(ReviewResponse.From(context), context.Revision);
        }

        var review = context.Review;
        review.Status = ReviewStatus.InProgress;
        review.CompletedAt = null;
        review.CompletedBy = null;
        Touch(review, user, clock);
        context.Assessment.Status = SelfAssessmentStatus.Accepted;
        context.Assessment.Revision++;
        audit.Add(new AuditEvent(AuditActions.ReviewReopened, $"review/{campaignId}/{unitId}")
        {
            CampaignId = campaignId,
            UnitId = unitId,
            Before = new { Status = nameof(SelfAssessmentStatus.FieldReviewed) },
            After = new { Status = nameof(SelfAssessmentStatus.Accepted) },
        }, user);
        return await SaveAsync(context, http.Response, db, cancellationToken);
    }

    /// <summary>
    /// The common path of a change: the review must be open and the request must name its current revision; the
    /// review is created on the first change. <paramref name="apply"/> validates and changes the tracked review (or
    /// returns a problem, and nothing is saved); the revision then moves on and everything is saved at once.
    /// </summary>
    private static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> ChangeAsync(
        Guid campaignId, Guid unitId, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken,
        Func<ReviewContext, ReviewRecord, ProblemHttpResult?> apply)
    {
        var (context, problem) = await ReviewContext.LoadAsync(db, campaignId, unitId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (Preconditions.IfMatch(http.Request) is null)
        {
            return Preconditions.Required();
        }

        if (context!.NotOpen() is { } notOpen)
        {
            return notOpen;
        }

        if (!Matches(http.Request, context.Revision))
        {
            return Preconditions.Failed(ReviewResponse.From(context), context.Revision);
        }

        var review = context.Review;
        if (review is null)
        {
            review = new ReviewRecord { CampaignId = campaignId, UnitId = unitId, Status = ReviewStatus.InProgress };
            db.Reviews.Add(review);
            context = context with { Review = review };
        }

        Touch(review, http.User, clock);
        if (apply(context, review) is { } refused)
        {
            return refused;
        }

        return await SaveAsync(context, http.Response, db, cancellationToken);
    }

    private static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> SaveAsync(ReviewContext context, HttpResponse response, AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone saved the review (or moved the self-evaluation on) between our read and our write.
            db.ChangeTracker.Clear();
            var (current, problem) = await ReviewContext.LoadAsync(db, context.Campaign.Id, context.Link.UnitId, cancellationToken);
            return problem ?? current!.NotOpen() ?? Preconditions.Failed(ReviewResponse.From(current!), current!.Revision);
        }

        response.Headers.ETag = Preconditions.ETag(context.Revision);
        return TypedResults.Ok(ReviewResponse.From(context));
    }

    private static bool Matches(HttpRequest request, int revision) => Preconditions.IfMatch(request)?.Contains(revision) == true;

    private static void Touch(ReviewRecord review, ClaimsPrincipal user, TimeProvider clock)
    {
        review.Revision++;
        review.UpdatedAt = clock.GetUtcNow();
        review.UpdatedBy = user.UserId();
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<ProblemItem> errors) =>
        ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "review.invalid", "实地评估内容有误，请按提示修改。",
            "The field review has errors; correct the fields named.", errors);

    /// <summary>An item as the audit log keeps it.</summary>
    private sealed record ItemSnapshot(decimal? VerifiedScore, bool? VerifiedFinding, string? Comment, IReadOnlyList<ReviewProblem> Problems)
    {
        public static ItemSnapshot Of(ReviewItem item) => new(item.VerifiedScore, item.VerifiedFinding, item.Comment, [.. item.Problems]);
    }
}
