using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Results;

namespace OfficeEval.Documents.Reports;

/// <summary>
/// The campaign's summary report (综合评估情况报告), in GB/T 9704 format, laid out as the Liaoning pilot reported:
/// the units and stages; the average score and score rate overall and per dimension; the distribution over score-rate
/// bands and grades; the ranking; the boards per category; the common problems by category and indicator; and how the
/// results are to be applied per grade and board.
/// </summary>
public static class SummaryReport
{
    private static readonly string[] KindOrder =
        [.. Enum.GetValues<UnitKind>().Select(UnitKinds.NameZh)];

    /// <summary>Writes the report of <paramref name="model"/> as .docx to <paramref name="output"/>.</summary>
    public static void Write(SummaryReportModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        var title = $"{model.Campaign.Name}综合评估情况报告";
        using var document = ReportDocument.Create(output, title, model.IssuedOn);
        document.Title(model.Campaign.Name + "\n综合评估情况报告");
        document.Subtitle(EvaluationReport.StageText(model.Stage));
        document.Blank();

        var ranked = model.Units.Where(u => u.Standing is not null).OrderBy(u => u.Standing!.Rank).ThenBy(u => u.Unit.Code, StringComparer.Ordinal).ToList();

        document.Heading(1, "一、评估工作基本情况");
        Overview(document, model);

        document.Heading(1, "二、评估结果总体情况");
        Results(document, model, ranked);

        document.Heading(1, "三、排名情况");
        Ranking(document, model, ranked);

        document.Heading(1, "四、红黄绿榜");
        Boards(document, ranked);

        document.Heading(1, "五、存在的主要问题");
        CommonProblems(document, model);

        document.Heading(1, "六、评估结果运用建议");
        Application(document, model, ranked);

        document.Signature(model.Campaign.Issuer, model.IssuedOn);
    }

    private static void Overview(ReportDocument document, SummaryReportModel model)
    {
        var units = model.Units;
        var kinds = units.GroupBy(u => u.Unit.Kind ?? "其他")
            .OrderBy(g => Array.IndexOf(KindOrder, g.Key) is var i and >= 0 ? i : KindOrder.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}{g.Count()}个")
            .ToList();
        document.Paragraph($"{model.Campaign.Name}共有{units.Count}个部门（单位）参加评估" + (kinds.Count > 0 ? "，其中，" + string.Join("、", kinds) : "") + "。");

        if (model.Campaign.Stages.Count > 0)
        {
            document.Paragraph("评估工作分" + ReportText.Chinese(model.Campaign.Stages.Count) + "个阶段进行："
                + string.Join("；", model.Campaign.Stages.Select(s => $"{s.Name}（{ReportText.Date(s.Due)}前完成）")) + "。");
        }

        var statuses = units.GroupBy(u => u.Status).Select(g => $"{g.Key}{g.Count()}个").ToList();
        if (statuses.Count > 0)
        {
            document.Paragraph("截至本报告形成时，各部门（单位）评估进度为：" + string.Join("、", statuses) + "。");
        }

        var problems = model.Problems.Count;
        if (problems > 0)
        {
            document.Paragraph($"实地评估中共发现问题{problems}个，涉及{model.Problems.Select(p => p.UnitName).Distinct(StringComparer.Ordinal).Count()}个部门（单位）。");
        }
    }

