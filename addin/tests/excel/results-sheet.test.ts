import { describe, expect, it } from "vitest";
import type { CampaignResults, UnitResult } from "../../src/shared/api";
import { createI18n } from "../../src/shared/i18n";
import { PaneError } from "../../src/shared/problems";
import {
  APPLICATION_COLUMN_WIDTH,
  BOARD_COLOURS,
  campaignTitle,
  canWriteResultsSheet,
  columnLetter,
  resultsSheetLabels,
  writeResultsSheet,
} from "../../src/excel/results-sheet";
import { excelApiUpTo, FakeWorkbook } from "./fake-workbook";

const zh = resultsSheetLabels(createI18n("zh-CN").t, "2026 年度评估");
const en = resultsSheetLabels(createI18n("en-US").t, "2026 Annual evaluation");

function dims(a: number, b: number) {
  return [
    { code: "D1", name: "机构设置", score: a, maxPoints: 40, scoreRate: (a / 40) * 100 },
    { code: "D2", name: "编制管理", score: b, maxPoints: 60, scoreRate: (b / 60) * 100 },
  ];
}

// The API's results-application texts, as it sends them with each graded unit.
const APPLICATION = {
  A: "评估等次为A的部门（单位），在机构编制事项审批和用编申请中予以优先考虑，编制资源适当倾斜。列入绿榜的部门（单位），优先考虑其机构编制事项，编制资源适当倾斜。",
  B: "评估等次为B的部门（单位），对其机构编制事项和用编申请从严审核，督促其对照评估发现的问题限期整改。列入黄榜的部门（单位），对照问题清单抓好整改。",
  C: "评估等次为C的部门（单位），暂停受理其新增机构编制事项；人员补充实行“退二进一”（每自然减员2名方可补充1名），并限期整改、跟踪问效。列入红榜的部门（单位），限期整改，跟踪问效。",
};

function unit(code: string, name: string, fields: Partial<UnitResult>): UnitResult {
  return {
    unitId: `id-${code}`,
    unitCode: code,
    unitName: name,
    status: "FieldReviewed",
    total: null,
    maxTotal: 100,
    scoreRate: null,
    rank: null,
    verifiedVisible: true,
    ...fields,
  };
}

// In API order (by code); the sheet orders them by rank with the unranked last, by code.
const results: CampaignResults = {
  campaignId: "c1",
  finalizedAt: null,
  units: [
    unit("D00", "档案馆", { status: "NotStarted", category: "非经济" }),
    unit("D01", "教育局", {
      category: "经济", total: 91.5, scoreRate: 91.5, rank: 1, dimensions: dims(36, 55.5),
      selfTotal: 90, deviation: -1.5, grade: "A", board: "Green", application: APPLICATION.A, applicationCode: "grade.best",
    }),
    unit("D02", "财政局", {
      category: "非经济", total: 80.25, scoreRate: 80.25, rank: 2, dimensions: dims(30, 50.25),
      selfTotal: 85, deviation: 4.75, grade: "B", board: "Yellow", application: APPLICATION.B, applicationCode: "grade.middle",
    }),
    unit("D03", "卫健委", {
      category: "经济", total: 60, scoreRate: 60, rank: 3, dimensions: dims(20, 40),
      selfTotal: 72, deviation: 12, grade: "C", board: "Red", application: APPLICATION.C, applicationCode: "grade.lowest",
    }),
    unit("C09", "民政局", { status: "Drafting", category: "经济", selfTotal: 70 }),
  ],
};

async function write(
  workbook = new FakeWorkbook(),
  data: CampaignResults = results,
  labels = zh,
  requirements = excelApiUpTo("1.8"),
) {
  const count = await writeResultsSheet(workbook.context(), data, labels, requirements);
  return { count, workbook, sheet: workbook.sheet("评估结果") };
}

