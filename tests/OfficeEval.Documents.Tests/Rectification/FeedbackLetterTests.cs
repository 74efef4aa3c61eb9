using System.Globalization;
using DocumentFormat.OpenXml.Validation;
using OfficeEval.Documents.Rectification;
using OfficeEval.Documents.Tests.Reports;
using OfficeEval.Documents.Tests.Support;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OfficeEval.Documents.Tests.Rectification;

/// <summary>
/// The feedback letter read back from its XML: 版头, title, 主送, the problems by category with requirement and
/// deadline, the general requirements, 落款, 附注 and 版记. The page, styles, fonts, page numbers, validity and golden
/// parts are checked with the reports (it is one of <c>Reports.Names</c>).
/// </summary>
public sealed class FeedbackLetterTests
{
    [Fact]
    public void Write_Letter_MastheadIssuerInRedXiaobiaosong35mmDownNumberAndRedRuleUnderIt()
    {
        using var letter = Open(LetterSamples.Letter());
        var paragraphs = letter.Body.Elements<W.Paragraph>().ToList();

        var issuer = paragraphs[0];
        Assert.Equal("市委机构编制委员会办公室", issuer.InnerText);
        Assert.Equal(ReportLayoutTests.Mm(35), int.Parse(issuer.ParagraphProperties!.SpacingBetweenLines!.Before!.Value!, CultureInfo.InvariantCulture));
        Assert.Equal(W.JustificationValues.Center, issuer.ParagraphProperties.Justification!.Val!.Value);
        var run = issuer.Elements<W.Run>().Single().RunProperties!;
        Assert.Equal(("方正小标宋简体", "FF0000"), (run.RunFonts!.EastAsia!.Value, run.Color!.Val!.Value));
        // 12 characters of 36 pt fit the 156 mm text block on one line.
        Assert.Equal("72", run.FontSize!.Val!.Value);
        // 发文字号 two lines under the issuer, centred, with the red rule below it.
        Assert.Equal(["", ""], paragraphs[1..3].Select(p => p.InnerText));
        var number = paragraphs[3];
        Assert.Equal("市编办函〔2027〕3号", number.InnerText);
        var rule = number.ParagraphProperties!.ParagraphBorders!.BottomBorder!;
        Assert.Equal((W.BorderValues.Single, "FF0000"), (rule.Val!.Value, rule.Color!.Value));
        // The title two lines under the rule.
        Assert.Equal(["", ""], paragraphs[4..6].Select(p => p.InnerText));
        Assert.Equal("Title", paragraphs[6].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal("关于反馈2026年度机构编制执行情况和使用效益评估发现问题及整改意见的函", paragraphs[6].InnerText);
    }

    [Fact]
    public void Write_LongIssuer_SetSmallerToFitOneLine()
    {
        var campaign = LetterSamples.Letter().Campaign with { Issuer = "中共某某省某某市某某县委机构编制委员会办公室" };

        using var letter = Open(LetterSamples.Letter() with { Campaign = campaign });

        // 22 characters: 8,845 twips ÷ 22 = 402 twips a character, 20 pt (40 half-points).
        Assert.Equal("40", letter.Body.Elements<W.Paragraph>().First().Descendants<W.FontSize>().Single().Val!.Value);
    }

    [Fact]
    public void Write_NoIssuerNoNumber_StartsWithTheTitle()
    {
        var campaign = LetterSamples.Letter().Campaign with { Issuer = "" };

        using var letter = Open(LetterSamples.Letter() with { Campaign = campaign, DocumentNumber = null });

        Assert.Equal("Title", letter.Body.Elements<W.Paragraph>().First().ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Contains("书面报送评估办公室", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Letter_AddresseeFlushLeftAfterABlankLineEndingInAColon()
    {
        using var letter = Open(LetterSamples.Letter());
        var paragraphs = letter.Body.Elements<W.Paragraph>().ToList();
        var title = paragraphs.FindIndex(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Title");

        Assert.Equal("", paragraphs[title + 1].InnerText);
        var addressee = paragraphs[title + 2];
        Assert.Equal("市发展和改革委员会：", addressee.InnerText);
        Assert.Equal(("0", 0), (addressee.ParagraphProperties!.Indentation!.FirstLine!.Value, addressee.ParagraphProperties.Indentation.FirstLineChars!.Value));
    }

    [Fact]
    public void Write_Letter_OutcomeWithScoreGradeAndTheCategoriesConcerned()
    {
        using var letter = Open(LetterSamples.Letter());

        Assert.Contains("你单位核定得分为86.5分（满分100分），评估等次为B。评估共发现需要整改的问题5个，涉及职责履行、机构设置、编制使用、档案管理等方面。", letter.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "你单位评估结果待定档后另行通知。")]
    [InlineData("C", null, "你单位评估等次为C。")]
    [InlineData(null, "71", "你单位核定得分为71分（满分100分）。")]
    public void Write_PartialOutcome_SaysWhatIsKnown(string? grade, string? total, string expected)
    {
        var model = LetterSamples.NoProblems() with { Grade = grade, Total = total is null ? null : decimal.Parse(total, CultureInfo.InvariantCulture) };

        using var letter = Open(model);

        Assert.Contains(expected, letter.Text.Split('\n'));
    }

    [Fact]
    public void Write_Letter_ProblemsByCategoryInTheLedgersOrderEachWithRequirementAndDeadline()
    {
        using var letter = Open(LetterSamples.Letter());
        var lines = letter.Text.Split('\n').ToList();

        var headings = letter.Body.Elements<W.Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is "Heading1" or "Heading2").Select(p => p.InnerText);
        Assert.Equal(
            ["一、评估结果", "二、发现的主要问题及整改意见", "（一）职责履行方面", "（二）机构设置方面", "（三）编制使用方面", "（四）档案管理方面", "三、整改工作要求"],
            headings);
        var first = lines.IndexOf("（一）职责履行方面");
        Assert.Equal(
        [
            "1.年度重点工作任务中有2项未按期完成。（指标：1.1.1 重点工作任务完成情况）",
            "整改要求：制定任务清单，按月调度，确保完成。",
            "整改时限：2027年3月31日前。",
            "2.督办事项1件未按期办结。（指标：1.1.2）",
            "整改要求：限期办结并建立督办台账。",
            "整改时限：2027年2月28日前。",
        ], lines.Skip(first + 1).Take(6));
        // A problem without an indicator or a requirement, and a sentence without its full stop.
        Assert.Equal(["1.存在借调下级单位人员长期在岗的情况。", "整改要求：清理借调人员，建立借调审批制度。"], lines.Skip(lines.IndexOf("（三）编制使用方面") + 1).Take(2));
        Assert.Equal("整改要求：对照评估意见限期整改。", lines[lines.IndexOf("1.机构编制档案不完整。") + 1]);
    }

    [Fact]
    public void Write_Letter_RequirementsWithTheReportDeadlineAndClosing()
    {
        using var letter = Open(LetterSamples.Letter());

        Assert.Contains("2.按时报送整改情况。请于2027年4月30日前将整改情况书面报送市委机构编制委员会办公室，并在评估系统中逐项提交整改情况和佐证材料。", letter.Text.Split('\n'));
        Assert.Contains("整改完成的问题经核验属实后予以销号", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Letter_SignedAndDatedThenTheContactAsANote()
    {
        using var letter = Open(LetterSamples.Letter());
        var paragraphs = letter.Body.Elements<W.Paragraph>().ToList();
        var signature = paragraphs.FindIndex(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Signature");

        Assert.Equal(["市委机构编制委员会办公室", "2027年1月15日", "（联系人：刘洋；联系电话：0531-86000000）"], paragraphs.Skip(signature).Take(3).Select(p => p.InnerText));
    }

    [Fact]
    public void Write_Letter_ColophonFloatsAtTheFootBetweenThickRulesWithAThinOneBetween()
    {
        using var letter = Open(LetterSamples.Letter());

        var table = letter.Body.Elements<W.Table>().Last();
        var position = table.GetFirstChild<W.TableProperties>()!.TablePositionProperties!;
        Assert.Equal((W.VerticalAnchorValues.Margin, W.VerticalAlignmentValues.Bottom), (position.VerticalAnchor!.Value, position.TablePositionYAlignment!.Value));
        var borders = table.GetFirstChild<W.TableProperties>()!.TableBorders!;
        Assert.Equal((8U, 8U, 6U), (borders.TopBorder!.Size!.Value, borders.BottomBorder!.Size!.Value, borders.InsideHorizontalBorder!.Size!.Value));
        Assert.Null(borders.LeftBorder);
        // The width of the 156 mm text block, to the twip the margins' rounding allows.
        var width = int.Parse(table.Descendants<W.GridColumn>().Single().Width!.Value!, CultureInfo.InvariantCulture);
        Assert.InRange(width - ReportLayoutTests.Mm(156), -1, 1);
        var rows = table.Elements<W.TableRow>().Select(r => r.InnerText).ToList();
        Assert.Equal(["抄送：市委办公室，市政府办公室。", "市委机构编制委员会办公室2027年1月15日印发"], rows);
        // 4号, one character in from either side; the date pushed right by a right tab one character in.
        Assert.All(table.Descendants<W.FontSize>(), size => Assert.Equal("28", size.Val!.Value));
        var printed = table.Elements<W.TableRow>().Last().Descendants<W.Paragraph>().Single();
        Assert.Equal(("280", "280"), (printed.ParagraphProperties!.Indentation!.Left!.Value, printed.ParagraphProperties.Indentation.Right!.Value));
        Assert.Equal(width - 280, printed.Descendants<W.TabStop>().Single().Position!.Value);
        Assert.Single(printed.Descendants<W.TabChar>());
        // Word needs a paragraph after the table, last in the body.
        Assert.IsType<W.Paragraph>(letter.Body.Elements().Reverse().Skip(1).First());
    }

    [Fact]
    public void Write_NoCopyTo_ColophonHasOnlyThePrintingLine()
    {
        using var letter = Open(LetterSamples.Letter() with { CopyTo = [], PrintedOn = new DateOnly(2027, 1, 16) });

        Assert.Equal(["市委机构编制委员会办公室2027年1月16日印发"], letter.Body.Elements<W.Table>().Last().Elements<W.TableRow>().Select(r => r.InnerText));
    }

    [Fact]
    public void Write_NoProblems_SaysSoAndAsksToKeepItUp()
    {
        using var letter = Open(LetterSamples.NoProblems());
        var lines = letter.Text.Split('\n');

        Assert.Contains("你单位核定得分为95分（满分100分），评估等次为A。", lines);
        Assert.Contains("经评估，未发现需要整改的问题。", lines);
        Assert.Contains("三、有关要求", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("整改时限", StringComparison.Ordinal));
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(letter.Document));
    }

    [Fact]
    public void Write_TextWithControlCharacters_ValidWithTheCharactersLeftOut()
    {
        var problem = new FeedbackProblem("编制使用", "借调\u0001人员\r\n长期在岗", "清理\u0007借调人员", new DateOnly(2027, 3, 15));

        using var letter = Open(LetterSamples.Letter() with { Problems = [problem], CopyTo = ["市委\u0002办公室"] });

        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(letter.Document));
        var lines = letter.Text.Split('\n');
        Assert.Contains("1.借调人员", lines);
        Assert.Contains("长期在岗。", lines);
        Assert.Contains("整改要求：清理借调人员。", lines);
        Assert.Contains("抄送：市委办公室。", lines);
    }

    [Fact]
    public void Write_OwnTitle_UsedInTheDocumentAndItsProperties()
    {
        using var letter = Open(LetterSamples.Letter() with { Title = "关于反馈评估发现问题的函" });

        Assert.Contains("关于反馈评估发现问题的函", letter.Text.Split('\n'));
        Assert.Equal("关于反馈评估发现问题的函", letter.Document.PackageProperties.Title);
    }

    private static GeneratedReport Open(FeedbackLetterModel model) => new(LetterSamples.Write(model));
}
