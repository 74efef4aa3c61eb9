using OfficeEval.Documents.Rectification;
using T = OfficeEval.Documents.Rectification.RectificationTexts;

namespace OfficeEval.Documents.Tests.Rectification;

/// <summary>
/// A ledger of three units taken on 2027-04-10: items in every status, three overdue (10, 26 and 69 days), two closed
/// (one at 02:30 China Standard Time, 18:30 UTC the day before), multi-line evidence, one item without an indicator.
/// </summary>
internal static class LedgerSamples
{
    public static readonly DateOnly AsOf = new(2027, 4, 10);

    public const string Title = "2026年度机构编制执行情况和使用效益评估发现问题整改台账";

    public static LedgerDocument Ledger() => new(Title, "2026年度机构编制执行情况和使用效益评估", 2026, AsOf,
    [
        new(1, "ZF-FGW", "市发展和改革委员会", "1.1.1", "重点工作任务完成情况", T.DutyPerformance, "年度重点工作任务中有2项未按期完成。", "制定任务清单，按月调度，确保完成。",
            new DateOnly(2027, 3, 31), "张伟", T.FieldReview, T.Rectifying, 10, null, null, null),
        new(2, "ZF-FGW", "市发展和改革委员会", "2.1", "内设机构设置规范性", T.Structure, "1个内设机构名称与“三定”规定不一致。", "按“三定”规定规范内设机构名称。",
            new DateOnly(2027, 5, 31), "李娜", T.FieldReview, T.Closed, null, "已按“三定”规定调整内设机构名称。\n佐证：调整通知.pdf",
            new DateTimeOffset(2027, 4, 1, 18, 30, 0, TimeSpan.Zero), "核验属实，同意销号。"),
        new(3, "ZF-FGW", "市发展和改革委员会", null, null, T.Staffing, "存在借调下级单位人员长期在岗的情况。", "清理借调人员，建立借调审批制度。",
            new DateOnly(2027, 3, 15), null, T.Manual, T.Submitted, 26, "已退回借调人员3名。", null, null),
        new(4, "DW-ZZB", "市委组织部", "1.2", "服务对象满意度", T.OtherCategory, "服务对象满意度偏低（52%）。", "分析不满意原因，改进服务方式。",
            new DateOnly(2027, 6, 30), "王强", T.Survey, T.Open, null, null, null, null),
        new(5, "DW-ZZB", "市委组织部", "3.1", "编制台账管理", T.Management, "编制台账未及时更新。", "按月更新编制台账。",
            new DateOnly(2027, 4, 30), "赵敏", T.InitialReview, T.Rectifying, null, null, null, null),
        new(6, "XZ-CGJD", "城关街道", "2.2", "职责边界清晰度", T.Staffing, "空编未按计划使用。", "制定用编计划。",
            new DateOnly(2027, 2, 28), "孙丽", T.FieldReview, T.Closed, null, "已制定用编计划。",
            new DateTimeOffset(2027, 2, 20, 9, 0, 0, TimeSpan.FromHours(8)), "同意销号。"),
        new(7, "XZ-CGJD", "城关街道", "1.1.2", "督查督办事项办结情况", T.DutyPerformance, "督办事项1件未按期办结。", "限期办结并建立督办台账。",
            new DateOnly(2027, 1, 31), "周杰", T.FieldReview, T.Open, 69, null, null, null),
    ]);

    public static LedgerDocument Empty() => Ledger() with { Rows = [] };

    public static byte[] Write(LedgerDocument document)
    {
        using var stream = new MemoryStream();
        LedgerWorkbook.Write(document, stream);
        return stream.ToArray();
    }
}
