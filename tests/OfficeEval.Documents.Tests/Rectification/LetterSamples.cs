using OfficeEval.Documents.Rectification;
using OfficeEval.Documents.Tests.Support;
using T = OfficeEval.Documents.Rectification.RectificationTexts;

namespace OfficeEval.Documents.Tests.Rectification;

/// <summary>
/// Feedback letters to 市发展和改革委员会 on the report samples' campaign: five problems in four categories (given out of
/// the letter's order, one of them in a category of the reviewers' own), score, grade, contact and 抄送; and one with
/// no problems.
/// </summary>
internal static class LetterSamples
{
    public static readonly DateOnly Issued = new(2027, 1, 15);

    public static FeedbackLetterModel Letter() => new(ReportSamples.Campaign, ReportSamples.Unit, Issued, new DateOnly(2027, 4, 30))
    {
        DocumentNumber = "市编办函〔2027〕3号",
        Total = 86.5m,
        MaxTotal = 100m,
        Grade = "B",
        Problems =
        [
            new(T.Staffing, "存在借调下级单位人员长期在岗的情况", "清理借调人员，建立借调审批制度", new DateOnly(2027, 3, 15)),
            new(T.DutyPerformance, "年度重点工作任务中有2项未按期完成。", "制定任务清单，按月调度，确保完成。", new DateOnly(2027, 3, 31))
            {
                IndicatorCode = "1.1.1",
                IndicatorName = "重点工作任务完成情况",
            },
            new("档案管理", "机构编制档案不完整。", "", new DateOnly(2027, 5, 31)),
            new(T.Structure, "1个内设机构名称与“三定”规定不一致。", "按“三定”规定规范内设机构名称。", new DateOnly(2027, 5, 31)) { IndicatorCode = "2.1", IndicatorName = "内设机构设置规范性" },
            new(T.DutyPerformance, "督办事项1件未按期办结。", "限期办结并建立督办台账。", new DateOnly(2027, 2, 28)) { IndicatorCode = "1.1.2" },
        ],
        ContactPerson = "刘洋",
        ContactPhone = "0531-86000000",
        CopyTo = ["市委办公室", "市政府办公室"],
    };

    public static FeedbackLetterModel NoProblems() => Letter() with { Problems = [], Grade = "A", Total = 95m };

    public static byte[] Write(FeedbackLetterModel model) => GeneratedReport.Write(stream => FeedbackLetter.Write(model, stream));
}
