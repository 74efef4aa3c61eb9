// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/word/taskpane.html"}
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../src/shared/api";
import { checkPasswordChange } from "../../src/shared/password-change";
import { translate } from "../../src/shared/i18n";
import { describeError, PaneError } from "../../src/shared/problems";
import { click, input, json, loadPane, seed, submit, text, visible, type FakeRequest } from "../pane-harness";

describe("checkPasswordChange", () => {
  it("asks for both passwords, then for the new one typed alike twice", () => {
    expect(checkPasswordChange({ current: "", next: "New#Pass2027", confirm: "New#Pass2027" })).toBe("password.missing");
    expect(checkPasswordChange({ current: "Init#Pass1", next: "", confirm: "" })).toBe("password.missing");
    expect(checkPasswordChange({ current: "Init#Pass1", next: "New#Pass2027", confirm: "New#Pass2028" })).toBe(
      "password.mismatch",
    );
    expect(checkPasswordChange({ current: "Init#Pass1", next: "New#Pass2027", confirm: "New#Pass2027" })).toBeNull();
  });

  it("leaves the policy to the server: a weak but confirmed password passes the form", () => {
    expect(checkPasswordChange({ current: "Init#Pass1", next: "abc", confirm: "abc" })).toBeNull();
  });
});

describe("PaneError and the password-change problem", () => {
  it("shows the pane's own message in the pane's language", () => {
    const t = (key: Parameters<typeof translate>[1]) => translate("en-US", key);
    expect(describeError(new PaneError("password.mismatch"), "en-US", t)).toEqual({
      message: "The two new passwords differ.",
      items: [],
    });
  });

  it("recognises the API's 403 for a pending change, and only that 403", () => {
    expect(new ApiError(403, { code: "auth.password_change_required" }, true).isPasswordChangeRequired).toBe(true);
    expect(new ApiError(403, { code: "forbidden" }, true).isPasswordChangeRequired).toBe(false);
    expect(new ApiError(400, { code: "auth.password_change_required" }, true).isPasswordChangeRequired).toBe(false);
  });
});

const pending = { ...seed.me, mustChangePassword: true };
const changed = { ...seed.me, mustChangePassword: false };
const fresh = { tokenType: "Bearer", accessToken: "tok-2", expiresIn: 1800, refreshToken: "r2" };
const policyProblem = {
  status: 400,
  code: "password.policy",
  messageZh: "新密码不符合密码策略。",
  messageEn: "The new password does not meet the password policy.",
  errors: [
    { code: "password.too_short", messageZh: "密码至少 8 位。", messageEn: "Use at least 8 characters.", field: "newPassword" },
    {
      code: "password.too_simple",
      messageZh: "密码须包含大写字母、小写字母、数字、符号中的至少三类。",
      messageEn: "Use at least three of: upper-case letters, lower-case letters, digits, symbols.",
      field: "newPassword",
    },
  ],
};

/** The API of a user whose initial password is pending until change-password succeeds with `Fresh#Pass2027`. */
function pendingUserApi(): FakeRequest[] {
  return loadPane("word", ({ method, path, headers, body }) => {
    if (method === "POST" && path === "/api/auth/login") return json(seed.token);
    const token = headers.Authorization;
    if (token !== "Bearer tok-1" && token !== "Bearer tok-2") return json({ status: 401 }, 401);
    if (path === "/api/me") return json(token === "Bearer tok-2" ? changed : pending);
    if (method === "POST" && path === "/api/auth/change-password") {
      const { currentPassword, newPassword } = body as { currentPassword: string; newPassword: string };
      if (currentPassword !== "Init#Pass1") {
        return json({ status: 400, code: "password.current_wrong", messageZh: "原密码错误。", messageEn: "The current password is wrong." }, 400);
      }
      return newPassword === "Fresh#Pass2027" ? json(fresh) : json(policyProblem, 400);
    }
    if (token === "Bearer tok-1") {
      return json({ status: 403, code: "auth.password_change_required", messageZh: "请先修改初始密码，然后才能继续使用。", messageEn: "Change your initial password before you continue." }, 403);
    }
    if (path === "/api/campaigns") return json(seed.campaigns);
    if (path === "/api/campaigns/c1/results") return json(seed.results);
    if (path === "/api/campaigns/c1/units") return json([seed.units[0]]);
    return undefined;
  });
}

function fillPasswordForm(current: string, next: string, confirm = next): void {
  input("current-password", current);
  input("new-password", next);
  input("confirm-password", confirm);
  submit("password-form");
}

