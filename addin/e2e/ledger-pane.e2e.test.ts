// The rectification ledger (整改台账) in the task panes end to end: the built panes in Chromium, the real API and
// database (demo seed), Office stubbed. The office (Admin) enters two problems of 市发展和改革委员会 through the API —
// one already past its deadline; the unit's staff, in the Excel pane, see what is due first, start the overdue one
// and submit it with a description and a PDF, meeting the office's change in between as a conflict (412: the item
// reloaded, the form kept); then the demo reviewer (the unit is in their group), in the Word pane, closes it (销号)
// with a note, finds it among the closed items and sees it may be reopened.
// Each run enters its own items and finds them by id, so a rerun against the same database is not misled by the last.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TIMEOUT,
  adminToken,
  apiCall,
  apiJson,
  chosen,
  closeChromium,
  elementScreenshot,
  launchChromium,
  screenshot,
  signInAsDemoUser,
  text,
  withPane,
  type OfficeStubConfig,
} from "./harness";

const CAMPAIGN = "2026年度机构编制执行情况和使用效益评估";
const UNIT_CODE = "ZF-FGW";
const UNIT = "市发展和改革委员会";
const STAFF = "staff@demo.local";
const REVIEWER = "reviewer@demo.local";
const EXCEL_ONLINE: OfficeStubConfig = { host: "Excel", platform: "OfficeOnline", partitionKey: "e2e-ledger-excel_", requirementSets: { ExcelApi: "1.17" } };
const WORD_ONLINE: OfficeStubConfig = { host: "Word", platform: "OfficeOnline", partitionKey: "e2e-ledger-word_", requirementSets: { WordApi: "1.4" } };
const poll = { timeout: TIMEOUT.action, interval: 100 };
/** The smallest file the API takes as a PDF: it reads the type from the content (%PDF-). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "latin1");

interface Item {
  id: string;
  description: string;
  status: string;
  revision: number;
  overdue: boolean;
  daysOverdue: number;
  responsiblePerson: string | null;
  closedAt: string | null;
  evidence: { description: string; files: { name: string; contentType: string; size: number }[] }[];
  history?: { action: string; note: string | null; byName: string | null }[];
}

/** A day `days` from today in China Standard Time, as the API's deadlines are given (yyyy-MM-dd). */
function cstDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const card = (page: Page, id: string) => page.locator(`#ledger-items li[data-item-id="${id}"]`);
const chip = (page: Page, id: string, kind: string) => card(page, id).locator(`[data-chip="${kind}"]`).innerText();
const actions = (page: Page, id: string) =>
  card(page, id)
    .locator(".actions button[data-action]")
    .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.action).filter((a) => a !== "history"));

