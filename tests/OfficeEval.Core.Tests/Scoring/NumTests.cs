using System.Globalization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class NumTests
{
    [Theory]
    [InlineData("0", 2, "0")]
    [InlineData("12", 2, "12")]
    [InlineData("12.00", 2, "12")]
    [InlineData("7.50", 2, "7.5")]
    [InlineData("2.345", 2, "2.35")]
    [InlineData("-2.345", 2, "-2.35")]
    [InlineData("0.005", 2, "0.01")]
    [InlineData("0.004", 2, "0")]
    [InlineData("-0.004", 2, "0")]
    [InlineData("0.05", 4, "0.05")]
    [InlineData("0.00005", 4, "0.0001")]
    [InlineData("96.153846153846", 4, "96.1538")]
    [InlineData("1234567.891", 2, "1234567.89")]
    [InlineData("79228162514264337593543950335", 2, "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", 4, "-79228162514264337593543950335")]
    public void Format_Value_MatchesCustomFormatWithoutTrailingZeros(string value, int decimals, string expected)
    {
        var number = decimal.Parse(value, CultureInfo.InvariantCulture);

        Assert.Equal(expected, string.Create(CultureInfo.InvariantCulture, $"{new Num(number, decimals)}"));
        Assert.Equal(number.ToString(decimals == 2 ? "0.##" : "0.####", CultureInfo.InvariantCulture) is "-0" ? "0" : number.ToString(decimals == 2 ? "0.##" : "0.####", CultureInfo.InvariantCulture), expected);
    }

    [Fact]
    public void Format_ManyRandomValues_MatchesCustomFormat()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var value = new decimal(random.Next(), random.Next(0, 3), 0, random.Next(2) == 0, (byte)random.Next(0, 10));
            var decimals = random.Next(2) == 0 ? 2 : 4;
            var expected = value.ToString(decimals == 2 ? "0.##" : "0.####", CultureInfo.InvariantCulture);

            Assert.Equal(expected == "-0" ? "0" : expected, new Num(value, decimals).ToString());
        }
    }
}