describe("the pane's forced password change", () => {
  beforeEach(() => {
    vi.resetModules();
    sessionStorage.clear();
    localStorage.clear();
  });

  it("after sign-in asks for a new password, shows the policy and the server's rule messages, then uses the new tokens", async () => {
    const requests = pendingUserApi();
    await import("../../src/word/taskpane");
    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    input("email", "staff@d01.gov.cn");
    input("password", "Init#Pass1");
    submit("signin-form");

    await vi.waitFor(() => expect(visible("password-change")).toBe(true));
    expect(visible("signin")).toBe(false);
    expect(visible("workspace")).toBe(false);
    expect(text("error")).toBe("");
    // Nothing else is tried (the sign-in options are asked for when the pane starts).
    expect(requests.map((r) => r.path)).toEqual(["/api/auth/config", "/api/auth/login", "/api/me"]);
    expect(text("password-change").startsWith("修改初始密码")).toBe(true);
    expect([...document.querySelectorAll("#password-policy li")].map((li) => li.textContent)).toEqual([
      "至少 8 位；",
      "包含大写字母、小写字母、数字、符号中的至少三类；",
      "不能包含账号名。",
    ]);

    // Typed differently twice: the pane says so and sends nothing.
    fillPasswordForm("Init#Pass1", "Fresh#Pass2027", "Fresh#Pass2028");
    await vi.waitFor(() => expect(text("error")).toBe("两次输入的新密码不一致。"));
    expect(requests.some((r) => r.path === "/api/auth/change-password")).toBe(false);

    // Too weak: the server's message and one line per broken rule.
    fillPasswordForm("Init#Pass1", "abc");
    await vi.waitFor(() => expect(document.querySelectorAll("#error li")).toHaveLength(2));
    expect(document.querySelector("#error p")?.textContent).toBe("新密码不符合密码策略。");
    expect([...document.querySelectorAll("#error .problem-message")].map((m) => m.textContent)).toEqual([
      "密码至少 8 位。",
      "密码须包含大写字母、小写字母、数字、符号中的至少三类。",
    ]);
    expect(visible("password-change")).toBe(true);

    fillPasswordForm("Init#Pass1", "Fresh#Pass2027");
    await vi.waitFor(() => expect(document.querySelectorAll("#results tbody tr")).toHaveLength(2));
    expect(visible("password-change")).toBe(false);
    expect(visible("workspace")).toBe(true);
    expect(text("status")).toBe("密码已修改。");
    expect(text("error")).toBe("");
    const change = requests.find((r) => r.path === "/api/auth/change-password" && (r.body as { newPassword: string }).newPassword === "Fresh#Pass2027");
    expect(change?.headers.Authorization).toBe("Bearer tok-1");
    expect(change?.body).toEqual({ currentPassword: "Init#Pass1", newPassword: "Fresh#Pass2027" });
    expect(requests.filter((r) => r.path === "/api/campaigns").map((r) => r.headers.Authorization)).toEqual(["Bearer tok-2"]);
    expect(sessionStorage.getItem("officeeval.auth")).toContain("tok-2");
    for (const id of ["current-password", "new-password", "confirm-password"]) {
      expect((document.getElementById(id) as HTMLInputElement).value).toBe("");
    }
  });

  it("shows the form again for a stored token of a pending user, in English when chosen, and signs out from it", async () => {
    localStorage.setItem("officeeval.locale", "en-US");
    sessionStorage.setItem("officeeval.auth", JSON.stringify({ accessToken: "tok-1", expiresAt: Date.now() + 600_000 }));
    pendingUserApi();
    await import("../../src/word/taskpane");

    await vi.waitFor(() => expect(visible("password-change")).toBe(true));
    expect(document.querySelector("#password-change h2")?.textContent).toBe("Change your initial password");
    expect(document.querySelector("#password-policy li")?.textContent).toBe("have at least 8 characters;");

    fillPasswordForm("Wrong#Pass1", "Fresh#Pass2027");
    await vi.waitFor(() => expect(text("error")).toBe("The current password is wrong."));

    click("password-signout");
    expect(visible("signin")).toBe(true);
    expect(visible("password-change")).toBe(false);
    expect(sessionStorage.getItem("officeeval.auth")).toBeNull();
    expect((document.getElementById("current-password") as HTMLInputElement).value).toBe("");
  });

  it("goes to the form when the API answers 403 auth.password_change_required", async () => {
    // Whatever /me said, the API's code for a pending change leads to the form (e.g. a token from before the change).
    loadPane("word", ({ method, path, headers }) => {
      if (method === "POST" && path === "/api/auth/login") return json(seed.token);
      if (headers.Authorization !== "Bearer tok-1") return json({ status: 401 }, 401);
      if (path === "/api/me") return json(seed.me);
      return json({ status: 403, code: "auth.password_change_required", messageZh: "请先修改初始密码。", messageEn: "Change it." }, 403);
    });
    await import("../../src/word/taskpane");
    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    input("email", "staff@d01.gov.cn");
    input("password", "Init#Pass1");
    submit("signin-form");

    await vi.waitFor(() => expect(visible("password-change")).toBe(true));
    expect(visible("workspace")).toBe(false);
  });
});
