using OfficeEval.Core.Scoring;
using OfficeEval.Documents.Frameworks;

namespace OfficeEval.Documents.Tests.Frameworks;

public class RuleSyntaxTests
{
    [Theory]
    [InlineData("定性", RuleKind.Qualitative)]
    [InlineData(" 扣分项 ", RuleKind.Deduction)]
    [InlineData("Bands", RuleKind.Bands)]
    [InlineData("差距扣分", RuleKind.Shortfall)]
    [InlineData("数据计算", RuleKind.Metric)]
    [InlineData("veto", RuleKind.Veto)]
    public void ParseType_NameAliasOrJsonKind_Recognised(string text, RuleKind kind) => Assert.Equal(kind, RuleSyntax.ParseType(text));

    [Fact]
    public void ParseType_Unknown_Null() => Assert.Null(RuleSyntax.ParseType("打分"));

    [Fact]
    public void Parse_LooseButReadableForms_Accepted()
    {
        Assert.Equal(new[] { new ScaleOption("好", 1m), new ScaleOption("较好", 0.80m) },
            ((QualitativeScaleRule)RuleParser.Parse(RuleKind.Qualitative, "好：1；\n较好：80%")).Options);
        var bands = (BandsRule)RuleParser.Parse(RuleKind.Bands, "值>=95%=100%; 90<=值<95：0.8；值<90：0");
        Assert.Equal(new Band(95m, true, null, null, 1.00m), bands.Bands[0]);
        Assert.Equal(new Band(90m, true, 95m, false, 0.8m), bands.Bands[1]);
        Assert.Equal(new ShortfallRule(95m, 0.1m, null, ShortfallDirection.Below, true),
            RuleParser.Parse(RuleKind.Shortfall, "目标值=95；每低1%扣=0.1；按整数"));
        Assert.Equal(new DeductionRule(0.5m, 3m), RuleParser.Parse(RuleKind.Deduction, "每例扣＝0.5；上限＝3"));
        Assert.Equal(new VetoRule(VetoEffect.ZeroTotal), RuleParser.Parse(RuleKind.Veto, "否决"));
        Assert.Equal(new RatioRule(RatioDirection.Positive, 100m), RuleParser.Parse(RuleKind.Ratio, "目标=100"));
        var ages = (ShareRule)RuleParser.Parse(RuleKind.Shares, "年龄结构；35岁以下=1；36至50岁=0.8；51—60岁=0.5");
        Assert.Equal([AgeBand.UpTo35, AgeBand.From36To50, AgeBand.From51To60], ages.Factors.Select(f => f.AgeBand!.Value));
        Assert.Equal(new SurveyRule(), RuleParser.Parse(RuleKind.Survey, ""));
    }

    public static TheoryData<RuleKind, string, string> Mistakes() => new()
    {
        { RuleKind.Qualitative, "", "参数为空" },
        { RuleKind.Deduction, "最多扣=3", "缺少“每次扣=…”" },
        { RuleKind.Deduction, "每次扣=1；每人扣=2", "“每人扣=2”无法识别或重复" },
        { RuleKind.Bands, "值≥90：1；值<90：5分", "统一写比例或统一写“分”" },
        { RuleKind.Bands, "90到100：1", "条件无法识别" },
        { RuleKind.Bands, "值≈90：1", "条件无法识别" },
        { RuleKind.Linear, "60=0；80=0.5；100=1", "应有两个锚点，现有 3 个" },
        { RuleKind.Ratio, "正向；反向；目标=1", "只能写一个" },
        { RuleKind.Shortfall, "目标=95；每低1个百分点扣=0.1；每超1个百分点扣=0.1", "其中一项" },
        { RuleKind.Bonus, "每次加=0.05", "缺少“加分池=加分池编码”" },
        { RuleKind.Veto, "最高等次=B", "“一票否优”或“一票否决”" },
        { RuleKind.Shares, "按年龄结构；青年=1", "“青年”不是年龄段" },
        { RuleKind.Metric, "指标=人均产值；规则=扣分；每次扣=1", "计算指标“人均产值”无法识别" },
        { RuleKind.Metric, "指标=超编人数；规则=计算", "不能又是“计算”" },
        { RuleKind.Metric, "指标=超编人数；规则=打分", "“规则=打分”无法识别" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Parse_Mistake_SaysWhatIsWrongAndHowToWriteIt(RuleKind kind, string parameters, string fragment)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => RuleParser.Parse(kind, parameters));

        Assert.Contains(fragment, error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("写法：", error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("Syntax:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("35岁及以下", null, "35岁及以下")]
    [InlineData("青年", AgeBand.UpTo35, "青年（35岁及以下）")]
    [InlineData("36–50岁", AgeBand.From36To50, "36–50岁")]
    [InlineData("36–50岁", AgeBand.From51To60, "36–50岁（51-60岁）")]
    public void AgeBandLabel_WrittenPlainOnlyWhenItReadsBackTheSame(string label, AgeBand? band, string written)
    {
        var effective = band ?? AgeBandLabels.Band(label);

        Assert.Equal(written, AgeBandLabels.Format(label, effective));
        Assert.Equal((label, effective), AgeBandLabels.Parse(written));
    }
}
