namespace OfficeEval.Core.Surveys;

/// <summary>What to do with a group that has fewer respondents than its minimum.</summary>
public enum GroupFallback
{
    /// <summary>Leave the group out; the remaining groups' weights are renormalised.</summary>
    Exclude,
    /// <summary>Use the group anyway, flagged as below its minimum.</summary>
    UseAnyway,
}
