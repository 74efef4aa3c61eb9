import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/shared/i18n";
import {
  MAX_FILE_BYTES,
  categoryText,
  checkForm,
  etagOf,
  formatSize,
  hasProblems,
  overdueLabel,
  problemsByField,
  sortItems,
  statusText,
  transitionsOf,
} from "../../src/shared/ledger";
import { ledgerItem } from "./ledger-fixtures";

const zh = createI18n("zh-CN").t;
const en = createI18n("en-US").t;

function file(name: string, size: number): File {
  return new File([new Uint8Array(size)], name);
}

describe("sortItems", () => {
  it("puts what is due first: not closed by deadline (overdue ones first), then closed ones latest first", () => {
    const items = [
      ledgerItem("closed-early", { status: "Closed", deadline: "2026-01-01", closedAt: "2027-02-01T00:00:00Z" }),
      ledgerItem("later", { deadline: "2027-09-30" }),
      ledgerItem("overdue", { status: "Submitted", deadline: "2027-03-01", overdue: true, daysOverdue: 40 }),
      ledgerItem("closed-late", { status: "Closed", deadline: "2027-01-01", closedAt: "2027-03-01T00:00:00Z" }),
      ledgerItem("same-day-b", { deadline: "2027-06-30", createdAt: "2027-01-11T00:00:00Z" }),
      ledgerItem("same-day-a", { deadline: "2027-06-30", createdAt: "2027-01-10T00:00:00Z" }),
    ];
    expect(sortItems(items).map((i) => i.id)).toEqual(["overdue", "same-day-a", "same-day-b", "later", "closed-late", "closed-early"]);
    expect(items[0]!.id).toBe("closed-early"); // the input is left as it was
  });
});

describe("overdueLabel", () => {
  it("says 逾期 N 天 for an overdue item, in either language", () => {
    const item = ledgerItem("a", { overdue: true, daysOverdue: 12, deadline: "2027-03-29" });
    expect(overdueLabel(item, zh)).toBe("逾期 12 天");
    expect(overdueLabel(item, en)).toBe("12 day(s) overdue");
  });

  it("says nothing for an item on time, or a closed one", () => {
    expect(overdueLabel(ledgerItem("a"), zh)).toBeNull();
    expect(overdueLabel(ledgerItem("b", { status: "Closed", overdue: true, daysOverdue: 3 }), zh)).toBeNull();
  });
});

describe("transitionsOf", () => {
  it("offers the workflow's steps the API lists, in button order, and nothing for edit or delete", () => {
    expect(transitionsOf(ledgerItem("a", { actions: ["edit", "delete", "start"] }))).toEqual(["start"]);
    expect(transitionsOf(ledgerItem("a", { actions: ["return", "close"] }))).toEqual(["close", "return"]);
    expect(transitionsOf(ledgerItem("a", { actions: ["reopen"] }))).toEqual(["reopen"]);
    expect(transitionsOf(ledgerItem("a", { actions: [] }))).toEqual([]);
  });
});

describe("texts", () => {
  it("names statuses and categories in the pane's language, unknown ones as the API sent them", () => {
    expect(statusText(ledgerItem("a", { status: "Submitted" }), "zh-CN", zh)).toBe("待核验");
    expect(statusText(ledgerItem("a", { status: "Submitted" }), "en-US", en)).toBe("Awaiting verification");
    expect(statusText({ status: "Archived" as "Open", statusZh: "已归档" }, "zh-CN", zh)).toBe("已归档");
    expect(categoryText(ledgerItem("a", { category: "Staffing" }), "zh-CN", zh)).toBe("编制使用");
    expect(categoryText({ category: "New", categoryZh: "新类别" }, "en-US", en)).toBe("New");
  });

  it("gives the revision as the ETag and sizes as people read them", () => {
    expect(etagOf(ledgerItem("a", { revision: 7 }))).toBe('"7"');
    expect(formatSize(900, "zh-CN")).toBe("900 B");
    expect(formatSize(12_800, "zh-CN")).toBe("13 KB");
    expect(formatSize(3.4 * 1024 * 1024, "en-US")).toBe("3.4 MB");
  });
});

describe("checkForm", () => {
  it("requires the description to submit and a note to close, return and reopen", () => {
    expect(checkForm("submit", "  ", [], zh).text).toEqual(["请填写整改情况说明。"]);
    for (const transition of ["close", "return", "reopen"] as const) {
      expect(checkForm(transition, "\n", [], zh).text).toEqual(["请填写意见（销号、退回和重新打开都须说明理由）。"]);
    }
    expect(hasProblems(checkForm("close", "已核实", [], zh))).toBe(false);
  });

  it("keeps the files within the API's limits: 10 at most, none empty, none above 20 MB", () => {
    const ok = checkForm("submit", "已整改", [file("a.pdf", 10)], zh);
    expect(hasProblems(ok)).toBe(false);
    const tooMany = checkForm("submit", "已整改", Array.from({ length: 11 }, (_, i) => file(`${i}.pdf`, 1)), zh);
    expect(tooMany.files).toEqual(["每次最多上传 10 个文件，已选择 11 个。"]);
    const bad = checkForm("submit", "已整改", [file("空.pdf", 0), { name: "大.pdf", size: MAX_FILE_BYTES + 1 } as File], zh);
    expect(bad.files).toEqual(["文件“空.pdf”是空文件。", "文件“大.pdf”超过 20 MB，请压缩或拆分后上传。"]);
    expect(bad.text).toEqual([]);
  });
});

describe("problemsByField", () => {
  it("puts description and note under the text box, files[i] under the picker, the rest and the headline above", () => {
    const problems = problemsByField(
      {
        status: 422,
        messageZh: "整改事项有误，请按所列问题修改，未保存任何内容。",
        messageEn: "The request has problems.",
        errors: [
          { code: "rectification.note_missing", field: "description", messageZh: "请填写整改情况说明。", messageEn: "Describe what was done." },
          { code: "upload.too_many_files", field: "files", messageZh: "每次最多上传 10 个文件。", messageEn: "At most 10 files." },
          { code: "upload.type_not_allowed", field: "files[1]", messageZh: "文件“a.exe”不是允许的类型", messageEn: "a.exe is not accepted" },
          { code: "other", messageZh: "其他问题", messageEn: "Other" },
        ],
      },
      "zh-CN",
      "操作未完成。",
    );
    expect(problems).toEqual({
      text: ["请填写整改情况说明。"],
      files: ["每次最多上传 10 个文件。", "文件“a.exe”不是允许的类型"],
      general: ["整改事项有误，请按所列问题修改，未保存任何内容。", "其他问题"],
    });
  });

  it("does not repeat a headline an item already says, and falls back when the problem says nothing", () => {
    const refused = problemsByField(
      { status: 415, messageZh: "文件“a.exe”不是允许的类型", errors: [{ code: "upload.type_not_allowed", field: "files[0]", messageZh: "文件“a.exe”不是允许的类型", messageEn: "" }] },
      "zh-CN",
      "操作未完成。",
    );
    expect(refused.general).toEqual([]);
    expect(refused.files).toEqual(["文件“a.exe”不是允许的类型"]);
    expect(problemsByField({ status: 500 }, "en-US", "The action was not completed.").general).toEqual(["The action was not completed."]);
  });
});
