using OfficeEval.Api.Features.SelfAssessment;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Review;

/// <summary>
/// A unit's field review as reviewers work on it: every leaf of the unit's framework, with what the unit claimed and
/// what the rule computes for context, and what the reviewers verified.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Status</c>: NotStarted (nothing saved yet), InProgress or Completed.</item>
/// <item><c>Revision</c>: The review's revision, also its ETag; 0 before the first save.</item>
/// </list>
/// </remarks>
public sealed record ReviewResponse(Guid CampaignId, Guid UnitId, string Status, int Revision, string? Summary, IReadOnlyList<ReviewItemResponse> Items)
{
    /// <summary>The self-evaluation's status (Accepted while the review is open, FieldReviewed once completed, Final).</summary>
    public string SelfAssessmentStatus { get; init; } = "";

    /// <summary>Whether reviewers may change the review now.</summary>
    public bool IsOpen { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    internal static ReviewResponse From(ReviewContext context)
    {
        var review = context.Review;
        var assessment = context.Assessment;

        // The rule's own score for context, from the unit's answers alone (no self-score, no verification).
        var computed = assessment is null ? null
            : UnitScorer.Score(context.Framework, UnitEvaluation.InputOf(assessment, context.SurveyFractions), new ScoringPolicy([ScoreSource.Computed]) { Explain = false })
                .Leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var answers = assessment?.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
        var items = review?.Items.ToDictionary(i => i.IndicatorCode, StringComparer.Ordinal);

        var leaves = context.Framework.Leaves().Select(leaf =>
        {
            var node = leaf.Node;
            var score = computed?.GetValueOrDefault(node.Code);
            var item = items?.GetValueOrDefault(node.Code);
            var role = node.Rule is null ? LeafRole.Regular : RuleScorer.RoleOf(node.Rule.Kind);
            return new ReviewItemResponse(node.Code, node.Name, leaf.Dimension.Code, node.Points, role.ToString(),
                answers?.GetValueOrDefault(node.Code)?.SelfScore, score?.Computed,
                item?.VerifiedScore, item?.VerifiedFinding, item?.Comment, item?.Problems ?? [])
            {
                SelfFinding = role == LeafRole.Veto ? score?.Finding : null,
                UpdatedAt = item?.UpdatedAt,
            };
        }).ToList();

        return new ReviewResponse(context.Campaign.Id, context.Link.UnitId, review?.Status.ToString() ?? "NotStarted", context.Revision, review?.Summary, leaves)
        {
            SelfAssessmentStatus = context.AssessmentStatus.ToString(),
            IsOpen = context.IsOpen,
            UpdatedAt = review?.UpdatedAt,
            CompletedAt = review?.CompletedAt,
        };
    }
}

/// <summary>One leaf of a review.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Points</c>: The leaf's points (a bonus leaf's cap; 0 for a veto item).</item>
/// <item><c>Role</c>: Regular, Bonus or Veto.</item>
/// <item><c>SelfScore</c>: The unit's own score, as it entered it.</item>
/// <item><c>ComputedScore</c>: The rule's score from the unit's answers; null before the unit answered anything.</item>
/// </list>
/// </remarks>
public sealed record ReviewItemResponse(
    string IndicatorCode,
    string Name,
    string DimensionCode,
    decimal Points,
    string Role,
    decimal? SelfScore,
    decimal? ComputedScore,
    decimal? VerifiedScore,
    bool? VerifiedFinding,
    string? Comment,
    IReadOnlyList<ReviewProblem> Problems)
{
    /// <summary>For a veto item: whether the unit's own answer reports the situation.</summary>
    public bool? SelfFinding { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
