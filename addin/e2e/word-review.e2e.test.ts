// The Word pane's field review end to end: the built pane in Chromium, the real API and database, Word modelled in
// memory by the stub (resetting content-control tags on insert, as Word does on some platforms). The office (Admin) fills and submits 市教育局's self-evaluation and the demo reviewer accepts
// it, through the API; then the reviewer, in the pane: the unit's 自评报告 put into the document, an indicator found
// and selected, a verified score and comment saved (and echoed as a Word comment), a colleague's save met as a
// conflict, comments written in Word filed under their indicator, one turned into a recorded problem.
// 市教育局 (ZF-JYJ) is in the demo reviewer's group and no other e2e test changes it.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selfAssessmentReport } from "./docx";
import {
  TIMEOUT,
  adminToken,
  apiCall,
  apiJson,
  choices,
  closeChromium,
  demoUserToken,
  launchChromium,
  officeCalls,
  screenshot,
  signInAsDemoUser,
  text,
  withPane,
  type OfficeStubConfig,
} from "./harness";

const UNIT_CODE = "ZF-JYJ";
const REVIEWER = "reviewer@demo.local";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const WORD_ONLINE: OfficeStubConfig = {
  host: "Word",
  platform: "OfficeOnline",
  partitionKey: "e2e-review_",
  requirementSets: { WordApi: "1.4" },
  // As Word does on some platforms (office-js #1467): the inserted controls lose their tags, keep their titles.
  word: { author: "评估专员", insertResetsTags: true },
};
const poll = { timeout: TIMEOUT.action, interval: 100 };

interface Leaf {
  code: string;
  points: number;
  evidenceChecklist?: string[];
  rule?: { kind: string; options?: { label: string }[] };
}

interface ReviewItem {
  indicatorCode: string;
  name: string;
  points: number;
  selfScore: number | null;
  verifiedScore: number | null;
  comment: string | null;
  problems: { description: string; requirement?: string | null }[];
}

interface Review {
  revision: number;
  isOpen: boolean;
  items: ReviewItem[];
}

function leaves(nodes: { code: string; points: number; children: unknown[] }[]): Leaf[] {
  return nodes.flatMap((n) => (n.children.length === 0 ? [n as Leaf] : leaves(n.children as typeof nodes)));
}

/** A full answer for a leaf, evidence all provided (as tests/OfficeEval.Api.Tests/Support/Drafts.cs makes them). */
function fullAnswer(leaf: Leaf): Record<string, unknown> {
  const base = { indicatorCode: leaf.code, evidence: leaf.evidenceChecklist ?? [] };
  if (leaf.rule?.kind === "qualitative") return { ...base, option: leaf.rule.options![0]!.label, selfScore: leaf.points };
  if (leaf.rule?.kind === "veto") return { ...base, finding: false };
  return { ...base, number: 0, selfScore: leaf.points };
}

function notes(page: Page): Promise<string> {
  return text(page, "#review-note");
}

