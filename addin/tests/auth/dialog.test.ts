// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/auth/dialog.html"}
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { redirectUriOf, runSignInDialog } from "../../src/auth/dialog-flow";
import { parseDialogMessage } from "../../src/shared/entra";
import { AuthError, authResult, msal } from "../msal-mock";

vi.mock("@azure/msal-browser", async () => (await import("../msal-mock")).msalModule);

const PAGE = "https://eval.example.gov.cn/addin/auth/dialog.html";
const entra = {
  enabled: true,
  clientId: "6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11",
  authority: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47",
  scopes: ["api://eval.example.gov.cn/6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11/access_as_user"],
};
const expiresOn = new Date("2026-11-21T10:00:00Z");
const account = { homeAccountId: "oid.tid", username: "zhang.san@gov.example.cn" };

function api(config: unknown = { entra }) {
  return vi.fn(async (url: string) =>
    url === "https://eval.example.gov.cn/api/auth/config"
      ? new Response(JSON.stringify(config), { status: 200 })
      : new Response("{}", { status: 404 }),
  );
}

function page(url = PAGE, config?: unknown) {
  const sent: string[] = [];
  return { sent, url, messageParent: (message: string) => sent.push(message), fetch: api(config) as unknown as typeof fetch };
}

beforeEach(() => msal.reset());

describe("the sign-in dialog page", () => {
  it("on first load goes to Entra ID with the API's scopes, this page being the redirect URI", async () => {
    const dialog = page(`${PAGE}?_host_Info=Word$Win32$16.01$zh-CN`);

    expect(await runSignInDialog(dialog)).toBe("redirecting");
    expect(msal.standardConfigs).toEqual([
      { auth: { clientId: entra.clientId, authority: entra.authority, redirectUri: PAGE }, cache: { cacheLocation: "localStorage" } },
    ]);
    expect(msal.standard.initialize).toHaveBeenCalledOnce();
    expect(msal.standard.loginRedirect).toHaveBeenCalledWith({ scopes: entra.scopes, redirectUri: PAGE });
    expect(dialog.sent).toEqual([]);
  });

  it("back from Entra ID, hands the access token and its expiry to the pane", async () => {
    msal.standard.handleRedirectPromise.mockResolvedValueOnce(authResult("dialog-token", expiresOn, account));
    const dialog = page();

    expect(await runSignInDialog(dialog)).toBe("sent");
    expect(dialog.sent.map((m) => JSON.parse(m) as unknown)).toEqual([{ token: "dialog-token", expiresOn: expiresOn.getTime() }]);
    expect(msal.standard.setActiveAccount).toHaveBeenCalledWith(account);
    expect(msal.standard.loginRedirect).not.toHaveBeenCalled();
    // What the pane reads from it.
    expect(parseDialogMessage(dialog.sent[0]!)).toEqual({ accessToken: "dialog-token", expiresAt: expiresOn.getTime() });
  });

  it("reports Entra ID's error to the pane instead of a token", async () => {
    msal.standard.handleRedirectPromise.mockRejectedValueOnce(
      new AuthError("access_denied", "AADSTS50105: The signed in user is not assigned to a role for the application."),
    );
    const dialog = page();

    expect(await runSignInDialog(dialog)).toBe("failed");
    expect(dialog.sent.map((m) => JSON.parse(m) as unknown)).toEqual([
      { error: "access_denied", message: "AADSTS50105: The signed in user is not assigned to a role for the application." },
    ]);
    expect(() => parseDialogMessage(dialog.sent[0]!)).toThrow(/signin.entra.failed/);
  });

  it("tells the pane when the API has Microsoft sign-in off, without loading MSAL", async () => {
    const dialog = page(PAGE, { entra: { enabled: false } });

    expect(await runSignInDialog(dialog)).toBe("failed");
    expect(JSON.parse(dialog.sent[0]!)).toMatchObject({ error: "entra.disabled" });
    expect(msal.standardConfigs).toEqual([]);
  });

  it("registers the page without query or fragment as the redirect URI", () => {
    expect(redirectUriOf(`${PAGE}?a=1#code=x`)).toBe(PAGE);
  });
});

describe("dialog.html", () => {
  beforeEach(() => vi.resetModules());

  it("loads office.js (bundled, then the CDN fallback) before its module", () => {
    const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "auth", "dialog.html"), "utf8");
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script src="../office-js/office.js" vite-ignore>',
      '<script src="../assets/office-fallback.js" vite-ignore>',
      '<script type="module" src="./dialog.ts">',
    ]);
  });

  it("waits for Office, then sends the token with Office.context.ui.messageParent", async () => {
    document.body.innerHTML = '<p id="dialog-error" hidden></p>';
    const sent: string[] = [];
    vi.stubGlobal("fetch", api());
    vi.stubGlobal("Office", {
      onReady: async () => ({ host: null, platform: null }),
      context: { ui: { messageParent: (message: string) => sent.push(message) } },
    });
    msal.standard.handleRedirectPromise.mockResolvedValueOnce(authResult("dialog-token", expiresOn, account));

    await import("../../src/auth/dialog");

    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(JSON.parse(sent[0]!)).toEqual({ token: "dialog-token", expiresOn: expiresOn.getTime() });
    expect(document.getElementById("dialog-error")?.hidden).toBe(true);
  });
});
