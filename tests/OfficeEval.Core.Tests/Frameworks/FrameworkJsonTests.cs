using System.Text.Json;
using System.Text.Json.Serialization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.Frameworks;

public class FrameworkJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static FrameworkDefinition Rich()
    {
        var sample = Build.Sample();
        var d1 = sample.Dimensions[0];
        var leaf = d1.Children[0] with
        {
            NameEn = "Working mechanism",
            EvaluationPoints = ["机制健全", "分工明确"],
            ScoringStandard = "好得满分，较好得 80%。",
            EvidenceChecklist = ["文件", "会议纪要"],
            IsIndividual = true,
        };
        return sample with
        {
            ApplicableKinds = [UnitKind.Government, UnitKind.Township],
            Dimensions = [d1 with { Children = [leaf, d1.Children[1]] }, sample.Dimensions[1]],
        };
    }

    [Fact]
    public void Serialize_BothRuleKinds_WritesKindDiscriminatorsAndEnumNames()
    {
        var json = JsonSerializer.Serialize(Rich(), Options);

        Assert.Contains("\"kind\":\"qualitative\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"deduction\"", json, StringComparison.Ordinal);
        Assert.Contains("\"applicableKinds\":[\"Government\",\"Township\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"perOccurrence\":5", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_FrameworkWithBothRuleKinds_KeepsStructure()
    {
        var original = Rich();

        var copy = JsonSerializer.Deserialize<FrameworkDefinition>(JsonSerializer.Serialize(original, Options), Options);

        Assert.NotNull(copy);
        Assert.Equal((original.Code, original.Name, original.Version, original.TotalPoints), (copy.Code, copy.Name, copy.Version, copy.TotalPoints));
        Assert.Equal(original.ApplicableKinds, copy.ApplicableKinds);
        Assert.Equal(original.Dimensions.Select(d => (d.Code, d.Points)), copy.Dimensions.Select(d => (d.Code, d.Points)));
        Assert.Equal(Describe(original), Describe(copy));
        Assert.Empty(FrameworkValidator.Validate(copy));

        var leaf = copy.Leaves().First().Node;
        Assert.Equal("Working mechanism", leaf.NameEn);
        Assert.Equal(["机制健全", "分工明确"], leaf.EvaluationPoints);
        Assert.Equal("好得满分，较好得 80%。", leaf.ScoringStandard);
        Assert.Equal(["文件", "会议纪要"], leaf.EvidenceChecklist);
        Assert.True(leaf.IsIndividual);
    }

    [Fact]
    public void Deserialize_HandWrittenDeductionWithoutCap_GivesNullCap()
    {
        const string json = """{"kind":"deduction","perOccurrence":1.5}""";

        var rule = Assert.IsType<DeductionRule>(JsonSerializer.Deserialize<ScoringRule>(json, Options));

        Assert.Equal(1.5m, rule.PerOccurrence);
        Assert.Null(rule.Cap);
        Assert.Equal(RuleKind.Deduction, rule.Kind);
    }

    /// <summary>Each leaf as code, path, points, rule type and rule parameters.</summary>
    private static List<string> Describe(FrameworkDefinition framework) =>
        [.. framework.Leaves().Select(l => string.Join("|",
            l.Node.Code,
            string.Join("/", l.Path.Select(p => p.Code)),
            l.Node.Points.ToString(System.Globalization.CultureInfo.InvariantCulture),
            l.Node.Rule switch
            {
                QualitativeScaleRule s => "scale:" + string.Join(",", s.Options.Select(o => FormattableString.Invariant($"{o.Label}={o.Fraction}"))),
                DeductionRule d => FormattableString.Invariant($"deduction:{d.PerOccurrence}:{d.Cap}"),
                null => "none",
                _ => throw new InvalidOperationException("Unknown rule kind."),
            }))];
}
