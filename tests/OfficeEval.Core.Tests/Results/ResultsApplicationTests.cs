using OfficeEval.Core.Results;

namespace OfficeEval.Core.Tests.Results;

public class ResultsApplicationTests
{
    private static readonly string[] Abc = ["A", "B", "C"];
    private static readonly string[] FourLevels = ["优", "良", "中", "差"];

    [Theory]
    [InlineData("A", GradePlace.Best)]
    [InlineData("B", GradePlace.Middle)]
    [InlineData("C", GradePlace.Lowest)]
    [InlineData("D", GradePlace.Middle)]
    public void PlaceOf_ThreeGrades_ByPlace(string grade, GradePlace place) => Assert.Equal(place, ResultsApplication.PlaceOf(Abc, grade));

    [Fact]
    public void PlaceOf_FourGrades_BothMiddleGradesReviewedStrictly()
    {
        Assert.Equal([GradePlace.Best, GradePlace.Middle, GradePlace.Middle, GradePlace.Lowest], FourLevels.Select(g => ResultsApplication.PlaceOf(FourLevels, g)));
    }

    [Fact]
    public void ForGrade_EachPlace_ItsRecommendation()
    {
        Assert.Contains("优先考虑", ResultsApplication.ForGrade(Abc, "A"));
        Assert.Contains("从严审核", ResultsApplication.ForGrade(Abc, "B"));
        Assert.Contains("退二进一", ResultsApplication.ForGrade(Abc, "C"));
        Assert.Contains("暂停受理其新增机构编制事项", ResultsApplication.ForGrade(Abc, "C"));
        Assert.StartsWith("评估等次为差的部门（单位）", ResultsApplication.ForGrade(FourLevels, "差"));
    }

    [Fact]
    public void For_GradeAndBoard_BothSentencesAndTheGradeCode()
    {
        var advice = ResultsApplication.For(Abc, "C", Board.Red, consecutiveRed: true)!;

        Assert.Equal("grade.lowest", advice.Code);
        Assert.Equal(ResultsApplication.ForGrade(Abc, "C") + ResultsApplication.ForBoard(Board.Red, true), advice.Text);
        Assert.Contains("约谈部门主要负责人", advice.Text);
    }

    [Fact]
    public void For_Codes_StableByPlace()
    {
        Assert.Equal(["grade.best", "grade.middle", "grade.lowest"], Abc.Select(g => ResultsApplication.For(Abc, g, null, false)!.Code));
    }

    [Fact]
    public void For_BoardWithoutGrade_BoardOnlyAndNoCode()
    {
        var advice = ResultsApplication.For(Abc, null, Board.Green, false)!;

        Assert.Null(advice.Code);
        Assert.Equal(ResultsApplication.ForBoard(Board.Green, false), advice.Text);
    }

    [Fact]
    public void For_NeitherGradeNorBoard_Null() => Assert.Null(ResultsApplication.For(Abc, null, null, false));

    [Fact]
    public void ForBoard_RedOnceOrTwice_Differ()
    {
        Assert.NotEqual(ResultsApplication.ForBoard(Board.Red, false), ResultsApplication.ForBoard(Board.Red, true));
        Assert.Equal(ResultsApplication.ForBoard(Board.Green, false), ResultsApplication.ForBoard(Board.Green, true));
    }
}
