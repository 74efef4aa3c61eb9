// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { applyTranslations, h } from "../../src/shared/dom";
import { createI18n, translate } from "../../src/shared/i18n";
import { formatProblem } from "../../src/shared/problems";
import type { UnitHistory, UnitResult } from "../../src/shared/api";
import { problemList, resultsTable, unitOutcome } from "../../src/shared/views";

const zh = createI18n("zh-CN").t;

describe("h", () => {
  it("sets attributes, skips false ones and wires on* listeners", () => {
    const onclick = vi.fn();
    const button = h("button", { type: "button", disabled: false, "data-x": 1, onclick }, "OK");
    expect(button.outerHTML).toBe('<button type="button" data-x="1">OK</button>');
    button.click();
    expect(onclick).toHaveBeenCalledTimes(1);
  });
});

describe("applyTranslations", () => {
  it("fills [data-i18n] text in the chosen language", () => {
    const root = h(
      "div",
      {},
      h("span", { "data-i18n": "excel.upload" }),
      h("input", { "data-i18n-placeholder": "signin.email" }),
    );
    applyTranslations(root, createI18n("en-US").t);
    expect(root.querySelector("span")?.textContent).toBe("Upload and score");
    expect(root.querySelector("input")?.placeholder).toBe("Email");
  });
});

describe("problemList", () => {
  const items = [
    formatProblem({ code: "a", messageZh: "缺少数据", messageEn: "Missing", sheet: "My Sheet", cell: "B7" }, "zh-CN"),
    formatProblem({ code: "b", messageZh: "总体问题", messageEn: "General" }, "zh-CN"),
  ];

  it("offers a go-to-cell link for located problems", () => {
    const goToCell = vi.fn();
    const list = problemList(items, zh, goToCell);
    const buttons = list.querySelectorAll("button");
    expect(buttons).toHaveLength(1);
    expect(buttons[0]?.textContent).toBe("定位到 'My Sheet'!B7");
    buttons[0]?.click();
    expect(goToCell).toHaveBeenCalledWith({ sheet: "My Sheet", cell: "B7" });
    expect([...list.querySelectorAll(".problem-message")].map((e) => e.textContent)).toEqual(["缺少数据", "总体问题"]);
  });

  it("shows the location as text where cells cannot be selected (Word, browser)", () => {
    const list = problemList(items, zh, null);
    expect(list.querySelector("button")).toBeNull();
    expect(list.querySelector(".cell-ref")?.textContent).toBe("'My Sheet'!B7");
  });
});

describe("resultsTable", () => {
  it("lists ranked units by rank, then units not started, with status, totals and rates", () => {
    const table = resultsTable(
      {
        campaignId: "c1",
        units: [
          { unitId: "u3", unitCode: "D03", unitName: "民政局", status: "NotStarted", total: null, maxTotal: 100, scoreRate: null, rank: null },
          { unitId: "u2", unitCode: "D02", unitName: "财政局", status: "Drafting", total: 80.5, maxTotal: 100, scoreRate: 80.5, rank: 2 },
          { unitId: "u1", unitCode: "D01", unitName: "教育局", status: "Submitted", total: 92, maxTotal: 100, scoreRate: 92, rank: 1 },
        ],
      },
      "zh-CN",
      zh,
    );
    const rows = [...table.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ["1", "D01", "教育局", "已提交", "92 / 100", "92%"],
      ["2", "D02", "财政局", "填报中", "80.5 / 100", "80.5%"],
      ["—", "D03", "民政局", "未开始", "— / 100", "—"],
    ]);
    expect([...table.querySelectorAll("th")].map((th) => th.textContent)).toEqual([
      "排名",
      "代码",
      "单位",
      "状态",
      "总分",
      "得分率",
    ]);
  });

  it("shows an unknown status as the server sent it", () => {
    const table = resultsTable(
      {
        campaignId: "c1",
        units: [{ unitId: "u1", unitCode: "D01", unitName: "教育局", status: "Archived", total: 1, maxTotal: 2, scoreRate: 50, rank: 1 }],
      },
      "en-US",
      (k, p) => translate("en-US", k, p),
    );
    expect(table.querySelectorAll("tbody td")[3]?.textContent).toBe("Archived");
  });

  it("shows a unit's own staff their self-evaluation, marked, until the official figures are visible", () => {
    const table = resultsTable(
      {
        campaignId: "c1",
        units: [
          { unitId: "u1", unitCode: "D01", unitName: "教育局", status: "Returned", total: null, maxTotal: 100, scoreRate: null, rank: null,
            verifiedVisible: false, selfTotal: 88.5, selfScoreRate: 88.5 },
        ],
      },
      "zh-CN",
      (k, p) => translate("zh-CN", k, p),
    );
    const cells = [...table.querySelectorAll("tbody td")].map((c) => c.textContent);
    expect(cells).toEqual(["—", "D01", "教育局", "已退回", "88.5 / 100（自评）", "88.5%"]);
  });

  it("says so when there are no results", () => {
    const empty = resultsTable({ campaignId: "c1", units: [] }, "en-US", (k) => translate("en-US", k));
    expect(empty.textContent).toBe("No results yet.");
  });
});

