namespace OfficeEval.Core.Ahp;

/// <summary>Several experts' matrices merged into one.</summary>
/// <param name="Merged">The element-wise geometric mean of the experts' matrices; null when they could not be merged.</param>
/// <param name="Problems">Why they could not be merged.</param>
public sealed record AhpMergeResult(PairwiseComparison? Merged, IReadOnlyList<EngineProblem> Problems);
