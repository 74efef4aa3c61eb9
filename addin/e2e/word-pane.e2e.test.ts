// The Word pane end to end: the built pane in Chromium, the real API and database (demo seed), Office stubbed.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TIMEOUT, chosen, closeChromium, launchChromium, screenshot, signInAsDemoUser, tableRows, text, withPane } from "./harness";

const CAMPAIGN = "2026年度机构编制执行情况和使用效益评估";
/** DemoSeeder.DemoUnits, by code. */
const DEMO_UNITS = [
  ["DW-ZZB", "市委组织部"],
  ["QT-GQT", "共青团市委"],
  ["SY-ZXZX", "市政务服务中心"],
  ["XZ-CGJD", "城关街道"],
  ["ZF-FGW", "市发展和改革委员会"],
  ["ZF-JYJ", "市教育局"],
];
const poll = { timeout: TIMEOUT.action, interval: 100 };

describe("Word task pane in Chromium", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("signs in as the admin and shows the results of all six demo units", async () => {
    const word = { host: "Word", platform: "OfficeOnline", partitionKey: "e2e-word_" } as const;
    await withPane(browser!, "word", "word", word, async ({ page, pageErrors, blocked }) => {
      await page.locator("#signin").waitFor({ state: "visible" });
      expect(await page.locator("#notice").isHidden()).toBe(true);

      await signInAsDemoUser(page, "admin@demo.local");
      expect(await text(page, "#user")).toBe("已登录：编办管理员");
      await expect.poll(() => chosen(page, "#campaign"), poll).toBe(CAMPAIGN);

      // The only campaign is preselected and its results load without a click. Ranked units come first, so the
      // order depends on whether the Excel test has uploaded yet; compare by code.
      await expect.poll(() => page.locator("#results tbody tr").count(), poll).toBe(6);
      const rows = await tableRows(page, "#results");
      expect(rows.map((r) => [r[1], r[2]]).sort(([a], [b]) => a!.localeCompare(b!))).toEqual(DEMO_UNITS);
      for (const row of rows) {
        expect(row).toHaveLength(6);
        expect(row[3]).toMatch(/^(未开始|填报中|已提交|初审通过)$/); // 初审通过: word-review.e2e.test.ts
        if (row[3] === "未开始") expect([row[0], row[5]]).toEqual(["—", "—"]);
      }
      expect(await page.locator("#results-load").isEnabled()).toBe(true);
      await screenshot(page, "word-results");

      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});
