using System.Text.Json;
using System.Text.Json.Serialization;
using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Surveys;

namespace OfficeEval.Documents.Tests.Surveys;

/// <summary>Questionnaires for the survey workbooks' tests, and how to write, read and compare them.</summary>
internal static class SurveySamples
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Every feature: five groups (one answering as units) with weights of many decimals, custom labels, Likert and
    /// 3-point items asked of all, one and two groups, reverse and optional items, sections, indicator codes such as
    /// 1.10 that a number format would spoil, text with line breaks and XML's special characters, and the fallback
    /// that uses groups below their minimum anyway.
    /// </summary>
    public static SurveyForm EveryFeature() => new(
        "2026 年度部门履职满意度调查 <问卷> & \"测试\"",
        "本问卷匿名填写。\n第二段：结果仅用于评估。",
        [
            new SurveyFormGroup(RespondentGroups.ServiceUsers, 0.125m, 30, 200),
            new SurveyFormGroup(RespondentGroups.InternalStaff, 0.3333m, 10, 25),
            new SurveyFormGroup(RespondentGroups.PartnerUnits, 1m, 0, 0),
            new SurveyFormGroup(RespondentGroups.Townships, 2.5m, 3, 12, RespondentKind.Unit),
            new SurveyFormGroup(RespondentGroups.Public, 0m, 100, 1000),
        ],
        [
            new SurveyFormItem("Q1", "您对该单位的总体服务是否满意？", SurveyScale.Likert5, [], "1.10", Section: "一、总体评价"),
            new SurveyFormItem("Q2", "办事需要多次跑腿、\n重复提交材料。", SurveyScale.Likert5, [RespondentGroups.ServiceUsers], "1.10", Reverse: true),
            new SurveyFormItem("A-1.2_b", "对工作作风的评价 <a&b>", SurveyScale.ThreePoint, [RespondentGroups.InternalStaff, RespondentGroups.Townships], "2.1", Required: false, Section: "二、作风"),
            new SurveyFormItem("Q4", "其他方面", SurveyScale.ThreePoint, [RespondentGroups.Townships, RespondentGroups.PartnerUnits, RespondentGroups.Public], null, Reverse: true, Required: false),
        ],
        new SurveyChoices(["很不满意", "不太满意", "说不清", "比较满意", "很满意"], ["不满意（差）", "基本满意", "满意"]),
        GroupFallback.UseAnyway);

    /// <summary>A small valid form: one group, one item.</summary>
    public static SurveyForm Minimal() => new("调查", "", [new SurveyFormGroup(RespondentGroups.ServiceUsers, 1m, 0)],
        [new SurveyFormItem("Q1", "满意吗？", SurveyScale.Likert5, [], null)], SurveyChoices.Default);

    public static byte[] Write(SurveyForm? form)
    {
        using var stream = new MemoryStream();
        SurveyFormWorkbook.Write(form, stream);
        return stream.ToArray();
    }

    public static SurveyFormReadResult Read(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return SurveyFormWorkbook.Read(stream);
    }

    /// <summary>The form as stored (JSON): two forms are equal when these are.</summary>
    public static string Canonical(SurveyForm form) => JsonSerializer.Serialize(form, Json);

    /// <summary>The problems as (code, sheet, cell), for comparing in one assertion.</summary>
    public static List<(string Code, string? Sheet, string? Cell)> Places(SurveyFormReadResult read) =>
        [.. read.Problems.Select(p => (p.Code, p.Sheet, p.Cell))];
}
