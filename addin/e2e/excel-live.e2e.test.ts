// The Excel pane's live path end to end: the built pane in Chromium, the real API and database, Excel modelled in
// memory by the stub. Inserted template → edits (one cell, a paste of many) checked and scored live → a cell the
// server cannot read marked and listed → a colleague's save met as a conflict → offline edits queued and synced → edits
// while the API answers 503 (its database away) queued and sent by themselves after Retry-After → the submission
// checklist with evidence → submitted. The office (Admin) fills 市委组织部, which no other test touches.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BASE_URL,
  TIMEOUT,
  adminToken,
  apiJson,
  closeChromium,
  launchChromium,
  screenshot,
  signInAsDemoUser,
  text,
  withPane,
  type OfficeStubConfig,
} from "./harness";

const SHEET = "自评表";
const UNIT_CODE = "DW-ZZB";
const EXCEL_ONLINE: OfficeStubConfig = {
  host: "Excel",
  platform: "OfficeOnline",
  partitionKey: "e2e-live_",
  requirementSets: { ExcelApi: "1.17" },
};
const poll = { timeout: TIMEOUT.action, interval: 100 };

interface Leaf {
  code: string;
  points: number;
  rule?: { kind: string; options?: { label: string }[] };
}

/** Every leaf of the campaign's framework, depth first, as the sheet lists them. */
function leaves(nodes: { code: string; points: number; children: unknown[]; rule?: Leaf["rule"] }[]): Leaf[] {
  return nodes.flatMap((n) => (n.children.length === 0 ? [n as Leaf] : leaves(n.children as typeof nodes)));
}

/** A full answer (answer cell, self-score cell) for a leaf: the best option, or no occurrence. */
function fullAnswer(leaf: Leaf): [string | number, number] {
  return leaf.rule?.kind === "qualitative" ? [leaf.rule.options![0]!.label, leaf.points] : [0, leaf.points];
}

async function patchDraft(token: string, path: string, body: unknown): Promise<number> {
  const current = await fetch(`${BASE_URL}/api/${path}`, { headers: { Authorization: `Bearer ${token}` } });
  const etag = current.headers.get("ETag")!;
  const response = await fetch(`${BASE_URL}/api/${path}/answers`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "If-Match": etag },
    body: JSON.stringify(body),
  });
  return response.status;
}

function cells(page: Page): Promise<Record<string, string | number | boolean>> {
  return page.evaluate((sheet) => window.__officeStub.cells(sheet), SHEET);
}

function edit(page: Page, address: string, values: (string | number)[][]): Promise<void> {
  return page.evaluate(([sheet, a, v]) => window.__officeStub.edit(sheet, a, v), [SHEET, address, values] as const);
}

