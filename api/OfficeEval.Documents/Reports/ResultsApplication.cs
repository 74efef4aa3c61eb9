using OfficeEval.Core.Results;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// How results are applied (评估结果运用), by grade and by board. Grades go by their place in the campaign's scheme:
/// the best grade is given priority in staffing requests, the lowest has new staffing items suspended and refills
/// "退二进一", the grades between are reviewed strictly. Boards follow the 红黄绿榜 practice (莒县): green is given
/// priority, two red years in a row mean no staffing items the next year and an interview with the unit's head.
/// </summary>
internal static class ResultsApplication
{
    public enum Place
    {
        Best,
        Middle,
        Lowest,
    }

    /// <summary>Where <paramref name="grade"/> sits in <paramref name="grades"/> (best first); unknown grades count as middle.</summary>
    public static Place PlaceOf(IReadOnlyList<string> grades, string grade)
    {
        var index = grades.ToList().IndexOf(grade);
        return index switch
        {
            0 => Place.Best,
            < 0 => Place.Middle,
            _ when index == grades.Count - 1 => Place.Lowest,
            _ => Place.Middle,
        };
    }

    /// <summary>The recommendation for units of <paramref name="grade"/>.</summary>
    public static string ForGrade(IReadOnlyList<string> grades, string grade) => PlaceOf(grades, grade) switch
    {
        Place.Best => $"评估等次为{grade}的部门（单位），在机构编制事项审批和用编申请中予以优先考虑，编制资源适当倾斜。",
        Place.Middle => $"评估等次为{grade}的部门（单位），对其机构编制事项和用编申请从严审核，督促其对照评估发现的问题限期整改。",
        Place.Lowest => $"评估等次为{grade}的部门（单位），暂停受理其新增机构编制事项；人员补充实行“退二进一”（每自然减员2名方可补充1名），并限期整改、跟踪问效。",
    };

    /// <summary>The consequence of a board.</summary>
    public static string ForBoard(Board board, bool consecutiveRed) => (board, consecutiveRed) switch
    {
        (Board.Green, _) => "列入绿榜的部门（单位），优先考虑其机构编制事项，编制资源适当倾斜。",
        (Board.Yellow, _) => "列入黄榜的部门（单位），对照问题清单抓好整改。",
        (Board.Red, false) => "列入红榜的部门（单位），限期整改，跟踪问效。",
        (Board.Red, true) => "连续两年列入红榜的部门（单位），原则上不考虑其次年机构编制事项，并按程序约谈部门主要负责人。",
    };
}
