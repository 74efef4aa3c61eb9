// @vitest-environment happy-dom
// @vitest-environment-options {"url": "https://eval.example.gov.cn/addin/excel/taskpane.html"}
// The Excel pane's "拉取汇总结果到工作表" button, driven as a user would against a fake API and a fake workbook.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { click, input, json, loadPane, seed, submit, text, visible } from "../pane-harness";
import { excelApiUpTo, FakeWorkbook } from "./fake-workbook";

const admin = { email: "office@bb.gov.cn", displayName: "编办", roles: ["Admin"], unitId: null };

function fakeExcel(workbook: FakeWorkbook, highest: string) {
  vi.stubGlobal("Office", {
    onReady: async () => ({ host: "Excel", platform: "PC" }),
    context: { partitionKey: "part1_", requirements: excelApiUpTo(highest) },
  });
  const run = vi.fn(async <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(workbook.context()));
  vi.stubGlobal("Excel", { run });
  return run;
}

async function signIn(me: object, highest = "1.9") {
  const workbook = new FakeWorkbook();
  const run = fakeExcel(workbook, highest);
  const requests = loadPane("excel", ({ method, path }) => {
    if (method === "POST" && path === "/api/auth/login") return json(seed.token);
    if (path === "/api/me") return json(me);
    if (path === "/api/campaigns") return json(seed.campaigns);
    if (path === "/api/campaigns/c1/units") return json(seed.units);
    if (path === "/api/campaigns/c1/results") return json(seed.results);
    return undefined;
  });
  await import("../../src/excel/taskpane");
  await vi.waitFor(() => expect(visible("signin")).toBe(true));
  input("email", "office@bb.gov.cn");
  input("password", "secret");
  submit("signin-form");
  await vi.waitFor(() => expect(visible("workspace")).toBe(true));
  await vi.waitFor(() => expect((document.getElementById("campaign") as HTMLSelectElement).value).toBe("c1"));
  return { workbook, run, requests };
}

beforeEach(() => {
  vi.resetModules();
  sessionStorage.clear();
  localStorage.clear();
});

describe("Excel pane: consolidated results into a sheet", () => {
  it("lets an Admin pull the results into 评估结果 and says how many units it wrote", async () => {
    const { workbook } = await signIn(admin);

    expect(visible("results-sheet")).toBe(true);
    expect(text("results-sheet")).toBe("拉取汇总结果到工作表");
    click("results-sheet");

    await vi.waitFor(() => expect(text("status")).toBe("已写入 2 个单位。"));
    const sheet = workbook.sheet("评估结果");
    expect(sheet.range("A1").values).toEqual([["2026 年度评估（暂定）"]]);
    expect(sheet.range("A3:K4").values.map((row) => row.slice(0, 3))).toEqual([
      [1, "D01", "教育局"],
      [2, "D02", "财政局"],
    ]);
    expect(workbook.entries.filter((e) => e === "sync")).toHaveLength(1);

    click("lang");
    expect(text("results-sheet")).toBe("Pull consolidated scores into a sheet");
  });

  it("does not show the button to other roles", async () => {
    await signIn(seed.me); // UnitStaff
    expect(visible("results-sheet")).toBe(false);
  });

  it("says so, without fetching or touching the workbook, when Excel lacks ExcelApi 1.7", async () => {
    const { run, requests } = await signIn(admin, "1.6");

    click("results-sheet");

    await vi.waitFor(() => expect(text("error")).toContain("ExcelApi 1.7"));
    expect(requests.some((r) => r.path.endsWith("/results"))).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });
});