describe("writeResultsSheet", () => {
  it("writes the title, the header and one row per unit, ranked first, numbers as numbers", async () => {
    const { count, sheet } = await write();

    expect(count).toBe(5);
    expect(sheet.range("A1").values).toEqual([["2026 年度评估（暂定）"]]);
    expect(sheet.range("A2:M2").values).toEqual([
      ["排名", "单位代码", "单位名称", "类别", "机构设置（40）", "编制管理（60）",
        "总分", "得分率", "自评总分", "偏差", "等次", "红黄绿榜", "结果运用建议"],
    ]);
    expect(sheet.range("A3:M7").values).toEqual([
      [1, "D01", "教育局", "经济", 36, 55.5, 91.5, 91.5 / 100, 90, -1.5, "A", "绿榜", APPLICATION.A],
      [2, "D02", "财政局", "非经济", 30, 50.25, 80.25, 80.25 / 100, 85, 4.75, "B", "黄榜", APPLICATION.B],
      [3, "D03", "卫健委", "经济", 20, 40, 60, 60 / 100, 72, 12, "C", "红榜", APPLICATION.C],
      // Unranked last, by code; missing figures are blank cells, not zeros.
      ["", "C09", "民政局", "经济", "", "", "", "", 70, "", "", "", ""],
      ["", "D00", "档案馆", "非经济", "", "", "", "", "", "", "", "", ""],
    ]);
  });

  it("formats text columns as text before writing them, scores as 0.00 and rates as 0.0%", async () => {
    const { sheet } = await write();

    const row = ["0", "@", "@", "@", "0.00", "0.00", "0.00", "0.0%", "0.00", "0.00", "@", "@", "@"];
    expect(sheet.range("A3:M7").numberFormat).toEqual([row, row, row, row, row]);
    expect(sheet.range("A2:M2").numberFormat).toEqual([Array(13).fill("@")]);
    expect(sheet.range("A1").numberFormat).toEqual([["@"]]);
    // The text format must be in place when the values arrive, or 0101 becomes 101 and "=x" a formula.
    for (const address of ["A1", "A2:M2", "A3:M7"]) {
      expect(sheet.range(address).writes).toEqual(["numberFormat", "values"]);
    }
  });

  it("fills the board cells green, yellow and red and leaves units without a board alone", async () => {
    const { sheet } = await write();

    expect(sheet.range("L3").format).toMatchObject({ fill: { color: BOARD_COLOURS.Green.fill }, font: { color: BOARD_COLOURS.Green.font } });
    expect(sheet.range("L4").format).toMatchObject({ fill: { color: BOARD_COLOURS.Yellow.fill } });
    expect(sheet.range("L5").format).toMatchObject({ fill: { color: BOARD_COLOURS.Red.fill } });
    expect(BOARD_COLOURS.Green.fill).toBe("#C6EFCE");
    expect(BOARD_COLOURS.Yellow.fill).toBe("#FFEB9C");
    expect(BOARD_COLOURS.Red.fill).toBe("#FFC7CE");
    expect(() => sheet.range("L6")).toThrow("Nothing was written");
    expect(() => sheet.range("L7")).toThrow("Nothing was written");
  });

  it("adds a clustered column chart of the totals, by unit name, beside the table", async () => {
    const { sheet } = await write();

    expect(sheet.chartsAdded).toEqual([
      {
        type: "ColumnClustered",
        source: "G3:G7", // 总分 of every unit row
        seriesBy: "Columns",
        title: { text: "各单位总分" },
        legend: { visible: false },
        series: { name: "总分", xAxisValues: "C3:C7" }, // 单位名称
        position: ["O2", "V19"], // one empty column after M, from the header row down
      },
    ]);
  });

  it("bolds and fills the header, freezes title and header rows, autofits from the header down", async () => {
    const { sheet, workbook } = await write();

    expect(sheet.range("A2:M2").format).toMatchObject({ font: { bold: true }, fill: { color: "#D9E1F2" } });
    expect(sheet.range("A1").format.font).toEqual({ bold: true, size: 14 });
    expect(sheet.frozenRows).toBe(2);
    expect(sheet.range("A2:M7").format.autofitted).toBe(true);
    expect(workbook.active).toBe(sheet);
  });

  it("gives the application column a fixed width, wraps it, and fits the rows, after the autofit", async () => {
    const { sheet, workbook } = await write();

    expect(sheet.range("M3:M7").format).toMatchObject({ columnWidth: APPLICATION_COLUMN_WIDTH, wrapText: true });
    expect(sheet.range("A3:M7").format.rowsAutofitted).toBe(true);
    const entries = workbook.entries;
    expect(entries.indexOf("评估结果!A2:M7.autofitColumns")).toBeLessThan(entries.indexOf("评估结果!A3:M7.autofitRows"));
  });

  it("queues everything, loads nothing and syncs exactly once, at the end", async () => {
    const { workbook } = await write();

    expect(workbook.entries.filter((e) => e === "sync")).toHaveLength(1);
    expect(workbook.entries.at(-1)).toBe("sync");
    expect(workbook.entries.filter((e) => e.endsWith(".load"))).toEqual([]);
    // Three blocks, each one 2-D assignment of values (the fake rejects arrays that do not fit their range).
    expect(workbook.entries.filter((e) => e.endsWith(".values"))).toEqual([
      "评估结果!A1.values",
      "评估结果!A2:M2.values",
      "评估结果!A3:M7.values",
    ]);
  });

  it("suspends screen updating only where ExcelApi 1.9 is supported", async () => {
    const { workbook: modern } = await write(new FakeWorkbook(), results, zh, excelApiUpTo("1.9"));
    expect(modern.entries[0]).toBe("suspendScreenUpdatingUntilNextSync");

    const { workbook: older } = await write(new FakeWorkbook(), results, zh, excelApiUpTo("1.8"));
    expect(older.entries).not.toContain("suspendScreenUpdatingUntilNextSync");
  });

  it("replaces an existing 评估结果, chart and all, and leaves the other sheets alone", async () => {
    const workbook = new FakeWorkbook(["自评表", "评估结果", "备注"]);
    const old = workbook.sheet("评估结果");
    old.charts.add("Pie", old.getRange("A1:A3"), "Auto");
    workbook.entries.length = 0;
    const untouched = workbook.sheets.filter((s) => s !== old);

    const { sheet } = await write(workbook);

    expect(workbook.sheets.map((s) => s.name)).toEqual(["自评表", "备注", "评估结果"]);
    expect(workbook.sheets).not.toContain(old);
    expect(sheet.chartsAdded.map((c) => c.type)).toEqual(["ColumnClustered"]);
    expect(untouched.every((s) => workbook.sheets.includes(s))).toBe(true);
    // Added first, old one deleted, then renamed: all in the one batch before the sync.
    expect(workbook.entries.slice(0, 3)).toEqual(["add:Sheet4", "delete:评估结果", "rename:Sheet4→评估结果"]);
  });

  it("replaces 评估结果 when it is the workbook's only sheet", async () => {
    const workbook = new FakeWorkbook(["评估结果"]);
    const old = workbook.sheet("评估结果");

    const { sheet } = await write(workbook);

    expect(workbook.sheets).toEqual([sheet]);
    expect(sheet).not.toBe(old);
  });

  it("creates 评估结果 when there is none, the delete on the null object doing nothing", async () => {
    const { workbook } = await write(new FakeWorkbook(["Sheet1"]));

    expect(workbook.sheets.map((s) => s.name)).toEqual(["Sheet1", "评估结果"]);
    expect(workbook.entries).toContain("delete:评估结果:null-object");
  });

  it("titles finalised results 定档, and speaks English when the pane does", async () => {
    const final = { ...results, finalizedAt: "2026-12-20T08:00:00Z" };
    const { sheet } = await write(new FakeWorkbook(), final);
    expect(sheet.range("A1").values).toEqual([["2026 年度评估（定档）"]]);

    const { sheet: english } = await write(new FakeWorkbook(), final, en);
    expect(english.range("A1").values).toEqual([["2026 Annual evaluation (final)"]]);
    expect(english.range("A2:M2").values[0]).toEqual([
      "Rank", "Unit code", "Unit name", "Category", "机构设置 (40)", "编制管理 (60)",
      "Total", "Score rate", "Self-assessed total", "Deviation", "Grade", "Board", "Results application",
    ]);
    expect(english.range("A3:M7").values.map((row) => row[11])).toEqual(["Green", "Yellow", "Red", "", ""]);
    // The application is the API's text, in Chinese as the reports word it, whatever the pane's language.
    expect(english.range("A3:M7").values.map((row) => row[12])).toEqual([APPLICATION.A, APPLICATION.B, APPLICATION.C, "", ""]);
    expect(english.chartsAdded[0]?.title.text).toBe("Total score by unit");
  });

  it("with no units writes the title and header only, and no chart", async () => {
    const { count, sheet, workbook } = await write(new FakeWorkbook(), { campaignId: "c1", units: [] });

    expect(count).toBe(0);
    // Without dimensions the header has the eleven fixed columns.
    expect(sheet.range("A2:K2").values[0]).toHaveLength(11);
    expect(sheet.chartsAdded).toEqual([]);
    expect(sheet.ranges.filter((r) => r.address === "A2:K2").map((r) => r.format.autofitted)).toEqual([false, true]);
    expect(workbook.entries.some((e) => e.endsWith(".autofitRows"))).toBe(false);
    expect(workbook.entries.filter((e) => e === "sync")).toHaveLength(1);
  });

  it("refuses without ExcelApi 1.7, before queuing anything, with the pane's message", async () => {
    const workbook = new FakeWorkbook(["评估结果"]);
    const old = workbook.sheet("评估结果");

    const attempt = writeResultsSheet(workbook.context(), results, zh, excelApiUpTo("1.6"));

    await expect(attempt).rejects.toBeInstanceOf(PaneError);
    await expect(attempt).rejects.toMatchObject({ key: "excel.resultsSheet.unsupported" });
    expect(workbook.entries).toEqual([]); // no sheet added or deleted, no sync
    expect(workbook.sheets).toEqual([old]);
    await expect(writeResultsSheet(workbook.context(), results, zh, undefined)).rejects.toBeInstanceOf(PaneError);
  });
});

describe("canWriteResultsSheet", () => {
  it("asks for ExcelApi 1.7", () => {
    expect(canWriteResultsSheet(excelApiUpTo("1.7"))).toBe(true);
    expect(canWriteResultsSheet(excelApiUpTo("1.6"))).toBe(false);
    expect(canWriteResultsSheet(undefined)).toBe(false);
    const asked: unknown[] = [];
    canWriteResultsSheet({ isSetSupported: (...args) => (asked.push(args), true) });
    expect(asked).toEqual([["ExcelApi", "1.7"]]);
  });
});

describe("sheet helpers", () => {
  it("names columns the A1 way", () => {
    expect([0, 11, 25, 26, 51, 701, 702].map(columnLetter)).toEqual(["A", "L", "Z", "AA", "AZ", "ZZ", "AAA"]);
  });

  it("titles the campaign the way the picker does", () => {
    expect(campaignTitle({ year: 2026, name: "年度评估" })).toBe("2026 年度评估");
    expect(campaignTitle({ year: 2026, name: "2026年度评估" })).toBe("2026年度评估");
  });
});
