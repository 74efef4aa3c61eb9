namespace OfficeEval.Documents.Frameworks;

/// <summary>
/// The authoring workbook's sheets, columns and labels in one place: the writer lays them out, the reader finds them
/// by these texts (columns by header, settings by label), so columns may be moved and rows inserted.
/// </summary>
internal static class AuthoringLayout
{
    public const string InstructionsSheet = "填写说明";
    public const string SettingsSheet = "体系设置";
    public const string IndicatorsSheet = "指标";

    /// <summary>The columns of the 指标 sheet.</summary>
    public enum Field
    {
        Code,
        Level,
        Name,
        Points,
        EvaluationPoints,
        ScoringStandard,
        RuleType,
        RuleParameters,
        Evidence,
        Individual,
        NameEn,
    }

    /// <summary>One column: field, header text, default letter, width, whether the reader requires it.</summary>
    public sealed record Column(Field Field, string Header, string Letter, double Width, bool Required);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new(Field.Code, "指标编码", "A", 10, true),
        new(Field.Level, "层级", "B", 6, true),
        new(Field.Name, "指标名称", "C", 26, true),
        new(Field.Points, "分值", "D", 7, true),
        new(Field.EvaluationPoints, "评估要点", "E", 38, false),
        new(Field.ScoringStandard, "评分标准", "F", 38, false),
        new(Field.RuleType, "规则类型", "G", 9, true),
        new(Field.RuleParameters, "规则参数", "H", 42, true),
        new(Field.Evidence, "佐证材料", "I", 24, false),
        new(Field.Individual, "个性指标", "J", 9, false),
        new(Field.NameEn, "英文名称", "K", 22, false),
    ];

    public static Column ColumnOf(Field field) => Columns.First(c => c.Field == field);

    /// <summary>The deepest level accepted (一级 … 六级).</summary>
    public const int MaxLevel = FrameworkLimits.MaxLevel;

    /// <summary>The labels of the 体系设置 sheet, in column A; each value is in column B.</summary>
    public static class Settings
    {
        public const string Code = "体系编码";
        public const string Name = "体系名称";
        public const string Version = "版本";
        public const string TotalPoints = "总分";
        public const string ApplicableKinds = "适用单位类型";
        public const string IndividualDimension = "个性指标一级指标编码";

        public const string PoolCode = "加分池编码";
        public const string PoolName = "加分池名称";
        public const string PoolCap = "上限（分）";

        public const string ValueColumn = "B";

        public static readonly IReadOnlyList<(string Label, string Note)> Rows =
        [
            (Code, "必填。字母、数字和短横线，如 GOV；同一编码的各版本构成一个指标体系。"),
            (Name, "必填。如：政府部门机构编制执行情况和使用效益评估指标体系。"),
            (Version, "必填。如 2026.1；已发布的版本不能修改，修改请另建新版本。"),
            (TotalPoints, "必填。一级指标分值之和，通常为 100 或 120（加分项、否决项不计入）。"),
            (ApplicableKinds, "党委部门、政府部门、群团机关、事业单位、乡镇（街道），多个用顿号分隔；不填表示适用于所有类型。"),
            (IndividualDimension, "选填。存放各单位个性指标（一部门一指标）的一级指标编码；不填时使用名称为“个性指标”的一级指标。"),
        ];
    }
}
