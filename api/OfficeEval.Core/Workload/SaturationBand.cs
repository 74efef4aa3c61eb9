namespace OfficeEval.Core.Workload;

/// <summary>A saturation band (饱满度等级).</summary>
/// <param name="Name">The band's name, e.g. 饱满.</param>
/// <param name="LowerEdgePercent">The lowest saturation, in percent, that belongs to the band (inclusive).</param>
public sealed record SaturationBand(string Name, decimal LowerEdgePercent);
