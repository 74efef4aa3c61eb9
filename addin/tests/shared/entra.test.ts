import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClient } from "../../src/shared/api";
import {
  EntraSignIn,
  EntraSignInError,
  dialogUrlFromPage,
  jwtExpiry,
  loadEntraConfig,
  parseDialogMessage,
  parseEntraConfig,
  type EntraConfig,
} from "../../src/shared/entra";
import { translate } from "../../src/shared/i18n";
import { describeError } from "../../src/shared/problems";
import { InteractionRequiredAuthError, AuthError, authResult, msal } from "../msal-mock";
import { officeWithDialog } from "../office-dialog";

vi.mock("@azure/msal-browser", async () => (await import("../msal-mock")).msalModule);

const config: EntraConfig = {
  clientId: "6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11",
  authority: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47",
  scopes: ["api://eval.example.gov.cn/6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11/access_as_user"],
};
const DIALOG_URL = "https://eval.example.gov.cn/addin/auth/dialog.html";
const expiresOn = new Date("2026-11-21T10:00:00Z");

/** The message the user would read in the pane, in Chinese. */
function shown(error: unknown): string {
  return describeError(error, "zh-CN", (key, params) => translate("zh-CN", key, params)).message;
}

async function rejection(promise: Promise<unknown>): Promise<EntraSignInError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EntraSignInError);
  return error as EntraSignInError;
}

