namespace OfficeEval.Core.Surveys;

/// <summary>How a survey is aggregated.</summary>
public sealed record SurveyPolicy
{
    /// <summary>Groups under their minimum are excluded; 3-point fractions are the default.</summary>
    public static SurveyPolicy Default { get; } = new();

    /// <summary>What happens to a group with fewer respondents than its minimum on an indicator.</summary>
    public GroupFallback BelowMinimum { get; init; } = GroupFallback.Exclude;

    /// <summary>The 3-point scale's fractions.</summary>
    public ThreePointFractions ThreePoint { get; init; } = ThreePointFractions.Default;

    /// <summary>Decimals of reported fractions, means and weights (four), rounded half away from zero.</summary>
    public const int FractionDecimals = 4;

    /// <summary>Rounds a fraction, mean or weight for reporting.</summary>
    public static decimal Round(decimal value) => Math.Round(value, FractionDecimals, MidpointRounding.AwayFromZero);
}
