namespace OfficeEval.Documents.SelfAssessment;

/// <summary>Sheet names, header texts and the custom XML namespace shared by the writer and the reader.</summary>
internal static class WorkbookLayout
{
    public const string AssessmentSheet = "自评表";
    public const string IdentityNamespace = "urn:officeeval:self-assessment:v1";
    public const int TitleRow = 1;
    public const int InfoRow = 2;
    public const int HeaderRow = 3;
    public const int FirstDataRow = 4;

    /// <summary>Columns in order; the reader finds them by header text, so users may insert columns or sort rows.</summary>
    public static readonly IReadOnlyList<Column> Columns =
    [
        new("A", Field.Code, "指标编码", 12),
        new("B", Field.Level1, "一级指标", 16),
        new("C", Field.Level2, "二级指标", 18),
        new("D", Field.Level3, "三级指标", 22),
        new("E", Field.EvaluationPoints, "评估要点", 36),
        new("F", Field.ScoringStandard, "评分标准", 36),
        new("G", Field.Points, "分值", 8),
        new("H", Field.Answer, "自评结果（选项/次数）", 16),
        new("I", Field.SelfScore, "自评得分", 10),
        new("J", Field.Explanation, "情况说明", 36),
        new("K", Field.Evidence, "佐证材料", 30),
    ];

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
    }

    public sealed record Column(string Letter, Field Field, string Header, double Width);
}
