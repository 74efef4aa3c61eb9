using C = DocumentFormat.OpenXml.Drawing.Charts;
using OfficeEval.Core.History;
using OfficeEval.Core.Results;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// A unit's evaluation report (评估报告), in GB/T 9704 format: the official total against the self total, rank, grade
/// and board; self and official scores and deviations per dimension, with a radar chart of the dimensions' score
/// rates (self against official, or — when the unit has a previous campaign — the previous campaign's against this
/// one's through the indicator mapping, with a table of the changes); per leaf — inside a content control tagged <c>officeeval:indicator:{code}</c> — both scores, the deviation,
/// the engine's explanation and the reviewers' comment and problems; the problems with their rectification
/// requirements; the grade and board and what follows from them.
/// </summary>
public static class EvaluationReport
{
    /// <summary>Writes the report of <paramref name="model"/> as .docx to <paramref name="output"/>.</summary>
    public static void Write(EvaluationReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        var report = ReportText.Joined(model.Campaign.Name, "评估报告");
        using var document = ReportDocument.Create(output, model.Unit.Name + report, model.IssuedOn);
        document.Title(model.Unit.Name + "\n" + report);
        document.Subtitle(StageText(model.Stage));
        document.Blank();

        document.Heading(1, "一、评估总体情况");
        Overview(document, model);

        document.Heading(1, "二、各一级指标得分情况");
        Dimensions(document, model);

        document.Heading(1, "三、各项指标评估情况");
        var self = model.Self.Leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        var official = model.Official.Leaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
        IndicatorSections.Write(document, model.Framework, leaf =>
            Leaf(document, self.GetValueOrDefault(leaf.Code), official.GetValueOrDefault(leaf.Code), model.Review.GetValueOrDefault(leaf.Code)));

        document.Heading(1, "四、发现的问题及整改要求");
        Problems(document, model);

        document.Heading(1, "五、评估等次及结果运用");
        Application(document, model);

        document.Signature(model.Campaign.Issuer, model.IssuedOn);
    }

    internal static string StageText(EvaluationStage stage) => stage switch
    {
        EvaluationStage.ReviewInProgress => "（实地评估进行中，本报告结果为暂定结果）",
        EvaluationStage.ReviewCompleted => "（实地评估已完成，评估结果尚未定档）",
        EvaluationStage.Final => "（评估结果已定档）",
    };

    private static void Overview(ReportDocument document, EvaluationReportModel model)
    {
        var (self, official) = (model.Self, model.Official);
        var deviation = self.Total - official.Total;
        var text = $"经单位自评、初审和实地评估，{model.Unit.Name}核定得分为{ReportText.N(official.Total)}分（满分{ReportText.N(official.MaxTotal)}分），"
            + $"得分率为{ReportText.Percent(official.ScoreRate)}；自评得分为{ReportText.N(self.Total)}分，自评偏差为{ReportText.Signed(deviation)}分。";
        if (model.Standing is { } standing)
        {
            text += $"在参评的{standing.RankedUnits}个部门（单位）中排名第{standing.Rank}位";
            text += standing.Grade is { } grade ? $"，评估等次为{grade}" : "";
            text += standing.GradeBeforeVeto is { } before ? $"（按得分率为{before}，因否决项调整）" : "";
            text += standing.Board is { } board
                ? $"；在{CategoryName(standing.BoardCategory)}部门（单位）中排名第{standing.CategoryRank}位（共{standing.CategoryCount}个），列入{ReportText.Board(board)}。"
                : "。";
        }

        document.Paragraph(text);
        if (official.Bonus > 0)
        {
            document.Paragraph($"核定加分{ReportText.N(official.Bonus)}分，已计入总分。");
        }

        foreach (var veto in official.Vetoes)
        {
            document.Paragraph($"实地评估认定存在否决情形“{veto.Name}”（{veto.Code}）：{SelfAssessmentReport.VetoText(veto)}。");
        }

        if (model.Previous is { } previous)
        {
            document.Paragraph(PreviousText(previous));
        }

        if (model.Standing?.ConsecutiveRed == true)
        {
            // The previous campaign the unit took part in, whatever the gap in years (see CampaignScoring).
            document.Paragraph("该单位上一次评估结果亦列入红榜，为连续两次列入红榜。");
        }

        if (model.ReviewSummary is { Length: > 0 } summary)
        {
            document.Labelled("评估组意见：", summary);
        }
    }

