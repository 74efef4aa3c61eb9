using OfficeEval.Core.History;

namespace OfficeEval.Core.Tests.History;

public class MappingTableTests
{
    [Fact]
    public void Describe_StoredMapping_EveryOldIndicatorWithItsStatusAndTheNewOnesNothingLeadsTo()
    {
        var mapping = Versions.Stored with { Links = [.. Versions.Stored.Links.Where(l => l.FromCode != "1.1"), new IndicatorLink("1.1", "9.9")] };

        var table = MappingTable.Describe(Versions.Previous, Versions.Current, mapping);

        Assert.Equal(
        [
            ("D1", true, "D1", MappingStatus.Mapped),
            ("1.1", false, "9.9", MappingStatus.Unmapped),
            ("1.2.1", false, "1.2.1", MappingStatus.Mapped),
            ("1.2.2", false, null, MappingStatus.Dropped),
            ("D2", true, "D2", MappingStatus.Mapped),
            ("2.1.1", false, "2.1.1", MappingStatus.Mapped),
            ("2.1.2", false, "2.1.1", MappingStatus.Mapped),
            ("2.9", false, "2.9", MappingStatus.Mapped),
        ], table.Rows.Select(r => (r.FromCode, r.IsDimension, r.ToCode, r.Status)));
        Assert.Equal("并入2.1.1", table.Rows.Single(r => r.FromCode == "2.1.2").Note);
        Assert.Equal("制度与档案管理", table.Rows.Single(r => r.FromCode == "2.1.2").ToName);
        Assert.Null(table.Rows.Single(r => r.FromCode == "1.1").ToName);
        // 1.1 now leads nowhere that exists, so the new 1.1 has no predecessor, nor have 1.3, D3 and 3.1.
        Assert.Equal(["1.1", "1.3", "D3", "3.1"], table.NewWithoutPredecessor.Select(n => n.Code));
    }

    [Fact]
    public void Describe_Suggestion_RenamedNeedsReviewTheRestUnmapped()
    {
        var table = MappingTable.Describe(Versions.Previous, Versions.Current, IndicatorMapping.Suggest(Versions.Previous, Versions.Current));

        Assert.Equal(MappingStatus.NeedsReview, table.Rows.Single(r => r.FromCode == "1.1").Status);
        Assert.Equal(MappingStatus.Unmapped, table.Rows.Single(r => r.FromCode == "2.1.2").Status);
        Assert.Equal((MappingStatus.Mapped, 40m), (table.Rows[0].Status, table.Rows[0].Points));
    }

    [Fact]
    public void Describe_LeafLinkedToADimension_UnmappedAndTheDimensionNotReached()
    {
        var table = MappingTable.Describe(Versions.Previous, Versions.Current, new IndicatorMapping([new("1.1", "D3")]));

        Assert.Equal(MappingStatus.Unmapped, table.Rows.Single(r => r.FromCode == "1.1").Status);
        Assert.Contains(table.NewWithoutPredecessor, n => n.Code == "D3");
    }
}
