namespace OfficeEval.Core.Ahp;

/// <summary>A criterion's weight.</summary>
/// <param name="Criterion">The criterion's name.</param>
/// <param name="Weight">Its weight, four decimals.</param>
public sealed record CriterionWeight(string Criterion, decimal Weight);