    private static string CategoryName(string category) => category.Length == 0 ? "同类" : category + "类";

    private static void Dimensions(ReportDocument document, EvaluationReportModel model)
    {
        var self = model.Self.Dimensions.ToDictionary(d => d.Code, StringComparer.Ordinal);
        var official = model.Official.Dimensions;
        if (official.Count > 0)
        {
            var highest = official.MaxBy(d => d.ScoreRate)!;
            var lowest = official.MinBy(d => d.ScoreRate)!;
            document.Paragraph(official.Count == 1
                ? $"{highest.Name}核定得分率为{ReportText.Percent(highest.ScoreRate)}。"
                : $"各一级指标中，核定得分率最高的是{highest.Name}（{ReportText.Percent(highest.ScoreRate)}），最低的是{lowest.Name}（{ReportText.Percent(lowest.ScoreRate)}）。");
        }

        document.Caption("表1　各一级指标自评与核定得分");
        var table = new ReportTable(
            new ReportColumn("一级指标", 8, CellAlign.Left),
            new ReportColumn("分值", 3),
            new ReportColumn("自评得分", 3),
            new ReportColumn("核定得分", 3),
            new ReportColumn("偏差", 3),
            new ReportColumn("自评得分率", 4),
            new ReportColumn("核定得分率", 4));
        foreach (var dimension in official)
        {
            var mine = self.GetValueOrDefault(dimension.Code);
            table.Row(dimension.Name, ReportText.N(dimension.MaxPoints), ReportText.N(mine?.Score), ReportText.N(dimension.Score),
                ReportText.Signed(mine is null ? null : mine.Score - dimension.Score), ReportText.Percent(mine?.ScoreRate), ReportText.Percent(dimension.ScoreRate));
        }

        if (model.Official.Bonus > 0 || model.Self.Bonus > 0)
        {
            table.Row("加分项", "—", ReportText.N(model.Self.Bonus), ReportText.N(model.Official.Bonus), ReportText.Signed(model.Self.Bonus - model.Official.Bonus), "—", "—");
        }

        table.TotalRow("合计", ReportText.N(model.Official.MaxTotal), ReportText.N(model.Self.Total), ReportText.N(model.Official.Total),
            ReportText.Signed(model.Self.Total - model.Official.Total), ReportText.Percent(model.Self.ScoreRate), ReportText.Percent(model.Official.ScoreRate));
        document.Table(table);

        if (model.Previous is { } previous)
        {
            Comparison(document, previous);
        }

        if (official.Count >= 3)
        {
            document.Caption(model.Previous is null ? "图1　各一级指标得分率（%）" : "图1　各一级指标得分率与上次评估比较（%）");
            document.RadarChart(Radar(model));
        }
    }

    /// <summary>The total against the previous campaign's, in one sentence.</summary>
    private static string PreviousText(ReportPrevious previous)
    {
        var c = previous.Comparison;
        var text = $"与上次评估（{previous.CampaignName}）相比，核定得分由{ReportText.N(c.PreviousTotal)}分（满分{ReportText.N(c.PreviousMaxTotal)}分）变为{ReportText.N(c.Total)}分，"
            + $"得分率由{ReportText.Percent(c.PreviousScoreRate)}变为{ReportText.Percent(c.ScoreRate)}，{Trend(c.ScoreRateChange)}";
        text += previous.Grade is { } grade ? $"；上次评估等次为{grade}" : "";
        text += previous.Board is { } board ? $"，列入{ReportText.Board(board)}" : "";
        return text + "。";
    }

    private static string Trend(decimal change) => change switch
    {
        > 0 => $"上升{ReportText.N(change)}个百分点",
        < 0 => $"下降{ReportText.N(-change)}个百分点",
        _ => "保持不变",
    };

