// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/word/taskpane.html"}
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Review, ReviewItem, ReviewItemChange } from "../../src/shared/api";
import { commentMarker } from "../../src/word/review";
import { json, loadPane, seed, submit, input, text, visible, click, type FakeRequest } from "../pane-harness";
import { FakeWord, type FakeControl } from "./fake-word";

const reviewer = { email: "reviewer@demo.local", displayName: "评估专员", roles: ["Reviewer"], unitId: null };
const reportBytes = new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]);
const reportBase64 = Buffer.from(reportBytes).toString("base64");

function leaf(code: string, name: string, points: number, extra: Partial<ReviewItem> = {}): ReviewItem {
  return { indicatorCode: code, name, dimensionCode: code[0]!, points, role: "Regular", selfScore: points, computedScore: points,
    verifiedScore: null, verifiedFinding: null, comment: null, problems: [], ...extra };
}

/** The report's controls, in document order: not the review's order, and one with a reset tag. */
const reportControls: Omit<FakeControl, "id">[] = [
  { tag: "officeeval:indicator:1.1.2", title: "1.1.2 重点工作任务完成情况", text: "1.1.2 重点工作任务完成情况\r自评得分：7" },
  { tag: "officeeval:indicator:1.1.1", title: "1.1.1 主责主业履行情况", text: "1.1.1 主责主业履行情况\r自评得分：8" },
  { tag: "", title: "附件", text: "附件一" },
  { tag: "officeeval:indicator:2.1.2", title: "2.1.2 擅自调整职责", text: "2.1.2 擅自调整职责" },
];

/** The review API as the server keeps it: revision as ETag, If-Match checked, 412 with the current review. */
class ReviewServer {
  revision = 3;
  open = true;
  items = [leaf("1.1.1", "主责主业履行情况", 8), leaf("1.1.2", "重点工作任务完成情况", 7), leaf("2.1.2", "擅自调整职责", 5), leaf("6.1", "部门个性指标完成情况", 5)];
  puts: { code: string; ifMatch: string; body: ReviewItemChange }[] = [];
  calls: string[] = [];
  summary: string | null = null;
  completed = false;

  review(): Review {
    return { campaignId: "c1", unitId: "u1", status: this.completed ? "Completed" : "InProgress", revision: this.revision, summary: this.summary,
      items: structuredClone(this.items), selfAssessmentStatus: this.completed ? "FieldReviewed" : this.open ? "Accepted" : "Submitted",
      isOpen: this.open && !this.completed, updatedAt: "2026-11-20T08:00:00Z" };
  }

  tagged(status = 200): Response {
    const response = json(status === 412 ? { title: "Precondition failed", status, code: "precondition.failed", messageZh: "内容已被他人修改",
      current: this.review(), currentETag: `"${this.revision}"` } : this.review(), status);
    if (status === 200) response.headers.set("ETag", `"${this.revision}"`);
    return response;
  }

  /** Someone else saves an item meanwhile. */
  otherSaves(code: string, change: Partial<ReviewItem>): void {
    Object.assign(this.items.find((i) => i.indicatorCode === code)!, change);
    this.revision++;
  }

  route = (request: FakeRequest): Response | undefined => {
    const { method, path, headers } = request;
    if (method === "POST" && path === "/api/auth/login") return json(seed.token);
    if (path === "/api/me") return json(reviewer);
    if (path === "/api/campaigns") return json(seed.campaigns);
    if (path === "/api/campaigns/c1/results") return json(seed.results);
    if (path === "/api/campaigns/c1/units") return json(seed.units);
    if (path === "/api/campaigns/c1/units/u1/reports/self-assessment") return new Response(reportBytes);
    if (path === "/api/campaigns/c1/units/u1/review" && method === "GET") return this.tagged();
    if (path === "/api/campaigns/c1/units/u1/review/summary" && method === "PUT") {
      this.calls.push(`summary:${headers["If-Match"]}:${(request.body as { summary: string | null }).summary}`);
      if (headers["If-Match"] !== `"${this.revision}"`) return this.tagged(412);
      this.summary = (request.body as { summary: string | null }).summary;
      this.revision++;
      return this.tagged();
    }
    if (path === "/api/campaigns/c1/units/u1/review/complete" && method === "POST") {
      this.calls.push(`complete:${headers["If-Match"]}`);
      this.completed = true;
      this.revision++;
      return this.tagged();
    }
    const item = /^\/api\/campaigns\/c1\/units\/u1\/review\/items\/(.+)$/.exec(path);
    if (item && method === "PUT") {
      const code = decodeURIComponent(item[1]!);
      const body = request.body as ReviewItemChange;
      this.puts.push({ code, ifMatch: headers["If-Match"] ?? "", body });
      if (headers["If-Match"] !== `"${this.revision}"`) return this.tagged(412);
      Object.assign(this.items.find((i) => i.indicatorCode === code)!, body);
      this.revision++;
      return this.tagged();
    }
    return undefined;
  };
}

