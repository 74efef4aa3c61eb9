namespace OfficeEval.Core.Workload;

/// <summary>
/// How workload saturation is measured: the standard working time of one person and the bands saturation falls into.
/// Every default lives here; a campaign may override any of them.
/// </summary>
/// <remarks>
/// Defaults follow HR practice rather than a 编办 text: 250 working days a year and 6.5 effective hours a day
/// (effective time is typically 6.5–7 hours), and the bands ≥90% 很饱满, 80–90% 饱满, 65–80% 基本饱满, &lt;65% 不饱满.
/// </remarks>
public sealed record WorkloadPolicy
{
    /// <summary>Default working days per year (250).</summary>
    public const decimal DefaultWorkingDaysPerYear = 250m;

    /// <summary>Default effective working hours per day (6.5).</summary>
    public const decimal DefaultEffectiveHoursPerDay = 6.5m;

    /// <summary>The default bands, highest first: ≥90% 很饱满, ≥80% 饱满, ≥65% 基本饱满, otherwise 不饱满.</summary>
    public static IReadOnlyList<SaturationBand> DefaultBands { get; } =
    [
        new("很饱满", 90m),
        new("饱满", 80m),
        new("基本饱满", 65m),
        new("不饱满", 0m),
    ];

    /// <summary>The policy with every default.</summary>
    public static WorkloadPolicy Default { get; } = new();

    /// <summary>
    /// Working days per year; configurable (e.g. to follow a province's calendar). Defaults to
    /// <see cref="DefaultWorkingDaysPerYear"/>.
    /// </summary>
    public decimal WorkingDaysPerYear { get; init; } = DefaultWorkingDaysPerYear;

    /// <summary>Effective working hours per day; configurable. Defaults to <see cref="DefaultEffectiveHoursPerDay"/>.</summary>
    public decimal EffectiveHoursPerDay { get; init; } = DefaultEffectiveHoursPerDay;

    /// <summary>
    /// The bands, in any order. A saturation belongs to the band with the highest lower edge it reaches
    /// (lower edges are inclusive); the lowest band must start at 0 or below so every saturation has a band.
    /// </summary>
    public IReadOnlyList<SaturationBand> Bands { get; init; } = DefaultBands;

    /// <summary>Standard hours one person works in a year: <see cref="WorkingDaysPerYear"/> × <see cref="EffectiveHoursPerDay"/>.</summary>
    public decimal StandardHoursPerPerson => WorkingDaysPerYear * EffectiveHoursPerDay;
}
