namespace OfficeEval.Core.Surveys;

/// <summary>Whether a group counted in an indicator's satisfaction.</summary>
public enum GroupUse
{
    /// <summary>Counted.</summary>
    Used,
    /// <summary>Counted although under its minimum (policy <see cref="GroupFallback.UseAnyway"/>); flagged.</summary>
    UsedBelowMinimum,
    /// <summary>Left out for being under its minimum (policy <see cref="GroupFallback.Exclude"/>).</summary>
    ExcludedBelowMinimum,
    /// <summary>Left out because it gave no valid answer on the indicator.</summary>
    ExcludedNoAnswers,
}
