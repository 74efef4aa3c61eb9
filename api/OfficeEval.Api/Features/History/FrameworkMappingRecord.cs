namespace OfficeEval.Api.Features.History;

/// <summary>
/// One stored link of the mapping from one framework version to another (指标对应关系): an old dimension or leaf
/// and the new one it became, or none when it was dropped. A pair of frameworks with no rows has no stored mapping:
/// the suggestion applies (see <see cref="FrameworkMappings"/>).
/// </summary>
public sealed class FrameworkMappingRecord
{
    public Guid FromFrameworkId { get; set; }

    public Guid ToFrameworkId { get; set; }

    public string FromCode { get; set; } = "";

    /// <summary>The successor's code; null when the indicator was dropped.</summary>
    public string? ToCode { get; set; }

    public string? Note { get; set; }
}