async function openPane(server: ReviewServer, word: FakeWord | null): Promise<void> {
  vi.resetModules();
  sessionStorage.clear();
  localStorage.clear();
  if (word) word.install();
  else vi.stubGlobal("Office", undefined);
  loadPane("word", server.route);
  await import("../../src/word/taskpane");
  await vi.waitFor(() => expect(visible("signin")).toBe(true));
  input("email", "reviewer@demo.local");
  input("password", "secret");
  submit("signin-form");
  await vi.waitFor(() => expect((document.getElementById("unit") as HTMLSelectElement).options.length).toBe(3));
  const unit = document.getElementById("unit") as HTMLSelectElement;
  unit.value = "u1";
  unit.dispatchEvent(new Event("change"));
  await vi.waitFor(() => expect(document.querySelectorAll("#indicators li")).toHaveLength(server.items.length));
}

const rows = () => [...document.querySelectorAll<HTMLLIElement>("#indicators li")].map((li) => li.dataset.code);
const row = (code: string) => document.querySelector<HTMLButtonElement>(`#indicators li[data-code="${code}"] button`)!;
const notes = () => text("review-note");
function typeInto(id: string, value: string): void {
  const element = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
  element.value = value;
  element.dispatchEvent(new Event("input"));
}

beforeEach(() => {
  document.body.innerHTML = "";
});

