namespace OfficeEval.Core.Results;

/// <summary>
/// How results are applied (评估结果运用), by grade and by board: one source for the results JSON, the task pane and
/// the Word reports. Grades go by their place in the campaign's scheme: the best grade is given priority in staffing
/// requests, the lowest has new staffing items suspended and refills "退二进一", the grades between are reviewed
/// strictly. Boards follow the 红黄绿榜 practice (莒县): green is given priority, two red campaigns running mean no
/// staffing items the next year and an interview with the unit's head.
/// </summary>
public static class ResultsApplication
{
    /// <summary>Where <paramref name="grade"/> sits in <paramref name="grades"/> (best first); unknown grades count as middle.</summary>
    public static GradePlace PlaceOf(IReadOnlyList<string> grades, string grade)
    {
        ArgumentNullException.ThrowIfNull(grades);
        var index = -1;
        for (var i = 0; i < grades.Count; i++)
        {
            if (string.Equals(grades[i], grade, StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        return index switch
        {
            0 => GradePlace.Best,
            < 0 => GradePlace.Middle,
            _ when index == grades.Count - 1 => GradePlace.Lowest,
            _ => GradePlace.Middle,
        };
    }

    /// <summary>The recommendation for units of <paramref name="grade"/>.</summary>
    public static string ForGrade(IReadOnlyList<string> grades, string grade) => PlaceOf(grades, grade) switch
    {
        GradePlace.Best => $"评估等次为{grade}的部门（单位），在机构编制事项审批和用编申请中予以优先考虑，编制资源适当倾斜。",
        GradePlace.Middle => $"评估等次为{grade}的部门（单位），对其机构编制事项和用编申请从严审核，督促其对照评估发现的问题限期整改。",
        GradePlace.Lowest => $"评估等次为{grade}的部门（单位），暂停受理其新增机构编制事项；人员补充实行“退二进一”（每自然减员2名方可补充1名），并限期整改、跟踪问效。",
    };

    /// <summary>The consequence of a board.</summary>
    public static string ForBoard(Board board, bool consecutiveRed) => (board, consecutiveRed) switch
    {
        (Board.Green, _) => "列入绿榜的部门（单位），优先考虑其机构编制事项，编制资源适当倾斜。",
        (Board.Yellow, _) => "列入黄榜的部门（单位），对照问题清单抓好整改。",
        (Board.Red, false) => "列入红榜的部门（单位），限期整改，跟踪问效。",
        (Board.Red, true) => "连续两年列入红榜的部门（单位），原则上不考虑其次年机构编制事项，并按程序约谈部门主要负责人。",
    };

    /// <summary>The stable code of a grade's place: <c>grade.best</c>, <c>grade.middle</c> or <c>grade.lowest</c>.</summary>
    public static string Code(GradePlace place) => place switch
    {
        GradePlace.Best => "grade.best",
        GradePlace.Middle => "grade.middle",
        GradePlace.Lowest => "grade.lowest",
    };

    /// <summary>
    /// What applies to one unit: the grade's recommendation followed by its board's consequence; null when it has
    /// neither a grade nor a board (not ranked, or not visible to the reader).
    /// </summary>
    /// <param name="grades">The campaign's grade labels, best first.</param>
    /// <param name="grade">The unit's grade after veto caps; null when the scheme could not grade.</param>
    /// <param name="board">The unit's board; null when none.</param>
    /// <param name="consecutiveRed">Red now and in its previous finalised campaign.</param>
    public static ApplicationAdvice? For(IReadOnlyList<string> grades, string? grade, Board? board, bool consecutiveRed)
    {
        ArgumentNullException.ThrowIfNull(grades);
        if (grade is null && board is null)
        {
            return null;
        }

        var text = (grade is null ? "" : ForGrade(grades, grade)) + (board is { } b ? ForBoard(b, consecutiveRed) : "");
        return new ApplicationAdvice(grade is null ? null : Code(PlaceOf(grades, grade)), text);
    }
}

/// <summary>A grade's place in the campaign's scheme, which decides how the result is applied.</summary>
public enum GradePlace
{
    /// <summary>The best grade (e.g. A): priority in staffing requests.</summary>
    Best,
    /// <summary>A grade between the best and the lowest (e.g. B): strict review.</summary>
    Middle,
    /// <summary>The lowest grade (e.g. C): new staffing items suspended, “退二进一”.</summary>
    Lowest,
}

/// <summary>The results-application suggestion for one unit.</summary>
/// <param name="Code">The grade's place as a stable code (<c>grade.best|middle|lowest</c>); null when the unit has no grade.</param>
/// <param name="Text">The grade's recommendation and the board's consequence, in Chinese.</param>
public sealed record ApplicationAdvice(string? Code, string Text);