describe("unitOutcome", () => {
  const graded: UnitResult = {
    unitId: "u1", unitCode: "D01", unitName: "教育局", status: "FieldReviewed", total: 55, maxTotal: 100, scoreRate: 55, rank: 6,
    grade: "C", board: "Red", consecutiveRed: true, verifiedVisible: true,
    application: "评估等次为C的部门（单位），暂停受理其新增机构编制事项；人员补充实行“退二进一”（每自然减员2名方可补充1名），并限期整改、跟踪问效。",
    applicationCode: "grade.lowest",
  };
  const history: UnitHistory = {
    campaignId: "c1",
    unitId: "u1",
    comparison: {
      previousCampaignId: "c0", previousYear: 2025, previousName: "2025年度评估", mappingSource: "Suggested", needsReview: true,
      previousScoreRate: 81, scoreRate: 55, scoreRateChange: -26,
      dimensions: [
        { code: "1", name: "履职尽责", scoreRate: 40, previousScoreRate: 65, scoreRateChange: -25, status: "Mapped" },
        { code: "7", name: "服务成效", scoreRate: 60, previousScoreRate: null, scoreRateChange: null, status: "Unmapped" },
      ],
      counts: { improved: 1, declined: 4, unchanged: 9, unmapped: 2, dropped: 1 },
    },
  };

  it("shows grade, board with 连续两次红榜, and the API's application text", () => {
    const section = unitOutcome(graded, null, "zh-CN", zh)!;

    expect(section.querySelector("h3")?.textContent).toBe("本单位评估结果：教育局");
    expect(section.querySelector(".outcome-facts")?.textContent).toBe("等次：C　红黄绿榜：红榜（连续两次红榜）");
    const application = section.querySelector(".outcome-application")!;
    expect(application.textContent).toBe(`结果运用建议：${graded.application}`);
    expect(application.getAttribute("data-code")).toBe("grade.lowest");
    expect(section.querySelector(".outcome-previous")).toBeNull();
  });

  it("shows the dimensions' score rates before and after, new ones marked, and says an unconfirmed mapping is so", () => {
    const section = unitOutcome(graded, history, "zh-CN", zh)!;

    expect(section.querySelector("h4")?.textContent).toBe("与上次评估比较（2025年度评估）");
    expect(section.querySelector(".outcome-rate")?.textContent).toBe("得分率 81% → 55%（−26）");
    const rows = [...section.querySelectorAll(".outcome-previous tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows).toEqual([
      ["履职尽责", "65%", "40%", "−25"],
      ["服务成效", "新增", "60%", "—"],
    ]);
    expect(section.querySelector(".outcome-unconfirmed")).not.toBeNull();
    expect(section.textContent).toContain("上升 1 项，下降 4 项，无对应 2 项；上次指标撤销或无对应 1 项");
  });

  it("leaves out a confirmed mapping's caveat, and another unit's history", () => {
    const stored: UnitHistory = { ...history, comparison: { ...history.comparison!, mappingSource: "Stored", needsReview: false } };

    expect(unitOutcome(graded, stored, "en-US", (k, p) => translate("en-US", k, p))!.querySelector(".outcome-unconfirmed")).toBeNull();
    expect(unitOutcome(graded, { ...history, unitId: "u2" }, "zh-CN", zh)!.querySelector(".outcome-previous")).toBeNull();
  });

  it("shows nothing while the official figures are hidden and there is no comparison", () => {
    const hidden: UnitResult = { ...graded, grade: null, board: null, application: null, applicationCode: null, verifiedVisible: false };

    expect(unitOutcome(hidden, null, "zh-CN", zh)).toBeNull();
    expect(unitOutcome(hidden, { campaignId: "c1", unitId: "u1", comparison: null, comparisonUnavailable: "history.not_visible" }, "zh-CN", zh)).toBeNull();
  });
});