describe("Excel pane: live checking, autosave, conflicts, offline, submission", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("checks and scores edits live, saves them, settles a conflict, queues offline work and submits", async () => {
    const token = await adminToken();
    const campaigns = await apiJson<{ id: string; year: number }[]>("GET", "campaigns", token);
    const campaign = campaigns.find((c) => c.year === 2026)!;
    const units = await apiJson<{ id: string; code: string; name: string }[]>("GET", `campaigns/${campaign.id}/units`, token);
    const unit = units.find((u) => u.code === UNIT_CODE)!;
    const draftPath = `campaigns/${campaign.id}/units/${unit.id}/self-assessment`;
    const detail = await apiJson<{ framework: { id: string } }>("GET", `campaigns/${campaign.id}`, token);
    const framework = await apiJson<{ dimensions: Parameters<typeof leaves>[0] }>("GET", `frameworks/${detail.framework.id}`, token);
    const all = leaves(framework.dimensions);
    const before = await apiJson<{ status: string }>("GET", draftPath, token);
    if (before.status === "Submitted") return; // a rerun against the same database: this unit was submitted last time

    await withPane(browser!, "excel", "excel", EXCEL_ONLINE, async ({ page, pageErrors }) => {
      await page.locator("#signin").waitFor({ state: "visible" });
      await signInAsDemoUser(page, "admin@demo.local");
      await page.locator("#unit").selectOption({ label: `${UNIT_CODE} ${unit.name}` });

      // Insert: the sheets arrive, the identity part is added, the pane recognises the workbook and scores it.
      await page.locator("#insert").click();
      await expect.poll(() => text(page, "#workbook-note"), poll).toMatch(/^本工作簿由 OfficeEval 生成，模板为最新/);
      const parts = await page.evaluate(() => window.__officeStub.customXmlParts());
      expect(parts.map((p) => p.namespaceUri)).toContain("urn:officeeval:self-assessment:v1");
      await page.locator("#score").waitFor({ state: "visible" });
      const grid = await cells(page);
      expect(grid.A4).toBe(all[0]!.code);

      // One cell edited: checked, scored and saved without a click.
      await edit(page, "H4:I4", [[fullAnswer(all[0]!)[0], all[0]!.points]]);
      await expect.poll(() => text(page, "#score .total"), poll).toMatch(new RegExp(`^总分: ${all[0]!.points} /`));
      await expect.poll(() => text(page, "#sync"), poll).toMatch(/^已自动保存/);
      // Each rule's explanation, leaf by leaf.
      expect(await page.locator("#score details.leaves tbody tr").count()).toBe(all.length);
      expect(await page.locator(`#score details.leaves tr[data-code="${all[0]!.code}"] td`).nth(2).textContent()).not.toBe("");
      // "已自动保存" may still be the save that followed inserting the template: wait for the edit itself to arrive.
      await expect
        .poll(async () => {
          const saved = await apiJson<{ answers: { indicatorCode: string; option?: string }[] }>("GET", draftPath, token);
          return saved.answers.find((a) => a.indicatorCode === all[0]!.code)?.option;
        }, poll)
        .toBe(fullAnswer(all[0]!)[0]);

      // A cell the server cannot read: listed with its cell, marked, and nothing saved until it is corrected.
      const deduction = all.findIndex((l) => l.rule?.kind === "deduction");
      const badCell = `H${4 + deduction}`;
      await edit(page, badCell, [["两次"]]);
      await expect.poll(() => text(page, "#score .problems"), poll).toContain(`定位到 ${SHEET}!${badCell}`);
      await expect.poll(() => page.evaluate(([s, a]) => window.__officeStub.fills(s)[a!], [SHEET, badCell] as const), poll).toBe("#FFC7CE");
      await expect.poll(() => text(page, "#sync"), poll).toContain("有无法读取的单元格");
      await screenshot(page, "excel-live-problems");
      await edit(page, badCell, [[1]]);
      await expect.poll(() => page.evaluate(([s, a]) => window.__officeStub.fills(s)[a!] ?? "", [SHEET, badCell] as const), poll).not.toBe("#FFC7CE");
      await expect.poll(() => text(page, "#sync"), poll).toMatch(/^已自动保存/);

      // A colleague saves meanwhile: the next autosave is refused and the pane asks; taking theirs rewrites the sheet.
      const second = all[1]!;
      expect(await patchDraft(token, draftPath, { answers: [{ indicatorCode: second.code, option: fullAnswer(second)[0], explanation: "同事填写" }] })).toBe(200);
      await edit(page, "J4", [["我的说明"]]);
      await page.locator("#conflict-theirs").waitFor({ state: "visible", timeout: TIMEOUT.action });
      await screenshot(page, "excel-live-conflict");
      await page.locator("#conflict-theirs").click();
      await expect.poll(async () => (await cells(page)).J5, poll).toBe("同事填写");
      await expect.poll(async () => (await cells(page)).J4 ?? "", poll).toBe("");

      // Offline: the edit is kept on this computer and synced when the API is back.
      await page.route(/self-assessment\/sheet/, (route) => route.abort("internetdisconnected"));
      await edit(page, "J4", [["离线时填写"]]);
      await page.locator('#sync [data-state="offline"]').waitFor({ state: "visible", timeout: TIMEOUT.action });
      const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("officeeval.queue.")));
      expect(queued).toHaveLength(1);
      await page.unroute(/self-assessment\/sheet/);
      await page.evaluate(() => window.dispatchEvent(new Event("online")));
      await expect.poll(async () => (await apiJson<{ answers: { indicatorCode: string; explanation?: string }[] }>("GET", draftPath, token))
        .answers.find((a) => a.indicatorCode === all[0]!.code)?.explanation, poll).toBe("离线时填写");

      // The API up but its database away (503 with Retry-After): the edit is kept, the pane says the server is
      // unavailable, the save is tried again after the server's Retry-After (no "online" event: the network never went)
      // and goes through by itself once the API answers again; the warning then goes.
      let refusedSaves = 0;
      await page.route(/self-assessment\/sheet/, (route) => {
        if (route.request().method() === "PUT") refusedSaves++;
        return route.fulfill({
          status: 503,
          headers: { "Retry-After": "1", "Content-Type": "application/problem+json" },
          body: JSON.stringify({
            status: 503,
            code: "server.database_unavailable",
            messageZh: "数据库暂时不可用，请稍后重试，您的数据未丢失。",
            messageEn: "The database is temporarily unavailable; try again shortly. Nothing was lost.",
          }),
        });
      });
      await edit(page, "J4", [["数据库重启时填写"]]);
      await page.locator('#sync [data-state="offline"][data-reason="unavailable"]').waitFor({ state: "visible", timeout: TIMEOUT.action });
      await expect.poll(() => refusedSaves, poll).toBeGreaterThanOrEqual(2);
      await expect.poll(() => text(page, "#sync"), poll).toMatch(/服务器暂时不可用.*约 1 秒后重试。/);
      await screenshot(page, "excel-live-unavailable");
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("officeeval.queue.")))).toHaveLength(1);
      await page.unroute(/self-assessment\/sheet/);
      await expect.poll(async () => (await apiJson<{ answers: { indicatorCode: string; explanation?: string }[] }>("GET", draftPath, token))
        .answers.find((a) => a.indicatorCode === all[0]!.code)?.explanation, poll).toBe("数据库重启时填写");
      await page.locator('#sync [data-state="offline"]').waitFor({ state: "detached", timeout: TIMEOUT.action });
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("officeeval.queue.")))).toHaveLength(0);

      // Every answer in one paste, then the checklist: evidence ticked item by item, then submitted.
      await edit(page, `H4:I${3 + all.length}`, all.map(fullAnswer));
      await expect.poll(() => text(page, "#sync"), poll).toMatch(/^已自动保存/);
      await page.locator("#submit-check").click();
      await page.locator("#checklist h3").waitFor({ state: "visible", timeout: TIMEOUT.action });
      for (let i = 0; i < 100 && (await page.locator("#checklist .evidence input").count()) > 0; i++) {
        const count = await page.locator("#checklist .evidence input").count();
        await page.locator("#checklist .evidence input").first().check();
        await expect.poll(() => page.locator("#checklist .evidence input").count(), poll).toBeLessThan(count);
      }
      await page.locator("#submit").waitFor({ state: "visible", timeout: TIMEOUT.action });
      await screenshot(page, "excel-live-ready");
      await page.locator("#submit").click();
      await expect.poll(() => text(page, "#status"), poll).toBe("已提交（第 1 版）。");
      await expect.poll(() => text(page, "#sync"), poll).toContain("已提交");
      const submitted = await apiJson<{ status: string; versions: unknown[] }>("GET", draftPath, token);
      expect(submitted.versions).toHaveLength(1);
      expect(submitted.status).toBe("Submitted");
      await screenshot(page, "excel-live-submitted");
      expect(pageErrors).toEqual([]);
    });
  });
});
