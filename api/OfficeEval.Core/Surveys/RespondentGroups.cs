namespace OfficeEval.Core.Surveys;

/// <summary>The respondent groups commonly used in 编制 evaluation; names only, since no published weights exist.</summary>
public static class RespondentGroups
{
    /// <summary>服务对象 — people and organisations the unit serves.</summary>
    public const string ServiceUsers = "服务对象";

    /// <summary>内部人员 — the unit's own staff.</summary>
    public const string InternalStaff = "内部人员";

    /// <summary>协作单位 — partner units.</summary>
    public const string PartnerUnits = "协作单位";

    /// <summary>乡镇（街道） — townships and sub-districts.</summary>
    public const string Townships = "乡镇（街道）";

    /// <summary>公众 — the public.</summary>
    public const string Public = "公众";

    /// <summary>All five, in the usual order.</summary>
    public static IReadOnlyList<string> Standard { get; } = [ServiceUsers, InternalStaff, PartnerUnits, Townships, Public];
}
