using System.Globalization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class ScoreTests
{
    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("2.355", "2.36")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("2.344", "2.34")]
    [InlineData("0.005", "0.01")]
    public void Round_ThirdDecimal_RoundsHalvesAwayFromZero(string value, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture),
            Score.Round(decimal.Parse(value, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(1, 3, 33.33)]
    [InlineData(2, 3, 66.67)]
    [InlineData(30, 40, 75)]
    [InlineData(0, 10, 0)]
    public void Rate_ScoreOfMax_IsPercentWithTwoDecimals(int score, int max, double expected)
    {
        Assert.Equal((decimal)expected, Score.Rate(score, max));
    }

    [Fact]
    public void Rate_ZeroMax_IsZero()
    {
        Assert.Equal(0m, Score.Rate(5m, 0m));
    }

    [Theory]
    [InlineData(-1, 10, 0)]
    [InlineData(11, 10, 10)]
    [InlineData(4, 10, 4)]
    public void Clamp_Value_StaysWithinZeroAndMax(int value, int max, int expected)
    {
        Assert.Equal(expected, Score.Clamp(value, max));
    }
}
