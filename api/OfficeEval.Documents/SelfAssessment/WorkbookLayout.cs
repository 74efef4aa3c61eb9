namespace OfficeEval.Documents.SelfAssessment;

/// <summary>Sheet names, header texts, labels and the custom XML namespace shared by the writer and the reader.</summary>
internal static class WorkbookLayout
{
    /// <summary>Changes whenever the sheets' layout changes; part of the structure hash, so old workbooks are refused.</summary>
    public const string LayoutVersion = "2";

    public const string InstructionsSheet = "填表说明";
    public const string AssessmentSheet = "自评表";
    public const string BasicsSheet = "基本情况";
    public const string StaffingSheet = "编制与人员";
    public const string WorkloadSheet = "工作量测算";

    public const string IdentityNamespace = "urn:officeeval:self-assessment:v1";

    /// <summary>Prefix of the custom document properties that repeat the identity.</summary>
    public const string PropertyPrefix = "OfficeEval.";

    public const int TitleRow = 1;
    public const int InfoRow = 2;
    public const int HeaderRow = 3;
    public const int FirstDataRow = 4;

    /// <summary>Columns of 自评表 in order; the reader finds them by header text, so users may insert columns or sort rows.</summary>
    public static readonly IReadOnlyList<Column> Columns =
    [
        new("A", Field.Code, "指标编码", 10),
        new("B", Field.Level1, "一级指标", 14),
        new("C", Field.Level2, "二级指标", 16),
        new("D", Field.Level3, "三级指标", 20),
        new("E", Field.EvaluationPoints, "评估要点", 34),
        new("F", Field.ScoringStandard, "评分标准", 34),
        new("G", Field.Points, "分值", 7),
        new("H", Field.Answer, "自评结果（选项/次数）", 16),
        new("I", Field.SelfScore, "自评得分", 9),
        new("J", Field.Explanation, "情况说明", 34),
        new("K", Field.Evidence, "佐证材料", 26),
        new("L", Field.DimensionKey, "一级指标编码", 6, Hidden: true),
        new("M", Field.Role, "计分类别", 6, Hidden: true),
    ];

    /// <summary>Last printed column of 自评表 (the helper columns after it are hidden).</summary>
    public const string LastVisibleColumn = "K";

    /// <summary>Values of the hidden 计分类别 column.</summary>
    public const string RoleRegular = "计分";
    public const string RoleBonus = "加分";
    public const string RoleVeto = "否决";

    public static Column ColumnOf(Field field) => Columns.First(c => c.Field == field);

    public enum Field
    {
        Code,
        Level1,
        Level2,
        Level3,
        EvaluationPoints,
        ScoringStandard,
        Points,
        Answer,
        SelfScore,
        Explanation,
        Evidence,
        DimensionKey,
        Role,
    }

    public sealed record Column(string Letter, Field Field, string Header, double Width, bool Hidden = false);

    /// <summary>What one line of a form sheet (基本情况, 编制与人员) holds.</summary>
    public enum ValueKind
    {
        /// <summary>Free text.</summary>
        Text,
        /// <summary>A whole number ≥ 0.</summary>
        Count,
        /// <summary>A date.</summary>
        Date,
        /// <summary>Computed by a formula; never read.</summary>
        Formula,
    }

    /// <summary>One line of a form sheet: label in column A, value in column B, hint in column C.</summary>
    /// <param name="Key">Stable key used by the reader.</param>
    /// <param name="Label">Label text in column A; the reader finds the line by it.</param>
    /// <param name="Kind">What the value cell holds.</param>
    /// <param name="Hint">Shown in column C and as the cell's input prompt.</param>
    public sealed record FormLine(string Key, string Label, ValueKind Kind, string Hint);

    /// <summary>A titled group of lines in a form sheet.</summary>
    public sealed record FormSection(string Title, IReadOnlyList<FormLine> Lines);

    public static class Basics
    {
        public const string UnitName = "unitName";
        public const string Kind = "kind";
        public const string Category = "category";
        public const string Level = "level";
        public const string Functions = "functions";
        public const string InternalDivisions = "internalDivisions";
        public const string AffiliatedInstitutions = "affiliatedInstitutions";
        public const string FilledBy = "filledBy";
        public const string Phone = "phone";
        public const string FilledOn = "filledOn";

