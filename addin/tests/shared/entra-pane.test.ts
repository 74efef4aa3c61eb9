// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/word/taskpane.html"}
import { beforeEach, describe, expect, it, vi } from "vitest";
import { InteractionRequiredAuthError, authResult, msal } from "../msal-mock";
import { officeWithDialog, type OfficeDialogStub } from "../office-dialog";
import { click, input, json, loadPane, seed, submit, text, visible, type FakeRequest } from "../pane-harness";

vi.mock("@azure/msal-browser", async () => (await import("../msal-mock")).msalModule);

// The Microsoft button in the panes (here Word's; Excel's sign-in form is the same markup and code: shared/pane.ts).

const entra = {
  enabled: true,
  clientId: "6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11",
  authority: "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47",
  scopes: ["api://eval.example.gov.cn/6f1c3f0e-8a59-4c1e-9a53-0e2a2b5f7c11/access_as_user"],
};
const expiresOn = new Date(Date.now() + 3_600_000);
const entraUser = { email: "zhang.san@gov.example.cn", displayName: "张三（Microsoft）", roles: ["UnitStaff"], unitId: "u1" };

/** The API: sign-in options `config`, and the workspace for the Entra token `accepted` (or the local tok-1). */
function api(config: unknown, accepted = "entra-token"): FakeRequest[] {
  return loadPane("word", ({ method, path, headers }) => {
    if (path === "/api/auth/config") return config === undefined ? undefined : json(config);
    if (method === "POST" && path === "/api/auth/login") return json(seed.token);
    const bearer = headers.Authorization;
    if (bearer === "Bearer unknown-account-token") {
      return json(
        { status: 403, code: "entra.no_account", messageZh: "该 Microsoft 账户尚未关联本系统的账号，请联系管理员。", messageEn: "No account is linked." },
        403,
      );
    }
    if (bearer === "Bearer refused-token") {
      return json(
        { status: 401, code: "entra.not_provisioned", messageZh: "该 Microsoft 账户未在本系统开通。", messageEn: "This Microsoft account has no access here." },
        401,
      );
    }
    if (bearer !== `Bearer ${accepted}` && bearer !== "Bearer tok-1") return json({ status: 401 }, 401);
    if (path === "/api/me") return json(bearer === "Bearer tok-1" ? seed.me : entraUser);
    if (path === "/api/campaigns") return json(seed.campaigns);
    if (path === "/api/campaigns/c1/results") return json(seed.results);
    if (path === "/api/campaigns/c1/units") return json([seed.units[0]]);
    return undefined;
  });
}

function inOffice(nestedAppAuth: boolean): OfficeDialogStub {
  const stub = officeWithDialog({ nestedAppAuth, host: "Word" });
  vi.stubGlobal("Office", stub.office);
  return stub;
}

async function openPane(): Promise<void> {
  await import("../../src/word/taskpane");
  await vi.waitFor(() => expect(visible("signin")).toBe(true));
}

beforeEach(() => {
  vi.resetModules();
  sessionStorage.clear();
  localStorage.clear();
  msal.reset();
});