    private static void Results(ReportDocument document, SummaryReportModel model, List<SummaryUnit> ranked)
    {
        var statistics = model.Statistics;
        if (statistics.UnitCount == 0)
        {
            document.Paragraph("目前尚无部门（单位）取得评估得分。");
            return;
        }

        var dimensions = statistics.Dimensions.Select(d => $"{d.Name}平均得分率为{ReportText.Percent(d.AverageScoreRate)}").ToList();
        document.Paragraph($"{statistics.UnitCount}个部门（单位）核定平均得分为{ReportText.N(statistics.AverageTotal)}分（满分{ReportText.N(model.MaxTotal)}分），"
            + $"平均得分率为{ReportText.Percent(statistics.AverageScoreRate)}" + (dimensions.Count > 0 ? "，其中，" + string.Join("；", dimensions) : "") + "。");

        document.Caption("表1　各一级指标平均得分情况");
        var table = new ReportTable(
            new ReportColumn("一级指标", 9, CellAlign.Left),
            new ReportColumn("参评单位数", 3),
            new ReportColumn("平均得分", 3),
            new ReportColumn("平均得分率", 3));
        foreach (var dimension in statistics.Dimensions)
        {
            table.Row(dimension.Name, dimension.UnitCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportText.N(dimension.AverageScore), ReportText.Percent(dimension.AverageScoreRate));
        }

        table.TotalRow("总分", statistics.UnitCount.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportText.N(statistics.AverageTotal), ReportText.Percent(statistics.AverageScoreRate));
        document.Table(table);

        var bands = statistics.Distribution.Where(b => b.Count > 0).Select(b => $"得分率{b.Label}的{b.Count}个").ToList();
        document.Paragraph("从得分率分布看，" + string.Join("，", bands) + "。");
        document.Caption("表2　得分率分布");
        var distribution = new ReportTable(new ReportColumn("得分率区间", 6), new ReportColumn("单位数", 3), new ReportColumn("占比", 3));
        foreach (var band in statistics.Distribution)
        {
            distribution.Row(band.Label, band.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportText.Percent(Core.Scoring.Score.Rate(band.Count, statistics.UnitCount)));
        }

        document.Table(distribution);

        var grades = ranked.Where(u => u.Standing!.Grade is not null).GroupBy(u => u.Standing!.Grade!)
            .OrderBy(g => model.Campaign.Grades.ToList().IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}等次{g.Count()}个")
            .ToList();
        if (grades.Count > 0)
        {
            document.Paragraph("按评估等次标准，评定" + string.Join("、", grades) + "。");
        }

        var vetoed = model.Units.Where(u => u.Vetoed).Select(u => u.Unit.Name).ToList();
        if (vetoed.Count > 0)
        {
            document.Paragraph($"因存在一票否决情形总分计为0分的有{vetoed.Count}个：{string.Join("、", vetoed)}。");
        }

        var capped = ranked.Where(u => u.Standing!.GradeBeforeVeto is not null).Select(u => $"{u.Unit.Name}（由{u.Standing!.GradeBeforeVeto}调整为{u.Standing.Grade}）").ToList();
        if (capped.Count > 0)
        {
            document.Paragraph($"因否决项调整等次的有{capped.Count}个：{string.Join("、", capped)}。");
        }
    }

    private static void Ranking(ReportDocument document, SummaryReportModel model, List<SummaryUnit> ranked)
    {
        if (ranked.Count == 0)
        {
            document.Paragraph("目前尚无部门（单位）参加排名。");
        }
        else
        {
            document.Paragraph($"按核定得分由高到低排名（同分并列），{ranked.Count}个部门（单位）排名如下。");
        }

        document.Caption("表3　评估得分排名");
        var table = new ReportTable(
            new ReportColumn("排名", 2),
            new ReportColumn("部门（单位）", 8, CellAlign.Left),
            new ReportColumn("类别", 3),
            new ReportColumn("自评得分", 3),
            new ReportColumn("核定得分", 3),
            new ReportColumn("得分率", 3),
            new ReportColumn("等次", 2),
            new ReportColumn("榜单", 2));
        foreach (var unit in ranked)
        {
            var standing = unit.Standing!;
            table.Row(
                standing.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                unit.Unit.Name,
                unit.Unit.Category ?? "—",
                ReportText.N(unit.SelfTotal),
                ReportText.N(unit.Total),
                ReportText.Percent(unit.ScoreRate),
                standing.Grade ?? "—",
                standing.Board is { } board ? new ReportCell(ReportText.Board(board), ReportText.BoardFill(board)) : "—");
        }

        foreach (var unit in model.Units.Where(u => u.Standing is null).OrderBy(u => u.Unit.Code, StringComparer.Ordinal))
        {
            table.Row("—", unit.Unit.Name, unit.Unit.Category ?? "—", "—", "—", "—", "—", unit.Status);
        }

        document.Table(table);
    }