describe("the rectification ledger in the task panes", () => {
  let browser: Browser | undefined;
  let admin = "";
  let campaignId = "";
  let unitId = "";
  let overdue: Item;
  let later: Item;
  const itemPath = (item: Item) => `campaigns/${campaignId}/units/${unitId}/rectification/${item.id}`;

  beforeAll(async () => {
    browser = await launchChromium();
    admin = await adminToken();
    const campaigns = await apiJson<{ id: string; name: string }[]>("GET", "campaigns", admin);
    campaignId = campaigns.find((c) => c.name === CAMPAIGN)!.id;
    const units = await apiJson<{ id: string; code: string }[]>("GET", `campaigns/${campaignId}/units`, admin);
    unitId = units.find((u) => u.code === UNIT_CODE)!.id;
    const enter = async (body: object) => {
      const created = await apiCall<Item>("POST", `campaigns/${campaignId}/units/${unitId}/rectification`, admin, { body });
      expect(created.status).toBe(201);
      return created.body;
    };
    later = await enter({
      category: "Management",
      description: "部分内设机构职责未在门户网站公开",
      requirement: "在门户网站公开全部内设机构的主要职责。",
      deadline: cstDay(60),
    });
    overdue = await enter({
      indicatorCode: "4.2.1",
      category: "编制使用",
      description: "超核定职数配备科级领导干部 1 名",
      requirement: "通过自然减员等方式，在整改时限前消化超配职数，并报送整改情况。",
      deadline: cstDay(-20),
      responsiblePerson: "办公室王主任",
    });
    expect([overdue.overdue, overdue.daysOverdue]).toEqual([true, 20]);
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("unit staff in Excel: see what is due first, start, and submit with a file, after a change meanwhile", async () => {
    await withPane(browser!, "ledger-staff", "excel", EXCEL_ONLINE, async ({ page, pageErrors, blocked }) => {
      await signInAsDemoUser(page, STAFF);
      await expect.poll(() => chosen(page, "#unit"), poll).toBe(`${UNIT_CODE} ${UNIT}`);
      await card(page, overdue.id).waitFor();
      expect(await text(page, "#ledger-heading")).toBe("整改台账");

      // What is due first: the overdue item before the one due in two months, marked red with 逾期 20 天.
      const order = await page.locator("#ledger-items > li").evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.itemId));
      expect(order.indexOf(overdue.id)).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(overdue.id)).toBeLessThan(order.indexOf(later.id));
      expect(await chip(page, overdue.id, "status")).toBe("待整改");
      expect(await chip(page, overdue.id, "overdue")).toBe("逾期 20 天");
      expect(await chip(page, overdue.id, "category")).toBe("编制使用");
      expect(await card(page, overdue.id).getAttribute("class")).toContain("is-overdue");
      expect(await card(page, later.id).locator('[data-chip="overdue"]').count()).toBe(0);
      expect(await card(page, overdue.id).locator("dl").innerText()).toContain("办公室王主任");
      expect(await actions(page, overdue.id)).toEqual(["start"]);
      expect(await text(page, "#ledger-counts")).toMatch(/^共 \d+ 项：待整改 \d+，整改中 \d+，待核验 \d+，已销号 \d+；逾期 \d+ 项（截至 \d{4}-\d{2}-\d{2}）。$/);

      // 开始整改.
      await card(page, overdue.id).getByRole("button", { name: /^开始整改：超核定职数/ }).click();
      await expect.poll(() => chip(page, overdue.id, "status"), poll).toBe("整改中");
      await expect.poll(() => text(page, "#ledger-status"), poll).toBe(`已开始整改：${shortLabel(overdue)}`);
      expect(await actions(page, overdue.id)).toEqual(["submit"]);

      // 提交核验: nothing goes without a description.
      await card(page, overdue.id).locator('button[data-action="submit"]').click();
      const form = card(page, overdue.id).locator("form[data-form=submit]");
      await form.locator("[data-confirm=submit]").click();
      expect(await form.locator(".field-error").innerText()).toBe("请填写整改情况说明。");
      await form.getByLabel("整改情况说明").fill("已于 11 月免去 1 名副科级领导职务，超配职数已消化，附任免文件。");
      await form.getByLabel("佐证材料（可选）").setInputFiles({ name: "任免文件.pdf", mimeType: "application/pdf", buffer: PDF });
      await screenshot(page, "ledger-staff-submit-form");

      // Meanwhile the office changes the responsible person: the submission meets it (412), the item is reloaded.
      const current = await apiCall<Item>("GET", itemPath(overdue), admin);
      const patched = await apiCall<Item>("PATCH", itemPath(overdue), admin, { body: { responsiblePerson: "办公室李副主任" }, ifMatch: current.etag! });
      expect(patched.status).toBe(200);
      await form.locator("[data-confirm=submit]").click();
      await expect.poll(() => card(page, overdue.id).locator('[data-notice="ledger.changed"]').count(), poll).toBe(1);
      expect(await text(page, "#ledger-status")).toBe("该事项已被他人修改（现为“整改中”），已刷新为最新内容，请确认后再操作。");
      expect(await card(page, overdue.id).locator("dl").innerText()).toContain("办公室李副主任");
      expect(await form.getByLabel("整改情况说明").inputValue()).toBe("已于 11 月免去 1 名副科级领导职务，超配职数已消化，附任免文件。");
      await screenshot(page, "ledger-staff-conflict");
      // The section alone, as docs/images/excel-pane-ledger.png shows it.
      await elementScreenshot(page, "#ledger", "ledger-staff-section");

      // Sent again on the current revision: multipart with the file still chosen.
      await form.locator("[data-confirm=submit]").click();
      await expect.poll(() => chip(page, overdue.id, "status"), poll).toBe("待核验");
      expect(await text(page, "#ledger-status")).toBe(`已提交核验：${shortLabel(overdue)}`);
      expect(await actions(page, overdue.id)).toEqual([]);
      expect(await card(page, overdue.id).locator("button[data-file-id]").innerText()).toBe("任免文件.pdf");
      expect(await card(page, overdue.id).locator('[data-note="awaiting"]').innerText()).toBe("单位已提交，等待核验");
      await screenshot(page, "ledger-staff-submitted");

      const stored = (await apiCall<Item>("GET", itemPath(overdue), admin)).body;
      expect(stored.status).toBe("Submitted");
      expect(stored.responsiblePerson).toBe("办公室李副主任");
      expect(stored.evidence).toHaveLength(1);
      expect(stored.evidence[0]!.description).toBe("已于 11 月免去 1 名副科级领导职务，超配职数已消化，附任免文件。");
      expect(stored.evidence[0]!.files.map((f) => [f.name, f.contentType, f.size])).toEqual([["任免文件.pdf", "application/pdf", PDF.length]]);
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("the reviewer in Word: closes it with a note, finds it among the closed items, may reopen it", async () => {
    await withPane(browser!, "ledger-reviewer", "word", WORD_ONLINE, async ({ page, pageErrors, blocked }) => {
      await signInAsDemoUser(page, REVIEWER);
      // The results load by themselves, above the section: settled before anything below them is clicked.
      await page.locator("#results table").waitFor();
      await page.locator(`#unit option[value="${unitId}"]`).waitFor({ state: "attached" });
      await page.locator("#unit").selectOption(unitId);
      await card(page, overdue.id).waitFor();
      expect(await chip(page, overdue.id, "status")).toBe("待核验");
      expect(await actions(page, overdue.id)).toEqual(["close", "return"]);
      expect(await actions(page, later.id)).toEqual([]); // not submitted: nothing for the reviewer to do here

      // The evidence is there to verify: the description, and the file downloads through the API.
      const evidence = card(page, overdue.id).locator("details.evidence-list");
      expect(await evidence.getAttribute("open")).not.toBeNull();
      expect(await evidence.locator(".evidence-text").innerText()).toContain("超配职数已消化");
      const download = page.waitForEvent("download", { timeout: TIMEOUT.action });
      await evidence.getByRole("button", { name: "下载佐证材料 任免文件.pdf" }).click();
      expect((await download).suggestedFilename()).toBe("任免文件.pdf");

      // 销号 needs a note.
      await card(page, overdue.id).locator('button[data-action="close"]').click();
      const form = card(page, overdue.id).locator("form[data-form=close]");
      await form.locator("[data-confirm=close]").click();
      expect(await form.locator(".field-error").innerText()).toBe("请填写意见（销号、退回和重新打开都须说明理由）。");
      await form.getByLabel("销号意见").fill("经核查任免文件，超配职数已消化，同意销号。");
      await screenshot(page, "ledger-reviewer-close-form");
      await form.locator("[data-confirm=close]").click();
      await expect.poll(() => text(page, "#ledger-status"), poll).toBe(`已销号：${shortLabel(overdue)}`);
      await expect.poll(() => card(page, overdue.id).count(), poll).toBe(0); // closed: no longer due

      // Shown again with the closed ones, 已销号, and reopening is offered.
      await page.getByLabel("显示已销号的事项").check();
      await card(page, overdue.id).waitFor();
      expect(await chip(page, overdue.id, "status")).toBe("已销号");
      expect(await card(page, overdue.id).locator('[data-chip="overdue"]').count()).toBe(0);
      expect(await actions(page, overdue.id)).toEqual(["reopen"]);
      await card(page, overdue.id).locator('button[data-action="history"]').click();
      const steps = card(page, overdue.id).locator(".ledger-history li");
      await expect.poll(() => steps.count(), poll).toBe(5);
      expect(await steps.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.historyAction))).toEqual(["created", "start", "changed", "submit", "close"]);
      expect(await steps.last().innerText()).toContain("评估专员 销号：经核查任免文件，超配职数已消化，同意销号。");
      await screenshot(page, "ledger-reviewer-closed");

      const stored = (await apiCall<Item>("GET", itemPath(overdue), admin)).body;
      expect(stored.status).toBe("Closed");
      expect(stored.closedAt).not.toBeNull();
      expect(stored.history!.at(-1)).toMatchObject({ action: "close", note: "经核查任免文件，超配职数已消化，同意销号。", byName: "评估专员" });
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});

/** The item as the pane names it in its messages (ledger-views itemLabel: the first 24 characters). */
function shortLabel(item: Item): string {
  const text = item.description.replace(/\s+/g, " ").trim();
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}