    /// <summary>Each current dimension's score rate against the previous campaign's, through the indicator mapping.</summary>
    private static void Comparison(ReportDocument document, ReportPrevious previous)
    {
        var c = previous.Comparison;
        document.Caption("表2　各一级指标得分率与上次评估比较");
        var table = new ReportTable(
            new ReportColumn("一级指标", 10, CellAlign.Left),
            new ReportColumn("上次得分率", 6),
            new ReportColumn("本次得分率", 6),
            new ReportColumn("变化（百分点）", 6));
        foreach (var dimension in c.Dimensions)
        {
            table.Row(dimension.Name, dimension.PreviousScoreRate is { } before ? ReportText.Percent(before) : "—（新增）",
                ReportText.Percent(dimension.ScoreRate), ReportText.Signed(dimension.ScoreRateChange));
        }

        table.TotalRow("总分", ReportText.Percent(c.PreviousScoreRate), ReportText.Percent(c.ScoreRate), ReportText.Signed(c.ScoreRateChange));
        document.Table(table);

        var compared = c.Indicators.Where(i => i.ScoreRateChange is not null).ToList();
        var text = $"按指标对应关系，本次{c.Indicators.Count}项末级指标中{compared.Count}项与上次可比，"
            + $"其中得分率上升{compared.Count(i => i.ScoreRateChange > 0)}项、下降{compared.Count(i => i.ScoreRateChange < 0)}项、持平{compared.Count(i => i.ScoreRateChange == 0)}项";
        var added = c.Indicators.Count(i => i.Status == ChangeStatus.Unmapped);
        text += added > 0 ? $"；新增（无对应）指标{added}项" : "";
        var dropped = c.Dropped.Where(d => !d.IsDimension).ToList();
        text += dropped.Count > 0 ? $"；上次的{string.Join("、", dropped.Take(5).Select(d => $"{d.Name}（{d.Code}）"))}{(dropped.Count > 5 ? "等" : "")}{dropped.Count}项指标本次已撤销或无对应指标，未纳入比较" : "";
        document.Paragraph(text + "。");
        if (previous.MappingUnconfirmed)
        {
            document.Paragraph("注：两次评估所用指标体系版本之间的对应关系尚未经评估办公室确认，以上比较按指标编码自动对应，仅供参考。");
        }
    }

    /// <summary>
    /// One spoke per dimension: with a previous campaign, its score rates (through the mapping; a gap where a dimension
    /// has no predecessor) against this campaign's official ones; otherwise the self against the official rates.
    /// </summary>
    internal static RadarChartSpec Radar(EvaluationReportModel model)
    {
        var official = model.Official.Dimensions;
        if (model.Previous is { } previous)
        {
            var before = previous.Comparison.Dimensions.ToDictionary(d => d.Code, d => d.PreviousScoreRate, StringComparer.Ordinal);
            var rates = official.Select(d => d.ScoreRate).Concat(before.Values.OfType<decimal>());
            return new RadarChartSpec(
                $"{model.Unit.Name}各一级指标得分率与上次评估比较雷达图",
                [.. official.Select(d => d.Name)],
                [
                    new ChartSeries($"上次评估（{previous.Year}年度）", [.. official.Select(d => before.GetValueOrDefault(d.Code))], "7F7F7F", C.MarkerStyleValues.Square) { Dashed = true },
                    new ChartSeries($"本次评估（{model.Campaign.Year}年度）", [.. official.Select(d => (decimal?)d.ScoreRate)], "C00000", C.MarkerStyleValues.Circle),
                ])
            { Maximum = AxisMaximum(rates) };
        }

        var self = model.Self.Dimensions.ToDictionary(d => d.Code, StringComparer.Ordinal);
        return new RadarChartSpec(
            $"{model.Unit.Name}各一级指标自评与核定得分率雷达图",
            [.. official.Select(d => d.Name)],
            [
                new ChartSeries("自评得分率", [.. official.Select(d => (decimal?)(self.GetValueOrDefault(d.Code)?.ScoreRate ?? 0m))], "4472C4", C.MarkerStyleValues.Square),
                new ChartSeries("核定得分率", [.. official.Select(d => (decimal?)d.ScoreRate)], "C00000", C.MarkerStyleValues.Circle),
            ])
        { Maximum = AxisMaximum(official.Select(d => d.ScoreRate).Concat(self.Values.Select(d => d.ScoreRate))) };
    }

