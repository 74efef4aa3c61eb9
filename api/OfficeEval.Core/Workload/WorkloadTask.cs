namespace OfficeEval.Core.Workload;

/// <summary>One recurring task of a post or unit, measured for workload saturation (工作饱满度).</summary>
/// <param name="Name">The task's name, used in problems and explanations, e.g. 行政审批事项办理.</param>
/// <param name="AnnualCount">How many items are handled per year (年工作量), at least 0.</param>
/// <param name="StandardMinutes">Standard minutes one item takes (标准用时), at least 0.</param>
/// <param name="DifficultyCoefficient">Difficulty coefficient (难度系数), greater than 0; 1 for ordinary work.</param>
public sealed record WorkloadTask(string Name, decimal AnnualCount, decimal StandardMinutes, decimal DifficultyCoefficient = 1m);
