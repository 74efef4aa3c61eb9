namespace OfficeEval.Api.Tests.Features.Results;

public sealed record CampaignResultsBody(Guid CampaignId, List<UnitResultBody> Units, DateTimeOffset? FinalizedAt, StatisticsBody? Statistics)
{
    public UnitResultBody Unit(string code) => Units.Single(u => u.UnitCode == code);
}

public sealed record UnitResultBody(
    Guid UnitId,
    string UnitCode,
    string Status,
    decimal? Total,
    decimal MaxTotal,
    decimal? ScoreRate,
    int? Rank,
    List<DimensionBody> Dimensions,
    string ReviewStatus,
    bool VerifiedVisible,
    decimal? SelfTotal,
    decimal? SelfScoreRate,
    decimal? Deviation,
    string? Grade,
    string? GradeBeforeVeto,
    string? Board,
    bool ConsecutiveRed);

public sealed record DimensionBody(string Code, decimal Score, decimal MaxPoints, decimal ScoreRate);

public sealed record StatisticsBody(int UnitCount, decimal AverageTotal, decimal AverageScoreRate, List<DimensionStatisticsBody> Dimensions, List<BandBody> Distribution);

public sealed record DimensionStatisticsBody(string Code, int UnitCount, decimal AverageScore, decimal AverageScoreRate);

public sealed record BandBody(string Label, decimal? MinRate, decimal? MaxRate, int Count);

public sealed record UnitDetailBody(
    Guid UnitId,
    string UnitCode,
    string Status,
    bool VerifiedVisible,
    TotalsBody? Self,
    TotalsBody? Official,
    decimal? Deviation,
    int? Rank,
    int RankedUnits,
    GradeBody? Grade,
    BoardBody? Board,
    List<LeafBody> Leaves,
    List<LeafBody> LargestDeviations,
    string? ReviewSummary)
{
    public LeafBody Leaf(string code) => Leaves.Single(l => l.Code == code);
}

public sealed record TotalsBody(decimal Total, decimal ScoreRate, bool Vetoed, List<DimensionBody> Dimensions, string Explanation);

public sealed record GradeBody(string Grade, string? GradeBeforeVeto, string Explanation);

public sealed record BoardBody(string Board, string Category, int Rank, int CategoryCount, bool ConsecutiveRed, string Explanation);

public sealed record LeafBody(
    string Code,
    decimal Points,
    string Role,
    decimal? Computed,
    decimal? SelfScore,
    decimal? SelfValue,
    decimal? Verified,
    decimal? Official,
    decimal? Deviation,
    string Explanation,
    bool? SelfFinding,
    bool? VerifiedFinding,
    bool? OfficialFinding,
    string? Comment,
    List<ProblemBody> Problems);

public sealed record ProblemBody(string Description, string? Category, string? Requirement);