    /// <summary>100, or the next multiple of 20 above the highest rate (bonus can take a rate past 100%).</summary>
    private static decimal AxisMaximum(IEnumerable<decimal> rates) => Math.Max(100m, Math.Ceiling(rates.DefaultIfEmpty(0).Max() / 20m) * 20m);

    private static void Leaf(ReportDocument document, LeafScore? self, LeafScore? official, ReportReviewNote? note)
    {
        if (official is not null)
        {
            if (official.Role == LeafRole.Veto)
            {
                document.Labelled("核实情况：", $"单位自评{Finding(self?.Finding)}，核定{Finding(official.Finding)}。");
            }
            else
            {
                var selfValue = self?.Value;
                document.Labelled("得分：", $"自评得分{ReportText.N(selfValue)}分；核定得分{ReportText.N(official.Value)}分；偏差{ReportText.Signed(selfValue - official.Value)}分。");
            }

            if (official.Explanation.Length > 0)
            {
                document.Labelled("计分说明：", official.Explanation);
            }
        }

        if (note?.Comment is { Length: > 0 } comment)
        {
            document.Labelled("评估意见：", comment);
        }

        foreach (var problem in note?.Problems ?? [])
        {
            document.Labelled("发现问题：", Sentence(problem.Description) + (problem.Requirement is { Length: > 0 } requirement ? "整改要求：" + Sentence(requirement) : ""));
        }
    }

    private static string Finding(bool? finding) => finding switch
    {
        true => "存在否决情形",
        false => "不存在否决情形",
        null => "未作判断",
    };

    private static void Problems(ReportDocument document, EvaluationReportModel model)
    {
        var problems = model.Framework.Leaves()
            .SelectMany(l => (model.Review.GetValueOrDefault(l.Node.Code)?.Problems ?? []).Select(p => (Leaf: l.Node, Problem: p)))
            .ToList();
        if (problems.Count == 0)
        {
            document.Paragraph("实地评估未发现需要整改的问题。");
            return;
        }

        document.Paragraph($"实地评估共发现问题{problems.Count}个，请对照整改要求逐项整改，建立整改台账，整改完成后报评估办公室核实销号。");
        var n = 0;
        foreach (var (leaf, problem) in problems)
        {
            n++;
            var category = problem.Category is { Length: > 0 } c ? $"【{c}】" : "";
            document.Paragraph($"{n}.{category}{leaf.Name}（{leaf.Code}）：{Sentence(problem.Description)}"
                + (problem.Requirement is { Length: > 0 } requirement ? "整改要求：" + Sentence(requirement) : "整改要求：对照评估意见限期整改。"));
        }
    }

    /// <summary>Text ending in a full stop (the reviewers' text may or may not have one).</summary>
    internal static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || "。！？；.!?".Contains(trimmed[^1], StringComparison.Ordinal) ? trimmed : trimmed + "。";
    }

    private static void Application(ReportDocument document, EvaluationReportModel model)
    {
        if (model.Standing is not { } standing)
        {
            document.Paragraph("该单位尚未参加排名，暂不确定评估等次。");
            return;
        }

        if (standing.Grade is { } grade)
        {
            document.Paragraph($"根据评估结果，{model.Unit.Name}评估等次为{grade}。" + ResultsApplication.ForGrade(model.Campaign.Grades, grade));
        }
        else
        {
            document.Paragraph("评估等次待评估办公室核定等次标准后确定。");
        }

        if (standing.Board is { } board)
        {
            document.Paragraph($"在{CategoryName(standing.BoardCategory)}部门（单位）中列入{ReportText.Board(board)}。" + ResultsApplication.ForBoard(board, standing.ConsecutiveRed));
        }

        if (model.Stage != EvaluationStage.Final)
        {
            document.Paragraph("以上结果在评估结果定档前可能调整，以定档结果为准。");
        }
    }
}