    private static void Boards(ReportDocument document, List<SummaryUnit> ranked)
    {
        var categories = ranked.Where(u => u.Standing!.Board is not null).GroupBy(u => u.Standing!.BoardCategory).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (categories.Count == 0)
        {
            document.Paragraph("目前尚无部门（单位）列入红黄绿榜。");
            return;
        }

        document.Paragraph("按部门（单位）类别分别排名，排名靠前的列入绿榜，排名靠后的列入红榜，其余列入黄榜。");
        foreach (var category in categories)
        {
            string Names(Board board) => string.Join("、", category.Where(u => u.Standing!.Board == board).OrderBy(u => u.Standing!.CategoryRank).Select(u => u.Unit.Name));
            var green = Names(Board.Green);
            var red = Names(Board.Red);
            var name = category.Key.Length == 0 ? "未分类" : category.Key + "类";
            var yellow = category.Count(u => u.Standing!.Board == Board.Yellow);
            document.Paragraph($"{name}部门（单位）共{category.Count()}个。绿榜：{(green.Length > 0 ? green : "无")}；红榜：{(red.Length > 0 ? red : "无")}"
                + (yellow > 0 ? $"；其余{yellow}个列入黄榜。" : "。"));
        }

        var twice = ranked.Where(u => u.Standing!.ConsecutiveRed).Select(u => u.Unit.Name).ToList();
        if (twice.Count > 0)
        {
            document.Paragraph($"连续两次列入红榜的有{twice.Count}个：{string.Join("、", twice)}。");
        }
    }

    /// <summary>Problems by category, most frequent first; within a category the indicators most affected and a few examples.</summary>
    private static void CommonProblems(ReportDocument document, SummaryReportModel model)
    {
        if (model.Problems.Count == 0)
        {
            document.Paragraph("实地评估未记录需要整改的问题。");
            return;
        }

        var categories = model.Problems
            .GroupBy(p => p.Problem.Category is { Length: > 0 } c ? c : p.DimensionName)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        document.Paragraph($"实地评估共记录问题{model.Problems.Count}个，按问题类别归纳如下（未标注类别的按所属一级指标归类）。");
        var n = 0;
        foreach (var category in categories)
        {
            n++;
            var units = category.Select(p => p.UnitName).Distinct(StringComparer.Ordinal).Count();
            document.Heading(2, $"（{ReportText.Chinese(n)}）{category.Key}方面（{units}个部门〔单位〕，{category.Count()}个问题）");
            var indicators = category.GroupBy(p => (p.IndicatorCode, p.IndicatorName))
                .Select(g => (g.Key.IndicatorCode, g.Key.IndicatorName, Units: g.Select(p => p.UnitName).Distinct(StringComparer.Ordinal).Count()))
                .OrderByDescending(i => i.Units)
                .ThenBy(i => i.IndicatorCode, StringComparer.Ordinal)
                .Take(5)
                .Select(i => $"{i.IndicatorName}（{i.IndicatorCode}，{i.Units}个部门〔单位〕）");
            document.Paragraph("主要集中在" + string.Join("、", indicators) + "等指标。");
            var m = 0;
            foreach (var example in category.Take(3))
            {
                m++;
                document.Paragraph($"{m}.{example.UnitName}：{EvaluationReport.Sentence(example.Problem.Description)}"
                    + (example.Problem.Requirement is { Length: > 0 } requirement ? "整改要求：" + EvaluationReport.Sentence(requirement) : ""));
            }
        }
    }

    private static void Application(ReportDocument document, SummaryReportModel model, List<SummaryUnit> ranked)
    {
        var n = 0;
        foreach (var grade in model.Campaign.Grades)
        {
            n++;
            var units = ranked.Where(u => u.Standing!.Grade == grade).Select(u => u.Unit.Name).ToList();
            var who = units.Count == 0 ? "本次无该等次单位。" : $"本次共{units.Count}个：{string.Join("、", units)}。";
            document.Paragraph($"{n}." + ResultsApplication.ForGrade(model.Campaign.Grades, grade) + who);
        }

        n++;
        document.Paragraph($"{n}." + ResultsApplication.ForBoard(Board.Green, false) + ResultsApplication.ForBoard(Board.Red, false) + ResultsApplication.ForBoard(Board.Red, true));
        n++;
        document.Paragraph($"{n}.建立评估发现问题清单和整改台账，实行“台账销号”管理，定期跟踪问效，整改情况作为下一年度评估的重要内容。");
        if (model.Stage != EvaluationStage.Final)
        {
            document.Paragraph("以上结果在评估结果定档前可能调整，以定档结果为准。");
        }
    }
}