        public static readonly IReadOnlyList<FormSection> Sections =
        [
            new("单位概况",
            [
                new(UnitName, "单位名称", ValueKind.Text, "由系统生成，无需填写。"),
                new(Kind, "单位类型", ValueKind.Text, "由系统生成，无需填写。"),
                new(Category, "单位类别（经济/非经济）", ValueKind.Text, "由系统生成，无需填写。"),
                new(Level, "机构级别", ValueKind.Text, "由系统生成，无需填写。"),
                new(Functions, "主要职责", ValueKind.Text, "按“三定”规定概述主要职责，500 字以内。"),
                new(InternalDivisions, "内设机构数（个）", ValueKind.Count, "填写经批准设置的内设机构个数。"),
                new(AffiliatedInstitutions, "所属事业单位数（个）", ValueKind.Count, "填写所属事业单位个数，没有填 0。"),
            ]),
            new("填报信息",
            [
                new(FilledBy, "填表人", ValueKind.Text, "填写填表人姓名。"),
                new(Phone, "联系电话", ValueKind.Text, "填写办公电话或手机号码。"),
                new(FilledOn, "填表日期", ValueKind.Date, "填写日期，如 2026-11-30。"),
            ]),
        ];
    }

    public static class Staffing
    {
        public const string ApprovedEstablishment = "approvedEstablishment";
        public const string ActualStaff = "actualStaff";
        public const string ApprovedLeadershipPosts = "approvedLeadershipPosts";
        public const string ActualLeadershipPosts = "actualLeadershipPosts";
        public const string BusinessDivisionStaff = "businessDivisionStaff";
        public const string TotalStaff = "totalStaff";
        public const string UseRate = "useRate";
        public const string AgeUpTo35 = "ageUpTo35";
        public const string Age36To50 = "age36To50";
        public const string Age51To60 = "age51To60";
        public const string AgeOver60 = "ageOver60";
        public const string AgeTotal = "ageTotal";
        public const string Postgraduate = "postgraduate";
        public const string Undergraduate = "undergraduate";
        public const string College = "collegeOrBelow";
        public const string EducationTotal = "educationTotal";

        public static readonly IReadOnlyList<FormSection> Sections =
        [
            new("编制和实有人数",
            [
                new(ApprovedEstablishment, "核定编制（名）", ValueKind.Count, "机构编制部门核定的编制数。"),
                new(ActualStaff, "实有人数（名）", ValueKind.Count, "截至评估基准日占用编制的实有人员数。"),
                new(UseRate, "编制使用率（%）", ValueKind.Formula, "自动计算：实有人数 ÷ 核定编制 × 100。"),
            ]),
            new("领导职数",
            [
                new(ApprovedLeadershipPosts, "核定领导职数（名）", ValueKind.Count, "机构编制部门核定的领导职数。"),
                new(ActualLeadershipPosts, "实配领导职数（名）", ValueKind.Count, "实际配备的领导职数。"),
            ]),
            new("人员分布",
            [
                new(BusinessDivisionStaff, "业务处室人员（名）", ValueKind.Count, "在业务处（科）室工作的人员数。"),
                new(TotalStaff, "内设机构人员总数（名）", ValueKind.Count, "全部内设机构的人员数。"),
            ]),
            new("人员年龄结构",
            [
                new(AgeUpTo35, "35岁及以下（名）", ValueKind.Count, "按评估基准日的周岁计。"),
                new(Age36To50, "36–50岁（名）", ValueKind.Count, "按评估基准日的周岁计。"),
                new(Age51To60, "51–60岁（名）", ValueKind.Count, "按评估基准日的周岁计。"),
                new(AgeOver60, "60岁以上（名）", ValueKind.Count, "按评估基准日的周岁计，没有填 0。"),
                new(AgeTotal, "年龄结构合计（名）", ValueKind.Formula, "自动计算，应等于实有人数。"),
            ]),
            new("人员学历结构",
            [
                new(Postgraduate, "研究生（名）", ValueKind.Count, "含硕士、博士。"),
                new(Undergraduate, "大学本科（名）", ValueKind.Count, "最高学历为大学本科的人数。"),
                new(College, "大专及以下（名）", ValueKind.Count, "最高学历为大专及以下的人数。"),
                new(EducationTotal, "学历结构合计（名）", ValueKind.Formula, "自动计算，应等于实有人数。"),
            ]),
        ];
    }

    /// <summary>The 工作量测算 sheet: a staff-count line, then one row per task.</summary>
    public static class Workload
    {
        public const string StaffLabel = "参与测算人数（名）";
        public const int StaffRow = 2;
        public const int HeaderRow = 3;
        public const int FirstTaskRow = 4;

        public static readonly TableColumn Number = new("A", "序号", 6);
        public static readonly TableColumn Task = new("B", "工作任务", 36);
        public static readonly TableColumn Count = new("C", "年工作量（件/次）", 14);
        public static readonly TableColumn Minutes = new("D", "标准用时（分钟/件）", 14);
        public static readonly TableColumn Difficulty = new("E", "难度系数", 10);
        public static readonly TableColumn Hours = new("F", "折算工时（小时）", 14);
        public static readonly TableColumn Note = new("G", "备注", 30);

        public static readonly IReadOnlyList<TableColumn> Columns = [Number, Task, Count, Minutes, Difficulty, Hours, Note];
    }

    /// <summary>A column of a plain table sheet.</summary>
    public sealed record TableColumn(string Letter, string Header, double Width);
}
