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

  it("shows the staff's own unit's grade, board, results application and its rates against the previous campaign", async () => {
    vi.resetModules();
    localStorage.clear();
    sessionStorage.clear();
    const application = "评估等次为A的部门（单位），在机构编制事项审批和用编申请中予以优先考虑，编制资源适当倾斜。列入绿榜的部门（单位），优先考虑其机构编制事项，编制资源适当倾斜。";
    const results = {
      campaignId: "c1",
      units: [{ ...seed.results.units[1], grade: "A", board: "Green", application, applicationCode: "grade.best" }],
    };
    const history = {
      campaignId: "c1",
      unitId: "u1",
      comparison: {
        previousCampaignId: "c0", previousYear: 2025, previousName: "2025年度评估", mappingSource: "Stored", needsReview: false,
        previousScoreRate: 88, scoreRate: 91.5, scoreRateChange: 3.5,
        dimensions: [{ code: "1", name: "履职尽责", scoreRate: 95, previousScoreRate: 90, scoreRateChange: 5, status: "Mapped" }],
        counts: { improved: 3, declined: 1, unchanged: 10, unmapped: 0, dropped: 0 },
      },
    };
    const requests = loadPane("word", ({ method, path }) => {
      if (method === "POST" && path === "/api/auth/login") return json(seed.token);
      if (path === "/api/me") return json(seed.me);
      if (path === "/api/campaigns") return json(seed.campaigns);
      if (path === "/api/campaigns/c1/results") return json(results);
      if (path === "/api/campaigns/c1/units") return json([seed.units[0]]);
      if (path === "/api/campaigns/c1/units/u1/history") return json(history);
      return undefined;
    });
    await import("../../src/word/taskpane");
    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    input("email", "staff@d01.gov.cn");
    input("password", "secret");
    submit("signin-form");

    await vi.waitFor(() => expect(document.querySelector("#results .outcome-previous")).not.toBeNull());
    const outcome = document.querySelector("#results .unit-outcome")!;
    expect(outcome.querySelector(".outcome-facts")?.textContent).toBe("等次：A　红黄绿榜：绿榜");
    expect(outcome.querySelector(".outcome-application")?.textContent).toBe(`结果运用建议：${application}`);
    expect(outcome.querySelector(".outcome-rate")?.textContent).toBe("得分率 88% → 91.5%（+3.5）");
    expect(outcome.querySelector(".outcome-unconfirmed")).toBeNull();
    expect(requests.filter((r) => r.path.endsWith("/history"))).not.toHaveLength(0);
  });

  it("shows the results without a comparison when the history cannot be had", async () => {
    vi.resetModules();
    localStorage.clear();
    sessionStorage.clear();
    const results = { campaignId: "c1", units: [{ ...seed.results.units[1], grade: "A", board: "Green", application: "评估等次为A……", applicationCode: "grade.best" }] };
    const requests = loadPane("word", ({ method, path }) => {
      if (method === "POST" && path === "/api/auth/login") return json(seed.token);
      if (path === "/api/me") return json(seed.me);
      if (path === "/api/campaigns") return json(seed.campaigns);
      if (path === "/api/campaigns/c1/results") return json(results);
      if (path === "/api/campaigns/c1/units") return json([seed.units[0]]);
      if (path === "/api/campaigns/c1/units/u1/history") return json({ title: "Error", status: 500 }, 500);
      return undefined;
    });
    await import("../../src/word/taskpane");
    await vi.waitFor(() => expect(visible("signin")).toBe(true));
    input("email", "staff@d01.gov.cn");
    input("password", "secret");
    submit("signin-form");

    await vi.waitFor(() => expect(requests.some((r) => r.path.endsWith("/history"))).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.querySelectorAll("#results tbody tr")).toHaveLength(1);
    // The unit's own result still shows; only the comparison is missing, and no error is raised for it.
    expect(document.querySelector("#results .outcome-application")?.textContent).toBe("结果运用建议：评估等次为A……");
    expect(document.querySelector("#results .outcome-previous")).toBeNull();
    expect(text("error")).toBe("");
  });
});

