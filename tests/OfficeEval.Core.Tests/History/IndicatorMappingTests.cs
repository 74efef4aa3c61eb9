using OfficeEval.Core.History;
using OfficeEval.Core.Tests.Support;

namespace OfficeEval.Core.Tests.History;

public class IndicatorMappingTests
{
    private static IReadOnlyList<EngineProblem> Validate(params IndicatorLink[] links) =>
        new IndicatorMapping(links).Validate(Versions.Previous, Versions.Current);

    [Fact]
    public void Validate_TheStoredExample_NoProblems()
    {
        Assert.Empty(Versions.Stored.Validate(Versions.Previous, Versions.Current));
    }

    [Fact]
    public void Validate_ManyToOneAndDropped_Allowed()
    {
        Assert.Empty(Validate(new("D1", "D3"), new("D2", "D3"), new("1.2.2", null), new("2.1.1", "3.1"), new("2.1.2", "3.1")));
    }

    [Fact]
    public void Validate_UnknownCodes_NamedByLinkAndField()
    {
        var problems = Validate(new("1.1", "1.1"), new("7.7", "1.1"), new("1.2.1", "8.8"));

        Assert.Equal([("mapping.from_unknown", "links[1].fromCode", "7.7"), ("mapping.to_unknown", "links[2].toCode", "1.2.1")],
            problems.Select(p => (p.Code, p.Field!, p.IndicatorCode!)));
        Assert.Contains("GOV 2025", problems[0].MessageZh);
        Assert.Contains("8.8", problems[1].MessageEn);
    }

    [Fact]
    public void Validate_InnerIndicators_NotMappable()
    {
        var problems = Validate(new("1.2", "1.1"), new("2.1.1", "2.1"));

        Assert.Equal([("mapping.from_not_mappable", "links[0].fromCode"), ("mapping.to_not_mappable", "links[1].toCode")],
            problems.Select(p => (p.Code, p.Field!)));
    }

    [Fact]
    public void Validate_DimensionToLeafOrLeafToDimension_KindMismatch()
    {
        var problems = Validate(new("D1", "1.1"), new("1.1", "D1"));

        Assert.Equal(["links[0].toCode", "links[1].toCode"], problems.Select(p => p.Field!));
        Assert.All(problems, p => Assert.Equal("mapping.kind_mismatch", p.Code));
        Assert.Contains("一级指标", problems[0].MessageZh);
        Assert.Contains("末级指标", problems[1].MessageZh);
    }

    [Fact]
    public void Validate_OldCodeTwice_Refused()
    {
        var problem = Assert.Single(Validate(new("1.1", "1.1"), new("1.1", "1.3")));

        Assert.Equal(("mapping.from_duplicate", "links[1].fromCode"), (problem.Code, problem.Field));
    }

    [Fact]
    public void Validate_MissingFromCodeOrLongNote_Refused()
    {
        var problems = Validate(new(" ", "1.1"), new("1.1", "1.1") { Note = new string('注', IndicatorMapping.MaxNoteLength + 1) },
            new("D1", "D1") { Note = new string('注', IndicatorMapping.MaxNoteLength) });

        Assert.Equal([("mapping.from_missing", "links[0].fromCode"), ("mapping.note_too_long", "links[1].note")], problems.Select(p => (p.Code, p.Field!)));
    }

    [Fact]
    public void Suggest_SameCodeAndKind_MappedAndFlaggedWhenRenamed()
    {
        var mapping = IndicatorMapping.Suggest(Versions.Previous, Versions.Current);

        Assert.True(mapping.Suggested);
        Assert.Equal([("D1", false), ("1.1", true), ("1.2.1", false), ("D2", false), ("2.1.1", true), ("2.9", false)],
            mapping.Links.Select(l => (l.FromCode, l.NeedsReview)));
        Assert.All(mapping.Links, l => Assert.Equal(l.FromCode, l.ToCode));
        Assert.Empty(mapping.Validate(Versions.Previous, Versions.Current));
    }

    [Fact]
    public void Suggest_SameCodeButADimensionBecameALeaf_NotSuggested()
    {
        var to = Build.Framework(100m, Build.Node("X", 100m, Build.Leaf("D1", 100m, Build.FourLevelScale())));

        var mapping = IndicatorMapping.Suggest(Versions.Previous, to);

        Assert.Empty(mapping.Links);
    }

    [Fact]
    public void Suggest_NameDifferingOnlyInSurroundingSpaces_NotFlagged()
    {
        var to = Versions.Current with { Dimensions = [Versions.Current.Dimensions[0] with { Name = " 职能履行 " }, .. Versions.Current.Dimensions.Skip(1)] };

        Assert.False(IndicatorMapping.Suggest(Versions.Previous, to).ByFromCode()["D1"].NeedsReview);
    }

    [Fact]
    public void Identity_EveryDimensionAndLeafToItself()
    {
        var mapping = IndicatorMapping.Identity(Versions.Current);

        Assert.Equal(["D1", "1.1", "1.2.1", "1.3", "D2", "2.1.1", "2.9", "D3", "3.1"], mapping.Links.Select(l => l.FromCode));
        Assert.Empty(mapping.Validate(Versions.Current, Versions.Current));
    }

    [Fact]
    public void MappableNodes_LeafDimension_ListedOnceAsADimension()
    {
        var framework = Build.Framework(100m, Build.Leaf("D1", 100m, Build.FourLevelScale()));

        Assert.Equal([("D1", true)], IndicatorMapping.MappableNodes(framework).Select(n => (n.Node.Code, n.IsDimension)));
    }
}
