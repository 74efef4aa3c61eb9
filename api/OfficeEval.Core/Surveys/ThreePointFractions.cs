namespace OfficeEval.Core.Surveys;

/// <summary>
/// The satisfaction fractions of the 3-point scale; configurable per campaign, because no published mapping was
/// found. The default is 满意 1, 基本满意 0.6, 不满意 0: a qualified answer counts as a pass (60%), not as a midpoint.
/// </summary>
/// <param name="Satisfied">满意, 0…1.</param>
/// <param name="FairlySatisfied">基本满意, 0…1.</param>
/// <param name="Dissatisfied">不满意, 0…1.</param>
public sealed record ThreePointFractions(decimal Satisfied, decimal FairlySatisfied, decimal Dissatisfied)
{
    /// <summary>满意 1, 基本满意 0.6, 不满意 0.</summary>
    public static ThreePointFractions Default { get; } = new(1m, 0.6m, 0m);
}
