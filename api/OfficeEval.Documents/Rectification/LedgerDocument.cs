namespace OfficeEval.Documents.Rectification;

/// <summary>The rectification ledger (整改台账) of a campaign as the workbook shows it.</summary>
/// <param name="Title">The title row, e.g. 2026年度机构编制执行情况和使用效益评估发现问题整改台账.</param>
/// <param name="CampaignName">The campaign's name.</param>
/// <param name="Year">The evaluation year.</param>
/// <param name="AsOf">The day the ledger is taken (截至), China Standard Time; overdue days are counted to it.</param>
/// <param name="Rows">The items in the order they are listed, numbered by <see cref="LedgerRow.Number"/>.</param>
public sealed record LedgerDocument(string Title, string CampaignName, int Year, DateOnly AsOf, IReadOnlyList<LedgerRow> Rows);

/// <summary>One rectification item (one problem) in the ledger. Category, source and status are Chinese display texts.</summary>
/// <param name="Number">序号.</param>
/// <param name="UnitCode">The unit's code.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="IndicatorCode">The indicator the problem was found on; null when none.</param>
/// <param name="IndicatorName">That indicator's name.</param>
/// <param name="Category">问题类别: 职责履行 / 机构设置 / 编制使用 / 管理规范 / 其他.</param>
/// <param name="Description">问题描述.</param>
/// <param name="Requirement">整改要求.</param>
/// <param name="Deadline">整改时限.</param>
/// <param name="ResponsiblePerson">责任人.</param>
/// <param name="Source">问题来源: 实地评估 / 初审 / 问卷调查 / 手工录入.</param>
/// <param name="Status">整改状态: 待整改 / 整改中 / 待核验 / 已销号.</param>
/// <param name="DaysOverdue">Days past the deadline when the item is overdue (not closed, deadline before <see cref="LedgerDocument.AsOf"/>); null otherwise.</param>
/// <param name="Evidence">整改情况: what the unit reported with its evidence.</param>
/// <param name="ClosedAt">销号时间; null while not closed.</param>
/// <param name="CloseNote">销号意见.</param>
public sealed record LedgerRow(
    int Number,
    string UnitCode,
    string UnitName,
    string? IndicatorCode,
    string? IndicatorName,
    string Category,
    string Description,
    string Requirement,
    DateOnly Deadline,
    string? ResponsiblePerson,
    string Source,
    string Status,
    int? DaysOverdue,
    string? Evidence,
    DateTimeOffset? ClosedAt,
    string? CloseNote);
