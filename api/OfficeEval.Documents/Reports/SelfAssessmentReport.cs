using OfficeEval.Core;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// The unit's self-evaluation report (自评报告), in GB/T 9704 format: the unit's facts, its self total and dimension
/// subtotals, then per leaf indicator — inside a content control tagged <c>officeeval:indicator:{code}</c> — the
/// answer, self-score, the engine's score and explanation, the unit's 情况说明 and the evidence it provided.
/// </summary>
public static class SelfAssessmentReport
{
    /// <summary>Writes the report of <paramref name="model"/> as .docx to <paramref name="output"/>.</summary>
    public static void Write(SelfAssessmentReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        var title = $"{model.Unit.Name}{model.Campaign.Name}自评报告";
        using var document = ReportDocument.Create(output, title, model.Basis.Date);
        document.Title(model.Unit.Name + "\n" + model.Campaign.Name + "自评报告");
        document.Subtitle(Basis(model.Basis));
        document.Blank();

        document.Heading(1, "一、单位基本情况");
        Facts(document, model);

        document.Heading(1, "二、自评得分情况");
        Totals(document, model);

        document.Heading(1, "三、各项指标自评情况");
        var answers = model.Answers;
        var leaves = model.Score.Leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var problems = model.Score.Problems.Where(p => p.IndicatorCode is not null).ToLookup(p => p.IndicatorCode!, StringComparer.Ordinal);
        IndicatorSections.Write(document, model.Framework, leaf =>
            Leaf(document, leaf, answers.GetValueOrDefault(leaf.Code), leaves.GetValueOrDefault(leaf.Code), problems[leaf.Code]));

        document.Signature(model.Unit.Name, model.Basis.Date);
    }

    /// <summary>Which version the report shows: the subtitle says so, as the issue asks.</summary>
    internal static string Basis(SelfAssessmentBasis basis) => basis.Version is { } version
        ? $"（根据第{version}次提交版本编制，{ReportText.Date(basis.Date)}提交）"
        : $"（根据尚未提交的自评草稿编制，{ReportText.Date(basis.Date)}保存，草稿第{basis.Revision}版）";

    private static void Facts(ReportDocument document, SelfAssessmentReportModel model)
    {
        var unit = model.Unit;
        var facts = model.DataTables?.Facts;
        var sentences = new List<string>();
        var kind = new List<string>();
        if (unit.Kind is { Length: > 0 })
        {
            kind.Add("单位类型为" + unit.Kind);
        }

        if (unit.Category is { Length: > 0 })
        {
            kind.Add("类别为" + unit.Category);
        }

        if (unit.Level is { Length: > 0 })
        {
            kind.Add("机构级别为" + unit.Level + "级");
        }

        if (kind.Count > 0)
        {
            sentences.Add(unit.Name + string.Join("，", kind) + "。");
        }

        var approved = unit.ApprovedEstablishment ?? facts?.ApprovedEstablishment;
        var staffing = new List<string>();
        if (approved is { } a)
        {
            staffing.Add($"核定编制{a}名");
        }

        if (facts?.ActualStaff is { } actual)
        {
            staffing.Add($"实有{actual}名");
        }

        var posts = unit.ApprovedLeadershipPosts ?? facts?.ApprovedLeadershipPosts;
        if (posts is { } p)
        {
            staffing.Add($"核定领导职数{p}名");
        }

        if (facts?.ActualLeadershipPosts is { } actualPosts)
        {
            staffing.Add($"实配领导职数{actualPosts}名");
        }

        if (staffing.Count > 0)
        {
            sentences.Add(string.Join("，", staffing) + "。");
        }

        if (sentences.Count > 0)
        {
            document.Paragraph(string.Concat(sentences));
        }

        if (model.DataTables?.Basics.Functions is { Length: > 0 } functions)
        {
            document.Labelled("主要职责：", functions);
        }

        if (model.DataTables is null)
        {
            document.Paragraph("本单位尚未填报基础数据表，以下基本情况仅列评估办公室掌握的数据。");
        }

        document.Caption("表1　单位基本情况");
        var table = new ReportTable(new ReportColumn("项目", 3), new ReportColumn("情况", 7, CellAlign.Left));
        foreach (var (label, value) in ReportText.Facts(unit, model.DataTables))
        {
            table.Row(label, value);
        }

        document.Table(table);
    }

