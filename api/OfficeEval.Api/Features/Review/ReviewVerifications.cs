using OfficeEval.Core.Results;

namespace OfficeEval.Api.Features.Review;

/// <summary>A review's verified scores and findings as the engine's input.</summary>
public static class ReviewVerifications
{
    private static readonly Dictionary<string, Verification> None = new(StringComparer.Ordinal);

    /// <summary>Per leaf code, the items that verify something (items with only a comment or problems do not).</summary>
    public static IReadOnlyDictionary<string, Verification> Of(ReviewRecord? review) =>
        review is null ? None
            : review.Items.Where(i => i.VerifiedScore is not null || i.VerifiedFinding is not null)
                .ToDictionary(i => i.IndicatorCode, i => new Verification(i.VerifiedScore, i.VerifiedFinding), StringComparer.Ordinal);
}
