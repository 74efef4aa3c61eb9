using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Api.Features.Results;
using OfficeEval.Core.Results;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Api.Features.Jobs;

/// <summary>
/// THE INTERIM RENDERER of report batches: a one-page 评估报告 per unit — title, unit and campaign, the official
/// total, score rate, rank, grade and board, and a table of the dimensions' scores — so that batches produce real
/// Word documents today. It is not the GB/T 9704 evaluation report: that one is built in OfficeEval.Documents and
/// replaces this class by changing the one registration of <see cref="IUnitReportRenderer"/> in Program.cs.
/// <para>
/// Scoped to a job: the campaign is scored once, on the first unit, and every unit's page is cut from those scores
/// (scoring per unit would score the whole campaign once for each of its units).
/// </para>
/// </summary>
public sealed class SimpleEvaluationReport(CampaignScoring scoring) : IUnitReportRenderer
{
    private const string BodyFont = "仿宋";
    private const string TitleFont = "宋体";

    private CampaignScores? _scores;

    public async Task RenderAsync(Guid campaignId, Guid unitId, Stream output, CancellationToken cancellationToken)
    {
        if (_scores is null || _scores.Campaign.Id != campaignId)
        {
            _scores = await scoring.ScoreAsync(campaignId, null, cancellationToken)
                ?? throw new InvalidOperationException($"找不到评估批次 {campaignId}。");
        }

        var unit = _scores.Units.FirstOrDefault(u => u.Unit.Id == unitId)
            ?? throw new InvalidOperationException($"单位 {unitId} 不在该评估批次中。");
        Write(_scores, unit, output);
    }

    private static void Write(CampaignScores scores, UnitScores unit, Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new W.Body(
            Paragraph("评估报告", TitleFont, 44, bold: true, W.JustificationValues.Center, spaceAfter: 240),
            Paragraph(unit.Unit.Name, BodyFont, 32, bold: false, W.JustificationValues.Center, spaceAfter: 120),
            Paragraph(scores.Campaign.Name, BodyFont, 28, bold: false, W.JustificationValues.Center, spaceAfter: 480));

        if (unit.Official is not { } official)
        {
            body.Append(Paragraph("该单位尚未开展自评，暂无评估结果。", BodyFont, 32, bold: false, W.JustificationValues.Left, spaceAfter: 240));
        }
        else
        {
            body.Append(
                Paragraph(Summary(scores, unit, official), BodyFont, 32, bold: false, W.JustificationValues.Both, spaceAfter: 240, firstLineChars: 200),
                Table(unit, official));
        }

        body.Append(new W.SectionProperties(
            new W.PageSize { Width = 11906U, Height = 16838U },
            new W.PageMargin { Top = 2098, Bottom = 1984, Left = 1587U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U }));
        main.Document = new W.Document(body);
    }

    private static string Summary(CampaignScores scores, UnitScores unit, UnitScore official)
    {
        var scored = scores.Units.Count(u => u.Official is not null);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"经评估，{unit.Unit.Name}总得分 {official.Total:0.##} 分（满分 {official.MaxTotal:0.##} 分），得分率 {official.ScoreRate:0.##}%，在 {scored} 个参评单位中排名第 {unit.Rank}");
        if (unit.Grade is { } grade)
        {
            text += $"，评估等次为“{grade.Grade}”";
        }

        if (unit.Board is { } board)
        {
            text += $"，列入{BoardName(board.Board)}";
        }

        if (official.Vetoed)
        {
            text += "；因存在一票否决事项，总分记为零";
        }

        if (unit.Self is { } self)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"。单位自评 {self.Total:0.##} 分，自评偏差 {self.Total - official.Total:+0.##;-0.##;0} 分");
        }

        return text + "。";
    }

    private static W.Table Table(UnitScores unit, UnitScore official)
    {
        var border = new W.TableBorders(
            new W.TopBorder { Val = W.BorderValues.Single, Size = 4U },
            new W.LeftBorder { Val = W.BorderValues.Single, Size = 4U },
            new W.BottomBorder { Val = W.BorderValues.Single, Size = 4U },
            new W.RightBorder { Val = W.BorderValues.Single, Size = 4U },
            new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4U },
            new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4U });
        var table = new W.Table(
            new W.TableProperties(new W.TableWidth { Width = "5000", Type = W.TableWidthUnitValues.Pct }, new W.TableJustification { Val = W.TableRowAlignmentValues.Center }, border),
            new W.TableGrid(new W.GridColumn { Width = "3400" }, new W.GridColumn { Width = "1300" }, new W.GridColumn { Width = "1300" }, new W.GridColumn { Width = "1300" }, new W.GridColumn { Width = "1500" }),
            Row(true, "一级指标", "分值", "得分", "得分率", "自评得分"));
        foreach (var dimension in official.Dimensions)
        {
            var self = unit.Self?.Dimensions.FirstOrDefault(d => d.Code == dimension.Code);
            table.Append(Row(false, dimension.Name, Number(dimension.MaxPoints), Number(dimension.Score), Percent(dimension.ScoreRate), self is null ? "" : Number(self.Score)));
        }

        if (official.Bonus != 0)
        {
            table.Append(Row(false, "加分", "", Number(official.Bonus), "", ""));
        }

        table.Append(Row(true, "合计", Number(official.MaxTotal), Number(official.Total), Percent(official.ScoreRate), unit.Self is { } s ? Number(s.Total) : ""));
        return table;
    }

    private static W.TableRow Row(bool bold, params string[] cells) =>
        new(cells.Select((text, i) => new W.TableCell(
            new W.TableCellProperties(new W.TableCellVerticalAlignment { Val = W.TableVerticalAlignmentValues.Center }),
            Paragraph(text, TitleFont, 24, bold, i == 0 ? W.JustificationValues.Left : W.JustificationValues.Center, spaceAfter: 0))));

    private static W.Paragraph Paragraph(string text, string font, int halfPoints, bool bold, W.JustificationValues justification, int spaceAfter, int firstLineChars = 0)
    {
        var properties = new W.ParagraphProperties(
            new W.SpacingBetweenLines { After = spaceAfter.ToString(CultureInfo.InvariantCulture), Line = "360", LineRule = W.LineSpacingRuleValues.Auto });
        if (firstLineChars > 0)
        {
            properties.Append(new W.Indentation { FirstLineChars = firstLineChars });
        }

        properties.Append(new W.Justification { Val = justification });
        var run = new W.RunProperties(new W.RunFonts { Ascii = font, HighAnsi = font, EastAsia = font });
        if (bold)
        {
            run.Append(new W.Bold());
        }

        run.Append(new W.FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        return new W.Paragraph(properties, new W.Run(run, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string BoardName(Board board) => board switch
    {
        Board.Green => "绿榜",
        Board.Yellow => "黄榜",
        Board.Red => "红榜",
    };
}
