// The Excel pane end to end: the built pane in Chromium, the real API and database (demo seed), Office stubbed.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TIMEOUT,
  choices,
  chosen,
  closeChromium,
  launchChromium,
  officeCalls,
  screenshot,
  signIn,
  signInAsDemoUser,
  tableRows,
  text,
  withPane,
  type OfficeStubConfig,
} from "./harness";
import { xlsxSheetNames } from "./xlsx";

const CAMPAIGN = "2026年度机构编制执行情况和使用效益评估";
const UNIT = "市发展和改革委员会";
const STAFF = "staff@demo.local";
const EXCEL_ONLINE: OfficeStubConfig = {
  host: "Excel",
  platform: "OfficeOnline",
  partitionKey: "e2e-excel_",
  requirementSets: { ExcelApi: "1.17" },
};
const STATUS = /^(未开始|填报中|已提交)$/;
const poll = { timeout: TIMEOUT.action, interval: 100 };

describe("Excel task pane in Chromium", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("signs in as unit staff, shows the seeded campaign and unit, lists results, inserts the template and uploads it", async () => {
    await withPane(browser!, "excel", "excel", EXCEL_ONLINE, async ({ page, pageErrors, blocked }) => {
      await page.locator("#signin").waitFor({ state: "visible" });
      // The stub was taken for Excel: no "not in Office" notice, upload allowed.
      expect(await page.locator("#notice").isHidden()).toBe(true);

      // The demo user's first sign-in: the initial password is replaced through the pane's form first.
      await signInAsDemoUser(page, STAFF);
      expect(await text(page, "#user")).toBe(`已登录：${UNIT}填报人`);

      // One campaign, preselected; unit staff see their own unit only, preselected too.
      await expect.poll(() => choices(page, "#campaign"), poll).toEqual([CAMPAIGN]);
      await expect.poll(() => chosen(page, "#campaign"), poll).toBe(CAMPAIGN);
      await expect.poll(() => choices(page, "#unit"), poll).toEqual([`ZF-FGW ${UNIT}`]);
      expect(await chosen(page, "#unit")).toBe(`ZF-FGW ${UNIT}`);
      expect(await page.locator("#insert").isEnabled()).toBe(true);
      expect(await page.locator("#upload").isEnabled()).toBe(true);
      expect(await page.locator("#upload-hint").isHidden()).toBe(true);
      expect(sessionStorageKeys(await page.evaluate(() => Object.keys(sessionStorage)))).toEqual([
        "e2e-excel_officeeval.auth",
      ]);
      await screenshot(page, "excel-signed-in");

      // Results: this unit only. Not started on a fresh database; a rerun against the same API finds last run's upload.
      await page.locator("#results-load").click();
      await expect
        .poll(() => tableRows(page, "#results"), poll)
        .toEqual([[expect.any(String), "ZF-FGW", UNIT, expect.stringMatching(STATUS), expect.any(String), expect.any(String)]]);
      await screenshot(page, "excel-results");

      await page.locator("#insert").click();
      await expect.poll(() => text(page, "#status"), poll).toMatch(/^已插入 \d+ 个工作表。$/);
      const inserts = (await officeCalls(page)).filter((c) => c.api === "insertWorksheetsFromBase64");
      expect(inserts).toHaveLength(1);
      const { base64, options } = inserts[0]!;
      expect(typeof base64).toBe("string");
      expect(base64 as string).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      const bytes = Buffer.from(base64 as string, "base64");
      expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
      const sheets = xlsxSheetNames(bytes);
      expect(sheets.length).toBeGreaterThan(0);
      expect(await text(page, "#status")).toBe(`已插入 ${sheets.length} 个工作表。`);
      expect(options).toEqual({ positionType: "End" });
      // The pane checked for ExcelApi 1.13 before inserting.
      const checks = (await officeCalls(page)).filter((c) => c.api === "isSetSupported");
      expect(checks).toContainEqual({ api: "isSetSupported", name: "ExcelApi", version: "1.13", result: true });
      console.log(`inserted template: ${bytes.length} bytes, sheets: ${sheets.join(", ")}`);
      await screenshot(page, "excel-inserted");

      // Upload: the stub's open document is now the inserted template, read back through getFileAsync. Nothing is
      // filled in, so it scores 0 with one problem per unanswered indicator, each linked to its cell.
      await page.locator("#upload").click();
      await page.locator("#score").waitFor({ state: "visible" });
      expect(await text(page, "#score .total")).toMatch(/^总分: 0 \/ \d+（得分率 0%）$/);
      expect(await text(page, "#score h3")).toMatch(/^问题（[1-9]\d*）$/);
      // The live path reads the sheet meanwhile: look at the file calls only.
      const FILE_CALLS = ["getFileAsync", "getSliceAsync", "closeAsync"];
      const calls = (await officeCalls(page)).map((c) => c.api).filter((api) => FILE_CALLS.includes(api));
      expect(calls).toEqual(FILE_CALLS);
      const goTo = page.locator("#score .problems button").first();
      const target = /^定位到 (.+)!([A-Z]+\d+)$/.exec(await goTo.innerText());
      expect(target, "the first problem links to a cell").not.toBeNull();
      expect(sheets).toContain(target![1]);
      await goTo.click();
      await expect
        .poll(async () => (await officeCalls(page)).filter((c) => c.api === "worksheet.activate" || c.api === "range.select"), poll)
        .toEqual([
          { api: "worksheet.activate", sheet: target![1] },
          { api: "range.select", sheet: target![1], address: target![2] },
        ]);
      await screenshot(page, "excel-uploaded");

      // The upload is saved: the unit is now being filled in; its staff see their self-evaluation, not yet a rank.
      await page.locator("#results-load").click();
      await expect
        .poll(() => tableRows(page, "#results"), poll)
        .toEqual([["—", "ZF-FGW", UNIT, "填报中", expect.stringMatching(/^0 \/ \d+（自评）$/), "0%"]]);

      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("shows the API's Chinese message when the password is wrong", async () => {
    await withPane(browser!, "excel-wrong-password", "excel", EXCEL_ONLINE, async ({ page, pageErrors, blocked }) => {
      await signIn(page, STAFF, "Wrong#Pass2026");
      await expect.poll(() => page.locator("#error").isVisible(), poll).toBe(true);
      expect(await text(page, "#error")).toBe("账号或密码错误。");
      expect(await page.locator("#signin").isVisible()).toBe(true);
      expect(await page.locator("#workspace").isHidden()).toBe(true);
      expect(await page.locator("#signin-submit").isEnabled()).toBe(true);
      await screenshot(page, "excel-wrong-password");

      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});

/** sessionStorage keys that belong to the pane (the token, prefixed with Office's partition key). */
function sessionStorageKeys(keys: string[]): string[] {
  return keys.filter((k) => k.includes("officeeval")).sort();
}