describe("the Microsoft sign-in button", () => {
  it("is not there when the API has Entra sign-in off, and the local form works as before", async () => {
    inOffice(true);
    const requests = api({ entra: { enabled: false } });
    await openPane();
    await vi.waitFor(() => expect(requests.some((r) => r.path === "/api/auth/config")).toBe(true));

    expect(visible("signin-entra-area")).toBe(false);
    input("email", "staff@d01.gov.cn");
    input("password", "secret");
    submit("signin-form");
    await vi.waitFor(() => expect(visible("workspace")).toBe(true));
    expect(text("user")).toBe("已登录：张三");
    expect(msal.nestedConfigs).toEqual([]);
  });

  it("is not offered outside Office, where neither Office's broker nor its dialog exists", async () => {
    const requests = api({ entra });
    await openPane();
    await vi.waitFor(() => expect(requests.some((r) => r.path === "/api/auth/config")).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(visible("signin-entra-area")).toBe(false);
  });

  it("signs in through Office's broker (NAA) and opens the workspace with the Entra token as the bearer", async () => {
    inOffice(true);
    msal.nested.acquireTokenSilent.mockResolvedValueOnce(authResult("entra-token", expiresOn));
    const requests = api({ entra });
    await openPane();
    await vi.waitFor(() => expect(visible("signin-entra-area")).toBe(true));
    expect(text("signin-entra")).toBe("使用 Microsoft 账户登录");

    click("signin-entra");
    await vi.waitFor(() => expect(visible("workspace")).toBe(true));
    expect(text("user")).toBe("已登录：张三（Microsoft）");
    expect(requests.find((r) => r.path === "/api/me")?.headers.Authorization).toBe("Bearer entra-token");
    expect(JSON.parse(sessionStorage.getItem("officeeval.auth") ?? "{}")).toEqual({
      accessToken: "entra-token",
      expiresAt: expiresOn.getTime(),
      source: "entra",
    });
    expect(requests.some((r) => r.path === "/api/auth/login")).toBe(false);

    // Sign-out forgets the token and MSAL's cache for the add-in.
    click("signout");
    expect(visible("signin")).toBe(true);
    expect(sessionStorage.getItem("officeeval.auth")).toBeNull();
    await vi.waitFor(() => expect(msal.nested.clearCache).toHaveBeenCalledOnce());
  });

  it("falls back to Office's window when consent is needed, keeping the button busy meanwhile", async () => {
    inOffice(true);
    msal.nested.acquireTokenSilent.mockRejectedValueOnce(new InteractionRequiredAuthError());
    let approve: () => void = () => undefined;
    msal.nested.acquireTokenPopup.mockImplementationOnce(
      () => new Promise((resolve) => (approve = () => resolve(authResult("entra-token", expiresOn)))),
    );
    api({ entra });
    await openPane();
    await vi.waitFor(() => expect(visible("signin-entra-area")).toBe(true));

    click("signin-entra");
    await vi.waitFor(() => expect(msal.nested.acquireTokenPopup).toHaveBeenCalled());
    expect((document.getElementById("signin-entra") as HTMLButtonElement).disabled).toBe(true);
    expect(text("status")).toBe("正在使用 Microsoft 账户登录…");
    approve();
    await vi.waitFor(() => expect(visible("workspace")).toBe(true));
    expect((document.getElementById("signin-entra") as HTMLButtonElement).disabled).toBe(false);
  });

  it("without NAA, signs in through the dialog page and uses the token it sends", async () => {
    const office = inOffice(false);
    const requests = api({ entra });
    await openPane();
    await vi.waitFor(() => expect(visible("signin-entra-area")).toBe(true));

    click("signin-entra");
    await vi.waitFor(() => expect(office.opened).toHaveLength(1));
    expect(office.opened[0]).toEqual({ url: "https://eval.example.gov.cn/addin/auth/dialog.html", options: { height: 60, width: 30 } });
    office.message(JSON.stringify({ token: "entra-token", expiresOn: expiresOn.getTime() }));

    await vi.waitFor(() => expect(visible("workspace")).toBe(true));
    expect(office.closed).toBe(1);
    expect(requests.find((r) => r.path === "/api/me")?.headers.Authorization).toBe("Bearer entra-token");
  });

  it("says 已取消登录 when the user closes the dialog, and stays on the sign-in form", async () => {
    const office = inOffice(false);
    api({ entra });
    await openPane();
    await vi.waitFor(() => expect(visible("signin-entra-area")).toBe(true));

    click("signin-entra");
    await vi.waitFor(() => expect(office.opened).toHaveLength(1));
    office.event(12006);

    await vi.waitFor(() => expect(text("status")).toBe("已取消登录。"));
    expect(visible("error")).toBe(false);
    expect(visible("signin")).toBe(true);
    expect((document.getElementById("signin-entra") as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows the dialog's error in Chinese", async () => {
    const office = inOffice(false);
    api({ entra });
    await openPane();
    await vi.waitFor(() => expect(visible("signin-entra-area")).toBe(true));

    click("signin-entra");
    await vi.waitFor(() => expect(office.opened).toHaveLength(1));
    office.message(JSON.stringify({ error: "access_denied", message: "AADSTS50105: 管理员未将您分配到此应用。" }));

    await vi.waitFor(() => expect(visible("error")).toBe(true));
    expect(text("error")).toBe("Microsoft 账户登录失败：AADSTS50105: 管理员未将您分配到此应用。 (access_denied)");
    expect(visible("signin")).toBe(true);
  });

  it("shows the API's reason when it refuses the Microsoft account (not 'session expired')", async () => {
    inOffice(true);
    msal.nested.acquireTokenSilent.mockResolvedValueOnce(authResult("refused-token", expiresOn));
    api({ entra });
    await openPane();
    await vi.waitFor(() => expect(visible("signin-entra-area")).toBe(true));

    click("signin-entra");
    await vi.waitFor(() => expect(visible("error")).toBe(true));
    expect(text("error")).toBe("该 Microsoft 账户未在本系统开通。");
    expect(text("status")).toBe("");
    expect(visible("signin")).toBe(true);
    expect(sessionStorage.getItem("officeeval.auth")).toBeNull();
  });

  it("shows a 403 for a Microsoft account without an account here, and does not keep its token", async () => {
    inOffice(true);
    msal.nested.acquireTokenSilent.mockResolvedValueOnce(authResult("unknown-account-token", expiresOn));
    api({ entra });
    await openPane();
    await vi.waitFor(() => expect(visible("signin-entra-area")).toBe(true));

    click("signin-entra");
    await vi.waitFor(() => expect(visible("error")).toBe(true));
    expect(text("error")).toBe("该 Microsoft 账户尚未关联本系统的账号，请联系管理员。");
    expect(visible("signin")).toBe(true);
    expect(visible("workspace")).toBe(false);
    expect(sessionStorage.getItem("officeeval.auth")).toBeNull();
  });

  it("renews a token kept from before a reload once the configuration is known", async () => {
    inOffice(true);
    // Inside the renewal margin already: renewed at once.
    sessionStorage.setItem(
      "officeeval.auth",
      JSON.stringify({ accessToken: "old-token", expiresAt: Date.now() + 120_000, source: "entra" }),
    );
    msal.nested.acquireTokenSilent.mockResolvedValueOnce(authResult("entra-token", expiresOn));
    const requests = api({ entra }, "old-token");

    await import("../../src/word/taskpane");
    await vi.waitFor(() => expect(visible("workspace")).toBe(true));
    await vi.waitFor(() => expect(JSON.parse(sessionStorage.getItem("officeeval.auth") ?? "{}")).toMatchObject({ accessToken: "entra-token" }));
    expect(msal.nested.acquireTokenPopup).not.toHaveBeenCalled();
    expect(requests.find((r) => r.path === "/api/me")?.headers.Authorization).toBe("Bearer old-token");
  });
});
