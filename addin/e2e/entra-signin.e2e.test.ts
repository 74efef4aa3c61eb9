// The Microsoft 365 (Entra ID) sign-in button in the built Word pane, in Chromium. The API under test runs with Entra
// off (the default), so GET /api/auth/config is answered by the test (a Playwright route) where Entra must be on;
// Entra ID itself is never reached (requests off the API's origin are blocked and would fail the test).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, TIMEOUT, closeChromium, launchChromium, officeCalls, screenshot, text, withPane, type OfficeStubConfig } from "./harness";

const ENTRA = {
  enabled: true,
  clientId: "6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11",
  authority: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47",
  scopes: ["api://127.0.0.1/6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11/access_as_user"],
};
const poll = { timeout: TIMEOUT.action, interval: 50 };

/** Answers the sign-in options with Entra on, then loads the pane again so that it asks for them. */
async function entraOn(page: Page): Promise<void> {
  await page.route(`${BASE_URL}/api/auth/config`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ entra: ENTRA }) }),
  );
  await page.reload({ waitUntil: "load" });
  await page.locator("#signin").waitFor({ state: "visible" });
}

describe("Microsoft sign-in button in Chromium", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("is absent while the API has Entra sign-in off; the local form is there", async () => {
    const word: OfficeStubConfig = { host: "Word", platform: "OfficeOnline", requirementSets: { NestedAppAuth: "1.1" } };
    await withPane(browser!, "entra-off", "word", word, async ({ page, pageErrors, blocked }) => {
      // Asked again on reload; an API without the endpoint answers 401 (its fallback policy), one with it Entra off.
      const config = page.waitForResponse((r) => r.url() === `${BASE_URL}/api/auth/config`, { timeout: TIMEOUT.action });
      await page.reload({ waitUntil: "load" });
      await config;
      await page.locator("#signin").waitFor({ state: "visible" });
      await page.waitForLoadState("networkidle");
      expect(await page.locator("#signin-entra-area").isHidden()).toBe(true);
      expect(await page.locator("#signin-form #email").isVisible()).toBe(true);
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("is shown when the API says Entra is on, and loads MSAL only when pressed (NAA)", async () => {
    const word: OfficeStubConfig = { host: "Word", platform: "OfficeOnline", requirementSets: { NestedAppAuth: "1.1" } };
    await withPane(browser!, "entra-naa", "word", word, async ({ page, pageErrors, blocked }) => {
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
      });
      await entraOn(page);
      await page.locator("#signin-entra").waitFor({ state: "visible" });
      expect(await text(page, "#signin-entra")).toBe("使用 Microsoft 账户登录");
      expect(await page.locator("#signin-form #email").isVisible()).toBe(true); // the local form stays
      await screenshot(page, "entra-signin-button");
      const before = scripts.length;

      // The stub is no NAA host (no broker behind it): MSAL loads, finds no account, and the pane says so in Chinese.
      await page.locator("#signin-entra").click();
      await expect.poll(() => page.locator("#error").isVisible(), poll).toBe(true);
      expect(await text(page, "#error")).toMatch(/^Microsoft 账户登录失败：.*no_account_error/);
      expect(scripts.length).toBeGreaterThan(before); // the MSAL chunk, fetched on demand
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });

  it("without NAA opens the dialog page and says 已取消登录 when the user closes it", async () => {
    const word: OfficeStubConfig = { host: "Word", platform: "OfficeOnline", dialog: { event: 12006 } };
    await withPane(browser!, "entra-dialog", "word", word, async ({ page, pageErrors, blocked }) => {
      await entraOn(page);
      await page.locator("#signin-entra").click();
      await expect.poll(() => text(page, "#status"), poll).toBe("已取消登录。");
      const opened = (await officeCalls(page)).filter((c) => c.api === "displayDialogAsync");
      expect(opened).toEqual([
        { api: "displayDialogAsync", url: `${BASE_URL}/addin/auth/dialog.html`, options: { height: 60, width: 30 } },
      ]);
      expect(await page.locator("#signin").isVisible()).toBe(true);

      // The page the dialog would load is in the build the API serves.
      const dialogPage = await page.request.get(`${BASE_URL}/addin/auth/dialog.html`);
      expect(dialogPage.status()).toBe(200);
      expect(await dialogPage.text()).toContain("../office-js/office.js");
      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});
