// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { createI18n } from "../../src/shared/i18n";
import { emptyState, itemLabel, ledgerItem as itemView, type ItemHandlers, type ItemState } from "../../src/shared/ledger-views";
import { ledgerItem } from "./ledger-fixtures";

const zh = createI18n("zh-CN").t;
const en = createI18n("en-US").t;

function handlers(): ItemHandlers & { [K in keyof ItemHandlers]: ReturnType<typeof vi.fn> } {
  return { act: vi.fn(), text: vi.fn(), send: vi.fn(), cancel: vi.fn(), toggleHistory: vi.fn(), download: vi.fn() };
}

const buttons = (li: HTMLElement) => [...li.querySelectorAll<HTMLButtonElement>(".actions button[data-action]")].filter((b) => b.dataset.action !== "history");
const chips = (li: HTMLElement) => [...li.querySelectorAll<HTMLElement>(".chip")].map((c) => [c.dataset.chip, c.textContent]);

describe("ledgerItem (view)", () => {
  it("shows the status, 逾期 N 天, category, the problem, requirement, deadline and responsible person", () => {
    const item = ledgerItem("i1", {
      description: "超职数配备科级领导干部 1 名",
      requirement: "2027 年 6 月底前消化超配职数",
      deadline: "2027-03-31",
      responsiblePerson: "王主任",
      overdue: true,
      daysOverdue: 10,
      status: "Rectifying",
    });
    const li = itemView(item, emptyState(), "zh-CN", zh, handlers());
    expect(li.classList.contains("is-overdue")).toBe(true);
    expect(chips(li)).toEqual([["status", "整改中"], ["overdue", "逾期 10 天"], ["category", "机构设置"]]);
    expect(li.querySelector("h3")?.textContent).toBe("超职数配备科级领导干部 1 名");
    const figures = [...li.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(figures).toEqual([
      ["指标", "2.1.1 机构设置规范"],
      ["整改要求", "2027 年 6 月底前消化超配职数"],
      ["整改时限", "2027-03-31"],
      ["责任人", "王主任"],
    ]);
    expect(li.querySelector("article")?.getAttribute("aria-labelledby")).toBe("ledger-i1-title");
  });

  it("marks neither overdue nor the indicator when there is none, and speaks English on request", () => {
    const li = itemView(ledgerItem("i2", { indicatorCode: null, indicatorName: null, status: "Closed", closedAt: "2027-04-01T02:00:00Z" }), emptyState(), "en-US", en, handlers());
    expect(li.classList.contains("is-overdue")).toBe(false);
    expect(chips(li)).toEqual([["status", "Closed"], ["category", "Structure"]]);
    expect([...li.querySelectorAll("dt")].map((dt) => dt.textContent)).toEqual(["Required action", "Deadline", "Closed on"]);
  });

  it("says a submitted item past its deadline awaits verification", () => {
    const li = itemView(ledgerItem("i3", { status: "Submitted", overdue: true, daysOverdue: 2, awaitingVerification: true }), emptyState(), "zh-CN", zh, handlers());
    expect(li.querySelector('[data-note="awaiting"]')?.textContent).toBe("单位已提交，等待核验");
  });

  it.each([
    [["edit", "delete", "start"], ["开始整改"]],
    [["submit"], ["提交核验"]],
    [["close", "return"], ["销号", "退回"]],
    [["reopen"], ["重新打开"]],
    [[], []],
  ] as const)("shows the buttons for actions %j", (actions, expected) => {
    const li = itemView(ledgerItem("i4", { actions: [...actions] }), emptyState(), "zh-CN", zh, handlers());
    expect(buttons(li).map((b) => b.textContent)).toEqual(expected);
  });

  it("labels each button with its item, and hands clicks to the controller", () => {
    const on = handlers();
    const li = itemView(ledgerItem("i5", { description: "未按规定程序调整内设机构职责", actions: ["close", "return"] }), emptyState(), "zh-CN", zh, on);
    const [close, back] = buttons(li);
    expect(close!.getAttribute("aria-label")).toBe("销号：未按规定程序调整内设机构职责");
    expect(close!.getAttribute("aria-expanded")).toBe("false");
    back!.click();
    expect(on.act).toHaveBeenCalledWith("return", back);
    li.querySelector<HTMLButtonElement>('[data-action="history"]')!.click();
    expect(on.toggleHistory).toHaveBeenCalledTimes(1);
  });

  it("shortens long descriptions in labels", () => {
    expect(itemLabel(ledgerItem("x", { description: "一二三四五六七八九十一二三四五六七八九十一二三四五六七" }))).toBe("一二三四五六七八九十一二三四五六七八九十一二三四…");
  });

  it("shows the submit form with the description, the file picker and problems by field", () => {
    const picker = document.createElement("input");
    const state: ItemState = {
      ...emptyState(),
      form: { transition: "submit", text: "已整改", files: picker, problems: { text: ["请填写整改情况说明。"], files: ["文件“a.exe”不是允许的类型"], general: ["整改事项有误"] } },
    };
    const on = handlers();
    const li = itemView(ledgerItem("i6", { actions: ["submit"] }), state, "zh-CN", zh, on);
    const form = li.querySelector<HTMLFormElement>("form[data-form=submit]")!;
    const textarea = form.querySelector("textarea")!;
    expect(textarea.value).toBe("已整改");
    expect(form.querySelector(`label[for="${textarea.id}"]`)?.textContent).toBe("整改情况说明");
    expect(textarea.getAttribute("aria-invalid")).toBe("true");
    expect(textarea.getAttribute("aria-describedby")).toBe(`${textarea.id}-error`);
    expect(li.querySelector(`#${textarea.id}-error`)?.textContent).toBe("请填写整改情况说明。");
    expect(form.contains(picker)).toBe(true);
    expect(picker.type).toBe("file");
    expect(picker.multiple).toBe(true);
    expect(picker.getAttribute("aria-invalid")).toBe("true");
    expect(li.querySelector(`#${picker.id}-error`)?.textContent).toBe("文件“a.exe”不是允许的类型");
    expect(li.querySelector("#ledger-i6-form-errors")?.textContent).toBe("整改事项有误");
    expect(buttons(li)[0]!.getAttribute("aria-expanded")).toBe("true");

    textarea.value = "已整改完毕";
    textarea.dispatchEvent(new Event("input"));
    expect(on.text).toHaveBeenCalledWith("已整改完毕");
    form.querySelector<HTMLButtonElement>("[data-cancel]")!.click();
    expect(on.cancel).toHaveBeenCalledTimes(1);
  });

  it("asks for a note, with no file picker, to close", () => {
    const state: ItemState = { ...emptyState(), form: { transition: "close", text: "", files: null, problems: null } };
    const li = itemView(ledgerItem("i7", { actions: ["close", "return"] }), state, "zh-CN", zh, handlers());
    const form = li.querySelector("form")!;
    expect(form.querySelector("label")?.textContent).toBe("销号意见");
    expect(form.querySelector("input[type=file]")).toBeNull();
    expect(form.querySelector("[data-confirm]")?.textContent).toBe("确认销号");
    expect(form.querySelector("textarea")?.hasAttribute("aria-invalid")).toBe(false);
  });

  it("lists evidence with download buttons, and the history when loaded", () => {
    const on = handlers();
    const file = { id: "f1", name: "整改报告.pdf", size: 2048, contentType: "application/pdf" };
    const item = ledgerItem("i8", {
      status: "Submitted",
      evidence: [{ description: "已完成整改", files: [file], submittedAt: "2027-03-01T02:00:00Z", submittedBy: "u" }],
    });
    const history = [
      { at: "2027-01-10T02:00:00Z", by: "a", byName: "评估专员", action: "created", fromStatus: null, toStatus: "Open", note: null },
      { at: "2027-03-02T02:00:00Z", by: "a", byName: "评估专员", action: "return", fromStatus: "Submitted", toStatus: "Rectifying", note: "佐证不足" },
    ];
    const li = itemView(item, { ...emptyState(), history }, "zh-CN", zh, on);
    const details = li.querySelector("details")!;
    expect(details.open).toBe(true);
    expect(details.querySelector("summary")?.textContent).toBe("整改情况（1 次提交）");
    expect(details.querySelector(".evidence-text")?.textContent).toBe("已完成整改");
    const download = details.querySelector<HTMLButtonElement>("button[data-file-id=f1]")!;
    expect(download.getAttribute("aria-label")).toBe("下载佐证材料 整改报告.pdf");
    download.click();
    expect(on.download).toHaveBeenCalledWith(file, download);
    const steps = [...li.querySelectorAll<HTMLElement>("#ledger-i8-history li")].map((s) => s.dataset.historyAction);
    expect(steps).toEqual(["created", "return"]);
    expect(li.querySelector('#ledger-i8-history li[data-history-action="return"]')?.textContent).toContain("评估专员 退回整改：佐证不足");
    expect(li.querySelector<HTMLButtonElement>('[data-action="history"]')?.textContent).toBe("收起处理记录");
  });
});
