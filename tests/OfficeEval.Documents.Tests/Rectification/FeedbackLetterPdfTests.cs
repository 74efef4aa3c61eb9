using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.Rectification;

/// <summary>
/// The feedback letters as LibreOffice prints them: what a reader finds on the pages. Page size, count, fonts and page
/// numbers of the sample letter are checked with the reports (<c>ReportPdfTests</c>).
/// </summary>
[Collection(LibreOffice.Collection)]
public sealed class FeedbackLetterPdfTests
{
    [LibreOfficeFact("pdftotext", "pdfinfo")]
    public void ConvertToPdf_Letter_PrintsTheMastheadProblemsDeadlinesAndColophonInOrder()
    {
        var (text, pages) = Print(LetterSamples.Write(LetterSamples.Letter()));

        Assert.Equal(3, pages);
        string[] inOrder =
        [
            "市委机构编制委员会办公室", "市编办函〔2027〕3号", "关于反馈2026年度机构编制执行情况和使用效益评估发现问题及整改意见的函", "市发展和改革委员会：",
            "你单位核定得分为86.5分（满分100分），评估等次为B。", "（一）职责履行方面", "年度重点工作任务中有2项未按期完成。", "整改时限：2027年3月31日前。",
            "（四）档案管理方面", "请于2027年4月30日前将整改情况书面报送", "2027年1月15日", "（联系人：刘洋；联系电话：0531-86000000）",
            "抄送：市委办公室，市政府办公室。", "2027年1月15日印发",
        ];
        var at = 0;
        foreach (var expected in inOrder)
        {
            var found = text.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"“{expected}” not found after position {at}.");
            at = found + expected.Length;
        }
    }

    [LibreOfficeFact("pdftotext", "pdfinfo")]
    public void ConvertToPdf_NoProblems_SaysNoneWereFoundOnTwoPages()
    {
        var (text, pages) = Print(LetterSamples.Write(LetterSamples.NoProblems()));

        Assert.Equal(2, pages);
        Assert.Contains("经评估，未发现需要整改的问题。", text, StringComparison.Ordinal);
        Assert.DoesNotContain("整改时限", text, StringComparison.Ordinal);
    }

    private static (string Text, int Pages) Print(byte[] docx)
    {
        var (text, pages) = LibreOffice.Print(docx, "letter.docx", LibreOffice.WriterPdfFilter);
        return (text, pages.Count);
    }
}
