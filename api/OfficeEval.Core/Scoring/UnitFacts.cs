using System.Text.Json.Serialization;

namespace OfficeEval.Core.Scoring;

/// <summary>
/// A unit's data tables as the engine reads them (基本情况, 编制和实有人数, 领导职数, 人员结构, 同类比较).
/// Every field is optional; a metric that needs a missing field reports <c>facts.missing</c> on the leaf using it.
/// </summary>
public sealed record UnitFacts
{
    /// <summary>核定编制: approved establishment (headcount).</summary>
    public int? ApprovedEstablishment { get; init; }

    /// <summary>实有人数: staff actually in post against the establishment.</summary>
    public int? ActualStaff { get; init; }

    /// <summary>核定领导职数: approved leadership posts.</summary>
    public int? ApprovedLeadershipPosts { get; init; }

    /// <summary>实配领导职数: leadership posts actually filled.</summary>
    public int? ActualLeadershipPosts { get; init; }

    /// <summary>业务处室人员: staff working in business (not support) divisions.</summary>
    public int? BusinessDivisionStaff { get; init; }

    /// <summary>人员总数: all staff of the internal divisions, the denominator of the business-division share.</summary>
    public int? TotalStaff { get; init; }

    /// <summary>人员年龄结构: staff counts per age band.</summary>
    public AgeBandCounts? AgeBands { get; init; }

    /// <summary>The unit's own value in a comparison among peer units (e.g. its weighted establishment).</summary>
    public decimal? PeerValue { get; init; }

    /// <summary>The other peer units' values in the same comparison (the unit itself excluded).</summary>
    public IReadOnlyList<decimal> PeerValues { get; init; } = [];
}

/// <summary>Staff counts per age band (人员年龄结构).</summary>
/// <param name="UpTo35">35岁及以下.</param>
/// <param name="From36To50">36–50岁.</param>
/// <param name="From51To60">51–60岁.</param>
/// <param name="Over60">60岁以上.</param>
public sealed record AgeBandCounts(int UpTo35, int From36To50, int From51To60, int Over60 = 0)
{
    /// <summary>The count of one band.</summary>
    public int Of(AgeBand band) => band switch
    {
        AgeBand.UpTo35 => UpTo35,
        AgeBand.From36To50 => From36To50,
        AgeBand.From51To60 => From51To60,
        AgeBand.Over60 => Over60,
    };
}

/// <summary>Age bands of the staff-structure table.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgeBand>))]
public enum AgeBand
{
    /// <summary>35岁及以下.</summary>
    UpTo35,
    /// <summary>36–50岁.</summary>
    From36To50,
    /// <summary>51–60岁.</summary>
    From51To60,
    /// <summary>60岁以上.</summary>
    Over60,
}
