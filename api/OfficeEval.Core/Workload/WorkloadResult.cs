namespace OfficeEval.Core.Workload;

/// <summary>The workload saturation of a post or unit. Figures are null when the input had problems.</summary>
/// <param name="EffectiveHours">Effective working hours a year the tasks need (年有效工作时间), two decimals.</param>
/// <param name="PerCapitaHours">Effective hours per person, two decimals.</param>
/// <param name="StandardHoursPerPerson">Standard working hours of one person a year, two decimals.</param>
/// <param name="SaturationPercent">Saturation (饱满度) in percent, two decimals; may exceed 100.</param>
/// <param name="Band">The band's name, e.g. 饱满.</param>
/// <param name="Explanation">How the figures were reached, in Chinese.</param>
/// <param name="Problems">Problems with the input or the policy; empty when the figures are set.</param>
public sealed record WorkloadResult(
    decimal? EffectiveHours,
    decimal? PerCapitaHours,
    decimal? StandardHoursPerPerson,
    decimal? SaturationPercent,
    string? Band,
    string Explanation,
    IReadOnlyList<EngineProblem> Problems);
