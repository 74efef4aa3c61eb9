using System.Text.Json;
using System.Text.Json.Serialization;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Core.Tests.Scoring;

public class RuleJsonTests
{
    /// <summary>The options the API stores frameworks with.</summary>
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        AllowOutOfOrderMetadataProperties = true,
    };

    public static TheoryData<string, RuleKind> HandWritten => new()
    {
        { """{"kind":"qualitative","options":[{"label":"好","fraction":1},{"label":"差","fraction":0}]}""", RuleKind.Qualitative },
        { """{"kind":"deduction","perOccurrence":0.5,"cap":1.5}""", RuleKind.Deduction },
        { """{"kind":"bands","scoreAs":"Points","contiguous":true,"bands":[{"from":null,"fromInclusive":null,"to":0,"toInclusive":true,"score":5},{"from":0,"fromInclusive":false,"to":null,"toInclusive":null,"score":4}]}""", RuleKind.Bands },
        { """{"kind":"linear","from":{"value":60,"fraction":0},"to":{"value":100,"fraction":1}}""", RuleKind.Linear },
        { """{"kind":"ratio","direction":"Negative","target":100}""", RuleKind.Ratio },
        { """{"kind":"shortfall","target":20,"perPoint":0.1,"cap":1,"direction":"Below","wholePoints":false}""", RuleKind.Shortfall },
        { """{"kind":"bonus","perOccurrence":0.05,"pool":"BASE"}""", RuleKind.Bonus },
        { """{"kind":"veto","effect":"CapGrade","maxGrade":"B"}""", RuleKind.Veto },
        { """{"kind":"shares","source":"AgeBands","factors":[{"label":"35岁及以下","factor":1,"ageBand":"UpTo35"},{"label":"36-50岁","factor":0.8,"ageBand":"From36To50"}]}""", RuleKind.Shares },
        { """{"kind":"survey","questionnaire":"服务对象满意度"}""", RuleKind.Survey },
        { """{"kind":"metric","metric":"OverEstablishment","scoring":{"kind":"deduction","perOccurrence":2.5}}""", RuleKind.Metric },
        { """{"metric":"EstablishmentUseRate","scoring":{"target":95,"perPoint":0.2,"kind":"shortfall"},"kind":"metric"}""", RuleKind.Metric },
    };

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void Deserialize_HandWrittenRule_GivesTheKindAndRoundTrips(string json, RuleKind kind)
    {
        var rule = JsonSerializer.Deserialize<ScoringRule>(json, Options);

        Assert.NotNull(rule);
        Assert.Equal(kind, rule.Kind);
        var again = JsonSerializer.Deserialize<ScoringRule>(JsonSerializer.Serialize(rule, Options), Options);
        Assert.Equal(JsonSerializer.Serialize(rule, Options), JsonSerializer.Serialize(again, Options));
    }

    [Fact]
    public void Deserialize_MetricRule_KeepsItsInnerRule()
    {
        var rule = Assert.IsType<MetricRule>(JsonSerializer.Deserialize<ScoringRule>(
            """{"kind":"metric","metric":"OverEstablishment","scoring":{"kind":"deduction","perOccurrence":2.5}}""", Options));

        Assert.Equal(UnitMetric.OverEstablishment, rule.Metric);
        Assert.Equal(new DeductionRule(2.5m), rule.Scoring);
    }

    [Fact]
    public void Deserialize_BandWithoutInclusiveness_LeavesItNullForTheValidator()
    {
        var rule = Assert.IsType<BandsRule>(JsonSerializer.Deserialize<ScoringRule>(
            """{"kind":"bands","bands":[{"from":0,"to":10,"score":1}]}""", Options));

        Assert.Null(rule.Bands[0].FromInclusive);
        Assert.Equal(BandScoreKind.Fraction, rule.ScoreAs);
        Assert.True(rule.Contiguous);
        Assert.Contains(RuleValidator.Validate("x", 5m, rule), p => p.Code == "rule.band_edge_unspecified");
    }

    [Fact]
    public void Serialize_EnumsWithoutGlobalConverter_AreWrittenAsNames()
    {
        // The structure hash of a workbook serializes rules with default options; enum names keep it readable and stable.
        var json = JsonSerializer.Serialize<ScoringRule>(new VetoRule(VetoEffect.ZeroTotal));

        Assert.Contains("\"Effect\":\"ZeroTotal\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"veto\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ExistingRuleKinds_AreUnchanged()
    {
        // Workbooks issued before the new kinds carry a structure hash over this exact text.
        Assert.Equal("""{"kind":"deduction","PerOccurrence":5,"Cap":20}""", JsonSerializer.Serialize<ScoringRule>(new DeductionRule(5m, 20m)));
        Assert.Equal("""{"kind":"qualitative","Options":[{"Label":"\u597D","Fraction":1}]}""", JsonSerializer.Serialize<ScoringRule>(new QualitativeScaleRule([new ScaleOption("好", 1m)])));
    }
}
