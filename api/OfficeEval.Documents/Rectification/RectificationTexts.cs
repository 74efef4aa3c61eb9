namespace OfficeEval.Documents.Rectification;

/// <summary>
/// The Chinese texts of the ledger's categories, sources and statuses, as the ledger and the letter show them. The
/// summary sheet counts statuses by these texts, and the letter orders categories as <see cref="Categories"/> lists them.
/// </summary>
public static class RectificationTexts
{
    public const string DutyPerformance = "职责履行";
    public const string Structure = "机构设置";
    public const string Staffing = "编制使用";
    public const string Management = "管理规范";
    public const string OtherCategory = "其他";

    public const string FieldReview = "实地评估";
    public const string InitialReview = "初审";
    public const string Survey = "问卷调查";
    public const string Manual = "手工录入";

    public const string Open = "待整改";
    public const string Rectifying = "整改中";
    public const string Submitted = "待核验";
    public const string Closed = "已销号";

    /// <summary>The five categories in the order the letter lists them.</summary>
    public static IReadOnlyList<string> Categories { get; } = [DutyPerformance, Structure, Staffing, Management, OtherCategory];

    /// <summary>The four statuses in the order of the workflow.</summary>
    public static IReadOnlyList<string> Statuses { get; } = [Open, Rectifying, Submitted, Closed];
}