describe("Word task pane: the field review", () => {
  it("puts the report in, navigates, saves a verified score and comment, settles a conflict, syncs comments and records a problem", async () => {
    const server = new ReviewServer();
    const word = new FakeWord({ fromFile: (b64) => (b64 === reportBase64 ? reportControls : []), resetTags: ["2.1.2"] });
    await openPane(server, word);
    expect(rows()).toEqual(["1.1.1", "1.1.2", "2.1.2", "6.1"]); // the review's order while the document has none
    expect(notes()).toContain("文档中没有找到指标内容控件");

    // The report replaces the (empty) body; the document's order, the reset tag found by title and put back.
    click("report-insert");
    await vi.waitFor(() => expect(notes()).toContain("已放入自评报告，文档中找到 3 个指标。"));
    expect(notes()).toContain("其中 1 个指标内容控件的标记被 Word 清除");
    expect(word.log).toContain("insertFileFromBase64:Replace");
    expect(word.log.filter((e) => e.startsWith("tag:"))).toEqual([`tag:${word.controls[3]!.id}=officeeval:indicator:2.1.2`]);
    expect(rows()).toEqual(["1.1.2", "1.1.1", "2.1.2", "6.1"]);
    expect(document.querySelector('#indicators li[data-code="6.1"] [data-badge="missing"]')?.textContent).toBe("不在文档中");
    expect(text("review-progress")).toBe("已核定 0 / 4");

    // Navigate: the control is selected in Word and the editor opens.
    row("1.1.2").click();
    await vi.waitFor(() => expect(word.selected).toBe(word.controls[0]!.id));
    expect(document.querySelector("#indicator h2")?.textContent).toBe("1.1.2 重点工作任务完成情况");

    // A score above the points is refused in the pane, with nothing sent.
    typeInto("verified-score", "9");
    click("review-save");
    await vi.waitFor(() => expect(text("score-error")).toBe("核定得分应在 0 至 7 分之间。"));
    expect(server.puts).toHaveLength(0);

    // Saved with If-Match, and echoed as a Word comment on the control.
    typeInto("verified-score", "6.5");
    typeInto("review-comment", "任务台账齐全");
    click("review-save");
    await vi.waitFor(() => expect(notes()).toContain("已保存，评估意见已作为批注插入文档。"));
    expect(server.puts[0]).toEqual({ code: "1.1.2", ifMatch: '"3"', body: { verifiedScore: 6.5, verifiedFinding: null, comment: "任务台账齐全", problems: [] } });
    expect(word.comments).toEqual([expect.objectContaining({ content: "【评估意见】任务台账齐全", controlId: word.controls[0]!.id })]);
    expect(row("1.1.2").textContent).toContain("核定 6.5 / 7");

    // Someone else saves meanwhile: the pane shows their value and lets the user choose.
    server.otherSaves("1.1.2", { comment: "同组专家意见" });
    typeInto("verified-score", "5");
    click("review-save");
    await vi.waitFor(() => expect(text("conflict-current")).toBe("现在的内容：核定 6.5；评估意见“同组专家意见”；问题 0 条。"));
    expect(server.items[1]!.verifiedScore).toBe(6.5);
    click("conflict-mine");
    await vi.waitFor(() => expect(server.items[1]!.verifiedScore).toBe(5));
    expect(server.puts.at(-1)?.ifMatch).toBe('"5"');
    expect(server.items[1]!.comment).toBe("任务台账齐全");
    // Their comment was replaced by mine: the pane's Word comment on the control is updated, not added again.
    await vi.waitFor(() => expect(notes()).toContain("已保存，文档中该指标的评估意见批注已更新。"));
    expect(word.comments).toHaveLength(1);

    // Comments written in Word: filed under their indicators once, the pane's own left out, others reported.
    const native = word.addComment("1.1.1", "现场抽查：台账\r不全");
    word.addComment(null, "格式问题");
    click("comments-sync");
    await vi.waitFor(() => expect(notes()).toContain("已同步：1 条新批注记入 1 个指标的评估意见；1 条不在任何指标内。"));
    expect(server.items[0]!.comment).toBe(`${commentMarker(native.id)} 李四：现场抽查：台账 不全`);
    expect(document.querySelectorAll("#comments .comment-group")).toHaveLength(2);
    expect(text("comments")).toContain("不在任何指标内（1）");
    const putsBefore = server.puts.length;
    click("comments-sync");
    await vi.waitFor(() => expect(notes()).toContain("没有需要记入评估意见的新批注（1 条不在任何指标内）。"));
    expect(server.puts).toHaveLength(putsBefore);

    // The comment becomes a recorded problem, with a required action.
    document.querySelector<HTMLButtonElement>(`[data-comment-id="${native.id}"] [data-action="to-problem"]`)!.click();
    const requirement = document.querySelector<HTMLInputElement>(`[data-comment-id="${native.id}"] [data-field="requirement"]`)!;
    requirement.value = "一个月内补齐台账";
    requirement.dispatchEvent(new Event("input"));
    document.querySelector<HTMLButtonElement>('[data-action="confirm-problem"]')!.click();
    await vi.waitFor(() => expect(server.items[0]!.problems).toEqual([{ description: "现场抽查：台账 不全", requirement: "一个月内补齐台账" }]));
    expect(server.items[0]!.comment).toContain("李四"); // the problem was added to the item, nothing else changed
    await vi.waitFor(() => expect(document.querySelector<HTMLButtonElement>(`[data-comment-id="${native.id}"] [data-action="to-problem"]`)?.disabled).toBe(true));
    expect(row("1.1.1").textContent).toContain("问题 1");

    click("lang");
    expect(text("review-progress")).toBe("Verified 1 / 4");
    expect(row("1.1.2").textContent).toContain("Verified 5 / 7");
  });

  it("keeps the API save and says so when Word refuses the comment (NotAllowed)", async () => {
    const server = new ReviewServer();
    const word = new FakeWord({ fromFile: () => reportControls, commentsNotAllowed: true });
    await openPane(server, word);
    click("report-insert");
    await vi.waitFor(() => expect(rows()[0]).toBe("1.1.2"));
    row("1.1.1").click();
    typeInto("verified-score", "8");
    typeInto("review-comment", "好");
    click("review-save");
    await vi.waitFor(() => expect(notes()).toContain("Word 不允许在此文档中插入批注（NotAllowed"));
    expect(server.items[0]).toMatchObject({ verifiedScore: 8, comment: "好" });
    expect(word.comments).toEqual([]);
  });

  it("asks before replacing a document that has text, and puts the report in only when confirmed", async () => {
    const server = new ReviewServer();
    const word = new FakeWord({ fromFile: () => reportControls, bodyText: "评估组的现场记录" });
    await openPane(server, word);
    click("report-insert");
    await vi.waitFor(() => expect(visible("insert-confirm")).toBe(true));
    expect(text("insert-confirm")).toContain("放入自评报告将替换当前文档的全部内容");
    expect(word.log).not.toContain("insertFileFromBase64:Replace");
    click("replace-confirm");
    await vi.waitFor(() => expect(word.log).toContain("insertFileFromBase64:Replace"));
    await vi.waitFor(() => expect(visible("insert-confirm")).toBe(false));
  });

  it("files a synced comment on the current item when someone saved meanwhile, and says so", async () => {
    const server = new ReviewServer();
    const word = new FakeWord({ fromFile: () => reportControls });
    await openPane(server, word);
    click("report-insert");
    await vi.waitFor(() => expect(rows()[0]).toBe("1.1.2"));
    server.otherSaves("1.1.1", { comment: "他人先写的意见", verifiedScore: 7 });
    const native = word.addComment("1.1.1", "补充说明");
    click("comments-sync");
    await vi.waitFor(() => expect(notes()).toContain("他人刚修改过指标 1.1.1，已在其最新内容上追加。"));
    expect(server.items[0]).toMatchObject({ verifiedScore: 7, comment: `他人先写的意见\n${commentMarker(native.id)} 李四：补充说明` });
  });

  it("reads only, with the reason, when the review is not open", async () => {
    const server = new ReviewServer();
    server.open = false;
    await openPane(server, new FakeWord({ fromFile: () => reportControls }));
    expect(notes()).toContain("该单位自评当前为“已提交”，实地评估未开放，只能查看。");
    row("1.1.1").click();
    await vi.waitFor(() => expect(visible("indicator")).toBe(true));
    expect((document.getElementById("verified-score") as HTMLInputElement).disabled).toBe(true);
    expect(document.getElementById("review-save")).toBeNull();
    expect((document.getElementById("comments-sync") as HTMLButtonElement).disabled).toBe(true);
  });

  it("outside Word: verifies in the pane and offers the report as a download", async () => {
    const server = new ReviewServer();
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: () => "blob:report", revokeObjectURL: () => {} }));
    await openPane(server, null);
    expect(text("word-hint")).toContain("在 Word 中打开本窗格");
    expect(visible("comments-sync")).toBe(false);
    click("report-insert");
    await vi.waitFor(() => expect(visible("report-download")).toBe(true));
    expect(document.querySelector("#report-download a")?.getAttribute("download")).toBe("2026-D01-自评报告.docx");
    row("6.1").click();
    typeInto("verified-score", "4.5");
    typeInto("review-comment", "个性指标基本完成");
    click("review-save");
    await vi.waitFor(() => expect(notes()).toContain("已保存。"));
    expect(server.items[3]).toMatchObject({ verifiedScore: 4.5, comment: "个性指标基本完成" });
  });

  it("records a veto item's finding, saves the overall opinion and completes the review after a confirmation", async () => {
    const server = new ReviewServer();
    server.items.push(leaf("7.1", "一票否决事项", 0, { role: "Veto" }));
    await openPane(server, new FakeWord({ fromFile: () => reportControls }));
    row("7.1").click();
    const finding = document.getElementById("verified-finding") as HTMLSelectElement;
    expect([...finding.options].map((o) => o.textContent)).toEqual(["未核实", "存在否决情形", "不存在否决情形"]);
    finding.value = "false";
    finding.dispatchEvent(new Event("change"));
    click("review-save");
    await vi.waitFor(() => expect(server.puts).toHaveLength(1));
    expect(server.puts[0]!.body).toEqual({ verifiedScore: null, verifiedFinding: false, comment: null, problems: [] });
    await vi.waitFor(() => expect(row("7.1").textContent).toContain("不存在否决情形"));

    typeInto("review-summary", "  总体较好，台账需补齐。 ");
    click("summary-save");
    await vi.waitFor(() => expect(notes()).toContain("总体评估意见已保存。"));
    expect(server.calls).toEqual(['summary:"4":总体较好，台账需补齐。']);

    click("review-complete");
    await vi.waitFor(() => expect(text("summary-area")).toContain("完成后该单位进入“已实地评估”"));
    expect(server.completed).toBe(false);
    click("complete-confirm");
    await vi.waitFor(() => expect(notes()).toContain("实地评估已完成。"));
    expect(server.calls.at(-1)).toBe('complete:"5"');
    expect(notes()).toContain("实地评估已完成，只能查看。");
    expect(document.getElementById("summary-save")).toBeNull();
    expect((document.getElementById("review-summary") as HTMLTextAreaElement).disabled).toBe(true);
  });
});