function jwt(payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(payload)}.c2lnbmF0dXJl`;
}

beforeEach(() => msal.reset());

describe("the API's sign-in options", () => {
  const api = (answer: () => Response) =>
    new ApiClient({ baseUrl: "https://eval.example.gov.cn/api/", getToken: () => "tok", fetch: vi.fn(async () => answer()) });

  it("offers Microsoft sign-in only when enabled with a client id, an authority and scopes", () => {
    expect(parseEntraConfig({ entra: { enabled: true, ...config } })).toEqual(config);
    expect(parseEntraConfig({ entra: { enabled: false, ...config } })).toBeNull();
    expect(parseEntraConfig({ entra: { enabled: true, ...config, clientId: "" } })).toBeNull();
    expect(parseEntraConfig({ entra: { enabled: true, ...config, scopes: [] } })).toBeNull();
    expect(parseEntraConfig({ entra: null })).toBeNull();
    expect(parseEntraConfig({})).toBeNull();
  });

  it("reads GET /api/auth/config without a bearer token; a 404 (older API) or a network failure means local accounts only", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ entra: { enabled: true, ...config } }), { status: 200 }));
    const client = new ApiClient({ baseUrl: "https://eval.example.gov.cn/api/", getToken: () => "tok", fetch });
    expect(await loadEntraConfig(client)).toEqual(config);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("https://eval.example.gov.cn/api/auth/config");
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();

    expect(await loadEntraConfig(api(() => new Response(JSON.stringify({ status: 404 }), { status: 404 })))).toBeNull();
    expect(await loadEntraConfig(api(() => new Response("{ not json", { status: 200 })))).toBeNull();
    expect(
      await loadEntraConfig(
        new ApiClient({ baseUrl: "https://x/api/", getToken: () => null, fetch: vi.fn(async () => Promise.reject(new TypeError("offline"))) }),
      ),
    ).toBeNull();
  });

  it("puts the dialog page beside the pane's folder", () => {
    expect(dialogUrlFromPage("https://eval.example.gov.cn/addin/excel/taskpane.html?_host_Info=Excel")).toBe(DIALOG_URL);
    expect(dialogUrlFromPage("https://gov.cn/eval/addin/word/taskpane.html")).toBe("https://gov.cn/eval/addin/auth/dialog.html");
  });
});

describe("sign-in where Office brokers it (NestedAppAuth 1.1)", () => {
  const nested = () => new EntraSignIn(config, { office: officeWithDialog({ nestedAppAuth: true }).office, dialogUrl: DIALOG_URL });

  it("gets the token silently for the user signed in to Office", async () => {
    msal.nested.acquireTokenSilent.mockResolvedValueOnce(authResult("naa-token", expiresOn));
    const entra = nested();

    expect(entra.nested).toBe(true);
    expect(await entra.signIn()).toEqual({ accessToken: "naa-token", expiresAt: expiresOn.getTime() });
    expect(msal.nestedConfigs).toEqual([{ auth: { clientId: config.clientId, authority: config.authority } }]);
    expect(msal.nested.acquireTokenSilent).toHaveBeenCalledWith({ scopes: config.scopes });
    expect(msal.nested.acquireTokenPopup).not.toHaveBeenCalled();
    expect(msal.standardConfigs).toEqual([]);
  });

  it("asks Office for its window when the silent request needs interaction (consent, MFA)", async () => {
    msal.nested.acquireTokenSilent.mockRejectedValueOnce(new InteractionRequiredAuthError());
    msal.nested.acquireTokenPopup.mockResolvedValueOnce(authResult("popup-token", expiresOn));

    expect(await nested().signIn()).toEqual({ accessToken: "popup-token", expiresAt: expiresOn.getTime() });
    expect(msal.nested.acquireTokenPopup).toHaveBeenCalledWith({ scopes: config.scopes });
  });

  it("says the sign-in was cancelled when the user closes Office's window", async () => {
    msal.nested.acquireTokenSilent.mockRejectedValueOnce(new InteractionRequiredAuthError());
    msal.nested.acquireTokenPopup.mockRejectedValueOnce(new AuthError("user_cancelled", "User cancelled the flow."));

    const error = await rejection(nested().signIn());
    expect(error.cancelled).toBe(true);
    expect(shown(error)).toBe("已取消登录。");
  });

  it("shows any other failure without a popup", async () => {
    msal.nested.acquireTokenSilent.mockRejectedValueOnce(new AuthError("network_error", "Network request failed"));

    const error = await rejection(nested().signIn());
    expect(error.cancelled).toBe(false);
    expect(shown(error)).toBe("Microsoft 账户登录失败：Network request failed (network_error)");
    expect(msal.nested.acquireTokenPopup).not.toHaveBeenCalled();
  });

  it("takes the expiry from the token when MSAL gives none", async () => {
    const exp = Math.floor(expiresOn.getTime() / 1000);
    msal.nested.acquireTokenSilent.mockResolvedValueOnce(authResult(jwt({ exp }), null));
    expect((await nested().signIn()).expiresAt).toBe(exp * 1000);
    expect(jwtExpiry("not-a-jwt")).toBeNull();
  });

  it("renews silently and never opens a window; null when only interaction would do", async () => {
    const entra = nested();
    msal.nested.acquireTokenSilent.mockResolvedValueOnce(authResult("renewed", expiresOn));
    expect(await entra.renew()).toEqual({ accessToken: "renewed", expiresAt: expiresOn.getTime() });

    msal.nested.acquireTokenSilent.mockRejectedValueOnce(new InteractionRequiredAuthError());
    expect(await entra.renew()).toBeNull();
    expect(msal.nested.acquireTokenPopup).not.toHaveBeenCalled();
    expect(msal.nestedConfigs).toHaveLength(1); // one client for the pane's life
  });

  it("clears MSAL's cache on sign-out", async () => {
    await nested().signOut();
    expect(msal.nested.clearCache).toHaveBeenCalledOnce();
  });
});

describe("sign-in through the Office dialog (no NestedAppAuth)", () => {
  function dialogSignIn() {
    const stub = officeWithDialog({ nestedAppAuth: false });
    return { stub, entra: new EntraSignIn(config, { office: stub.office, dialogUrl: DIALOG_URL }) };
  }

  it("opens auth/dialog.html and takes the token the page sends back", async () => {
    const { stub, entra } = dialogSignIn();
    expect(entra.nested).toBe(false);
    expect(entra.available).toBe(true);

    const signedIn = entra.signIn();
    expect(stub.opened).toEqual([{ url: DIALOG_URL, options: { height: 60, width: 30 } }]);
    stub.message(JSON.stringify({ token: "dialog-token", expiresOn: expiresOn.getTime() }));

    expect(await signedIn).toEqual({ accessToken: "dialog-token", expiresAt: expiresOn.getTime() });
    expect(stub.closed).toBe(1);
    expect(msal.nestedConfigs).toEqual([]); // MSAL is not even loaded by the pane for this
    expect(msal.standardConfigs).toEqual([]);
  });

  it("takes a token only from its own page's origin", async () => {
    const { stub, entra } = dialogSignIn();
    const signedIn = entra.signIn();
    stub.message(JSON.stringify({ token: "planted", expiresOn: expiresOn.getTime() }), "https://login.microsoftonline.com");

    expect(shown(await rejection(signedIn))).toBe("Microsoft 账户登录失败：message from https://login.microsoftonline.com");
    expect(stub.closed).toBe(1);
  });

  it("calls a dialog closed by the user (12006) a cancelled sign-in", async () => {
    const { stub, entra } = dialogSignIn();
    const signedIn = entra.signIn();
    stub.event(12006);

    const error = await rejection(signedIn);
    expect(error.cancelled).toBe(true);
    expect(shown(error)).toBe("已取消登录。");
    expect(stub.closed).toBe(0); // already gone
  });

  it("shows the error the dialog page reports, and closes the dialog", async () => {
    const { stub, entra } = dialogSignIn();
    const signedIn = entra.signIn();
    stub.message(JSON.stringify({ error: "access_denied", message: "AADSTS50105: 管理员未将您分配到此应用。" }));

    const error = await rejection(signedIn);
    expect(error.cancelled).toBe(false);
    expect(shown(error)).toBe("Microsoft 账户登录失败：AADSTS50105: 管理员未将您分配到此应用。 (access_denied)");
    expect(stub.closed).toBe(1);
  });

  it("explains a dialog that could not open or failed to load", async () => {
    const { stub, entra } = dialogSignIn();
    stub.failNextOpen(12011, "blocked by the browser");
    expect(shown(await rejection(entra.signIn()))).toBe("Microsoft 账户登录窗口被阻止，请允许弹出窗口后重试。");

    stub.failNextOpen(12007, "already open");
    expect(shown(await rejection(entra.signIn()))).toBe("Microsoft 账户登录窗口已打开，请在该窗口中完成登录。");

    const loading = entra.signIn();
    stub.event(12002);
    expect(shown(await rejection(loading))).toBe("无法打开 Microsoft 账户登录窗口（错误 12002）：12002");
  });

  it("renews from the cache the dialog filled, for its account, without a window", async () => {
    const { stub, entra } = dialogSignIn();
    const account = { homeAccountId: "oid.tid", username: "zhang.san@gov.example.cn" };
    msal.standard.getAllAccounts.mockReturnValue([account]);
    msal.standard.acquireTokenSilent.mockResolvedValueOnce(authResult("renewed", expiresOn, account));

    expect(await entra.renew()).toEqual({ accessToken: "renewed", expiresAt: expiresOn.getTime() });
    expect(msal.standardConfigs).toEqual([
      { auth: { clientId: config.clientId, authority: config.authority, redirectUri: DIALOG_URL }, cache: { cacheLocation: "localStorage" } },
    ]);
    expect(msal.standard.initialize).toHaveBeenCalledOnce();
    expect(msal.standard.acquireTokenSilent).toHaveBeenCalledWith({ scopes: config.scopes, account });
    expect(stub.opened).toEqual([]);
  });

  it("does not renew without a cached account (storage not shared with the dialog): the token lapses", async () => {
    const { entra } = dialogSignIn();
    expect(await entra.renew()).toBeNull();
    expect(msal.standard.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it("is not offered outside Office", async () => {
    const entra = new EntraSignIn(config, { office: null, dialogUrl: DIALOG_URL });
    expect(entra.available).toBe(false);
    expect(shown(await rejection(entra.signIn()))).toBe("只有在 Office 中打开本窗格才能使用 Microsoft 账户登录。");
  });
});

describe("parseDialogMessage", () => {
  it("reads a token with its expiry, or from the token's exp", () => {
    expect(parseDialogMessage(JSON.stringify({ token: "t", expiresOn: 1_800_000_000_000 }))).toEqual({
      accessToken: "t",
      expiresAt: 1_800_000_000_000,
    });
    const token = jwt({ exp: 1_800_000_000 });
    expect(parseDialogMessage(JSON.stringify({ token }))).toEqual({ accessToken: token, expiresAt: 1_800_000_000_000 });
  });

  it("refuses anything else with the page's words", () => {
    expect(() => parseDialogMessage("not json")).toThrow(EntraSignInError);
    expect(shown(catching(() => parseDialogMessage("not json")))).toBe("Microsoft 账户登录失败：not json");
    expect(catching(() => parseDialogMessage(JSON.stringify({ error: "user_cancelled", message: "" }))).cancelled).toBe(true);
    expect(shown(catching(() => parseDialogMessage(JSON.stringify({ token: "opaque" }))))).toBe("Microsoft 账户登录失败：no token expiry");
  });
});

function catching(work: () => unknown): EntraSignInError {
  try {
    work();
  } catch (error) {
    return error as EntraSignInError;
  }
  throw new Error("expected an error");
}