    private static void Totals(ReportDocument document, SelfAssessmentReportModel model)
    {
        var score = model.Score;
        var parts = score.Dimensions.Select(d => $"{d.Name}自评得分{ReportText.N(d.Score)}分（满分{ReportText.N(d.MaxPoints)}分），得分率{ReportText.Percent(d.ScoreRate)}").ToList();
        var text = $"按照评估指标体系，本单位自评总分为{ReportText.N(score.Total)}分（满分{ReportText.N(score.MaxTotal)}分），得分率为{ReportText.Percent(score.ScoreRate)}";
        document.Paragraph(parts.Count > 0 ? text + "。其中，" + string.Join("；", parts) + "。" : text + "。");
        if (score.Bonus > 0)
        {
            document.Paragraph($"加分项共计加{ReportText.N(score.Bonus)}分（已按各加分池上限封顶）。");
        }

        foreach (var veto in score.Vetoes)
        {
            document.Paragraph($"本单位自评认为存在否决情形“{veto.Name}”（{veto.Code}）：{VetoText(veto)}。");
        }

        document.Caption("表2　自评得分汇总");
        var table = new ReportTable(
            new ReportColumn("序号", 2),
            new ReportColumn("一级指标", 9, CellAlign.Left),
            new ReportColumn("分值", 3),
            new ReportColumn("自评得分", 3),
            new ReportColumn("得分率", 3));
        var i = 0;
        foreach (var dimension in score.Dimensions)
        {
            i++;
            table.Row(ReportText.Chinese(i), dimension.Name, ReportText.N(dimension.MaxPoints), ReportText.N(dimension.Score), ReportText.Percent(dimension.ScoreRate));
        }

        foreach (var pool in score.BonusPools)
        {
            table.Row("", "加分项：" + pool.Name, "最高" + ReportText.N(pool.Cap), ReportText.N(pool.Awarded), "—");
        }

        table.TotalRow("", "合计", ReportText.N(score.MaxTotal), ReportText.N(score.Total), ReportText.Percent(score.ScoreRate));
        document.Table(table);
    }

    private static void Leaf(ReportDocument document, IndicatorNode leaf, ReportAnswer? answer, LeafScore? score, IEnumerable<EngineProblem> problems)
    {
        if (leaf.EvaluationPoints.Count > 0)
        {
            document.Labelled("评估要点：", EvaluationReport.Sentence(string.Join("；", leaf.EvaluationPoints.Select(p => p.Trim().TrimEnd('。', '；', ';')))));
        }

        if (leaf.ScoringStandard.Length > 0)
        {
            document.Labelled("评分标准：", EvaluationReport.Sentence(leaf.ScoringStandard));
        }

        document.Labelled("填报情况：", ReportText.Answer(leaf, answer?.Answer));
        if (score is not null)
        {
            document.Labelled("得分：", score.Role == LeafRole.Veto
                ? "否决项不计分。"
                : $"自评得分{(answer?.Answer.SelfScore is { } self ? ReportText.N(self) + "分" : "未填写")}；系统计分{ReportText.N(score.Computed)}分。");
            if (score.Explanation.Length > 0)
            {
                document.Labelled("计分说明：", score.Explanation);
            }
        }

        document.Labelled("情况说明：", answer?.Answer.Explanation is { Length: > 0 } explanation ? explanation : "未填写。");
        document.Labelled("佐证材料：", Evidence(leaf, answer));
        foreach (var problem in problems)
        {
            document.Labelled("提示：", problem.MessageZh);
        }
    }

    /// <summary>The checklist items provided and those not, in checklist order; items the checklist does not name follow.</summary>
    internal static string Evidence(IndicatorNode leaf, ReportAnswer? answer)
    {
        var provided = answer?.Evidence ?? [];
        if (leaf.EvidenceChecklist.Count == 0 && provided.Count == 0)
        {
            return "本指标未要求提供佐证材料。";
        }

        var given = leaf.EvidenceChecklist.Where(provided.Contains).Concat(provided.Where(e => !leaf.EvidenceChecklist.Contains(e))).ToList();
        var missing = leaf.EvidenceChecklist.Where(e => !provided.Contains(e)).ToList();
        var parts = new List<string>();
        if (given.Count > 0)
        {
            parts.Add("已提供" + string.Join("、", given));
        }

        if (missing.Count > 0)
        {
            parts.Add("未提供" + string.Join("、", missing));
        }

        return string.Join("；", parts) + "。";
    }

    internal static string VetoText(VetoFinding veto) => veto.Effect switch
    {
        VetoEffect.ZeroTotal => "一票否决，总分计为0分",
        VetoEffect.CapGrade => veto.MaxGrade is { } grade ? $"一票否优，等次最高为{grade}" : "一票否优，等次降低一档",
    };
}
