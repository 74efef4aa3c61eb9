// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/word/taskpane.html"}
import { describe, expect, it, vi } from "vitest";
import { click, input, json, loadPane, seed, submit, text, visible } from "../pane-harness";

describe("Word task pane outside Office", () => {
  it("signs in, shows the only campaign's results and switches to English", async () => {
    const requests = loadPane("word", ({ method, path, headers }) => {
      if (method === "POST" && path === "/api/auth/login") return json(seed.token);
      if (headers.Authorization !== "Bearer tok-1") return json({ title: "Unauthorized", status: 401 }, 401);
      if (path === "/api/me") return json(seed.me);
      if (path === "/api/campaigns") return json(seed.campaigns);
      if (path === "/api/campaigns/c1/results") return json(seed.results);
      if (path === "/api/campaigns/c1/units") return json([seed.units[0]]);
      return undefined;
    });
    await import("../../src/word/taskpane");

    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    expect(visible("notice")).toBe(true); // no Office: the pane says so and keeps working
    input("email", "staff@d01.gov.cn");
    input("password", "secret");
    submit("signin-form");

    await vi.waitFor(() => expect(document.querySelectorAll("#results tbody tr")).toHaveLength(2));
    expect(requests.find((r) => r.path === "/api/auth/login")?.body).toEqual({ email: "staff@d01.gov.cn", password: "secret" });
    expect(visible("signin-entra-area")).toBe(false); // the API answered 404 for /api/auth/config: local accounts only
    expect(text("user")).toBe("已登录：张三");
    const firstRow = [...document.querySelectorAll("#results tbody tr:first-child td")].map((td) => td.textContent);
    expect(firstRow).toEqual(["1", "D01", "教育局", "已提交", "91.5 / 100", "91.5%"]);
    expect(sessionStorage.getItem("officeeval.auth")).toContain("tok-1");

    click("lang");
    expect(document.documentElement.lang).toBe("en-US");
    expect(text("user")).toBe("Signed in as 张三");
    expect([...document.querySelectorAll("#results th")].map((th) => th.textContent)).toEqual([
      "Rank",
      "Code",
      "Unit",
      "Status",
      "Total",
      "Score rate",
    ]);
  });

  it("returns to the sign-in form when the stored token is rejected", async () => {
    vi.resetModules();
    localStorage.clear(); // the first test chose English, and the choice persists
    sessionStorage.setItem(
      "officeeval.auth",
      JSON.stringify({ accessToken: "revoked", expiresAt: Date.now() + 3_600_000 }),
    );
    loadPane("word", ({ headers }) =>
      headers.Authorization === "Bearer revoked"
        ? json({ title: "Unauthorized", status: 401, messageZh: "未登录", messageEn: "Not signed in" }, 401)
        : undefined,
    );
    await import("../../src/word/taskpane");

    await vi.waitFor(() => expect(text("status")).toBe("登录已过期，请重新登录。"));
    expect(visible("signin")).toBe(true);
    expect(visible("workspace")).toBe(false);
    expect(sessionStorage.getItem("officeeval.auth")).toBeNull();
  });
});
