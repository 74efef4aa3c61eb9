// The forced change of the initial password end to end: an account the admin creates through the API (so the test
// starts from a pending change on every run), then the Word pane in Chromium: the form, the server's per-rule
// messages, the change, and the workspace with the new tokens.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TIMEOUT,
  adminToken,
  apiJson,
  changePassword,
  closeChromium,
  launchChromium,
  screenshot,
  signIn,
  text,
  withPane,
} from "./harness";

const poll = { timeout: TIMEOUT.action, interval: 100 };
const WORD = { host: "Word", platform: "OfficeOnline", partitionKey: "e2e-password_" } as const;

interface Created {
  user: { id: string; email: string; mustChangePassword: boolean };
  initialPassword: string;
}

describe("forced change of the initial password in Chromium", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await closeChromium(browser);
  });

  it("a new account must change its initial password in the pane before it sees anything", async () => {
    const email = `e2e-viewer-${Date.now()}@demo.local`;
    const created = await apiJson<Created>("POST", "users", await adminToken(), {
      email,
      displayName: "端到端查询用户",
      roles: ["Viewer"],
    });
    expect(created.user.mustChangePassword).toBe(true);
    const newPassword = "Viewer#New2027";

    await withPane(browser!, "password-change", "word", WORD, async ({ page, pageErrors, blocked }) => {
      await signIn(page, email, created.initialPassword);

      await page.locator("#password-change").waitFor({ state: "visible" });
      expect(await page.locator("#workspace").isHidden()).toBe(true);
      expect(await text(page, "#password-change h2")).toBe("修改初始密码");
      expect(await page.locator("#password-policy li").allInnerTexts()).toEqual([
        "至少 8 位；",
        "包含大写字母、小写字母、数字、符号中的至少三类；",
        "不能包含账号名。",
      ]);
      await screenshot(page, "password-change-form");

      // Too weak: the server's headline and one line per rule broken, in Chinese.
      await changePassword(page, created.initialPassword, "abcdefg");
      await expect.poll(() => page.locator("#error .problem-message").allInnerTexts(), poll).toEqual([
        "密码至少 8 位。",
        "密码须包含大写字母、小写字母、数字、符号中的至少三类。",
      ]);
      expect(await text(page, "#error p")).toBe("新密码不符合密码策略。");
      await screenshot(page, "password-change-policy");

      await changePassword(page, created.initialPassword, newPassword, "Viewer#New2028");
      await expect.poll(() => text(page, "#error"), poll).toBe("两次输入的新密码不一致。");

      await changePassword(page, created.initialPassword, newPassword);
      await page.locator("#workspace").waitFor({ state: "visible" });
      expect(await text(page, "#user")).toBe("已登录：端到端查询用户");
      expect(await text(page, "#status")).toBe("密码已修改。");
      // A Viewer sees every demo unit's results: the new token passes the API's checks.
      await expect.poll(() => page.locator("#results tbody tr").count(), poll).toBe(6);
      await screenshot(page, "password-changed");

      // Next time the new password signs straight in.
      await page.locator("#signout").click();
      await signIn(page, email, newPassword);
      await page.locator("#workspace").waitFor({ state: "visible" });
      expect(await page.locator("#password-change").isHidden()).toBe(true);

      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    });
  });
});
