using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Documents.Rectification;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>A move of an item through the workflow.</summary>
public enum RectificationTransition
{
    /// <summary>待整改 → 整改中, by the unit.</summary>
    Start,

    /// <summary>整改中 → 待核验 with evidence, by the unit.</summary>
    Submit,

    /// <summary>待核验 → 已销号 with a note, by a reviewer of the unit or the office.</summary>
    Close,

    /// <summary>待核验 → 整改中 with a note, by a reviewer of the unit or the office.</summary>
    Return,

    /// <summary>已销号 → 整改中 with a note, by a reviewer of the unit or the office.</summary>
    Reopen,
}

/// <summary>
/// The ledger's rules in one place: which transition goes from which status to which, who may make it (the unit right
/// its endpoint's policy requires), which need a note; when fields may change; when an item is overdue.
/// </summary>
public static class RectificationWorkflow
{
    public static readonly IReadOnlyList<RectificationTransition> Transitions = Enum.GetValues<RectificationTransition>();

    /// <summary>The status a transition starts from.</summary>
    public static RectificationStatus From(RectificationTransition transition) => transition switch
    {
        RectificationTransition.Start => RectificationStatus.Open,
        RectificationTransition.Submit => RectificationStatus.Rectifying,
        RectificationTransition.Close or RectificationTransition.Return => RectificationStatus.Submitted,
        RectificationTransition.Reopen => RectificationStatus.Closed,
    };

    /// <summary>The status a transition leads to.</summary>
    public static RectificationStatus To(RectificationTransition transition) => transition switch
    {
        RectificationTransition.Start or RectificationTransition.Return or RectificationTransition.Reopen => RectificationStatus.Rectifying,
        RectificationTransition.Submit => RectificationStatus.Submitted,
        RectificationTransition.Close => RectificationStatus.Closed,
    };

    /// <summary>
    /// The unit right a transition takes: the unit's own staff (or the office) start and submit; a reviewer of the
    /// unit's group (or the office) closes, returns and reopens — never the unit itself.
    /// </summary>
    public static UnitRight Right(RectificationTransition transition) => transition switch
    {
        RectificationTransition.Start or RectificationTransition.Submit => UnitRight.Edit,
        RectificationTransition.Close or RectificationTransition.Return or RectificationTransition.Reopen => UnitRight.Review,
    };

    /// <summary>Closing, returning and reopening must say why.</summary>
    public static bool NeedsNote(RectificationTransition transition) => transition is
        RectificationTransition.Close or RectificationTransition.Return or RectificationTransition.Reopen;

    /// <summary>The history's action name of a transition.</summary>
    public static string Action(RectificationTransition transition) => transition switch
    {
        RectificationTransition.Start => RectificationActions.Start,
        RectificationTransition.Submit => RectificationActions.Submit,
        RectificationTransition.Close => RectificationActions.Close,
        RectificationTransition.Return => RectificationActions.Return,
        RectificationTransition.Reopen => RectificationActions.Reopen,
    };

    /// <summary>Whether <paramref name="transition"/> may be made from <paramref name="status"/>.</summary>
    public static bool Allows(RectificationStatus status, RectificationTransition transition) => From(transition) == status;

    /// <summary>The problem, requirement, deadline and other fields change only before the unit submits.</summary>
    public static bool IsEditable(RectificationStatus status) => status is RectificationStatus.Open or RectificationStatus.Rectifying;

    /// <summary>Only an item nobody has started on may be deleted (by the office).</summary>
    public static bool IsDeletable(RectificationStatus status) => status == RectificationStatus.Open;

    /// <summary>Today in China Standard Time, the calendar deadlines are given in.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ProgressEndpoints.ChinaStandardTime).DateTime);

    /// <summary>
    /// Days past the deadline on <paramref name="today"/> (China Standard Time) for an item not closed, from 1 on the
    /// day after the deadline; null when it is not overdue. A submitted item past its deadline is overdue too, waiting
    /// for verification.
    /// </summary>
    public static int? DaysOverdue(DateOnly deadline, RectificationStatus status, DateOnly today) =>
        status != RectificationStatus.Closed && deadline < today ? today.DayNumber - deadline.DayNumber : null;

    public static string NameZh(RectificationStatus status) => status switch
    {
        RectificationStatus.Open => RectificationTexts.Open,
        RectificationStatus.Rectifying => RectificationTexts.Rectifying,
        RectificationStatus.Submitted => RectificationTexts.Submitted,
        RectificationStatus.Closed => RectificationTexts.Closed,
    };

    public static string NameZh(ProblemCategory category) => category switch
    {
        ProblemCategory.DutyPerformance => RectificationTexts.DutyPerformance,
        ProblemCategory.Structure => RectificationTexts.Structure,
        ProblemCategory.Staffing => RectificationTexts.Staffing,
        ProblemCategory.Management => RectificationTexts.Management,
        ProblemCategory.Other => RectificationTexts.OtherCategory,
    };

    public static string NameZh(ProblemSource source) => source switch
    {
        ProblemSource.FieldReview => RectificationTexts.FieldReview,
        ProblemSource.InitialReview => RectificationTexts.InitialReview,
        ProblemSource.Survey => RectificationTexts.Survey,
        ProblemSource.Manual => RectificationTexts.Manual,
    };

    public static string NameZh(RectificationTransition transition) => transition switch
    {
        RectificationTransition.Start => "开始整改",
        RectificationTransition.Submit => "提交核验",
        RectificationTransition.Close => "销号",
        RectificationTransition.Return => "退回整改",
        RectificationTransition.Reopen => "重新打开",
    };

    /// <summary>A category from its code (<c>Staffing</c>) or Chinese name (编制使用); null when it is neither.</summary>
    public static ProblemCategory? ParseCategory(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var category in Enum.GetValues<ProblemCategory>())
        {
            if (string.Equals(value, category.ToString(), StringComparison.OrdinalIgnoreCase) || value == NameZh(category))
            {
                return category;
            }
        }

        return value == "其它" ? ProblemCategory.Other : null;
    }
}