describe("Word pane: the field review of a unit", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("puts the report in, verifies an indicator, settles a conflict, files Word comments and records one as a problem", async () => {
    const admin = await adminToken();
    const reviewer = await demoUserToken(REVIEWER);
    const campaign = (await apiJson<{ id: string; year: number }[]>("GET", "campaigns", admin)).find((c) => c.year === 2026)!;
    const unit = (await apiJson<{ id: string; code: string; name: string }[]>("GET", `campaigns/${campaign.id}/units`, admin)).find((u) => u.code === UNIT_CODE)!;
    const detail = await apiJson<{ framework: { id: string } }>("GET", `campaigns/${campaign.id}`, admin);
    const framework = await apiJson<{ dimensions: Parameters<typeof leaves>[0] }>("GET", `frameworks/${detail.framework.id}`, admin);
    const all = leaves(framework.dimensions);
    const draftPath = `campaigns/${campaign.id}/units/${unit.id}/self-assessment`;
    const reviewPath = `campaigns/${campaign.id}/units/${unit.id}/review`;

    // The unit's self-evaluation, filled in full, submitted and accepted: the field review opens.
    let draft = await apiCall<{ status: string }>("GET", draftPath, admin);
    if (["NotStarted", "Drafting", "Returned"].includes(draft.body.status)) {
      const saved = await apiCall("PATCH", `${draftPath}/answers`, admin, { body: { answers: all.map(fullAnswer) }, ifMatch: draft.etag! });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      const submitted = await apiCall("POST", `${draftPath}/submit`, admin, { ifMatch: saved.etag! });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      draft = await apiCall<{ status: string }>("GET", draftPath, admin);
    }
    if (draft.body.status === "Submitted") {
      const accepted = await apiCall("POST", `${draftPath}/accept`, reviewer, { body: {} });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    }
    let review = await apiCall<Review>("GET", reviewPath, reviewer);
    expect(review.body.isOpen).toBe(true);

    const [scored, commented] = [review.body.items[0]!, review.body.items.find((i) => i.indicatorCode === all[5]!.code)!];
    // A rerun against the same database starts these two items afresh (an empty item is removed).
    for (const code of [scored.indicatorCode, commented.indicatorCode]) {
      const cleared = await apiCall<Review>("PUT", `${reviewPath}/items/${encodeURIComponent(code)}`, reviewer, { body: { problems: [] }, ifMatch: review.etag! });
      expect(cleared.status).toBe(200);
      review = cleared;
    }

    // Until the report endpoint is served by this API, the pane gets a report of the same shape from the test.
    const report = selfAssessmentReport(unit.name, review.body.items);
    let reportFrom = "api";

    await withPane(browser!, "word-review", "word", WORD_ONLINE, async ({ page, pageErrors, blocked }) => {
      await page.route(`**/api/${reviewPath.replace("/review", "/reports/self-assessment")}`, async (route) => {
        const response = await route.fetch();
        if (response.status() === 404 && !(await response.text()).includes('"code"')) {
          reportFrom = "fixture";
          return route.fulfill({ status: 200, contentType: DOCX, body: report });
        }
        return route.fulfill({ response });
      });
      await signInAsDemoUser(page, REVIEWER);

      // The reviewer's group has three units.
      await expect.poll(() => choices(page, "#unit"), poll).toEqual(["DW-ZZB 市委组织部", "ZF-FGW 市发展和改革委员会", "ZF-JYJ 市教育局"]);
      await page.locator("#unit").selectOption({ label: `${UNIT_CODE} ${unit.name}` });
      await expect.poll(() => page.locator("#indicators li").count(), poll).toBe(all.length);
      expect(await notes(page)).toContain("文档中没有找到指标内容控件");

      // The report into the (empty) document: Word drops the tags, the pane finds every leaf by its control's title
      // and tags the controls again.
      await page.locator("#report-insert").click();
      await expect.poll(() => notes(page), poll).toContain(`已放入自评报告，文档中找到 ${all.length} 个指标。`);
      expect(await notes(page)).toContain(`其中 ${all.length} 个指标内容控件的标记被 Word 清除`);
      const inserted = (await officeCalls(page)).find((c) => c.api === "body.insertFileFromBase64");
      expect(inserted?.location).toBe("Replace");
      expect((inserted?.controls as { tag: string }[]).every((c) => c.tag === "")).toBe(true);
      const controls = await page.evaluate(() => window.__officeStub.word.controls());
      expect(controls.map((c) => [c.tag, c.title])).toEqual(review.body.items.map((i) => [`officeeval:indicator:${i.indicatorCode}`, `${i.indicatorCode} ${i.name}`]));
      expect(await page.locator('#indicators [data-badge="missing"]').count()).toBe(0);
      await screenshot(page, "word-review-report");

      // Navigate: the indicator's control is selected in Word, its editor opens.
      const row = (code: string) => page.locator(`#indicators li[data-code="${code}"] button`);
      await row(scored.indicatorCode).click();
      await expect.poll(() => page.evaluate(() => window.__officeStub.word.selection()), poll)
        .toMatchObject({ kind: "control", tag: `officeeval:indicator:${scored.indicatorCode}` });
      expect(await text(page, "#indicator h2")).toBe(`${scored.indicatorCode} ${scored.name}`);

      // Verified score and comment: checked in the pane, saved with If-Match, echoed as a Word comment on the control.
      await page.locator("#verified-score").fill(String(scored.points + 1));
      await page.locator("#review-save").click();
      await expect.poll(() => text(page, "#score-error"), poll).toBe(`核定得分应在 0 至 ${scored.points} 分之间。`);
      const comment = "主责主业台账齐全，抽查 3 项均已落实。";
      await page.locator("#verified-score").fill("7.5");
      await page.locator("#review-comment").fill(comment);
      await page.locator("#review-save").click();
      await expect.poll(() => notes(page), poll).toContain("已保存，评估意见已作为批注插入文档。");
      let item = (await apiJson<Review>("GET", reviewPath, admin)).items.find((i) => i.indicatorCode === scored.indicatorCode)!;
      expect([item.verifiedScore, item.comment]).toEqual([7.5, comment]);
      const echoed = (await page.evaluate(() => window.__officeStub.word.comments())).filter((c) => c.by === "addin");
      expect(echoed.map((c) => [c.content, c.control?.tag, c.authorName])).toEqual([[`【评估意见】${comment}`, `officeeval:indicator:${scored.indicatorCode}`, "评估专员"]]);
      await expect.poll(() => row(scored.indicatorCode).innerText(), poll).toContain(`核定 7.5 / ${scored.points}`);

      // The office saves the same indicator meanwhile: the pane's next save shows their version and asks.
      const current = await apiCall<Review>("GET", reviewPath, admin);
      const theirs = await apiCall("PUT", `${reviewPath}/items/${encodeURIComponent(scored.indicatorCode)}`, admin,
        { body: { verifiedScore: 7.5, comment: "评估办公室：请补充抽查记录。", problems: [] }, ifMatch: current.etag! });
      expect(theirs.status).toBe(200);
      await page.locator("#verified-score").fill("7");
      await page.locator("#review-save").click();
      await expect.poll(() => text(page, "#conflict-current"), poll).toBe("现在的内容：核定 7.5；评估意见“评估办公室：请补充抽查记录。”；问题 0 条。");
      item = (await apiJson<Review>("GET", reviewPath, admin)).items.find((i) => i.indicatorCode === scored.indicatorCode)!;
      expect(item.verifiedScore).toBe(7.5); // nothing overwritten until the reviewer chooses
      await screenshot(page, "word-review-conflict");
      await page.locator("#conflict-mine").click();
      await expect.poll(async () => (await apiJson<Review>("GET", reviewPath, admin)).items.find((i) => i.indicatorCode === scored.indicatorCode)!.verifiedScore, poll).toBe(7);
      // Their comment was replaced by the reviewer's: the pane's Word comment on the control is updated, not added.
      await expect.poll(() => notes(page), poll).toContain("已保存，文档中该指标的评估意见批注已更新。");
      expect((await page.evaluate(() => window.__officeStub.word.comments())).filter((c) => c.by === "addin")).toHaveLength(1);

      // Comments written in Word: one in an indicator, one in the heading outside any.
      const nativeId = await page.evaluate((tag) => window.__officeStub.word.addComment(tag, "现场核查：职责调整未按程序报批。", { author: "张三" }),
        `officeeval:indicator:${commented.indicatorCode}`);
      await page.evaluate(() => window.__officeStub.word.addComment(null, "封面单位名称应使用全称。"));
      await page.locator("#comments-sync").click();
      await expect.poll(() => notes(page), poll).toContain("已同步：1 条新批注记入 1 个指标的评估意见；1 条不在任何指标内。");
      const filedComment = async () => (await apiJson<Review>("GET", reviewPath, admin)).items.find((i) => i.indicatorCode === commented.indicatorCode)!.comment ?? "";
      expect(await filedComment()).toMatch(/^\[Word#[0-9a-f]{8}\] 张三：现场核查：职责调整未按程序报批。$/);
      expect(await text(page, "#comments")).toContain("不在任何指标内（1）");
      // Syncing again files nothing twice.
      await page.locator("#comments-sync").click();
      await expect.poll(() => notes(page), poll).toContain("没有需要记入评估意见的新批注（1 条不在任何指标内）。");
      expect((await filedComment()).split("\n")).toHaveLength(1);

      // The comment becomes a recorded problem with a required action.
      const entry = page.locator(`#comments [data-comment-id="${nativeId}"]`);
      await entry.locator('[data-action="to-problem"]').click();
      await entry.locator('[data-field="requirement"]').fill("按程序补办报批手续");
      await entry.locator('[data-action="confirm-problem"]').click();
      await expect.poll(async () => (await apiJson<Review>("GET", reviewPath, admin)).items.find((i) => i.indicatorCode === commented.indicatorCode)!.problems, poll)
        .toEqual([{ description: "现场核查：职责调整未按程序报批。", category: null, requirement: "按程序补办报批手续" }]);
      await expect.poll(() => entry.locator('[data-action="to-problem"]').innerText(), poll).toBe("已记为问题");
      await row(commented.indicatorCode).click();
      await expect.poll(() => text(page, "#indicator"), poll).toContain("整改要求：按程序补办报批手续");
      await screenshot(page, "word-review-comments");

      console.log(`word-review: the report came from the ${reportFrom}`);
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});
